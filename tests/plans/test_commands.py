"""`outward plans close-ended`: agreed plans close by themselves once their period has ended."""

import io

import pytest
from django.core.management import CommandError, call_command

from outward.plans.models import JointBusinessPlan
from outward.plans.tasks import close_ended_plans_task


def _run(*args) -> str:
    out = io.StringIO()
    call_command("plans", "close-ended", *args, stdout=out)
    return out.getvalue()


def test_close_ended_closes_agreed_plans_of_ended_periods(world, agreed_plan_a):
    assert _run("--date", "2026-12-31") == "closed 0 plan(s) whose period ended before 2026-12-31\n"
    assert _run("--date", "2027-01-01") == (
        "closed PA 2026\nclosed 1 plan(s) whose period ended before 2027-01-01\n"
    )
    assert JointBusinessPlan.objects.get().state == "closed"


def test_close_ended_task_runs_in_the_vendors_scope(world, agreed_plan_a):
    result = close_ended_plans_task.delay(date="2027-01-02", scope_partner=None).get()

    assert result == {"closed": [agreed_plan_a.pk]}


def test_close_ended_bad_date_exits_2(db):
    with pytest.raises(CommandError) as refusal:
        _run("--date", "tomorrow")

    assert refusal.value.returncode == 2
