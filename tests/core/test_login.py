"""Log-in behind a reverse proxy: lockouts per client, e-mail without case, reset throttled."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from outward.core.login import client_address
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _log_in(username: str, password: str, *, client_ip: str) -> int:
    client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.66, {client_ip}")
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "198.51.100.66, 203.0.113.9", "10.0.0.1"),
        (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.66, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1"),
    ],
)
def test_client_address_is_read_past_the_trusted_proxies(settings, proxies, forwarded, address):
    settings.OUTWARD_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == address


def test_login_email_is_case_insensitive(world):
    assert _log_in("CAM@Vendor.Example", PASSWORD, client_ip="203.0.113.9") == 302


def test_lockout_behind_the_proxy_hits_one_client_not_everyone(world, settings):
    settings.OUTWARD_TRUSTED_PROXIES = 1
    attacker = [_log_in("cam@vendor.example", "wrong", client_ip="203.0.113.66") for _ in range(6)]
    assert (attacker[-1], _log_in("cam@vendor.example", PASSWORD, client_ip="203.0.113.9")) == (
        429,
        302,
    )


def test_changing_case_does_not_escape_the_lockout(world, settings):
    settings.OUTWARD_TRUSTED_PROXIES = 1
    for name in ["cam@vendor.example", "Cam@vendor.example", "CAM@vendor.example"] * 2:
        _log_in(name, "wrong", client_ip="203.0.113.66")
    assert _log_in("cAm@vendor.example", PASSWORD, client_ip="203.0.113.66") == 429


def test_password_reset_mails_are_throttled_per_account(world):
    client = Client()
    for _ in range(6):
        response = client.post(reverse("password_reset"), {"email": "cam@vendor.example"})
    assert (response.status_code, response["Location"], len(mail.outbox)) == (
        302,
        reverse("password_reset_done"),
        3,
    )
