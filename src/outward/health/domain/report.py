"""The channel-health report: both sides per partner, their quadrant, and the summary."""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from outward.core.errors import InputError
from outward.core.periods import Period, PeriodError
from outward.health.domain.actuals import ZERO, revenue_by_partner, targets_by_partner
from outward.health.domain.objectives import (
    COUNTED,
    MET,
    EvaluatedObjective,
    Weights,
    evaluate_objectives,
    objective_weights,
)
from outward.partners.models import Partner
from outward.targets.models import Metric

# Most worrying first: the order of the table and of the dashboard.
QUADRANT_SEVERITY: tuple[str, ...] = (
    "mutiny_risk",
    "struggling",
    "objectives_unknown",
    "drifting",
    "no_target",
    "thriving",
)
# The order of the summary's quadrant counts, as the spec writes them.
QUADRANTS: tuple[str, ...] = (
    "thriving",
    "mutiny_risk",
    "drifting",
    "struggling",
    "objectives_unknown",
    "no_target",
)
DEFAULT_THRESHOLD = 0.75


@dataclass(slots=True)
class PartnerHealth:
    """One partner's two sides in one period, unrounded."""

    pk: int
    partner_id: str
    name: str
    revenue_actual: Decimal = ZERO
    revenue_target: Decimal | None = None
    previous_revenue_actual: Decimal = ZERO
    objectives: list[EvaluatedObjective] = field(default_factory=list)
    objectives_met_weight: Decimal = ZERO
    objectives_weight: Decimal = ZERO
    met_own_objectives: bool | None = None

    @property
    def quota_attainment(self) -> Decimal | None:
        if not self.revenue_target:
            return None
        return self.revenue_actual / self.revenue_target

    @property
    def met_quota(self) -> bool | None:
        # attainment ≥ 1, compared exactly
        if not self.revenue_target:
            return None
        return self.revenue_actual >= self.revenue_target

    @property
    def objectives_met_share(self) -> Decimal | None:
        if not self.objectives_weight:
            return None
        return self.objectives_met_weight / self.objectives_weight

    @property
    def quadrant(self) -> str:
        return quadrant_for(met_quota=self.met_quota, met_own_objectives=self.met_own_objectives)


def quadrant_for(*, met_quota: bool | None, met_own_objectives: bool | None) -> str:
    """The quadrant of a partner; unknown objectives win over an unknown quota."""
    if met_own_objectives is None:
        return "objectives_unknown"
    if met_quota is None:
        return "no_target"
    if met_quota:
        return "thriving" if met_own_objectives else "mutiny_risk"
    return "drifting" if met_own_objectives else "struggling"


def parse_report_period(text: str) -> Period:
    """The report period, or an InputError naming the field."""
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise InputError(f"period: {exc}") from exc


def check_threshold(threshold: float) -> Decimal:
    """The threshold as an exact decimal; it must lie between 0 and 1."""
    if isinstance(threshold, bool) or not isinstance(threshold, int | float | Decimal):
        raise InputError("threshold: must be a number between 0 and 1")
    if isinstance(threshold, float) and not math.isfinite(threshold):
        raise InputError("threshold: must be a number between 0 and 1")
    exact = Decimal(str(threshold))
    if not Decimal(0) <= exact <= Decimal(1):
        raise InputError(f"threshold: {threshold} is not between 0 and 1")
    return exact


@dataclass(frozen=True)
class HealthInputs:
    """What the engine reads from the database for some periods: four queries' results.

    With `detail`, every objective evaluated (`objectives`); without, only each partner's
    objective weights per period (`weights`), which is all the shares need.
    """

    partners: list[tuple[int, str, str]]  # (pk, partner_id, name)
    revenue: dict[int, list[tuple[Decimal, int]]]  # per pk, per period (then previous periods)
    targets: dict[int, list[Decimal | None]]  # per pk, per period
    objectives: list[EvaluatedObjective] | None
    weights: Weights | None


def gather_inputs(
    *,
    periods: Sequence[Period],
    as_of: dt.date,
    partners: QuerySet,
    previous: bool = False,
    detail: bool = True,
) -> HealthInputs:
    """Revenue actuals, pro-rated revenue targets and evaluated objectives, all in SQL."""
    revenue_periods = list(periods)
    if previous:
        revenue_periods += [p.previous_comparable() for p in periods]
    return HealthInputs(
        partners=list(partners.order_by().values_list("pk", "partner_id", "name")),
        # The report shows revenue only; deals won matter to `partner_actuals` and objectives.
        revenue=revenue_by_partner(
            periods=revenue_periods, as_of=as_of, partners=partners, deals_won=False
        ),
        targets=targets_by_partner(periods=periods, metric=Metric.REVENUE, partners=partners),
        objectives=(
            evaluate_objectives(periods=periods, as_of=as_of, partners=partners) if detail else None
        ),
        weights=(
            None if detail else objective_weights(periods=periods, as_of=as_of, partners=partners)
        ),
    )


