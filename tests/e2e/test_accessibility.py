"""Every main page passes axe-core with no violations and fits the screen, desktop and phone.

axe-core comes bundled with the `axe-playwright-python` package (dev extra); it is evaluated in
the page through the DevTools protocol, so the pages' strict Content-Security-Policy stays on.
Each page is loaded once and checked at 1440 px, then at 390 px (the page reflows: the menu
collapses, tables start to scroll). Colour contrast, by far the slowest rule, is checked at the
desktop width only: no colour of ours depends on the width. The failure message lists every
violation with the elements it concerns.
"""

import datetime as dt
import json
from decimal import Decimal

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from outward.plans import domain as plans
from tests import factories

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
PERIOD = "period=2026&as_of=2027-01-15"
AXE_OPTIONS = {
    DESKTOP["width"]: {},
    PHONE["width"]: {"rules": {"color-contrast": {"enabled": False}}},
}

VENDOR_PAGES = (
    "/",
    "/partners/",
    "/partners/PA/",
    f"/health/?{PERIOD}",
    f"/health/trend/?{PERIOD}",
    f"/health/scorecard/PA/?{PERIOD}",
    "/objectives/",
    "/objectives/partner/PA/?period=2026",
    "/objectives/OA/",
    "/targets/?period=2027&as_of=2026-12-31",
    "/plans/",
    "/plans/new/",
    "/plans/{plan}/",
    "/import/",
)
PARTNER_PAGES = (
    "/",
    "/objectives/",
    "/objectives/OA/",
    "/plans/",
    "/plans/{plan}/",
    f"/health/scorecard/PA/?{PERIOD}",
)


@pytest.fixture
def channel(world):
    """Partner A with a running and an ended objective, deals, a target and a proposed plan."""
    factories.DealFactory(
        partner=world.partner_a, amount=Decimal("4932433"), close_date=dt.date(2026, 4, 1)
    )
    factories.ObjectiveFactory(partner=world.partner_a, objective_id="OA-Q1", period="2026-Q1")
    plan = plans.create_plan(partner=world.partner_a, period="2026", notes="Grow together")
    plans.link_objectives(plan=plan, objective_ids=[world.objective_a.pk])
    plans.add_action(plan=plan, title="Joint webinar", owner_side="vendor", due_date="2026-03-31")
    plans.propose_plan(plan=plan)
    # A draft plan too: its grey badge is one that axe used to find too faint.
    plans.create_plan(partner=world.partner_a, period="2027")
    return plan


def problems(page, paths: tuple[str, ...], **values) -> dict[str, list[str]]:
    """Per page and width: axe's violations (rule, impact, help, the elements concerned), and
    whether the page is wider than the window (a card or control off-screen)."""
    found = {}
    for path in paths:
        url = path.format(**values)
        page.set_viewport_size(DESKTOP)
        page.goto(url)
        # Sections that htmx loads after the page (the health trend) are checked too.
        page.locator("[hx-trigger=load]").first.wait_for(state="detached")
        page.evaluate(AXE_SCRIPT)
        for viewport in (DESKTOP, PHONE):
            width = viewport["width"]
            page.set_viewport_size(viewport)
            # Let the page's resize handlers run first (they mark tables that now scroll).
            page.evaluate(
                "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
            )
            options = {"resultTypes": ["violations"], **AXE_OPTIONS[width]}
            result = page.evaluate(f"axe.run({json.dumps(options)})")
            key = f"{url} at {width} px"
            for violation in result["violations"]:
                targets = [", ".join(node["target"]) for node in violation["nodes"]]
                found.setdefault(key, []).append(
                    f"{violation['id']} ({violation['impact']}): {violation['help']} — "
                    + "; ".join(targets)
                )
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                found.setdefault(key, []).append(f"{scroll_width} px wide in a {width} px window")
    return found


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{url}\n  " + "\n  ".join(lines) for url, lines in found.items())


def test_vendor_pages_pass_axe(world, channel, live_server, page, logged_in_page):
    found = problems(page, ("/login/",))
    logged_in_page(world.manager)
    found |= problems(page, VENDOR_PAGES, plan=channel.pk)

    assert found == {}, report(found)


def test_partner_pages_pass_axe(world, channel, live_server, page, logged_in_page):
    logged_in_page(world.user_a)
    found = problems(page, PARTNER_PAGES, plan=channel.pk)

    assert found == {}, report(found)
