"""Territory mapping in a real browser: create a territory, test an account against it, and
see the coverage change."""

import pytest
from playwright.sync_api import expect

from outward.territories.domain.assignment import assign_accounts
from tests import factories
from tests.e2e.test_accessibility import problems, report

pytestmark = pytest.mark.e2e


def _an_account_in_italy_under_the_world(world, logged_in_page) -> None:
    factories.TerritoryFactory(territory_id="T-WORLD", name="World")
    factories.AccountFactory(account_id="A-ROMA", country="IT", subdivision="IT-RM")
    assign_accounts()
    logged_in_page(world.manager)


def test_create_a_territory_test_an_account_and_see_coverage_change(
    world, live_server, page, logged_in_page
):
    _an_account_in_italy_under_the_world(world, logged_in_page)

    page.goto(f"{live_server.url}/territories/coverage/")
    italy_row = page.get_by_role("row", name="T-IT")
    expect(italy_row).to_have_count(0)

    page.goto(f"{live_server.url}/territories/new/")
    page.get_by_label("Key").fill("T-IT")
    page.get_by_label("Name").fill("Italy")
    page.get_by_label("Parent").select_option("T-WORLD")
    page.get_by_label("Countries").fill("it")
    page.get_by_role("button", name="Save and re-assign").click()
    expect(page.get_by_role("status")).to_have_text("Saved. 1 account moved.")

    page.goto(f"{live_server.url}/territories/test/")
    page.get_by_label("Country").fill("IT")
    page.get_by_label("Employees").fill("40")
    page.get_by_role("button", name="Test").click()
    expect(page.get_by_role("heading", name="Lands in T-IT")).to_be_visible()
    expect(page.locator("#test-result")).to_contain_text("✓ T-IT: countries IT")

    page.goto(f"{live_server.url}/territories/coverage/")
    expect(page.get_by_role("row", name="T-IT")).to_contain_text("Italy")
    cells = page.get_by_role("row", name="T-IT").get_by_role("cell")
    expect(cells.nth(2)).to_have_text("1")  # accounts (after the key's header cell)
    expect(page.get_by_role("row", name="T-IT")).to_contain_text("white space")

    factories.PartnerTerritoryFactory(
        partner=world.partner_a,
        territory=factories.TerritoryFactory._meta.model.objects.get(territory_id="T-IT"),
    )
    page.reload()
    expect(page.get_by_role("row", name="T-IT")).to_contain_text("PA")
    expect(page.get_by_role("row", name="T-IT")).not_to_contain_text("white space")


def test_the_map_draws_from_the_packaged_shapes(world, live_server, page, logged_in_page):
    _an_account_in_italy_under_the_world(world, logged_in_page)
    page.goto(f"{live_server.url}/territories/map/")
    image = page.get_by_role("img", name="World map of accounts per covering partner")
    expect(image).to_be_visible()
    assert image.evaluate("element => element.naturalWidth") > 0
    italy = page.locator("tr", has=page.get_by_role("rowheader", name="IT", exact=True))
    expect(italy).to_contain_text("white space")


TERRITORY_PAGES = (
    "/territories/",
    "/territories/coverage/",
    "/territories/map/",
    "/territories/new/",
    "/territories/T-WORLD/edit/",
    "/territories/test/?country=IT&employees=40",
    "/territories/conflicts/",
)


def test_territory_pages_pass_axe(world, live_server, page, logged_in_page):
    _an_account_in_italy_under_the_world(world, logged_in_page)
    found = problems(page, TERRITORY_PAGES)
    page.context.clear_cookies()
    logged_in_page(world.user_a)
    found |= problems(page, TERRITORY_PAGES[:3])
    assert found == {}, report(found)
