"""`outward demo`: the small demo, --if-empty, refusing a database with data, the logins."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from outward.objectives.models import Objective
from outward.partners.models import Partner
from outward.sales.models import Account, Deal


def _demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", "--today", "2026-11-26", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_demo_small_if_empty_loads_once_and_prints_logins_that_work(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    first = _demo("--if-empty")
    counts = (Partner.objects.count(), Account.objects.count(), Deal.objects.count())
    objectives = Objective.objects.count()
    second = _demo("--if-empty")

    assert counts == (120, 5_000, 20_000)
    assert objectives == 1_200
    assert (Partner.objects.count(), Deal.objects.count()) == (120, 20_000)
    assert first.startswith("Loaded the small demo (seed 1)")
    assert second.startswith("The database already has partners: demo data not loaded.")
    domain = Partner.objects.get(partner_id="P00001").domains.order_by("pk").first().domain
    emails = ["admin@outward.example", "manager@outward.example", f"partner@{domain}"]
    for output in (first, second):
        logins = output[output.index("Open http://127.0.0.1:8000") :].splitlines()
        assert logins[0] == (
            "Open http://127.0.0.1:8000 and log in with the password 'outward-demo' as:"
        )
        assert [line.split()[0] for line in logins[1:]] == emails
    request = RequestFactory().post("/login/")
    roles = {}
    for email in emails:
        user = authenticate(request, username=email, password="outward-demo")
        roles[email] = (user.role, user.partner.partner_id if user.partner else None)
    wrong = authenticate(request, username=emails[0], password="wrong")
    assert roles == {
        emails[0]: ("admin", None),
        emails[1]: ("manager", None),
        emails[2]: ("partner", "P00001"),
    }
    assert wrong is None


def test_demo_refuses_a_database_with_partners(world):
    with pytest.raises(CommandError) as caught:
        _demo()

    assert caught.value.returncode == 2
    assert "already has partners" in str(caught.value)
    assert Partner.objects.count() == 2


def test_demo_if_empty_with_foreign_data_names_how_to_log_in(world):
    output = _demo("--if-empty")

    assert output.splitlines() == [
        "The database already has partners: demo data not loaded.",
        "This database has no demo users; log in with your own account (create one with "
        "`outward users create EMAIL --role admin --password-stdin`).",
    ]


@pytest.mark.django_db
def test_demo_bad_today_exits_2():
    with pytest.raises(CommandError) as caught:
        _demo("--size", "small", "--today", "26.11.2026")

    assert caught.value.returncode == 2
    assert str(caught.value) == "--today: '26.11.2026' is not a date (use YYYY-MM-DD)"
    assert Partner.objects.count() == 0
