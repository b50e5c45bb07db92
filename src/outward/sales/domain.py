"""What partners sold, in SQL: revenue and deals won, and new customers, per period as of a date.

These are the vendor's actuals of shared/spec/health.md; the health report, objectives tracked
from Outward's data (`vendor_*`), scorecards and target setting all read them.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.utils import timezone

from outward.core.periods import Period, parse_period
from outward.core.sql import fetch_rows, to_decimal
from outward.partners.models import Partner
from outward.sales.models import Deal, Stage

ZERO = Decimal(0)


@dataclass(frozen=True)
class Actuals:
    """What a partner achieved in a period as of a date, from its deals."""

    revenue: Decimal
    deals_won: int
    new_customers: int


def _window(period: Period, as_of: dt.date) -> Q:
    """Deals closed inside the period and not after the as-of date."""
    return Q(close_date__gte=period.start, close_date__lte=min(period.end, as_of))


Window = tuple[Period, dt.date]  # a period, and the as-of date its deals are counted to


def revenue_by_partner(
    *, windows: Sequence[Window], partners: QuerySet, deals_won: bool = True
) -> dict[int, list[tuple[Decimal, int]]]:
    """Per partner pk: (revenue, deals won) in each window, in one grouped query.

    A window is a period with its own as-of date, so a period can be compared with the same
    period a year earlier as of the same day. With `deals_won=False` the count is not computed
    (and given as 0).
    """
    first = min(period.start for period, _ in windows)
    last = max(min(period.end, as_of) for period, as_of in windows)
    aggregates = {}
    for index, (period, as_of) in enumerate(windows):
        window = _window(period, as_of)
        aggregates[f"revenue_{index}"] = Sum("amount", filter=window)
        if deals_won:
            aggregates[f"won_{index}"] = Count("pk", filter=window)
    queryset = (
        Deal.objects.filter(
            partner_id__in=partners.values("pk"),
            stage=Stage.WON,
            close_date__gte=first,
            close_date__lte=last,
        )
        .order_by()
        .values("partner_id")
        .annotate(**aggregates)
    )
    # Columns: partner, then per window its revenue (and its count of deals won).
    width = 2 if deals_won else 1
    return {
        row[0]: [
            (
                to_decimal(row[1 + width * i]) or ZERO,
                row[2 + width * i] if deals_won else 0,
            )
            for i in range(len(windows))
        ]
        for row in fetch_rows(queryset)
    }


def first_won_elsewhere(*, before) -> Exists:
    """A won deal of the same partner on the same account closed before `before`."""
    # `partner_id + 0` keeps SQLite from choosing the (partner, stage, close_date) index here,
    # which would scan all of the partner's earlier deals for each deal; the account index
    # finds the few deals on that account instead.
    return Exists(
        Deal.objects.alias(same_partner=F("partner_id") + Value(0)).filter(
            same_partner=OuterRef("partner_id"),
            account_id=OuterRef("account_id"),
            stage=Stage.WON,
            close_date__lt=before,
        )
    )


def new_customers_by_partner(*, period: Period, as_of: dt.date, partners: QuerySet) -> dict:
    """Per partner pk: accounts whose first won deal with the partner lies in the period (≤ A)."""
    rows = (
        Deal.objects.filter(
            _window(period, as_of),
            partner_id__in=partners.values("pk"),
            stage=Stage.WON,
            account_id__isnull=False,
        )
        .filter(~first_won_elsewhere(before=period.start))
        .order_by()
        .values("partner_id")
        .annotate(new_customers=Count("account_id", distinct=True))
    )
    return {row["partner_id"]: row["new_customers"] for row in rows}


def partner_actuals(
    *, period: str, as_of: dt.date | None, partners: QuerySet | None = None
) -> dict[int, Actuals]:
    """Each visible partner's revenue, deals won and new customers in a period as of a date."""
    parsed = parse_period(period)
    as_of = as_of or timezone.localdate()
    partners = Partner.objects.all() if partners is None else partners
    pks = list(partners.order_by().values_list("pk", flat=True))
    revenue = revenue_by_partner(windows=[(parsed, as_of)], partners=partners)
    new = new_customers_by_partner(period=parsed, as_of=as_of, partners=partners)
    return {
        pk: Actuals(
            revenue=revenue.get(pk, [(ZERO, 0)])[0][0],
            deals_won=revenue.get(pk, [(ZERO, 0)])[0][1],
            new_customers=new.get(pk, 0),
        )
        for pk in pks
    }
