"""Accounts and deals (bulk upserts in SQL, for millions of rows) and the vendor's targets."""

import datetime as dt

from django_scopes import scopes_disabled
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from outward.exchange.domain import values as v
from outward.exchange.domain.importers.base import Column, Importer, table_count, upsert
from outward.exchange.domain.values import to_decimal
from outward.partners.models import Partner
from outward.sales.models import Account, Deal, Target


def partner_pks(keys: list[str]):
    return Partner.objects.filter(partner_id__in=keys).values_list("partner_id", "pk")


class UpsertImporter(Importer):
    """Writes with INSERT … ON CONFLICT; counts new rows by the table's size before and after."""

    table = ""
    # file column → (table column, value when the cell is empty)
    targets: dict[str, tuple[str, object]] = {}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows_written = 0
        self.count_before: int | None = None
        self.db_columns = [self.targets[c.name][0] for c in self.columns]
        key_column = self.targets[self.key_columns[0]][0]
        self.update = [
            self.targets[c.name][0]
            for c in self.columns
            if c.name in self.present and self.targets[c.name][0] != key_column
        ]
        self.defaults = [self.targets[c.name][1] for c in self.columns]

    def write(self, batch) -> None:
        if self.count_before is None:
            self.count_before = table_count(self.table)
        defaults = self.defaults
        rows = [
            [d if value is None else value for value, d in zip(parsed, defaults, strict=True)]
            for _, parsed in batch
        ]
        upsert(
            table=self.table,
            key=self.db_columns[0],
            columns=self.db_columns,
            update=self.update,
            rows=rows,
        )
        self.rows_written += len(rows)

    def finish(self) -> None:
        if self.count_before is not None and not self.errors:
            self.created = table_count(self.table) - self.count_before
            self.updated = self.rows_written - self.created


class AccountImporter(UpsertImporter):
    kind = "accounts"
    table = Account._meta.db_table
    columns = (
        Column("account_id", v.key, required=True),
        Column("name", v.text(200), required=True),
        Column("country", v.country),
        Column("subdivision", v.subdivision),
        Column("postal_code", v.text(32)),
        Column("industry", v.text(100)),
        Column("employees", v.whole()),
    )
    key_columns = ("account_id",)
    targets = {
        "account_id": ("account_id", ""),
        "name": ("name", ""),
        "country": ("country", ""),
        "subdivision": ("subdivision", ""),
        "postal_code": ("postal_code", ""),
        "industry": ("industry", ""),
        "employees": ("employees", None),
    }

    def check(self, batch):
        country, subdivision = self.index["country"], self.index["subdivision"]
        good = []
        for line, parsed in batch:
            sub, code = parsed[subdivision], parsed[country]
            if sub and code and not sub.startswith(code + "-"):
                self.errors.add(line, "subdivision", f"{sub} does not lie in country {code}")
            else:
                good.append((line, parsed))
        return good


class DealImporter(UpsertImporter):
    kind = "deals"
    vendor_only = False
    table = Deal._meta.db_table
    columns = (
        Column("deal_id", v.key, required=True),
        Column("partner_id", v.key, required=True),
        Column("account_id", v.key),
        Column("amount", v.decimal(max_digits=16, places=2, minimum=0), required=True),
        Column("stage", v.choice("open", "won", "lost"), required=True),
        Column("close_date", v.date, required=True),
        Column("product_line", v.text(100)),
    )
    key_columns = ("deal_id",)
    targets = {
        "deal_id": ("deal_id", ""),
        "partner_id": ("partner_id", None),
        "account_id": ("account_id", None),
        "amount": ("amount", None),
        "stage": ("stage", None),
        "close_date": ("close_date", None),
        "product_line": ("product_line", ""),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.partners: dict = {}
        self.accounts: dict = {}

    def check(self, batch):
        batch = self.refuse_taken_keys(batch, column="deal_id", taken=self._taken)
        batch = self.resolve(
            batch, column="partner_id", cache=self.partners, fetch=partner_pks, what="partner"
        )
        return self.resolve(
            batch,
            column="account_id",
            cache=self.accounts,
            fetch=lambda keys: Account.objects.filter(account_id__in=keys).values_list(
                "account_id", "pk"
            ),
            what="account",
        )

    def _taken(self, keys: list[str]) -> set:
        # Keys are unique across partners, so another partner's deal must not be overwritten.
        with scopes_disabled():
            others = Deal.objects.filter(deal_id__in=keys).exclude(partner_id=self.scope)
            return set(others.values_list("deal_id", flat=True))


class TargetImporter(Importer):
    kind = "targets"
    columns = (
        Column("partner_id", v.key, required=True),
        Column("period", v.period, required=True),
        Column("metric", v.choice("revenue", "deals_won", "new_customers"), required=True),
        Column("value", v.decimal(max_digits=18, places=4, minimum=0), required=True),
    )
    key_columns = ("partner_id", "period", "metric")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.partners: dict = {}

    def check(self, batch):
        return self.resolve(
            batch, column="partner_id", cache=self.partners, fetch=partner_pks, what="partner"
        )

    def write(self, batch) -> None:
        pks = {parsed[0] for _, parsed in batch}
        existing = {
            (t.partner_id, t.period, t.metric): t for t in Target.objects.filter(partner_id__in=pks)
        }
        creates, changes = [], []
        for _, (partner, period, metric, value) in batch:
            amount = to_decimal(value)
            target = existing.get((partner, period.text, metric))
            if target is None:
                creates.append(
                    Target(
                        partner_id=partner,
                        period=period.text,
                        first_month=period.first,
                        last_month=period.last,
                        metric=metric,
                        value=amount,
                    )
                )
                continue
            self.updated += 1
            if target.value != amount:
                target.value = amount
                changes.append(target)
        bulk_create_with_history(creates, Target, default_user=self.user)
        bulk_update_with_history(changes, Target, ["value"], default_user=self.user)
        self.created += len(creates)


def as_date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)
