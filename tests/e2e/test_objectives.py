"""A partner user records a check-in on their objective in a real browser and sees it listed."""

import pytest
from playwright.sync_api import expect

from tests.e2e.keyboard import tab_to

pytestmark = pytest.mark.e2e


def test_partner_user_records_a_checkin_and_sees_it(world, live_server, logged_in_page):
    page = logged_in_page(world.user_a)
    page.goto(f"{live_server.url}/objectives/")  # a partner user's own objectives
    expect(page.get_by_role("heading", name="Objectives of Acme Integration")).to_be_visible()
    page.get_by_role("link", name="Grow managed-services revenue").first.click()

    page.get_by_label("Date").fill("2026-11-20")
    page.get_by_label("Value").fill("13.5")
    page.get_by_label("Comment").fill("Two more engineers certified")
    page.get_by_role("button", name="Record check-in").click()

    checkins = page.locator("#checkins")
    expect(checkins.get_by_role("status")).to_have_text("Check-in recorded.")  # htmx swap
    first_row = checkins.locator("tbody tr").first
    expect(first_row).to_have_text("2026-11-2013.5Two more engineers certified")
    expect(checkins).to_contain_text("latest value 13.5")

    page.goto(f"{live_server.url}/objectives/partner/PA/?period=2026")
    row = page.get_by_role("row", name="Grow managed-services revenue")
    expect(row).to_contain_text("13.5")
    expect(row).to_contain_text("2026-11-20")


def test_partner_user_cannot_open_another_partners_objective(world, live_server, logged_in_page):
    page = logged_in_page(world.user_a)

    response = page.goto(f"{live_server.url}/objectives/{world.objective_b.objective_id}/")

    assert response.status == 404


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1440, "height": 900}, {"width": 390, "height": 844}],
    ids=["desktop", "phone"],
)
def test_checkin_by_keyboard_asks_before_a_date_that_will_not_count(
    world, live_server, logged_in_page, viewport
):
    page = logged_in_page(world.user_a)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/objectives/{world.objective_a.objective_id}/")
    checkins = page.locator("#checkins")

    date = page.get_by_label("Date")
    tab_to(page, date)
    date.fill("2027-02-01")  # after the objective's period (2026)
    tab_to(page, page.get_by_label("Value"))  # Tab walks the date's day, month and year first
    page.keyboard.type("14")
    page.keyboard.press("Enter")

    question = checkins.get_by_role("alert")
    expect(question).to_contain_text("2027-02-01 lies outside the objective's period 2026")
    expect(question).to_be_focused()  # the focus follows the swap to what must be read
    assert world.objective_a.checkins.count() == 1
    tab_to(page, page.get_by_role("button", name="Record it anyway"))
    page.keyboard.press("Enter")

    recorded = checkins.get_by_role("status")
    expect(recorded).to_have_text("Check-in recorded.")
    expect(recorded).to_be_focused()
    expect(checkins.locator("tbody tr").first).to_contain_text("2027-02-01 does not count14")
    # The change history is refreshed with the same swap.
    expect(page.locator("#history tbody tr").first).to_contain_text("Check-in 2027-02-01 created")
    assert world.objective_a.checkins.count() == 2
