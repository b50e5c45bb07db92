"""The vendor's targets for a period, in SQL: pro-rated by months, and the part of them a
running period has used up by a date (shared/spec/health.md)."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Case, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Greatest, Least

from outward.core.periods import Period, last_ended_month, month_days, month_number
from outward.core.sql import (
    RESULT_DECIMAL,
    ProRated,
    as_returned,
    fetch_rows,
    of_partners,
    to_decimal,
)
from outward.targets.models import Target

ZERO = Decimal(0)


def _overlap(period: Period):
    """Months a target shares with the period (may be ≤ 0 for targets outside it)."""
    return (
        Least(F("last_month"), Value(period.last))
        - Greatest(F("first_month"), Value(period.first))
        + Value(1)
    )


def _elapsed(period: Period, as_of: dt.date):
    """Months of the target inside the period that the as-of date has used up.

    Whole months up to the last one that ended by the as-of date, plus the elapsed share of the
    as-of date's own month (its days up to and including that date) where the target and the
    period both cover it (shared/spec/health.md, "Target to date").
    """
    last_full = last_ended_month(as_of)
    full = Greatest(
        Value(0),
        Least(F("last_month"), Value(min(period.last, last_full)))
        - Greatest(F("first_month"), Value(period.first))
        + Value(1),
    )
    current = month_number(as_of)
    if not (period.first <= current <= period.last and current > last_full):
        return full
    share = Decimal(as_of.day) / Decimal(month_days(current))
    partial = Case(
        When(first_month__lte=current, last_month__gte=current, then=Value(share)),
        default=Value(Decimal(0)),
        output_field=RESULT_DECIMAL,
    )
    return full + partial


# A partner's target for a period, pro-rated, and the part of it used up by the as-of date.
# A plain tuple: a report builds one for every partner and period (80,000 for the trend).
PeriodTarget = tuple[Decimal, Decimal]


def targets_by_partner(
    *,
    periods: Sequence[Period],
    as_of: dt.date,
    metric: str,
    partners: QuerySet,
    decimals: bool = True,
) -> dict[int, list[PeriodTarget | None]]:
    """Per partner pk: its target of each period, None where no target overlaps the period.

    With `decimals=False`, the numbers as the database returns them (see `revenue_by_partner`).
    """
    aggregates = {}
    months = F("last_month") - F("first_month") + Value(1)
    running = [period.is_running(as_of) for period in periods]
    for index, period in enumerate(periods):
        # A sum over no overlapping row is NULL: the partner has no target in that period.
        overlapping = Q(first_month__lte=period.last, last_month__gte=period.first)
        share = ProRated(F("value"), _overlap(period), months)
        aggregates[f"target_{index}"] = Sum(share, filter=overlapping, output_field=RESULT_DECIMAL)
        if running[index]:  # otherwise the target to date is all of it, or nothing yet
            used = ProRated(F("value"), _elapsed(period, as_of), months)
            aggregates[f"to_date_{index}"] = Sum(
                used, filter=overlapping, output_field=RESULT_DECIMAL
            )
    queryset = (
        of_partners(Target.objects, partners)
        .filter(
            metric=metric,
            first_month__lte=max(p.last for p in periods),
            last_month__gte=min(p.first for p in periods),
        )
        .order_by()
        .values("partner_id")
        .annotate(**aggregates)
    )
    # Columns: partner, then per period the pro-rated sum and, for a running period, the part
    # used up (as Django orders annotations: as they were added).
    positions, column = [], 1
    for index in range(len(periods)):
        positions.append((column, column + 1 if running[index] else None))
        column += 2 if running[index] else 1
    started = [as_of >= period.start for period in periods]
    convert, zero = (to_decimal, ZERO) if decimals else (as_returned, 0)
    result = {}
    for row in fetch_rows(queryset):
        targets = []
        for index, (target_at, to_date_at) in enumerate(positions):
            if (total := row[target_at]) is None:
                targets.append(None)
                continue
            target = convert(total)
            if to_date_at is not None:
                to_date = convert(row[to_date_at])
            else:
                to_date = target if started[index] else zero
            targets.append((target, to_date))
        result[row[0]] = targets
    return result