def evaluate_partners(
    *,
    periods: Sequence[Period],
    as_of: dt.date,
    threshold: Decimal,
    partners: QuerySet,
    previous: bool = False,
    detail: bool = True,
) -> list[dict[int, PartnerHealth]]:
    """Each partner's health in each period, in a fixed number of queries.

    With `detail`, each partner's evaluated objectives are listed; without, only the weights
    behind its share are filled in (the same numbers, much less work on a large channel).
    """
    inputs = gather_inputs(
        periods=periods, as_of=as_of, partners=partners, previous=previous, detail=detail
    )
    rows, revenue, targets = inputs.partners, inputs.revenue, inputs.targets

    result: list[dict[int, PartnerHealth]] = []
    for index, _period in enumerate(periods):
        healths = {}
        for pk, partner_id, name in rows:
            health = PartnerHealth(pk=pk, partner_id=partner_id, name=name)
            if pk in revenue:
                health.revenue_actual = revenue[pk][index][0]
                if previous:
                    health.previous_revenue_actual = revenue[pk][len(periods) + index][0]
            if pk in targets:
                health.revenue_target = targets[pk][index]
            healths[pk] = health
        result.append(healths)

    for objective in inputs.objectives or ():
        for index, period in enumerate(periods):
            if period.first <= objective.first_month and objective.last_month <= period.last:
                health = result[index].get(objective.partner_pk)
                if health is not None:
                    _add_objective(health, objective)
    for index, weights in enumerate(inputs.weights or ()):
        for pk, (met, counted) in weights.items():
            health = result[index].get(pk)
            if health is not None:
                health.objectives_met_weight, health.objectives_weight = met, counted
    for healths in result:
        for health in healths.values():
            if health.objectives_weight:
                health.met_own_objectives = (
                    health.objectives_met_weight >= threshold * health.objectives_weight
                )
    return result


def _add_objective(health: PartnerHealth, objective: EvaluatedObjective) -> None:
    health.objectives.append(objective)
    if objective.status in COUNTED:
        health.objectives_weight += objective.weight
        if objective.status == MET:
            health.objectives_met_weight += objective.weight


def money(value: Decimal | None) -> float | None:
    """Money for the report: the float rounded to 2 decimals as Python's round() does."""
    return None if value is None else round(float(value), 2)


def ratio(value: Decimal | None) -> float | None:
    """A ratio for the report: the float rounded to 4 decimals as Python's round() does."""
    if value is None:
        return None
    # A progress of 0 / −5 is −0 as a Decimal; zero prints as 0.0, never as -0.0.
    return round(float(value), 4) + 0.0


def number(value: Decimal | None) -> float | None:
    """An objective's own number (any unit) as stored, as a float."""
    return None if value is None else float(value)


def _objective_json(objective: EvaluatedObjective) -> dict:
    return {
        "objective_id": objective.objective_id,
        "title": objective.title,
        "period": objective.period,
        "status": objective.status,
        "value": number(objective.value),
        "target": number(objective.target),
        "progress": ratio(objective.progress),
        "weight": number(objective.weight),
    }


def partner_json(health: PartnerHealth, *, objectives: bool = True) -> dict:
    """One partner's entry of the report, rounded as the spec says (optionally without its
    objectives)."""
    # Ten thousand partners on a large channel: each property is computed once here.
    met_quota = health.met_quota
    met_own = health.met_own_objectives
    entry = {
        "partner_id": health.partner_id,
        "name": health.name,
        "revenue_actual": money(health.revenue_actual),
        "revenue_target": money(health.revenue_target),
        "quota_attainment": ratio(health.quota_attainment),
        "met_quota": met_quota,
        "objectives_met_share": ratio(health.objectives_met_share),
        "met_own_objectives": met_own,
        "quadrant": quadrant_for(met_quota=met_quota, met_own_objectives=met_own),
    }
    if objectives:
        entry["objectives"] = [_objective_json(o) for o in health.objectives]
    return entry


def summary_json(healths: Sequence[PartnerHealth]) -> dict:
    """The summary counts and revenue sums over the partners of a report."""
    quadrants = dict.fromkeys(QUADRANTS, 0)
    for health in healths:
        quadrants[health.quadrant] += 1
    targets = [h.revenue_target for h in healths if h.revenue_target is not None]
    return {
        "partners": len(healths),
        "with_objectives": sum(1 for h in healths if h.met_own_objectives is not None),
        "met_own_objectives": sum(1 for h in healths if h.met_own_objectives),
        "met_quota": sum(1 for h in healths if h.met_quota),
        "quadrants": quadrants,
        "revenue": {
            "actual": money(sum((h.revenue_actual for h in healths), ZERO)),
            "target": money(sum(targets, ZERO)),
            "previous_period_actual": money(
                sum((h.previous_revenue_actual for h in healths), ZERO)
            ),
        },
    }


def health_report(
    *,
    period: str,
    as_of: dt.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    partners: QuerySet | None = None,
) -> dict:
    """The channel-health report of shared/spec/health.md for the visible partners, as Python."""
    return _report(period=period, as_of=as_of, threshold=threshold, partners=partners, detail=True)


def health_summary(
    *,
    period: str,
    as_of: dt.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    partners: QuerySet | None = None,
) -> dict:
    """`health_report` without the partners' objective entries (for pages showing only shares)."""
    return _report(period=period, as_of=as_of, threshold=threshold, partners=partners, detail=False)


def _report(
    *,
    period: str,
    as_of: dt.date | None,
    threshold: float,
    partners: QuerySet | None,
    detail: bool,
) -> dict:
    parsed = parse_report_period(period)
    exact_threshold = check_threshold(threshold)
    as_of = as_of or timezone.localdate()
    partners = Partner.objects.all() if partners is None else partners
    (healths,) = evaluate_partners(
        periods=[parsed],
        as_of=as_of,
        threshold=exact_threshold,
        partners=partners,
        previous=True,
        detail=detail,
    )
    ordered = sorted(healths.values(), key=lambda h: h.partner_id)
    return {
        "period": parsed.text,
        "as_of": as_of.isoformat(),
        "threshold": float(threshold),
        "summary": summary_json(ordered),
        "partners": [partner_json(h, objectives=detail) for h in ordered],
    }


def by_severity(partners: Sequence[dict]) -> list[dict]:
    """Report entries most worrying first (quadrant severity, then partner key)."""
    return sorted(partners, key=lambda p: (QUADRANT_SEVERITY.index(p["quadrant"]), p["partner_id"]))
