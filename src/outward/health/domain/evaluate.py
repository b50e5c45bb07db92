"""Each partner's two sides in a period, as typed values: the engine's one public result.

`evaluate_partners` reads revenue actuals (sales), pro-rated targets (targets) and the
objectives' evaluation (objectives) in a fixed number of queries, whatever the number of
partners, and returns one `PartnerHealth` per partner and period. The report's JSON, the
dashboard, the trend and the scorecards all read these; `summarize` counts them.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from outward.core.collector import without_collector
from outward.core.periods import Period, a_year_earlier
from outward.core.sql import at_least, fetch_rows, total
from outward.health.domain.quadrants import quadrant_for
from outward.health.domain.summary import Summary, summary_of
from outward.objectives.domain.evaluation import (
    COUNTED,
    MET,
    EvaluatedObjective,
    ObjectiveTally,
    evaluate_objectives,
    objective_weights,
)
from outward.sales.domain import ZERO, revenue_by_partner, revenue_by_window
from outward.targets.domain.prorating import PeriodTarget, targets_by_partner, targets_by_period
from outward.targets.models import Metric


def quota_met(actual: Decimal, target_to_date: Decimal | None) -> bool | None:
    """Whether revenue reached the target to date (attainment ≥ 1, compared exactly); None
    without a target to date above 0. Decimals, or the numbers as the database returns them
    (the trend's): compared as their decimals are (`at_least`)."""
    if not target_to_date:
        return None
    return at_least(actual, target_to_date)


def own_objectives_met(met_weight: Decimal, weight: Decimal, threshold: Decimal) -> bool | None:
    """Whether the weight of the objectives met reaches the threshold's share of the weight
    counted; None when no objective counts."""
    if not weight:
        return None
    return met_weight >= threshold * weight


@dataclass(slots=True)
class PartnerHealth:
    """One partner's two sides in one period, unrounded."""

    pk: int
    partner_id: str
    name: str
    revenue_actual: Decimal = ZERO
    revenue_target: Decimal | None = None
    revenue_target_to_date: Decimal | None = None
    previous_revenue_actual: Decimal = ZERO  # the same period a year earlier, as of a year earlier
    objectives_recorded: bool = False  # any objective in the period, whatever its status
    objectives: list[EvaluatedObjective] = field(default_factory=list)
    objectives_met_weight: Decimal = ZERO
    objectives_weight: Decimal = ZERO
    met_own_objectives: bool | None = None

    @property
    def quota_attainment(self) -> Decimal | None:
        """Revenue against the target the elapsed part of the period has used up (on pace)."""
        if not self.revenue_target_to_date:
            return None
        return self.revenue_actual / self.revenue_target_to_date

    @property
    def met_quota(self) -> bool | None:
        return quota_met(self.revenue_actual, self.revenue_target_to_date)

    @property
    def objectives_met_share(self) -> Decimal | None:
        if not self.objectives_weight:
            return None
        return self.objectives_met_weight / self.objectives_weight

    @property
    def quadrant(self) -> str:
        return quadrant_for(met_quota=self.met_quota, met_own_objectives=self.met_own_objectives)


@dataclass(frozen=True)
class HealthInputs:
    """What the engine reads from the database for some periods: four queries' results.

    With `detail`, every objective evaluated (`objectives`); without, only each partner's
    objective weights per period and who has objectives (`tally`), all the shares need.
    """

    partners: list[tuple]  # (pk, partner_id, name)
    revenue: dict[int, list[Decimal]]  # per pk, per period (then previous periods)
    targets: dict[int, list[PeriodTarget | None]]  # per pk, per period
    objectives: list[EvaluatedObjective] | None
    tally: ObjectiveTally | None


def _gather(
    *, periods: Sequence[Period], as_of: dt.date, partners: QuerySet, previous: bool, detail: bool
) -> HealthInputs:
    windows = [(period, as_of) for period in periods]
    if previous:
        # Like for like: the same period a year earlier, counted as of the same day then.
        earlier = a_year_earlier(as_of)
        windows += [(period.previous_comparable(), earlier) for period in periods]
    return HealthInputs(
        partners=fetch_rows(partners.order_by().values_list("pk", "partner_id", "name")),
        revenue=revenue_by_partner(windows=windows, partners=partners),
        targets=targets_by_partner(
            periods=periods, as_of=as_of, metric=Metric.REVENUE, partners=partners
        ),
        objectives=(
            evaluate_objectives(periods=periods, as_of=as_of, partners=partners) if detail else None
        ),
        tally=(
            None if detail else objective_weights(periods=periods, as_of=as_of, partners=partners)
        ),
    )


@without_collector
def evaluate_partners(
    *,
    periods: Sequence[Period],
    as_of: dt.date,
    threshold: Decimal,
    partners: QuerySet,
    previous: bool = False,
    detail: bool = True,
) -> list[dict[int, PartnerHealth]]:
    """Each partner's health in each period (per period: partner pk → PartnerHealth).

    With `detail`, each partner's evaluated objectives are listed; without, only the weights
    behind its share are filled in (the same numbers, much less work on a large channel).
    With `previous`, the previous comparable period's revenue is read too.
    """
    inputs = _gather(
        periods=periods, as_of=as_of, partners=partners, previous=previous, detail=detail
    )
    rows, revenue, targets, tally = inputs.partners, inputs.revenue, inputs.targets, inputs.tally
    count = len(periods)
    no_revenue = [ZERO] * (2 * count if previous else count)
    no_targets: list[PeriodTarget | None] = [None] * count
    no_weights = (ZERO, ZERO)
    result: list[dict[int, PartnerHealth]] = [{} for _ in periods]
    # Ten thousand partners times eight quarters for the trend: one pass, positional fields.
    for pk, partner_id, name in rows:
        sums = revenue.get(pk, no_revenue)
        partner_targets = targets.get(pk, no_targets)
        for index in range(count):
            target = partner_targets[index]
            health = PartnerHealth(
                pk,
                partner_id,
                name,
                sums[index],
                None if target is None else target[0],
                None if target is None else target[1],
                sums[count + index] if previous else ZERO,
            )
            if tally is not None:
                health.objectives_recorded = pk in tally.recorded[index]
                met, counted = tally.weights[index].get(pk, no_weights)
                if counted:
                    health.objectives_met_weight, health.objectives_weight = met, counted
                    health.met_own_objectives = own_objectives_met(met, counted, threshold)
            result[index][pk] = health

    if inputs.objectives:
        # Objectives share few periods: the periods each lies within are found once per span.
        within: dict[tuple[int, int], list[dict[int, PartnerHealth]]] = {}
        for objective in inputs.objectives:
            span = (objective.first_month, objective.last_month)
            if (healths_within := within.get(span)) is None:
                healths_within = within[span] = [
                    result[index]
                    for index, period in enumerate(periods)
                    if period.first <= span[0] and span[1] <= period.last
                ]
            for healths in healths_within:
                if (health := healths.get(objective.partner_pk)) is not None:
                    _add_objective(health, objective)
        for healths in result:
            for health in healths.values():
                if health.objectives_weight:  # otherwise no share: None, as it stands
                    health.met_own_objectives = own_objectives_met(
                        health.objectives_met_weight, health.objectives_weight, threshold
                    )
    return result


@without_collector
def summarize_periods(
    *, periods: Sequence[Period], as_of: dt.date, threshold: Decimal, partners: QuerySet
) -> list[Summary]:
    """Each period's summary, as `summarize` counts `evaluate_partners`' results, without
    building each partner's health: the trend reads 10,000 partners in each of 8 quarters.

    The inputs come period by period (partner pk → number) and stay the numbers the database
    returns: compared with `at_least` as `quota_met` compares their decimals, and added with
    `total` (converting each of 80,000 was a third of the trend's time).
    """
    revenue = revenue_by_window(windows=[(period, as_of) for period in periods], partners=partners)
    targets = targets_by_period(
        periods=periods, as_of=as_of, metric=Metric.REVENUE, partners=partners
    )
    tally = objective_weights(periods=periods, as_of=as_of, partners=partners)
    count = partners.order_by().count()
    summaries = []
    for index, (actuals, (period_targets, to_dates)) in enumerate(
        zip(revenue, targets, strict=True)
    ):
        quota = {
            pk: quota_met(actuals.get(pk, 0), to_date)
            for pk, to_date in to_dates.items()
            if to_date
        }
        own = {
            pk: own_objectives_met(met_weight, weight, threshold)
            for pk, (met_weight, weight) in tally.weights[index].items()
            if weight
        }
        summaries.append(
            summary_of(
                partners=count,
                quota=quota,
                own=own,
                recorded=len(tally.recorded[index]),
                revenue_actual=total(actuals.values()),
                revenue_target=total(period_targets.values()),
                revenue_target_to_date=total(to_dates.values()),
            )
        )
    return summaries


def _add_objective(health: PartnerHealth, objective: EvaluatedObjective) -> None:
    health.objectives.append(objective)
    health.objectives_recorded = True
    if objective.status in COUNTED:
        health.objectives_weight += objective.weight
        if objective.status == MET:
            health.objectives_met_weight += objective.weight
