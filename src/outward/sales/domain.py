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
from outward.core.sql import as_returned, fetch_rows, of_partners, to_decimal
from outward.partners.models import Partner
from outward.sales.models import Deal, MonthlySales, Stage, WonAccount

ZERO = Decimal(0)


@dataclass(frozen=True)
class Actuals:
    """What a partner achieved in a period as of a date, from its deals."""

    revenue: Decimal
    deals_won: int
    new_customers: int


Window = tuple[Period, dt.date]  # a period, and the as-of date its deals are counted to


def revenue_by_partner(
    *, windows: Sequence[Window], partners: QuerySet, decimals: bool = True
) -> dict[int, list[Decimal]]:
    """Per partner pk: its revenue won in each window (partners without any are left out).

    A window is a period with its own as-of date, so a period can be compared with the same
    period a year earlier as of the same day. With `decimals=False`, the sums are the numbers
    as the database returns them (floats on SQLite), for a caller that compares and adds many
    of them exactly without converting each (`core.sql.at_least`, `core.sql.total`).
    """
    totals = _totals_by_partner(
        windows=windows,
        partners=partners,
        monthly="revenue",
        running=Sum("amount"),
        convert=to_decimal if decimals else as_returned,
    )
    zero = ZERO if decimals else 0
    for sums in totals.values():
        sums[:] = [zero if total is None else total for total in sums]
    return totals


def deals_won_by_partner(*, windows: Sequence[Window], partners: QuerySet) -> dict[int, list[int]]:
    """Per partner pk: the number of deals it won in each window (as `revenue_by_partner`)."""
    totals = _totals_by_partner(
        windows=windows, partners=partners, monthly="deals_won", running=Count("pk"), convert=int
    )
    for sums in totals.values():
        sums[:] = [total or 0 for total in sums]
    return totals


def _totals_by_partner(
    *, windows: Sequence[Window], partners: QuerySet, monthly: str, running, convert: Callable
) -> dict[int, list]:
    """Per partner pk: one total of its won deals per window, each part read through `convert`
    (None where it has none in a window).

    Whole months that have ended by the window's as-of date come from the monthly sales'
    `monthly` column (one grouped query for every window); the running month of an as-of date
    inside a period comes from the deals closed in it up to that date, as the aggregate
    `running` counts them (one small query per such window).
    """
    count = len(windows)
    totals: dict[int, list] = {}
    months = {}
    for index, (period, as_of) in enumerate(windows):
        last = min(period.last, last_ended_month(as_of))
        if last >= period.first:
            months[index] = (period.first, last)
    if months:
        aggregates = {
            f"total_{index}": Sum(monthly, filter=Q(month__gte=first, month__lte=last))
            for index, (first, last) in months.items()
        }
        rows = (
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
        columns = list(enumerate(months, start=1))
        for row in fetch_rows(rows):
            sums = [None] * count
            for column, index in columns:
                if (total := row[column]) is not None:
                    sums[index] = convert(total)
            totals[row[0]] = sums
    for index, (period, as_of) in enumerate(windows):
        current = month_number(as_of)
        if period.first <= current <= period.last and current > last_ended_month(as_of):
            deals = (
                # Partner by partner in the (partner, stage, close date, amount) index: without
                # the partners' subquery SQLite would scan all of that index instead.
                Deal.objects.filter(
                    partner_id__in=partners.values("pk"),
                    stage=Stage.WON,
                    close_date__gte=month_start(current),
                    close_date__lte=as_of,
                )
                .order_by()
                .values("partner_id")
                .annotate(total=running)
            )
            for pk, total in fetch_rows(deals):
                sums = totals.get(pk)
                if sums is None:
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
