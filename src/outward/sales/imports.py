"""The accounts and deals import kinds: bulk upserts in SQL, for millions of rows."""

import datetime as dt
import re
from decimal import Decimal

from django_scopes import scopes_disabled

from outward.core.bulk import drop_triggers, recreate_dropped
from outward.exchange.domain import values as v
from outward.exchange.domain.kinds import Column, Reference, UpsertImporter, register
from outward.partners.models import Partner
from outward.sales.models import Account, Deal, Stage
from outward.sales.summaries import rebuild_summaries

STAGES = frozenset(Stage.values)
AMOUNT = re.compile(r"^[0-9]{1,14}(?:\.[0-9]{1,2})?$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@register
class AccountImporter(UpsertImporter):
    """accounts.csv: the vendor's end customers."""

    kind = "accounts"
    model = Account
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
    export_order = ("account_id",)

    def check(self, batch):
        good = []
        for line, row in batch:
            if (
                row.subdivision
                and row.country
                and not row.subdivision.startswith(row.country + "-")
            ):
                message = f"{row.subdivision} does not lie in country {row.country}"
                self.errors.add(line, "subdivision", message)
            else:
                good.append((line, row))
        return good


@register
class DealImporter(UpsertImporter):
    """deals.csv: partners' deals; partner users import their own partner's."""

    kind = "deals"
    model = Deal
    vendor_only = False
    columns = (
        Column("deal_id", v.key, required=True),
        Column("partner_id", v.key, required=True, source="partner__partner_id"),
        Column("account_id", v.key, source="account__account_id"),
        Column("amount", v.decimal(max_digits=16, places=2, minimum=0), required=True),
        Column("stage", v.choice(*Stage.values), required=True),
        Column("close_date", v.date, required=True),
        Column("product_line", v.text(100), empty=""),
    )
    key_columns = ("deal_id",)
    export_order = ("deal_id",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.partners = Reference("partner_id", Partner, "partner_id")
        self.accounts = Reference("account_id", Account, "account_id")
        self.dropped_triggers: list[str] = []

    def prepare_load(self) -> None:
        """A large load on SQLite runs without the summary tables' triggers too (see finish)."""
        first = self.count_before is None
        super().prepare_load()
        if first and self.dropped_indexes:
            self.dropped_triggers = drop_triggers(self.table)

    def finish(self) -> None:
        super().finish()
        if self.dropped_triggers and not self.errors:
            # One rebuild from the deals instead of the triggers' work row by row, before they
            # are back, in the load's transaction (SQLite's write lock is still held).
            rebuild_summaries()
            recreate_dropped(self.dropped_triggers)

    def parse(self, line: int, values: list[str]):
        """A fast path for the common, valid row; anything unusual takes the general one.

        It gives exactly the values the general path gives (a test compares them), and
        resolves references it has seen before right here; `check` does the rest.
        """
        deal_id, partner, account, amount, stage, close_date, product_line = values
        key = v.PLAIN_KEY.match
        if not (
            key(deal_id)
            and key(partner)
            and (not account or key(account))
            and len(product_line) <= 100
            and stage in STAGES
            and AMOUNT.match(amount)
            and DATE.match(close_date)
        ):
            return super().parse(line, values)
        try:
            closes = dt.date.fromisoformat(close_date)
        except ValueError:
            return super().parse(line, values)
        if self._seen.setdefault(deal_id, line) != line:
            return super().parse(line, values)
        partner_pk = self.partners.cache.get(partner)
        account_pk = self.accounts.cache.get(account) if account else None
        if partner_pk is not None and (account_pk is not None or not account):
            partner, account = partner_pk, account_pk
        return self.Row(
            deal_id, partner, account or None, Decimal(amount), stage, closes, product_line
        )

    def check(self, batch):
        batch = self.refuse_taken_keys(batch, column="deal_id", taken=self._taken)
        pending = [item for item in batch if item[1].partner_id.__class__ is str]
        if not pending:
            return batch
        ready = [item for item in batch if item[1].partner_id.__class__ is not str]
        return ready + self.resolve(pending, self.partners, self.accounts)

    def _taken(self, keys: list[str]) -> set:
        # Keys are unique across partners, so another partner's deal must not be overwritten.
        with scopes_disabled():
            others = Deal.objects.filter(deal_id__in=keys).exclude(partner_id=self.scope)
            return set(others.values_list("deal_id", flat=True))
