"""Channel health over the last quarters, computed for all quarters in the same few queries."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from outward.core.collector import without_collector
from outward.core.numbers import money, ratio
from outward.core.periods import trailing_quarters
from outward.health.domain.evaluate import summarize_periods
from outward.health.domain.quadrants import DEFAULT_THRESHOLD, check_threshold
from outward.partners.models import Partner


@without_collector
def health_trend(
    *,
    quarters: int = 8,
    as_of: dt.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    partners: QuerySet | None = None,
) -> list[dict]:
    """Per quarter, oldest first: how many partners met their own objectives and the quota.

    The shares are of the partners for whom each side is known: met their own objectives of
    those with objectives evaluated, met the quota of those with a target.
    """
    if quarters < 1:
        raise ValueError("quarters must be at least 1")
    as_of = as_of or timezone.localdate()
    periods = trailing_quarters(quarters=quarters, as_of=as_of)
    # Objectives in progress count in no share, so the trend does not evaluate them one by one.
    summaries = summarize_periods(
        periods=periods,
        as_of=as_of,
        threshold=check_threshold(threshold),
        partners=Partner.objects.all() if partners is None else partners,
    )
    points = []
    for period, summary in zip(periods, summaries, strict=True):
        points.append(
            {
                "period": period.text,
                "partners": summary.partners,
                "with_objectives": summary.with_objectives,
                "met_own_objectives": summary.met_own_objectives,
                "met_own_objectives_share": ratio(summary.met_own_objectives_share),
                "with_quota": summary.with_quota,
                "met_quota": summary.met_quota,
                "met_quota_share": ratio(summary.met_quota_share),
                "quadrants": summary.quadrants,
                "revenue_actual": money(summary.revenue_actual),
                "revenue_target": money(summary.revenue_target),
            }
        )
    return points
