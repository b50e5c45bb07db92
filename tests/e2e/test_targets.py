"""Target setting in a real browser: saving stores only the rows the user changed."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from outward.targets.models import Target
from tests import factories

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1440, "height": 900}, {"width": 390, "height": 844}],
    ids=["desktop", "phone"],
)
def test_save_stores_only_the_changed_row(world, live_server, page, logged_in_page, viewport):
    for partner in (world.partner_a, world.partner_b):
        factories.DealFactory(
            partner=partner, amount=Decimal("50000"), close_date=dt.date(2026, 5, 1)
        )
    page.set_viewport_size(viewport)
    logged_in_page(world.manager)
    page.goto(f"{live_server.url}/targets/?period=2027&as_of=2026-12-31")
    target_b = page.get_by_label("Revenue target 2027 for Beta Systems")
    expect(target_b).to_have_value("82500")  # 75,000 grown 10 %: pre-filled, not stored

    page.get_by_label("Revenue target 2027 for Acme Integration").fill("61000")
    page.get_by_role("button", name="Save changed targets").click()

    expect(page.get_by_role("status")).to_have_text(
        "Saved 1 revenue target for 2027 (1 new, 0 updated)."
    )
    stored = Target.objects.filter(period="2027").values_list("partner__partner_id", "value")
    assert list(stored) == [("PA", Decimal("61000"))]
