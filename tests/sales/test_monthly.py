"""The monthly sales table stays exactly what the deals add up to, after every write path.

The database's triggers keep it, so these tests write deals every way the application (or
anyone with the ORM or SQL) can, and compare the whole table with the deals after each write.
"""

import datetime as dt
import sys
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F

from outward.core.sql import MonthNumber
from outward.core.tenancy import partner_scope
from outward.exchange.domain import import_file, import_rows
from outward.exchange.domain.errors import ImportFailed
from outward.partners.models import Partner
from outward.sales.models import Deal, MonthlySales, Stage
from outward.sales.monthly import monthly_from_deals, rebuild_monthly_sales
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


def test_rebuild_repairs_a_table_written_around_the_triggers(world):
    MonthlySales.objects.create(partner=world.partner_b, month=1, revenue=1, deals_won=1)
    MonthlySales.objects.filter(partner=world.partner_a).update(revenue=0)
    rebuild_monthly_sales(partner_pks={world.partner_a.pk})
    assert (world.partner_b.pk, 1) in _table()
    assert _table()[(world.partner_a.pk, 2026 * 12 + 2)] == (Decimal("25000.00"), 1)
    rebuild_monthly_sales()
    assert _table() == _from_deals()


MARCH, APRIL = 2026 * 12 + 2, 2026 * 12 + 3


def test_saving_a_deal_keeps_the_table_exact_whatever_field_changes(world):
    deal = Deal.objects.create(
        deal_id="N1",
        partner=world.partner_a,
        amount="100.10",
        stage="won",
        close_date=dt.date(2026, 3, 31),
    )
    assert _table() == _from_deals()
    assert _table()[(world.partner_a.pk, MARCH)] == (Decimal("25100.10"), 2)
    changes = [
        ("amount", Decimal("200.20")),
        ("close_date", dt.date(2026, 4, 1)),
        ("partner", world.partner_b),
        ("stage", Stage.LOST),
        ("amount", Decimal("1.00")),  # not won: nothing to change
        ("stage", Stage.WON),
        ("product_line", "Edge"),  # not a field the sums read
    ]
    for name, value in changes:
        setattr(deal, name, value)
        deal.save()
        assert _table() == _from_deals(), name
    assert _table()[(world.partner_b.pk, APRIL)] == (Decimal("1.00"), 1)
    deal.delete()
    assert _table() == _from_deals()
    assert (world.partner_b.pk, APRIL) not in _table()  # no empty months are kept


def test_bulk_writes_keep_the_table_exact(world):
    Deal.objects.bulk_create(
        Deal(
            deal_id=f"B{n}",
            partner=world.partner_a if n % 2 else world.partner_b,
            amount=Decimal(n) + Decimal("0.01"),
            stage=("won", "open", "lost")[n % 3],
            close_date=dt.date(2026, 1 + n % 12, 1 + n % 28),
        )
        for n in range(60)
    )
    assert _table() == _from_deals()
    deals = list(Deal.objects.filter(deal_id__startswith="B"))
    for deal in deals:
        deal.stage, deal.amount = Stage.WON, deal.amount + 1
    Deal.objects.bulk_update(deals, ["stage", "amount"])
    assert _table() == _from_deals()
    Deal.objects.filter(deal_id__startswith="B1").update(amount=F("amount") * 2)
    assert _table() == _from_deals()
    Deal.objects.filter(deal_id__startswith="B2").update(partner=world.partner_a)
    Deal.objects.filter(deal_id__startswith="B3").update(close_date=dt.date(2025, 12, 31))
    Deal.objects.filter(deal_id__startswith="B4").update(stage=Stage.OPEN)
    assert _table() == _from_deals()
    Deal.objects.filter(deal_id__startswith="B5").delete()
    assert _table() == _from_deals()


def test_raw_sql_keeps_the_table_exact(world):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE sales_deal SET amount = amount + 0.5 WHERE stage = 'won'")
    assert _table() == _from_deals()


def test_deleting_a_partner_with_its_deals_keeps_the_table_exact(world):
    leaving = factories.partner("PC")
    factories.DealFactory(deal_id="DX", partner=leaving, close_date=dt.date(2025, 5, 5))
    factories.DealFactory(deal_id="DY", partner=leaving)
    Deal.objects.filter(partner=leaving).delete()
    Partner.objects.filter(pk=leaving.pk).delete()
    assert _table() == _from_deals()
    assert {partner for partner, _ in _table()} == {world.partner_a.pk, world.partner_b.pk}


def test_many_changes_of_cents_leave_no_rounding_error(world):
    # SQLite adds decimals as floating point: a thousand changes must still add up to the cent.
    deal = world.deal_a
    for n in range(1, 1001):
        deal.amount = Decimal(n) / 100 + Decimal("0.07")
        deal.save(update_fields=["amount"])
        factories.DealFactory(deal_id=f"C{n}", partner=world.partner_a, amount="0.10")
    assert _table() == _from_deals()
    assert _table()[(world.partner_a.pk, MARCH)] == (Decimal("110.07"), 1001)


def _triggers() -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'sales_deal'"
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'sales_deal'::regclass "
                "AND NOT tgisinternal"
            )
        return sorted(name for (name,) in cursor.fetchall())


TRIGGERS = [f"sales_deal_monthly_{event}" for event in ("delete", "insert", "update")]


def test_a_large_load_rebuilds_the_table_once_and_keeps_the_triggers(world, tmp_path, monkeypatch):
    # Large next to the table: on SQLite the load runs without indexes and triggers.
    monkeypatch.setattr(sys.modules["outward.exchange.domain.kinds"], "BULK_ROWS", 1)
    lines = ["deal_id,partner_id,amount,stage,close_date"]
    lines += [
        f"L{n},{('PA', 'PB')[n % 2]},{n}.25,{('won', 'open')[n % 3 == 0]},2026-0{1 + n % 9}-15"
        for n in range(40)
    ]
    lines.append("DA,PB,3.50,won,2026-02-01")  # the world's deal of PA, moved
    file = tmp_path / "deals.csv"
    file.write_text("\n".join(lines) + "\n")
    import_file(kind="deals", file=file)
    assert _table() == _from_deals()
    assert _triggers() == TRIGGERS

    file.write_text("deal_id,partner_id,amount,stage,close_date\nL1,PA,oops,won,2026-01-01\n")
    with pytest.raises(ImportFailed):
        import_file(kind="deals", file=file)
    assert _triggers() == TRIGGERS
    assert _table() == _from_deals()


def test_the_deals_table_keeps_its_triggers_after_every_migration(db):
    # On SQLite a migration that alters the deals table remakes it, which drops its triggers:
    # such a migration must create them again (see sales/migrations/0003).
    assert _triggers() == TRIGGERS
