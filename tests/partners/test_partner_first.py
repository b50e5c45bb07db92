"""A partner user's page opens with what is theirs to do; the vendor's page keeps its order."""

import datetime as dt

import pytest
import time_machine

from outward.objectives.models import CheckIn
from outward.plans import domain as plans
from tests import factories

TODAY = dt.datetime(2026, 7, 15, 12, tzinfo=dt.UTC)

HEADINGS = {
    "checkins": 'id="checkins-due-heading"',
    "objectives": 'id="objectives-heading"',
    "plan_due": 'id="plan-due-heading"',
    "plans": 'id="partner-plans-title"',
    "targets": 'id="targets-heading"',
    "deals": 'id="deals-heading"',
    "profile": 'id="profile-heading"',
}


def order_of(html: str) -> list[str]:
    found = {name: html.find(marker) for name, marker in HEADINGS.items()}
    missing = [name for name, at in found.items() if at < 0]
    assert not missing, f"sections missing: {missing}"
    return sorted(found, key=found.get)


@pytest.fixture
def waiting(world):
    """Partner A: a running objective last checked in 45 days ago, a plan awaiting both sides."""
    with time_machine.travel(TODAY, tick=False):
        objective = factories.ObjectiveFactory(
            objective_id="OA-2026", partner=world.partner_a, period="2026", title="Certify staff"
        )
        factories.CheckInFactory(objective=objective, date=dt.date(2026, 5, 31), value="4")
        plan = plans.create_plan(partner=world.partner_a, period="2026")
        plans.add_action(
            plan=plan, title="Train sales", owner_side="partner", due_date="2026-07-31"
        )
        plans.propose_plan(plan=plan)
        yield objective


@time_machine.travel(TODAY, tick=False)
def test_a_partner_user_sees_their_check_ins_and_plan_first_and_the_vendors_numbers_last(
    world, waiting, login
):
    response = login(world.user_a).get("/partners/PA/")

    assert order_of(response.text) == [
        "checkins",
        "objectives",
        "plan_due",
        "plans",
        "targets",
        "deals",
        "profile",
    ]
    assert "Your objectives need a check-in" in response.text
    assert "Awaits your signature" in response.text
    assert "The vendor&#x27;s targets for you" in response.text or (
        "The vendor's targets for you" in response.text
    )


@time_machine.travel(TODAY, tick=False)
def test_vendor_staff_keep_the_profile_first_and_see_the_vendors_side_to_sign(
    world, waiting, login
):
    response = login(world.manager).get("/partners/PA/")

    order = order_of(response.text)
    assert order[0] == "profile"
    assert order.index("deals") < order.index("objectives")
    assert "Awaits the vendor&#x27;s signature" in response.text or (
        "Awaits the vendor's signature" in response.text
    )


@time_machine.travel(TODAY, tick=False)
def test_the_quick_check_in_records_todays_value_and_comes_back(world, waiting, login):
    client = login(world.user_a)
    page = client.get("/partners/PA/")
    assert f'action="/objectives/{waiting.objective_id}/checkins/"' in page.text

    response = client.post(
        f"/objectives/{waiting.objective_id}/checkins/",
        {"date": "2026-07-15", "value": "6", "next": "/partners/PA/"},
        follow=True,
    )

    assert response.redirect_chain == [("/partners/PA/", 302)]
    assert "Check-in recorded for “Certify staff”." in response.text
    stored = CheckIn.objects.get(objective=waiting, date=dt.date(2026, 7, 15))
    assert stored.value == 6
    assert 'id="checkins-due-heading"' not in response.text  # nothing waits any more


@time_machine.travel(TODAY, tick=False)
def test_the_quick_check_in_never_sends_anyone_to_another_site(world, waiting, login):
    response = login(world.user_a).post(
        f"/objectives/{waiting.objective_id}/checkins/",
        {"date": "2026-07-15", "value": "6", "next": "https://evil.example/"},
    )

    assert response["Location"] == f"/objectives/{waiting.objective_id}/"


@time_machine.travel(TODAY, tick=False)
def test_a_bad_quick_check_in_value_is_refused_with_the_field_named(world, waiting, login):
    response = login(world.user_a).post(
        f"/objectives/{waiting.objective_id}/checkins/",
        {"date": "2026-07-15", "value": "lots", "next": "/partners/PA/"},
    )

    assert response.status_code == 400
    assert not CheckIn.objects.filter(objective=waiting, date=dt.date(2026, 7, 15)).exists()
    assert "value" in response.text.lower()
