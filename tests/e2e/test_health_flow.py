"""A partner's check-in moves it on the manager's health dashboard, in a real browser."""

import datetime as dt
import re
from decimal import Decimal

from tests import factories

DASHBOARD = "/health/?period=2026&as_of=2027-01-15"


def log_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()


def quadrant(page, key: str):
    return page.locator(f"#quadrant-{key}")


def test_checkin_moves_partner_from_mutiny_risk_to_thriving(world, live_server, logged_in_page):
    # Acme meets the quota (125,000 of 100,000) but misses its own objective (10 of 15).
    factories.DealFactory(
        partner=world.partner_a, amount=Decimal("100000"), close_date=dt.date(2026, 4, 1)
    )
    page = logged_in_page(world.manager)
    page.goto(f"{live_server.url}{DASHBOARD}")
    assert "Acme Integration" in quadrant(page, "mutiny_risk").inner_text()
    assert "Acme Integration" not in quadrant(page, "thriving").inner_text()
    log_out(page)

    # Ann of Acme records the objective's new value on the objective's page.
    logged_in_page(world.user_a)
    page.goto(f"{live_server.url}/objectives/{world.objective_a.objective_id}/")
    page.get_by_label("Date").fill("2026-10-01")
    page.get_by_label("Value").fill("18")
    page.get_by_role("button", name="Record check-in").click()
    page.get_by_text("Check-in recorded.").wait_for()
    log_out(page)

    logged_in_page(world.manager)
    page.goto(f"{live_server.url}{DASHBOARD}")
    assert "Acme Integration" in quadrant(page, "thriving").inner_text()
    assert "Acme Integration" not in quadrant(page, "mutiny_risk").inner_text()
    # The chart links the partner's point to its page.
    point = page.locator("svg.quadrant-chart a", has=page.locator("title", has_text="Acme"))
    assert point.get_attribute("href") == "/partners/PA/"


def test_filter_swaps_results_in_place_and_pushes_url(world, live_server, logged_in_page):
    page = logged_in_page(world.manager)
    page.goto(f"{live_server.url}{DASHBOARD}")
    assert "Beta Systems" in page.locator("#health-results").inner_text()
    page.get_by_role("combobox", name="Tier").select_option("Gold")
    page.wait_for_url(re.compile(r"tier=Gold"))
    results = page.locator("#health-results")
    results.get_by_text("1 partner", exact=False).first.wait_for()
    assert "Beta Systems" not in results.inner_text()
    assert "Acme Integration" in results.inner_text()
    scorecards = page.get_by_role("link", name="Print their scorecards")
    assert "tier=Gold" in scorecards.get_attribute("href")


def test_partner_user_prints_own_scorecard(world, live_server, logged_in_page):
    page = logged_in_page(world.user_a)
    page.goto(f"{live_server.url}/health/scorecard/PA/?period=2026&as_of=2027-01-15")
    assert page.get_by_role("heading", name=re.compile("Acme Integration")).count() == 1
    assert page.locator("button[data-print]").is_visible()
    response = page.goto(f"{live_server.url}/health/scorecard/PB/")
    assert response.status == 404
