"""`outward checkins remind`: who gets mail, one a day, the N-days rule, the Celery task."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from outward.objectives.models import CheckInReminder
from outward.objectives.tasks import send_checkin_reminders_task
from tests import factories

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def people(db):
    acme = factories.PartnerFactory(partner_id="PA", name="Acme")
    beta = factories.PartnerFactory(partner_id="PB", name="Beta")
    quiet = factories.ObjectiveFactory(
        partner=acme, objective_id="OA1", title="Certify engineers", period="2026"
    )
    factories.CheckInFactory(objective=quiet, date=dt.date(2026, 9, 1))
    factories.ObjectiveFactory(
        partner=acme, objective_id="OA2", title="Win 3 logos", period="2026-Q4"
    )
    fresh = factories.ObjectiveFactory(partner=beta, objective_id="OB1", period="2026")
    factories.CheckInFactory(objective=fresh, date=dt.date(2026, 11, 20))
    factories.ObjectiveFactory(partner=beta, objective_id="OB2", period="2026-Q2")  # ended
    return {
        "ann": factories.UserFactory(username="ann@acme.example", role="partner", partner=acme),
        "al": factories.UserFactory(username="al@acme.example", role="partner", partner=acme),
        "bob": factories.UserFactory(username="bob@beta.example", role="partner", partner=beta),
        "gone": factories.UserFactory(
            username="gone@acme.example", role="partner", partner=acme, is_active=False
        ),
        "cam": factories.UserFactory(username="cam@vendor.example", role="manager"),
    }


def _run(*args) -> str:
    out = StringIO()
    call_command("checkins", "remind", *args, stdout=out)
    return out.getvalue()


def test_remind_checkins_is_kept_as_the_older_name(people, mailoutbox):
    out = StringIO()
    call_command("remind-checkins", "--date", "2026-11-26", stdout=out)
    again = _run("--date", "2026-11-26")
    assert (out.getvalue(), again) == (
        "sent 2 reminder(s) for 2026-11-26 (0 already reminded today, 0 failed)\n",
        "sent 0 reminder(s) for 2026-11-26 (2 already reminded today, 0 failed)\n",
    )
    assert len(mailoutbox) == 2


def test_reminders_go_to_active_users_of_partners_with_quiet_objectives(people, mailoutbox):
    output = _run("--date", "2026-11-26")

    assert output == "sent 2 reminder(s) for 2026-11-26 (0 already reminded today, 0 failed)\n"
    assert sorted(m.to[0] for m in mailoutbox) == ["al@acme.example", "ann@acme.example"]
    mail = next(m for m in mailoutbox if m.to == ["ann@acme.example"])
    assert mail.subject == "Outward: 2 objective(s) waiting for a check-in"
    assert "- Certify engineers (2026, target 15 USD), last check-in 2026-09-01\n" in mail.body
    assert "  http://127.0.0.1:8000/objectives/OA1/\n" in mail.body
    assert "- Win 3 logos (2026-Q4, target 15 USD)\n  http://127.0.0.1:8000/objectives/OA2/" in (
        mail.body
    )
    assert sorted(
        CheckInReminder.objects.values_list("user__username", "sent_on", "objectives")
    ) == [
        ("al@acme.example", TODAY, 2),
        ("ann@acme.example", TODAY, 2),
    ]


def test_a_second_run_the_same_day_sends_nothing(people, mailoutbox):
    _run("--date", "2026-11-26")
    mailoutbox.clear()

    output = _run("--date", "2026-11-26")

    assert output == "sent 0 reminder(s) for 2026-11-26 (2 already reminded today, 0 failed)\n"
    assert mailoutbox == []
    _run("--date", "2026-11-27")
    assert len(mailoutbox) == 2


def test_days_option_sets_how_long_quiet_means(people, mailoutbox):
    _run("--date", "2026-11-26", "--days", "5")  # Beta's check-in was 6 days ago

    assert sorted(m.to[0] for m in mailoutbox) == [
        "al@acme.example",
        "ann@acme.example",
        "bob@beta.example",
    ]


def test_the_celery_task_calls_the_same_rule(people, mailoutbox):
    result = send_checkin_reminders_task.delay(date="2026-11-26", scope_partner=None).get()

    assert result == {"sent": 2, "already_reminded": 0, "failed": 0}
    assert len(mailoutbox) == 2


@pytest.mark.parametrize(
    "args,message",
    [
        (["--days", "0"], "--days: 0 must be at least 1"),
        (["--date", "2026-02-30"], "--date: '2026-02-30' is not a date (use YYYY-MM-DD)"),
    ],
)
def test_bad_arguments_exit_with_status_2(db, args, message):
    with pytest.raises(CommandError) as refusal:
        _run(*args)

    assert (refusal.value.returncode, str(refusal.value)) == (2, message)
