"""The monthly sales table stays exactly what the deals add up to, after every write path."""

import datetime as dt
from decimal import Decimal

import pytest

from outward.core.sql import MonthNumber
from outward.core.tenancy import partner_scope
from outward.exchange.domain import import_rows
from outward.sales.models import Deal, MonthlySales, Stage
from outward.sales.monthly import monthly_from_deals, refresh_monthly_sales
from tests import factories

pytestmark = pytest.mark.django_db


def _table() -> dict:
    return {
        (p, m): (r, n)
        for p, m, r, n in MonthlySales.objects.values_list(
            "partner_id", "month", "revenue", "deals_won"
        )
    }


def _from_deals() -> dict:
    won = Deal.objects.filter(stage=Stage.WON)
    return {(p, m): (Decimal(str(r)), n) for p, m, r, n in monthly_from_deals(won)}


def _deal_row(key, partner, amount, stage="won", day="2026-03-10") -> dict:
    return {
        "deal_id": key,
        "partner_id": partner,
        "amount": amount,
        "stage": stage,
        "close_date": day,
    }


def test_month_numbers_are_computed_by_the_database():
    deal = factories.DealFactory(close_date=dt.date(2026, 12, 31))
    month = Deal.objects.annotate(m=MonthNumber("close_date")).get(pk=deal.pk).m
    assert month == 2026 * 12 + 11


def test_imports_keep_the_table_exact_whatever_they_change(world):
    factories.PartnerFactory(partner_id="PC")
    rows = [
        _deal_row("N1", "PA", "100"),
        _deal_row("N2", "PA", "50", day="2026-03-31"),
        _deal_row("N3", "PB", "70", stage="open"),
    ]
    import_rows(kind="deals", rows=rows)
    assert _table() == _from_deals()
    pa, pb, pc = (factories.partner(k).pk for k in ("PA", "PB", "PC"))
    assert _table()[(pa, 2026 * 12 + 2)] == (Decimal("25150.00"), 3)  # with the world's DA

    # Moved to another partner, lost, moved to another month, won at last.
    moved = [
        _deal_row("N1", "PC", "100"),
        _deal_row("N2", "PA", "50", stage="lost"),
        _deal_row("N3", "PB", "70", day="2026-04-01"),
    ]
    import_rows(kind="deals", rows=moved)
    assert _table() == _from_deals()
    assert (_table()[(pc, 2026 * 12 + 2)], _table()[(pb, 2026 * 12 + 3)]) == (
        (Decimal("100.00"), 1),
        (Decimal("70.00"), 1),
    )


def test_a_partner_users_import_keeps_every_partner_exact(world):
    with partner_scope(world.partner_a.pk):
        import_rows(kind="deals", rows=[_deal_row("NA", "PA", "9")], user=world.user_a)
    assert _table() == _from_deals()


def test_api_writes_and_deletes_keep_the_table_exact(world, api):
    client = api("manager")
    client.post("/api/v1/deals/", _deal_row("NX", "PA", "10"), format="json")
    client.patch("/api/v1/deals/NX/", {"partner_id": "PB", "amount": "12"}, format="json")
    assert _table() == _from_deals()

    assert client.delete("/api/v1/deals/NX/").status_code == 204
    assert _table() == _from_deals()


def test_refresh_of_some_partners_leaves_the_others(world):
    MonthlySales.objects.create(partner=world.partner_b, month=1, revenue=1, deals_won=1)
    refresh_monthly_sales(partner_pks={world.partner_a.pk})
    assert (world.partner_b.pk, 1) in _table()
    refresh_monthly_sales()
    assert _table() == _from_deals()
