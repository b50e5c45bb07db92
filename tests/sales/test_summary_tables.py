"""The summary tables (monthly sales, won accounts) stay exactly what the deals add up to,
after every write path.

The database's triggers keep them, so these tests write deals every way the application (or
anyone with the ORM or SQL) can, and compare both whole tables with the deals after each write.
"""

import datetime as dt
import sys
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import F
from django_scopes import scopes_disabled

from outward.core.sql import MonthNumber
from outward.core.tenancy import partner_scope
from outward.exchange.domain import import_file, import_rows
from outward.exchange.domain.errors import ImportFailed
from outward.partners.models import Partner
from outward.sales.models import Account, Deal, MonthlySales, Stage, WonAccount
from outward.sales.summaries import (
    monthly_from_deals,
    rebuild_summaries,
    won_accounts_from_deals,
)
from tests import factories

pytestmark = pytest.mark.django_db


def _table() -> dict:
    return {
        (p, m): (r, n)
        for p, m, r, n in MonthlySales.objects.values_list(
            "partner_id", "month", "revenue", "deals_won"
        )
    }


def _won_accounts() -> dict:
    return {
        (p, a): day
        for p, a, day in WonAccount.objects.values_list("partner_id", "account_id", "first_won")
    }


def _summaries() -> tuple[dict, dict]:
    """Both tables as they are kept."""
    return _table(), _won_accounts()


def _from_deals() -> tuple[dict, dict]:
    """Both tables as the deals add up to."""
    won = Deal.objects.filter(stage=Stage.WON)
    monthly = {(p, m): (Decimal(str(r)), n) for p, m, r, n in monthly_from_deals(won)}
    return monthly, {(p, a): day for p, a, day in won_accounts_from_deals(won)}


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
    assert _summaries() == _from_deals()
    pa, pb, pc = (factories.partner(k).pk for k in ("PA", "PB", "PC"))
    assert _table()[(pa, 2026 * 12 + 2)] == (Decimal("25150.00"), 3)  # with the world's DA

    # Moved to another partner, lost, moved to another month, won at last.
    moved = [
        _deal_row("N1", "PC", "100"),
        _deal_row("N2", "PA", "50", stage="lost"),
        _deal_row("N3", "PB", "70", day="2026-04-01"),
    ]
    import_rows(kind="deals", rows=moved)
    assert _summaries() == _from_deals()
    assert (_table()[(pc, 2026 * 12 + 2)], _table()[(pb, 2026 * 12 + 3)]) == (
        (Decimal("100.00"), 1),
        (Decimal("70.00"), 1),
    )


def test_a_partner_users_import_keeps_every_partner_exact(world):
    with partner_scope(world.partner_a.pk):
        import_rows(kind="deals", rows=[_deal_row("NA", "PA", "9")], user=world.user_a)
    assert _summaries() == _from_deals()


def test_api_writes_and_deletes_keep_the_table_exact(world, api):
    client = api("manager")
    client.post("/api/v1/deals/", _deal_row("NX", "PA", "10"), format="json")
    client.patch("/api/v1/deals/NX/", {"partner_id": "PB", "amount": "12"}, format="json")
    assert _summaries() == _from_deals()

    assert client.delete("/api/v1/deals/NX/").status_code == 204
    assert _summaries() == _from_deals()


def test_rebuild_repairs_a_table_written_around_the_triggers(world):
    MonthlySales.objects.create(partner=world.partner_b, month=1, revenue=1, deals_won=1)
    MonthlySales.objects.filter(partner=world.partner_a).update(revenue=0)
    WonAccount.objects.filter(partner=world.partner_a).update(first_won=dt.date(2020, 1, 1))
    WonAccount.objects.filter(partner=world.partner_b).delete()
    rebuild_summaries(partner_pks={world.partner_a.pk})
    assert (world.partner_b.pk, 1) in _table()
    assert _table()[(world.partner_a.pk, 2026 * 12 + 2)] == (Decimal("25000.00"), 1)
    assert _won_accounts() == {(world.partner_a.pk, world.deal_a.account_id): dt.date(2026, 3, 15)}
    rebuild_summaries()
    assert _summaries() == _from_deals()


MARCH, APRIL = 2026 * 12 + 2, 2026 * 12 + 3


def test_saving_a_deal_keeps_the_table_exact_whatever_field_changes(world):
    deal = Deal.objects.create(
        deal_id="N1",
        partner=world.partner_a,
        amount="100.10",
        stage="won",
        close_date=dt.date(2026, 3, 31),
    )
    assert _summaries() == _from_deals()
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
        assert _summaries() == _from_deals(), name
    assert _table()[(world.partner_b.pk, APRIL)] == (Decimal("1.00"), 1)
    deal.delete()
    assert _summaries() == _from_deals()
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
    assert _summaries() == _from_deals()
    deals = list(Deal.objects.filter(deal_id__startswith="B"))
    for deal in deals:
        deal.stage, deal.amount = Stage.WON, deal.amount + 1
    Deal.objects.bulk_update(deals, ["stage", "amount"])
    assert _summaries() == _from_deals()
    Deal.objects.filter(deal_id__startswith="B1").update(amount=F("amount") * 2)
    assert _summaries() == _from_deals()
    Deal.objects.filter(deal_id__startswith="B2").update(partner=world.partner_a)
    Deal.objects.filter(deal_id__startswith="B3").update(close_date=dt.date(2025, 12, 31))
    Deal.objects.filter(deal_id__startswith="B4").update(stage=Stage.OPEN)
    assert _summaries() == _from_deals()
    Deal.objects.filter(deal_id__startswith="B5").delete()
    assert _summaries() == _from_deals()


