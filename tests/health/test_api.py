"""`GET /api/v1/health/`: personas, scoping and bad input."""

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from outward.core.models import ApiToken
from outward.health.domain import health_report
from tests import factories

URL = "/api/v1/health/"


def _client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        _, raw = ApiToken.issue(user)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.fixture
def channel(world):
    """The world plus revenue and a met objective for partner B: data that could leak."""
    factories.DealFactory(partner=world.partner_b, amount=Decimal("999"))
    factories.CheckInFactory(objective=world.objective_b, date=dt.date(2026, 12, 31), value=99)
    return world


@pytest.mark.parametrize("persona", ["admin", "manager"])
def test_vendor_staff_get_every_partner(channel, persona):
    response = _client(channel.persona(persona)).get(URL, {"period": "2026", "as_of": "2027-01-15"})
    assert response.status_code == 200
    assert response.json() == health_report(period="2026", as_of=dt.date(2027, 1, 15))
    assert [p["partner_id"] for p in response.json()["partners"]] == ["PA", "PB"]


def test_partner_user_gets_only_own_partner(channel):
    response = _client(channel.user_a).get(URL, {"period": "2026", "as_of": "2027-01-15"})
    body = response.json()
    assert response.status_code == 200
    assert [p["partner_id"] for p in body["partners"]] == ["PA"]
    assert body["summary"]["partners"] == 1
    assert body["summary"]["revenue"]["actual"] == 25000.0
    assert "OB" not in response.content.decode()


def test_session_login_works_too(channel, login):
    response = login(channel.manager).get(URL, {"period": "2026-Q1", "as_of": "2026-06-30"})
    assert (response.status_code, response.json()["period"]) == (200, "2026-Q1")


def test_without_trailing_slash_answers_the_same(channel):
    client = _client(channel.admin)
    params = {"period": "2026", "as_of": "2027-01-15"}
    assert client.get("/api/v1/health", params).json() == client.get(URL, params).json()


def test_threshold_parameter(channel):
    response = _client(channel.admin).get(
        URL, {"period": "2026", "as_of": "2027-01-15", "threshold": "0.5"}
    )
    assert response.json()["threshold"] == 0.5


@pytest.fixture
def manager(db):
    """One manager and no world: enough for the requests that never reach the data."""
    return factories.UserFactory(username="cam@vendor.example", role="manager")


@pytest.mark.django_db
def test_anonymous_is_401():
    response = _client(None).get(URL, {"period": "2026"})
    assert response.status_code == 401


def test_revoked_token_is_401(channel):
    client = APIClient()
    token, raw = ApiToken.issue(channel.user_a)
    token.revoked_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    token.save()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get(URL, {"period": "2026"}).status_code == 401


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({}, {"period": ["This field is required."]}),
        (
            {"period": "2026-Q9"},
            {"period": ["'2026-Q9' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"]},
        ),
        (
            {"period": "2026", "as_of": "yesterday"},
            {"as_of": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]},
        ),
        (
            {"period": "2026", "threshold": "2"},
            {"threshold": ["Ensure this value is less than or equal to 1."]},
        ),
        ({"period": "2026", "threshold": "x"}, {"threshold": ["A valid number is required."]}),
    ],
)
def test_bad_parameters_are_400_with_field_errors(manager, params, errors):
    response = _client(manager).get(URL, params)
    assert (response.status_code, response.json()) == (400, errors)
