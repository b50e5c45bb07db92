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

from outward.core.periods import Period, last_ended_month, month_number, month_start, parse_period
from outward.core.sql import fetch_rows, to_decimal
from outward.partners.models import Partner
from outward.sales.models import Deal, MonthlySales, Stage

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
    *, windows: Sequence[Window], partners: QuerySet
) -> dict[int, list[tuple[Decimal, int]]]:
    """Per partner pk: (revenue, deals won) in each window.

    A window is a period with its own as-of date, so a period can be compared with the same
    period a year earlier as of the same day. Whole months that have ended by the window's
    as-of date come from the monthly sales (one grouped query for every window); the running
    month of an as-of date inside a period comes from the deals closed in it up to that date
    (one small query per such window).
    """
    count = len(windows)
    empty = (ZERO, 0)
    totals: dict[int, list[tuple[Decimal, int]]] = {}
    months = {}
    for index, (period, as_of) in enumerate(windows):
        last = min(period.last, last_ended_month(as_of))
        if last >= period.first:
            months[index] = (period.first, last)
    if months:
        aggregates = {}
        for index, (first, last) in months.items():
            span = Q(month__gte=first, month__lte=last)
            aggregates[f"revenue_{index}"] = Sum("revenue", filter=span)
            aggregates[f"won_{index}"] = Sum("deals_won", filter=span)
        monthly = (
            MonthlySales.objects.filter(
                partner_id__in=partners.values("pk"),
                month__gte=min(first for first, _ in months.values()),
                month__lte=max(last for _, last in months.values()),
            )
            .order_by()
            .values("partner_id")
            .annotate(**aggregates)
        )
        # Columns: partner, then revenue and deals won of each window in `months`' order.
        columns = [(1 + 2 * position, index) for position, index in enumerate(months)]
        for row in fetch_rows(monthly):
            sums = [empty] * count
            for column, index in columns:
                revenue = row[column]
                if revenue is not None:
                    sums[index] = (to_decimal(revenue), row[column + 1])
            totals[row[0]] = sums
    for index, (period, as_of) in enumerate(windows):
        running = month_number(as_of)
        if period.first <= running <= period.last and running > last_ended_month(as_of):
            deals = (
                Deal.objects.filter(
                    partner_id__in=partners.values("pk"),
                    stage=Stage.WON,
                    close_date__gte=month_start(running),
                    close_date__lte=as_of,
                )
                .order_by()
                .values("partner_id")
                .annotate(revenue=Sum("amount"), won=Count("pk"))
            )
            for pk, revenue, won in fetch_rows(deals):
                sums = totals.get(pk)
                if sums is None:
                    sums = totals[pk] = [empty] * count
                earlier, earlier_won = sums[index]
                sums[index] = (earlier + to_decimal(revenue), earlier_won + won)
    return totals


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
