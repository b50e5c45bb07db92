"""The health of a selection of partners, computed once per page from the engine's typed results."""

import datetime as dt
import heapq
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import QuerySet
from django.utils import timezone

from outward.core.periods import Period
from outward.health.domain import (
    DEFAULT_THRESHOLD,
    PartnerHealth,
    Summary,
    evaluate_partners,
    severity_key,
    summarize,
)


@dataclass(frozen=True)
class Selection:
    """Every selected partner's health in one period, and their summary."""

    period: Period
    as_of: dt.date
    threshold: Decimal
    healths: dict[int, PartnerHealth]  # partner pk → health
    summary: Summary

    @property
    def running(self) -> bool:
        """The period is still running on the as-of date: quotas are judged on pace."""
        return self.period.is_running(self.as_of)

    def first_in_quadrant(self, quadrant: str, count: int) -> list[PartnerHealth]:
        """The quadrant's first partners, most revenue first (the summary counts them all)."""
        return heapq.nsmallest(count, self.by_quadrant.get(quadrant, []), key=revenue_order)

    @cached_property
    def by_quadrant(self) -> dict[str, list[PartnerHealth]]:
        """Every quadrant's partners, in no order (each partner judged once)."""
        grouped: dict[str, list[PartnerHealth]] = {}
        for health in self.healths.values():
            grouped.setdefault(health.quadrant, []).append(health)
        return grouped


def select(
    *,
    partners: QuerySet,
    period: Period,
    as_of: dt.date,
    threshold: Decimal,
    previous: bool = True,
) -> Selection:
    """The selection's health (without single objectives: the pages show shares).

    Without `previous`, the same period a year earlier is not read (its revenue stays 0).
    """
    (healths,) = evaluate_partners(
        periods=[period],
        as_of=as_of,
        threshold=threshold,
        partners=partners,
        previous=previous,
        detail=False,
    )
    return Selection(period, as_of, threshold, healths, summarize(healths.values()))


def this_year(*, partners: QuerySet) -> Selection:
    """The selection's health this year, as of today, at the default threshold.

    For the home page and the partner lists, which compare nothing with the year before.
    """
    today = timezone.localdate()
    return select(
        partners=partners,
        period=Period.parse(str(today.year)),
        as_of=today,
        threshold=Decimal(str(DEFAULT_THRESHOLD)),
        previous=False,
    )


def revenue_order(health: PartnerHealth) -> tuple:
    """The most revenue first, then the key."""
    return (-health.revenue_actual, health.partner_id)


def table_order(health: PartnerHealth) -> tuple:
    """Most worrying first: quadrant severity, then as `revenue_order`."""
    return (severity_key(health.quadrant), *revenue_order(health))


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def headline(selection: Selection) -> dict:
    """The first screen's figures, each with what it is a share of (all selected partners)."""
    s = selection.summary
    recorded, known = s.with_objectives_recorded, s.with_objectives
    return {
        "met_own_objectives": _share(s.met_own_objectives, s.partners),
        "met_quota": _share(s.met_quota, s.partners),
        "no_record": s.partners - recorded,
        "no_record_share": _share(s.partners - recorded, s.partners),
        "still_running": recorded - known,
        "still_running_share": _share(recorded - known, s.partners),
        "known": known,
        "known_share": _share(known, s.partners),
        "quadrant_shares": {key: _share(n, s.partners) for key, n in s.quadrants.items()},
        "previous_change": (
            round(100 * (s.revenue_actual / s.previous_revenue_actual - 1))
            if s.previous_revenue_actual
            else None
        ),
    }
