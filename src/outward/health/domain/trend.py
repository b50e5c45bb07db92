"""Channel health over the last quarters, computed for all quarters in the same few queries."""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from outward.core.periods import Period
from outward.health.domain.actuals import ZERO
from outward.health.domain.report import (
    DEFAULT_THRESHOLD,
    QUADRANTS,
    check_threshold,
    gather_inputs,
    money,
    quadrant_for,
    ratio,
)
from outward.partners.models import Partner


def trailing_quarters(*, quarters: int, as_of: dt.date) -> list[Period]:
    """The `quarters` quarters ending with the one that contains the as-of date, oldest first."""
    current = as_of.year * 4 + (as_of.month - 1) // 3
    return [
        Period.parse(f"{q // 4}-Q{q % 4 + 1}") for q in range(current - quarters + 1, current + 1)
    ]


def health_trend(
    *,
    quarters: int = 8,
    as_of: dt.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    partners: QuerySet | None = None,
) -> list[dict]:
    """Per quarter, oldest first: how many partners met their own objectives and the quota."""
    if quarters < 1:
        raise ValueError("quarters must be at least 1")
    exact_threshold = check_threshold(threshold)
    as_of = as_of or timezone.localdate()
    periods = trailing_quarters(quarters=quarters, as_of=as_of)
    partners = Partner.objects.all() if partners is None else partners
    # Objectives in progress count in no share, so the trend does not evaluate them.
    inputs = gather_inputs(periods=periods, as_of=as_of, partners=partners, detail=False)
    return [
        _quarter_point(period, index, inputs, inputs.weights[index], exact_threshold)
        for index, period in enumerate(periods)
    ]


def _quarter_point(period: Period, index: int, inputs, weights, threshold: Decimal) -> dict:
    """One quarter of the trend; the same rules as the report's summary, without its entries."""
    quadrants = dict.fromkeys(QUADRANTS, 0)
    with_objectives = met_own_count = with_quota = met_quota_count = 0
    revenue_sum, target_sum = ZERO, ZERO
    for pk, _key, _name in inputs.partners:
        revenue = inputs.revenue[pk][index][0] if pk in inputs.revenue else ZERO
        target = inputs.targets[pk][index] if pk in inputs.targets else None
        revenue_sum += revenue
        if target is not None:
            target_sum += target
        met_quota = None if not target else revenue >= target
        met_own = None
        if pk in weights:
            met, counted = weights[pk]
            met_own = met >= threshold * counted
        with_quota += met_quota is not None
        met_quota_count += bool(met_quota)
        with_objectives += met_own is not None
        met_own_count += bool(met_own)
        quadrants[quadrant_for(met_quota=met_quota, met_own_objectives=met_own)] += 1
    return {
        "period": period.text,
        "partners": len(inputs.partners),
        "with_objectives": with_objectives,
        "met_own_objectives": met_own_count,
        "met_own_objectives_share": _ratio_of(met_own_count, with_objectives),
        "with_quota": with_quota,
        "met_quota": met_quota_count,
        "met_quota_share": _ratio_of(met_quota_count, with_quota),
        "quadrants": quadrants,
        "revenue_actual": money(revenue_sum),
        "revenue_target": money(target_sum),
    }


def _ratio_of(part: int, whole: int) -> float | None:
    """part / whole rounded as a ratio; None when nothing is known (whole is 0)."""
    return ratio(Decimal(part) / Decimal(whole)) if whole else None