def test_raw_sql_keeps_the_table_exact(world):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE sales_deal SET amount = amount + 0.5 WHERE stage = 'won'")
    assert _summaries() == _from_deals()


def test_deleting_a_partner_with_its_deals_keeps_the_table_exact(world):
    leaving = factories.partner("PC")
    factories.DealFactory(deal_id="DX", partner=leaving, close_date=dt.date(2025, 5, 5))
    factories.DealFactory(deal_id="DY", partner=leaving)
    Deal.objects.filter(partner=leaving).delete()
    Partner.objects.filter(pk=leaving.pk).delete()
    assert _summaries() == _from_deals()
    assert {partner for partner, _ in _table()} == {world.partner_a.pk, world.partner_b.pk}


def test_many_changes_of_cents_leave_no_rounding_error(world):
    # SQLite adds decimals as floating point: a thousand changes must still add up to the cent.
    deal = world.deal_a
    for n in range(1, 1001):
        deal.amount = Decimal(n) / 100 + Decimal("0.07")
        deal.save(update_fields=["amount"])
        factories.DealFactory(deal_id=f"C{n}", partner=world.partner_a, amount="0.10")
    assert _summaries() == _from_deals()
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


TRIGGERS = sorted(
    f"sales_deal_{summary}_{event}"
    for summary in ("monthly", "won_accounts")
    for event in ("delete", "insert", "update")
)


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
    assert _summaries() == _from_deals()
    assert _triggers() == TRIGGERS

    file.write_text("deal_id,partner_id,amount,stage,close_date\nL1,PA,oops,won,2026-01-01\n")
    with pytest.raises(ImportFailed):
        import_file(kind="deals", file=file)
    assert _triggers() == TRIGGERS
    assert _summaries() == _from_deals()


def test_the_deals_table_keeps_its_triggers_after_every_migration(db):
    # On SQLite a migration that alters the deals table remakes it, which drops its triggers:
    # such a migration must create them again (see sales/migrations/0003).
    assert _triggers() == TRIGGERS


def test_the_first_win_on_an_account_follows_every_change_of_its_deals(world):
    account, other = world.deal_a.account, factories.AccountFactory()
    key = (world.partner_a.pk, account.pk)

    def first_win():
        assert _summaries() == _from_deals()
        return _won_accounts().get(key)

    later = factories.DealFactory(
        deal_id="L", partner=world.partner_a, account=account, close_date=dt.date(2026, 5, 2)
    )
    assert first_win() == dt.date(2026, 3, 15)
    earlier = factories.DealFactory(
        deal_id="E", partner=world.partner_a, account=account, close_date=dt.date(2025, 7, 1)
    )
    assert first_win() == dt.date(2025, 7, 1)
    factories.DealFactory(
        deal_id="O",
        partner=world.partner_a,
        account=account,
        stage="open",
        close_date=dt.date(2024, 1, 1),
    )
    assert first_win() == dt.date(2025, 7, 1)  # an open deal is no win
    earlier.stage = Stage.LOST
    earlier.save()
    assert first_win() == dt.date(2026, 3, 15)
    world.deal_a.account = other
    world.deal_a.save()
    assert first_win() == dt.date(2026, 5, 2)
    assert _won_accounts()[(world.partner_a.pk, other.pk)] == dt.date(2026, 3, 15)
    later.close_date = dt.date(2026, 6, 30)
    later.save()
    assert first_win() == dt.date(2026, 6, 30)
    Deal.objects.filter(pk=later.pk).update(account=None)
    assert first_win() is None  # no win left on the account: no row kept
    Deal.objects.filter(pk=later.pk).update(account=account, partner=world.partner_b)
    assert _won_accounts()[(world.partner_b.pk, account.pk)] == dt.date(2026, 6, 30)
    Deal.objects.filter(partner=world.partner_b).delete()
    assert first_win() is None
    assert world.partner_b.pk not in {partner for partner, _ in _won_accounts()}


def test_deals_without_an_account_win_no_account(world):
    factories.DealFactory(deal_id="NA", partner=world.partner_a, account=None)
    assert _summaries() == _from_deals()
    assert set(_won_accounts()) == {
        (world.partner_a.pk, world.deal_a.account_id),
        (world.partner_b.pk, world.deal_b.account_id),
    }
    assert Account.objects.count() == 2


def _a_backend_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # else read once per transaction
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time")
@pytest.mark.django_db(transaction=True)
def test_two_transactions_changing_one_won_account_take_turns():
    # Each deletes one of the account's two wins; the second must count from what the first
    # committed, or the account would keep a first win that no deal has any more.
    first = factories.DealFactory(close_date=dt.date(2026, 1, 10))
    second = factories.DealFactory(
        partner=first.partner, account=first.account, close_date=dt.date(2026, 2, 10)
    )
    failures = []

    def delete_second() -> None:
        try:
            with scopes_disabled(), transaction.atomic():
                Deal.objects.filter(pk=second.pk).delete()
        except Exception as failure:  # reported below, in the test's thread
            failures.append(failure)
        finally:
            connection.close()

    with transaction.atomic():
        Deal.objects.filter(pk=first.pk).delete()
        other = threading.Thread(target=delete_second)
        other.start()
        deadline = time.monotonic() + 10
        while not _a_backend_waits_for_a_lock() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _a_backend_waits_for_a_lock(), failures
    other.join(timeout=10)
    assert not failures
    assert _summaries() == _from_deals() == ({}, {})
