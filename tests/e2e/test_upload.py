"""A manager uploads a CSV with mistakes and sees, line by line, what to fix."""

import pytest
from playwright.sync_api import expect

from outward.core.runs import _ServerThreads
from outward.sales.models import Deal

BAD = (
    b"deal_id,partner_id,amount,stage,close_date\n"
    b"DN,PA,-3,open,2026-02-01\n"
    b"DM,PZ,1,won,2026-01-01\n"
)
GOOD = b"deal_id,partner_id,amount,stage,close_date\nDN,PA,3,open,2026-02-01\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(page, name: str, data: bytes) -> None:
    page.get_by_label("The file holds").select_option("deals")
    page.get_by_label("CSV or XLSX file").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()


def test_manager_sees_the_error_table_then_fixes_the_file(world, live_server, logged_in_page):
    page = logged_in_page(world.manager)
    page.goto(f"{live_server.url}/import/")
    assert page.get_by_text("No imports yet.").is_visible()

    _upload(page, "deals.csv", BAD)
    table = page.get_by_role("table", name="2 problems — nothing was stored")
    rows = table.locator("tbody tr")
    assert rows.all_inner_texts() == [
        "2\tamount\t-3 is negative; must be ≥ 0",
        "3\tpartner_id\tunknown partner 'PZ'",
    ]
    assert not Deal.objects.filter(deal_id="DN").exists()

    _upload(page, "deals-fixed.csv", GOOD)
    page.get_by_text("deals-fixed.csv: imported 1 deals (1 new, 0 updated)").first.wait_for()
    assert Deal.objects.get(deal_id="DN").partner == world.partner_a


def test_without_a_broker_the_server_imports_in_a_thread_and_the_page_follows(
    world, live_server, logged_in_page, monkeypatch, settings
):
    settings.CELERY_BROKER_URL = ""
    monkeypatch.setattr(_ServerThreads, "enabled", True)
    monkeypatch.setattr(_ServerThreads, "pool", None)
    page = logged_in_page(world.manager)
    page.goto(f"{live_server.url}/import/")

    _upload(page, "deals-in-a-thread.csv", GOOD)
    # The answer came before the import ran: the page polls the run until it has finished.
    page.get_by_text("deals-in-a-thread.csv: imported 1 deals (1 new, 0 updated)").first.wait_for()
    expect(page.get_by_role("button", name="Import")).to_be_enabled()
    assert Deal.objects.get(deal_id="DN").partner == world.partner_a
    _ServerThreads.pool.shutdown(wait=True)
