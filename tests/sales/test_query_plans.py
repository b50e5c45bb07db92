"""Which index SQLite takes for the running month's sums and for date-filtered deal lists.

SQLite has no statistics here (no ANALYZE), so its choice follows from the indexes alone and is
the same on a test database as on a million deals. A (stage, close date) index once served the
running month and was also taken for `?stage=won&closed_to=…` lists in key order, sorting half a
million deals; the close days' expression index serves the one query that filters on it.
(On PostgreSQL, which keeps statistics, the same index is a plain close-date one.)
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outward.core.periods import Period
from outward.partners.models import Partner
from outward.sales.domain import revenue_by_partner
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner"),
]


def _plans(queries: CaptureQueriesContext, table: str) -> list[str]:
    """The plan of each captured query reading `table`, as EXPLAIN QUERY PLAN words it."""
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if f'FROM "{table}"' in query["sql"]:
                cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
                plans.append(" / ".join(row[-1] for row in cursor.fetchall()))
    return plans


def test_a_running_month_of_all_partners_reads_the_close_days_index():
    partner = factories.PartnerFactory()
    factories.DealFactory(partner=partner, close_date=dt.date(2026, 12, 2), amount="10")
    with CaptureQueriesContext(connection) as queries:
        revenue = revenue_by_partner(
            windows=[(Period.parse("2026"), dt.date(2026, 12, 4))], partners=Partner.objects.all()
        )
    assert revenue[partner.pk] == [10]
    (running,) = _plans(queries, "sales_deal")
    assert "COVERING INDEX deal_close_day" in running


def test_a_running_month_of_some_partners_goes_partner_by_partner():
    partner = factories.PartnerFactory(tier="Gold")
    factories.DealFactory(partner=partner, close_date=dt.date(2026, 12, 2), amount="10")
    with CaptureQueriesContext(connection) as queries:
        revenue_by_partner(
            windows=[(Period.parse("2026"), dt.date(2026, 12, 4))],
            partners=Partner.objects.filter(tier="Gold"),
        )
    (running,) = _plans(queries, "sales_deal")
    assert "deal_partner_won_sums (partner_id=?" in running


def test_date_filtered_deal_lists_stay_in_key_order(world, api):
    with CaptureQueriesContext(connection) as queries:
        response = api("admin").get("/api/v1/deals/?stage=won&closed_to=2026-06-30")
    assert response.status_code == 200
    plans = _plans(queries, "sales_deal")
    assert len(plans) == 2, plans  # the count, the page
    # No range search on the close date: that is what sorted half a million deals.
    assert not any("close_date<" in plan or "close_date>" in plan for plan in plans), plans
    assert not any("<expr>" in plan for plan in plans), plans
