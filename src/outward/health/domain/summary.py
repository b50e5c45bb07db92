"""Counting partners' health: how many met their own objectives, the quota, per quadrant."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from outward.health.domain.quadrants import QUADRANTS, quadrant_for
from outward.sales.domain import ZERO

if TYPE_CHECKING:  # evaluate reads `summary_of` for the trend
    from outward.health.domain.evaluate import PartnerHealth


@dataclass(frozen=True)
class Summary:
    """The counts and revenue sums over some partners' health in one period."""

    partners: int
    with_objectives: int  # a known objectives-met share
    with_objectives_recorded: int  # any objective in the period, whatever its status
    met_own_objectives: int
    with_quota: int  # a known quota attainment (a revenue target above 0)
    met_quota: int
    quadrants: dict[str, int]
    revenue_actual: Decimal
    revenue_target: Decimal  # the sum of the known targets
    revenue_target_to_date: Decimal  # the sum of the known targets to date
    previous_revenue_actual: Decimal

    @property
    def met_own_objectives_share(self) -> Decimal | None:
        """Of the partners whose objectives are known, the share that met them."""
        return _share(self.met_own_objectives, self.with_objectives)

    @property
    def met_quota_share(self) -> Decimal | None:
        """Of the partners with a target to date, the share on pace to meet it (or that met it)."""
        return _share(self.met_quota, self.with_quota)


def _share(part: int, whole: int) -> Decimal | None:
    return Decimal(part) / Decimal(whole) if whole else None


def summarize(healths: Iterable[PartnerHealth]) -> Summary:
    """The summary of shared/spec/health.md over these partners' health in one period."""
    return summary_of(
        (
            health.met_quota,
            health.met_own_objectives,
            health.objectives_recorded,
            health.revenue_actual,
            health.revenue_target,
            health.revenue_target_to_date,
            health.previous_revenue_actual,
        )
        for health in healths
    )


# A partner's health in a period as the summary counts it: met the quota, met its own
# objectives, objectives on record, revenue actual, target, target to date, previous actual.
Counted = tuple[bool | None, bool | None, bool, Decimal, Decimal | None, Decimal | None, Decimal]


def summary_of(partners: Iterable[Counted]) -> Summary:
    """The summary over partners' health given as `Counted` tuples (see `summarize`)."""
    quadrants = dict.fromkeys(QUADRANTS, 0)
    count = with_objectives = recorded = met_own = with_quota = met_quota = 0
    actual = target = to_date = previous = ZERO
    for quota, own, on_record, revenue, revenue_target, target_to_date, earlier in partners:
        count += 1
        quadrants[quadrant_for(met_quota=quota, met_own_objectives=own)] += 1
        with_objectives += own is not None
        recorded += on_record
        met_own += bool(own)
        with_quota += quota is not None
        met_quota += bool(quota)
        actual += revenue
        if earlier:  # read for reports only, not for the trend
            previous += earlier
        if revenue_target is not None:
            target += revenue_target
            to_date += target_to_date
    return Summary(
        partners=count,
        with_objectives=with_objectives,
        with_objectives_recorded=recorded,
        met_own_objectives=met_own,
        with_quota=with_quota,
        met_quota=met_quota,
        quadrants=quadrants,
        revenue_actual=actual,
        revenue_target=target,
        revenue_target_to_date=to_date,
        previous_revenue_actual=previous,
    )
