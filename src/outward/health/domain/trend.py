"""Channel health over the last quarters, computed for all quarters in the same few queries."""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from outward.core.periods import Period
from outward.health.domain.report import (
    DEFAULT_THRESHOLD,
    check_threshold,
    evaluate_partners,
    ratio,
    summary_json,
)
from outward.partners.models import Partner


def trailing_quarters(*, quarters: int, as_of: dt.date) -> list[Period]:
    """The `quarters` quarters ending with the one that contains the as-of date, oldest first."""
    current = as_of.year * 4 + (as_of.month - 1) // 3
    return [
        Period.parse(f"{q // 4}-Q{q % 4 + 1}") for q in range(current - quarters + 1, current + 1)
    ]


def _exact(part: int, whole: int) -> Decimal:
    return Decimal(part) / Decimal(whole)


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
    as_of = as_of or timezone.localdate()
    periods = trailing_quarters(quarters=quarters, as_of=as_of)
    partners = Partner.objects.all() if partners is None else partners
    per_period = evaluate_partners(
        periods=periods,
        as_of=as_of,
        threshold=check_threshold(threshold),
        partners=partners,
        summary_only=True,
    )
    trend = []
    for period, healths in zip(periods, per_period, strict=True):
        summary = summary_json(list(healths.values()))
        with_quota = sum(1 for h in healths.values() if h.met_quota is not None)
        trend.append(
            {
                "period": period.text,
                "partners": summary["partners"],
                "with_objectives": summary["with_objectives"],
                "met_own_objectives": summary["met_own_objectives"],
                "met_own_objectives_share": _ratio_of(
                    summary["met_own_objectives"], summary["with_objectives"]
                ),
                "with_quota": with_quota,
                "met_quota": summary["met_quota"],
                "met_quota_share": _ratio_of(summary["met_quota"], with_quota),
                "quadrants": summary["quadrants"],
                "revenue_actual": summary["revenue"]["actual"],
                "revenue_target": summary["revenue"]["target"],
            }
        )
    return trend


def _ratio_of(part: int, whole: int) -> float | None:
    """part / whole rounded as a ratio; None when nothing is known (whole is 0)."""
    return ratio(_exact(part, whole)) if whole else None
