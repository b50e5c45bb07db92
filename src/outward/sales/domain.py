"""What partners sold, in SQL: revenue and deals won, and new customers, per period as of a date.

These are the vendor's actuals of shared/spec/health.md; the health report, objectives tracked
from Outward's data (`vendor_*`), scorecards and target setting all read them.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    Q,
    QuerySet,
    Sum,
)
from django.utils import timezone

from outward.core.periods import Period, last_ended_month, month_number, month_start, parse_period
from outward.core.sql import fetch_rows, of_partners, to_decimal
from outward.partners.models import Partner
from outward.sales.models import Deal, MonthlySales, Stage, WonAccount, close_day

ZERO = Decimal(0)


@dataclass(frozen=True)
class Actuals:
    """What a partner achieved in a period as of a date, from its deals."""

    revenue: Decimal
    deals_won: int
    new_customers: int


Window = tuple[Period, dt.date]  # a period, and the as-of date its deals are counted to


def revenue_by_partner(
    *, windows: Sequence[Window], partners: QuerySet
) -> dict[int, list[Decimal]]:
    """Per partner pk: its revenue won in each window (partners without any are left out).

    A window is a period with its own as-of date, so a period can be compared with the same
    period a year earlier as of the same day.
    """
    totals = _by_partner(
        _won_totals(windows=windows, partners=partners, monthly="revenue", running=Sum("amount")),
        convert=to_decimal,
    )
    for sums in totals.values():
        sums[:] = [ZERO if total is None else total for total in sums]
    return totals


def revenue_by_window(*, windows: Sequence[Window], partners: QuerySet) -> list[dict[int, object]]:
    """Per window: partner pk → its revenue won there, the number as the database returns it
    (floats on SQLite; partners without any are left out).

    For a caller that compares and adds many of them exactly without converting each
    (`core.sql.at_least`, `core.sql.total`): the trend reads 10,000 partners in 8 quarters.
    """
    columns = []
    for months, running in _won_totals(
        windows=windows, partners=partners, monthly="revenue", running=Sum("amount")
    ):
        column = {pk: total for pk, total in months.items() if total is not None}
        for pk, total in running:
            earlier = column.get(pk)
            column[pk] = total if earlier is None else earlier + total
        columns.append(column)
    return columns


def deals_won_by_partner(*, windows: Sequence[Window], partners: QuerySet) -> dict[int, list[int]]:
    """Per partner pk: the number of deals it won in each window (as `revenue_by_partner`)."""
    totals = _by_partner(
        _won_totals(windows=windows, partners=partners, monthly="deals_won", running=Count("pk")),
        convert=int,
    )
    for sums in totals.values():
        sums[:] = [total or 0 for total in sums]
    return totals


# One window's won deals: partner pk → the total of its whole months ended by the as-of date
# (None where it has none), and (partner pk, total) rows of its running month (or none).
WindowTotals = tuple[dict[int, object], list[tuple[int, object]]]


def _won_totals(
    *, windows: Sequence[Window], partners: QuerySet, monthly: str, running
) -> list[WindowTotals]:
    """Each window's totals of the partners' won deals, as the database returns them.

    Whole months that have ended by the window's as-of date come from the monthly sales'
    `monthly` column (one grouped query for every window); the running month of an as-of date
    inside a period comes from the deals closed in it up to that date, as the aggregate
    `running` counts them (one small query per such window).
    """
    months = {}
    for index, (period, as_of) in enumerate(windows):
        last = min(period.last, last_ended_month(as_of))
        if last >= period.first:
            months[index] = (period.first, last)
    columns: dict[int, dict[int, object]] = {}
    if months:
        aggregates = {
            f"total_{index}": Sum(monthly, filter=Q(month__gte=first, month__lte=last))
            for index, (first, last) in months.items()
        }
        rows = fetch_rows(
            of_partners(MonthlySales.objects, partners)
            .filter(
                month__gte=min(first for first, _ in months.values()),
                month__lte=max(last for _, last in months.values()),
            )
            .order_by()
            .values("partner_id")
            .annotate(**aggregates)
        )
        # Columns: partner, then the total of each window in `months`' order.
        if rows:
            pks, *totals = zip(*rows, strict=True)
            columns = {
                index: dict(zip(pks, totals[at], strict=True)) for at, index in enumerate(months)
            }
    result = []
    for index, (period, as_of) in enumerate(windows):
        current = month_number(as_of)
        deals = []
        if period.first <= current <= period.last and current > last_ended_month(as_of):
            deals = fetch_rows(
                # The bounds twice, so that SQLite can take either index: for some partners,
                # partner by partner in the (partner, stage, close date) one; for all of them,
                # the month's days in the close days' one.
                of_partners(Deal.objects, partners)
                .alias(day=close_day())
                .filter(
                    stage=Stage.WON,
                    close_date__gte=month_start(current),
                    close_date__lte=as_of,
                    day__gte=month_start(current),
                    day__lte=as_of,
                )
                .order_by()
                .values("partner_id")
                .annotate(total=running)
            )
        result.append((columns.get(index, {}), deals))
    return result


def _by_partner(windows: list[WindowTotals], *, convert: Callable) -> dict[int, list]:
    """Per partner pk: its total in each window, each part read through `convert` (None where
    it has none in a window)."""
    count = len(windows)
    totals: dict[int, list] = {}
    for index, (months, running) in enumerate(windows):
        for pk, total in months.items():
            if total is not None:
                if (sums := totals.get(pk)) is None:
                    sums = totals[pk] = [None] * count
                sums[index] = convert(total)
        for pk, total in running:
            if (sums := totals.get(pk)) is None:
                sums = totals[pk] = [None] * count
            earlier = sums[index]
            sums[index] = convert(total) if earlier is None else earlier + convert(total)
    return totals


def first_won_between(*, start, after, as_of: dt.date) -> QuerySet:
    """Won accounts whose partner's first win on them is on or after `start`, before `after`
    and not after the as-of date (bounds may be outer references): its new customers there."""
    return WonAccount.objects.filter(
        first_won__gte=start, first_won__lt=after, first_won__lte=as_of
    ).order_by()


def new_customers_by_partner(*, period: Period, as_of: dt.date, partners: QuerySet) -> dict:
    """Per partner pk: accounts whose first won deal with the partner lies in the period (≤ A)."""
    after = period.end + dt.timedelta(days=1)
    rows = (
        of_partners(first_won_between(start=period.start, after=after, as_of=as_of), partners)
        .values("partner_id")
        .annotate(new_customers=Count("pk"))
        .values_list("partner_id", "new_customers")
    )
    return dict(rows)


def partner_actuals(
    *, period: str, as_of: dt.date | None, partners: QuerySet | None = None
) -> dict[int, Actuals]:
    """Each visible partner's revenue, deals won and new customers in a period as of a date."""
    parsed = parse_period(period)
    as_of = as_of or timezone.localdate()
    partners = Partner.objects.all() if partners is None else partners
    pks = list(partners.order_by().values_list("pk", flat=True))
    windows = [(parsed, as_of)]
    revenue = revenue_by_partner(windows=windows, partners=partners)
    won = deals_won_by_partner(windows=windows, partners=partners)
    new = new_customers_by_partner(period=parsed, as_of=as_of, partners=partners)
    return {
        pk: Actuals(
            revenue=revenue[pk][0] if pk in revenue else ZERO,
            deals_won=won[pk][0] if pk in won else 0,
            new_customers=new.get(pk, 0),
        )
        for pk in pks
    }
