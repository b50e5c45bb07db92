"""The first minute: a manager finds the mutiny-risk partners from the home page in one click;
a partner user lands on their objectives and records a check-in from the home page."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from outward.objectives.models import CheckIn
from tests import factories

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


@pytest.fixture(autouse=True)
def _mid_2026():
    """The clock runs from 15 July 2026: the year is running and its first quarter has ended."""
    with time_machine.travel(dt.datetime(2026, 7, 15, 9, tzinfo=dt.UTC), tick=True):
        yield


def judged_partner(partner_id: str, name: str, *, revenue: str, reached: str):
    """Cam's partner with a 2026 target of 120,000, a won deal and a Q1 objective of 15."""
    partner = factories.PartnerFactory(
        partner_id=partner_id, name=name, manager_email="cam@vendor.example"
    )
    factories.TargetFactory(partner=partner, period="2026", value=Decimal("120000"))
    factories.DealFactory(partner=partner, amount=Decimal(revenue), close_date=dt.date(2026, 3, 1))
    objective = factories.ObjectiveFactory(partner=partner, period="2026-Q1", target=15)
    factories.CheckInFactory(objective=objective, date=dt.date(2026, 3, 31), value=reached)
    return partner


@VIEWPORTS
def test_manager_finds_the_mutiny_risk_partners_from_home_in_one_click(
    world, live_server, page, logged_in_page, viewport
):
    judged_partner("M1", "Mutineer Networks", revenue="90000", reached="5")
    judged_partner("T1", "Thriving Cloud", revenue="80000", reached="20")
    page.set_viewport_size(viewport)
    logged_in_page(world.manager)

    card = page.locator(".mutiny-card")
    expect(card).to_contain_text("1 at mutiny risk")
    expect(card).to_be_in_viewport()
    card.get_by_role("link", name=re.compile("at mutiny risk")).click()

    expect(page).to_have_url(re.compile(r"/health/partners/\?.*quadrant=mutiny_risk"))
    listed = page.locator("main table")
    expect(listed).to_contain_text("Mutineer Networks")
    expect(listed).not_to_contain_text("Thriving Cloud")


@VIEWPORTS
def test_partner_user_lands_on_their_objectives_and_records_a_check_in_from_home(
    world, live_server, page, logged_in_page, viewport
):
    objective = factories.ObjectiveFactory(
        objective_id="OA-CERT", partner=world.partner_a, period="2026", title="Certify engineers"
    )
    factories.CheckInFactory(objective=objective, date=dt.date(2026, 5, 31), value="4")
    page.set_viewport_size(viewport)
    logged_in_page(world.user_a)

    expect(page).to_have_url(re.compile(r"/partners/PA/$"))
    first_section = page.locator("main h2").first
    expect(first_section).to_have_text("Your objectives need a check-in")
    expect(first_section).to_be_in_viewport()
    waiting = page.locator(".checkin-due", has_text="Certify engineers")
    waiting.get_by_label(re.compile("Value today")).fill("7")
    waiting.get_by_role("button", name="Record check-in").click()

    expect(page.get_by_role("status")).to_contain_text("Check-in recorded for “Certify engineers”.")
    expect(page).to_have_url(re.compile(r"/partners/PA/$"))
    expect(page.locator(".checkins-due")).to_have_count(0)
    assert CheckIn.objects.filter(objective=objective, value=7).exists()
