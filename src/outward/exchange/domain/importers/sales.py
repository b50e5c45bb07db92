"""Accounts and deals (bulk upserts in SQL, for millions of rows) and the vendor's targets."""

import datetime as dt
import re

from django_scopes import scopes_disabled
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from outward.exchange.domain import values as v
from outward.exchange.domain.importers.base import (
    Column,
    Importer,
    Reference,
    drop_secondary_indexes,
    recreate_indexes,
    table_count,
    upsert,
)
from outward.exchange.domain.values import KEY_MAX, to_decimal
from outward.partners.models import Partner
from outward.sales.models import Account, Deal
from outward.targets.models import Target

BYTES_PER_ROW = 60  # a typical deals or accounts line, to estimate a file's rows from its size
BULK_ROWS = 100_000
STAGES = frozenset(("open", "won", "lost"))
AMOUNT = re.compile(r"^\d{1,14}(?:\.\d{1,2})?$")


def partner_pks(keys: list[str]):
    return Partner.objects.filter(partner_id__in=keys).values_list("partner_id", "pk")


def account_pks(keys: list[str]):
    return Account.objects.filter(account_id__in=keys).values_list("account_id", "pk")


class UpsertImporter(Importer):
    """Writes with INSERT … ON CONFLICT; counts new rows by the table's size before and after.

    Foreign keys are checked by `check()` (every reference is looked up), so the database's own
    per-row check is switched off for these kinds. A load that is large next to the table runs
    faster without the secondary indexes, which are built again at the end (SQLite only; the
    transaction restores them if the import fails).
    """

    bulk = True

    table = ""
    # file column → table column
    targets: dict[str, str] = {}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows_written = 0
        self.dropped_indexes: list[str] = []
        self.count_before: int | None = None
        self.db_columns = [self.targets[c.name] for c in self.columns]
        key_column = self.targets[self.key_columns[0]]
        self.update = [
            self.targets[c.name]
            for c in self.columns
            if c.name in self.present and self.targets[c.name] != key_column
        ]

    def write(self, batch) -> None:
        if self.count_before is None:
            self.count_before = table_count(self.table)
            if self.size_hint and self.size_hint // BYTES_PER_ROW >= max(
                BULK_ROWS, self.count_before // 2
            ):
                self.dropped_indexes = drop_secondary_indexes(self.table)
        rows = [parsed for _, parsed in batch]
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
            recreate_indexes(self.dropped_indexes)
            self.created = table_count(self.table) - self.count_before
            self.updated = self.rows_written - self.created


class AccountImporter(UpsertImporter):
    kind = "accounts"
    table = Account._meta.db_table
    columns = (
        Column("account_id", v.key, required=True),
        Column("name", v.text(200), required=True),
        Column("country", v.country, empty=""),
        Column("subdivision", v.subdivision, empty=""),
        Column("postal_code", v.text(32), empty=""),
        Column("industry", v.text(100), empty=""),
        Column("employees", v.whole()),
    )
    key_columns = ("account_id",)
    targets = {
        "account_id": "account_id",
        "name": "name",
        "country": "country",
        "subdivision": "subdivision",
        "postal_code": "postal_code",
        "industry": "industry",
        "employees": "employees",
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
        Column("product_line", v.text(100), empty=""),
    )
    key_columns = ("deal_id",)
    targets = {
        "deal_id": "deal_id",
        "partner_id": "partner_id",
        "account_id": "account_id",
        "amount": "amount",
        "stage": "stage",
        "close_date": "close_date",
        "product_line": "product_line",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.partners = Reference("partner_id", "partner", partner_pks)
        self.accounts = Reference("account_id", "account", account_pks)

    def parse(self, line: int, values: list[str]):
        """A fast path for the common, valid row; anything unusual takes the general one."""
        deal_id, partner, account, amount, stage, close_date, product_line = values
        if (
            0 < len(deal_id) <= KEY_MAX
            and 0 < len(partner) <= KEY_MAX
            and len(account) <= KEY_MAX
            and len(product_line) <= 100
            and stage in STAGES
            and len(close_date) == 10
            and close_date[4] == "-" == close_date[7]
            and AMOUNT.match(amount)
        ):
            try:
                dt.date.fromisoformat(close_date)
            except ValueError:
                return super().parse(line, values)
            first = self._seen.setdefault(deal_id, line)
            if first == line:
                # References seen before are resolved right here; `check` does the rest.
                partner_pk = self.partners.cache.get(partner)
                account_pk = self.accounts.cache.get(account) if account else None
                if partner_pk is not None and (account_pk is not None or not account):
                    return [
                        deal_id,
                        partner_pk,
                        account_pk,
                        amount,
                        stage,
                        close_date,
                        product_line,
                    ]
                return [deal_id, partner, account or None, amount, stage, close_date, product_line]
        return super().parse(line, values)

    def check(self, batch):
        batch = self.refuse_taken_keys(batch, column="deal_id", taken=self._taken)
        pending = [item for item in batch if item[1][1].__class__ is str]
        if not pending:
            return batch
        ready = [item for item in batch if item[1][1].__class__ is not str]
        return ready + self.resolve(pending, self.partners, self.accounts)

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
        self.partners = Reference("partner_id", "partner", partner_pks)

    def check(self, batch):
        return self.resolve(batch, self.partners)

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
