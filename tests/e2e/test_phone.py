"""The phone layout (390 px): the main menu collapses behind a button; desktop shows it all."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_menu_collapses_on_a_phone_and_opens_with_its_button(world, page, logged_in_page):
    page.set_viewport_size({"width": 390, "height": 844})
    logged_in_page(world.manager)
    menu = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Main")

    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Objectives needing a check-in")).to_be_visible()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(menu).to_be_focused()


def test_menu_is_always_open_on_a_desktop(world, page, logged_in_page):
    page.set_viewport_size({"width": 1440, "height": 900})
    logged_in_page(world.admin)

    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    links = page.get_by_role("navigation", name="Main").get_by_role("link")
    expect(links).to_have_text(
        [
            "Home",
            "Partners",
            "Health",
            "Import",
            "Targets",
            "Territories",
            "Objectives needing a check-in",
            "Plans",
            "Events",
            "API docs",
            "Users",
            "Admin site",
        ]
    )
