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
    *, periods: Sequence[Period], as_of: dt.date, metric: str, partners: QuerySet
) -> dict[int, list[PeriodTarget | None]]:
    """Per partner pk: its target of each period, None where no target overlaps the period."""
    rows, columns = _target_sums(periods=periods, as_of=as_of, metric=metric, partners=partners)
    result = {}
    for row in rows:
        targets = []
        for target_at, to_date_at, started in columns:
            if (total := row[target_at]) is None:
                targets.append(None)
                continue
            target = to_decimal(total)
            if to_date_at is not None:
                to_date = to_decimal(row[to_date_at])
            else:
                to_date = target if started else ZERO
            targets.append((target, to_date))
        result[row[0]] = targets
    return result


def targets_by_period(
    *, periods: Sequence[Period], as_of: dt.date, metric: str, partners: QuerySet
) -> list[tuple[dict[int, object], dict[int, object]]]:
    """Per period: partner pk → its target, and partner pk → the part used up by the as-of
    date, for the partners with a target overlapping the period; the numbers as the database
    returns them (see `sales.domain.revenue_by_window`)."""
    rows, columns = _target_sums(periods=periods, as_of=as_of, metric=metric, partners=partners)
    if not rows:
        return [({}, {}) for _ in periods]
    pks, *sums = zip(*rows, strict=True)
    result = []
    for target_at, to_date_at, started in columns:
        overlapping = sums[target_at - 1]
        targets = {
            pk: total for pk, total in zip(pks, overlapping, strict=True) if total is not None
        }
        if to_date_at is not None:
            to_date = {
                pk: used
                for pk, total, used in zip(pks, overlapping, sums[to_date_at - 1], strict=True)
                if total is not None
            }
        else:
            to_date = targets if started else dict.fromkeys(targets, 0)
        result.append((targets, to_date))
    return result


def _target_sums(
    *, periods: Sequence[Period], as_of: dt.date, metric: str, partners: QuerySet
) -> tuple[list[tuple], list[tuple[int, int | None, bool]]]:
    """The partners' pro-rated targets of each period, in one grouped query: its rows, and per
    period the row's column of the target, the column of the part used up (None where that is
    all of it or, before the period starts, nothing) and whether the period has started."""
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
    columns, column = [], 1
    for index, period in enumerate(periods):
        columns.append((column, column + 1 if running[index] else None, as_of >= period.start))
        column += 2 if running[index] else 1
    return fetch_rows(queryset), columns
