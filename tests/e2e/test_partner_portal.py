"""A partner user and a partner manager in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def test_partner_user_sees_own_partner_and_not_another(world, live_server, logged_in_page):
    page = logged_in_page(world.user_a)

    assert page.url == f"{live_server.url}/partners/PA/"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Acme Integration")
    expect(page.get_by_role("table", name=re.compile("own goals"))).to_contain_text("OA")
    expect(page.get_by_role("navigation", name="Main")).not_to_contain_text("Partners")

    response = page.goto(f"{live_server.url}/partners/PB/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
    expect(page.locator("main")).not_to_contain_text("Beta Systems")


def test_manager_searches_partners_and_opens_one(world, live_server, logged_in_page):
    page = logged_in_page(world.manager)
    expect(page.get_by_role("heading", name="My portfolio")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partners").click()
    expect(page.get_by_role("table")).to_contain_text("Acme Integration")

    country = world.partner_b.country
    with page.expect_response(lambda r: f"country={country}" in r.url):
        page.get_by_label("Country").select_option(country)
    expect(page.locator("#partner-results")).to_contain_text("Beta Systems")
    page.get_by_label("Country").select_option("")

    with page.expect_response(lambda r: "q=beta" in r.url and r.request.headers.get("hx-request")):
        page.get_by_label("Search").fill("beta")

    results = page.locator("#partner-results")
    expect(results).to_contain_text("Beta Systems")
    expect(results).not_to_contain_text("Acme Integration")
    expect(results.get_by_role("caption")).to_contain_text("1 partner matches the search")
    expect(page.get_by_role("status")).to_have_text("1 partner found.")
    assert page.url.endswith("/partners/?q=beta&tier=&country=&manager=&quadrant=&sort=partner_id")

    page.get_by_role("link", name="Name").click()
    expect(page).to_have_url(re.compile(r"sort=name"))
    page.get_by_role("link", name="PB").click()

    expect(page).to_have_url(f"{live_server.url}/partners/PB/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beta Systems")
    expect(page.get_by_role("table", name=re.compile("deal"))).to_contain_text("DB")


def test_partner_list_works_without_javascript(world, live_server, browser):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/login/")
    page.get_by_label("Email", exact=True).fill(world.manager.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto("/partners/")
    page.get_by_label("Search").fill("acme")
    page.get_by_role("button", name="Search").click()

    expect(page.locator("#partner-results")).to_contain_text("Acme Integration")
    expect(page.locator("#partner-results")).not_to_contain_text("Beta Systems")
    context.close()


def test_page_records_csp_violations_and_script_errors(world, live_server, page, browser_errors):
    page.goto(f"{live_server.url}/login/")

    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.evaluate("setTimeout(() => { throw new Error('boom') }, 0)")
    page.wait_for_timeout(200)

    assert len(browser_errors) == 2, browser_errors
    assert "inline style violates the following Content Security Policy" in browser_errors[0]
    assert browser_errors[1] == "page error: boom"
    browser_errors.clear()  # provoked on purpose; otherwise the `page` fixture fails the test
