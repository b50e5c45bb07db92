"""Counting partners' health: how many met their own objectives, the quota, per quadrant."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
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
    quota: dict[int, bool] = {}
    own: dict[int, bool] = {}
    count = recorded = 0
    actual = target = to_date = previous = ZERO
    for health in healths:
        count += 1
        if (met_quota := health.met_quota) is not None:
            quota[health.pk] = met_quota
        if (met_own := health.met_own_objectives) is not None:
            own[health.pk] = met_own
        recorded += health.objectives_recorded
        actual += health.revenue_actual
        previous += health.previous_revenue_actual
        if health.revenue_target is not None:
            target += health.revenue_target
            to_date += health.revenue_target_to_date
    return summary_of(
        partners=count,
        quota=quota,
        own=own,
        recorded=recorded,
        revenue_actual=actual,
        revenue_target=target,
        revenue_target_to_date=to_date,
        previous_revenue_actual=previous,
    )


def summary_of(
    *,
    partners: int,
    quota: Mapping[int, bool],
    own: Mapping[int, bool],
    recorded: int,
    revenue_actual: Decimal,
    revenue_target: Decimal,
    revenue_target_to_date: Decimal,
    previous_revenue_actual: Decimal = ZERO,
) -> Summary:
    """The summary over some partners, given by who is known to have met the quota or not
    (`quota`: partner pk → met, for partners with a target to date) and their own objectives
    (`own`, for partners whose share is known), and their sums (see `summarize`).

    The trend counts eight quarters of 10,000 partners: this goes through the partners with a
    known own side only (the others' quota sides are counted, not listed), and judges each
    combination of the two sides once.
    """
    combinations = Counter((quota.get(pk), met) for pk, met in own.items())
    quota_met_count = sum(quota.values())
    sides = ((True, quota_met_count), (False, len(quota) - quota_met_count))
    for side, partners_on_it in sides:
        with_own = sum(number for (met, _), number in combinations.items() if met == side)
        combinations[side, None] += partners_on_it - with_own
    combinations[None, None] += partners - sum(combinations.values())
    quadrants = dict.fromkeys(QUADRANTS, 0)
    for (met_quota, met_own), number in combinations.items():
        quadrants[quadrant_for(met_quota=met_quota, met_own_objectives=met_own)] += number
    return Summary(
        partners=partners,
        with_objectives=len(own),
        with_objectives_recorded=recorded,
        met_own_objectives=sum(own.values()),
        with_quota=len(quota),
        met_quota=quota_met_count,
        quadrants=quadrants,
        revenue_actual=revenue_actual,
        revenue_target=revenue_target,
        revenue_target_to_date=revenue_target_to_date,
        previous_revenue_actual=previous_revenue_actual,
    )
