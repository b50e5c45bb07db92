"""The API documentation page works in a real browser under the strict CSP."""

import pytest

pytestmark = pytest.mark.e2e


def test_api_docs_render_every_resource(db, live_server, page):
    page.goto(f"{live_server.url}/api/v1/docs/")

    page.get_by_text("Outward API").first.wait_for()
    for path in ("/api/v1/partners/", "/api/v1/deals/{deal_id}/", "/api/v1/targets/"):
        assert page.locator(f"[data-path='{path}']").count() >= 1
