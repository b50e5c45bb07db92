"""A partner user records a check-in on their objective in a real browser and sees it listed."""

import pytest
from playwright.sync_api import expect

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
