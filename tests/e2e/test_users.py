"""The admins' user pages in a real browser: create a partner user with the partner picker,
deactivate another user through the confirmation, and axe on every user page."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from outward.core.models import Role, User
from tests import factories
from tests.e2e.test_accessibility import problems, report

pytestmark = pytest.mark.e2e


def test_admin_creates_a_partner_user_with_the_picker(world, live_server, page, logged_in_page):
    logged_in_page(world.admin)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Users").click()
    page.get_by_role("link", name="New user").click()
    page.get_by_label("E-mail address").fill("nina@acme.example")
    page.get_by_label("Role").select_option("partner")
    page.locator("#partner-search").fill("acme")
    choice = page.get_by_role("radio", name="Acme Integration")
    expect(page.get_by_role("status").filter(has_text="match")).to_have_text(
        "1 partner matches “acme”."
    )
    choice.check()
    page.get_by_role("button", name="Create the user").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("nina@acme.example")
    expect(page.locator(".messages")).to_contain_text(
        "nina@acme.example created and e-mailed an invitation."
    )
    created = User.objects.get(username="nina@acme.example")
    assert (created.role, created.partner, [m.to for m in mail.outbox]) == (
        Role.PARTNER,
        world.partner_a,
        [["nina@acme.example"]],
    )


def test_admin_deactivates_a_user_through_the_confirmation(
    world, live_server, page, logged_in_page
):
    logged_in_page(world.admin)
    page.goto(f"{live_server.url}/users/")
    page.get_by_label("Search").fill("beta")
    expect(page.get_by_role("table")).not_to_contain_text("ann@acme.example")
    page.get_by_role("link", name="bob@beta.example").click()
    page.get_by_role("link", name="Deactivate").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Deactivate bob@beta.example?")
    assert User.objects.get(pk=world.user_b.pk).is_active is True
    page.get_by_role("button", name="Deactivate").click()

    expect(page.locator(".messages")).to_contain_text("bob@beta.example is deactivated")
    expect(page.get_by_role("link", name="Reactivate")).to_be_visible()
    assert User.objects.get(pk=world.user_b.pk).is_active is False


def test_user_and_coverage_pages_pass_axe(world, live_server, page, logged_in_page):
    territory = factories.TerritoryFactory(territory_id="T-DACH", name="DACH")
    factories.PartnerTerritoryFactory(partner=world.partner_a, territory=territory)
    logged_in_page(world.admin)
    found = problems(
        page,
        (
            "/users/",
            "/users/new/?q=a",
            "/users/{user}/",
            "/users/{user}/deactivate/",
            "/territories/T-DACH/edit/?q=beta",
            "/territories/T-DACH/partners/PA/remove/",
        ),
        user=world.user_b.pk,
    )
    assert found == {}, report(found)
