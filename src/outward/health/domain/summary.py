"""Counting partners' health: how many met their own objectives, the quota, per quadrant."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from outward.health.domain.evaluate import PartnerHealth
from outward.health.domain.quadrants import QUADRANTS, quadrant_for
from outward.sales.domain import ZERO


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
    quadrants = dict.fromkeys(QUADRANTS, 0)
    partners = with_objectives = recorded = met_own = with_quota = met_quota = 0
    actual = target = to_date = previous = ZERO
    for health in healths:
        partners += 1
        met_quota_now, met_own_now = health.met_quota, health.met_own_objectives
        quadrants[quadrant_for(met_quota=met_quota_now, met_own_objectives=met_own_now)] += 1
        with_objectives += met_own_now is not None
        recorded += health.objectives_recorded
        met_own += bool(met_own_now)
        with_quota += met_quota_now is not None
        met_quota += bool(met_quota_now)
        actual += health.revenue_actual
        if health.previous_revenue_actual:  # read for reports only, not for the trend
            previous += health.previous_revenue_actual
        if health.revenue_target is not None:
            target += health.revenue_target
            to_date += health.revenue_target_to_date
    return Summary(
        partners=partners,
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
