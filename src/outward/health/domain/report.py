"""The report of shared/spec/health.md as JSON values: the engine's results, rounded as specified.

`outward health --format json`, `GET /api/v1/health/` and the exports read this; pages read
the typed results (`evaluate_partners`, `summarize`) directly.
"""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from outward.core.collector import without_collector
from outward.core.numbers import money, number, ratio
from outward.core.periods import parse_period
from outward.health.domain.evaluate import PartnerHealth, evaluate_partners
from outward.health.domain.quadrants import DEFAULT_THRESHOLD, check_threshold, quadrant_for
from outward.health.domain.summary import Summary, summarize
from outward.objectives.domain.evaluation import EvaluatedObjective
from outward.partners.models import Partner


def objective_json(objective: EvaluatedObjective) -> dict:
    """One objective's entry: its status, value and progress as `evaluation_json` gives them
    (written out here, without that dict in between: a large report has 17,000 entries)."""
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
    """One partner's entry of the report (optionally without its objectives)."""
    met_quota, met_own = health.met_quota, health.met_own_objectives
    entry = {
        "partner_id": health.partner_id,
        "name": health.name,
        "revenue_actual": money(health.revenue_actual),
        "revenue_target": money(health.revenue_target),
        "revenue_target_to_date": money(health.revenue_target_to_date),
        "quota_attainment": ratio(health.quota_attainment),
        "met_quota": met_quota,
        "objectives_met_share": ratio(health.objectives_met_share),
        "met_own_objectives": met_own,
        "quadrant": quadrant_for(met_quota=met_quota, met_own_objectives=met_own),
    }
    if objectives:
        entry["objectives"] = [objective_json(o) for o in health.objectives]
    return entry


def summary_json(summary: Summary) -> dict:
    """The report's summary block."""
    return {
        "partners": summary.partners,
        "with_objectives": summary.with_objectives,
        "with_objectives_recorded": summary.with_objectives_recorded,
        "met_own_objectives": summary.met_own_objectives,
        "met_quota": summary.met_quota,
        "quadrants": dict(summary.quadrants),
        "revenue": {
            "actual": money(summary.revenue_actual),
            "target": money(summary.revenue_target),
            "target_to_date": money(summary.revenue_target_to_date),
            "previous_period_actual": money(summary.previous_revenue_actual),
        },
    }


@without_collector
def health_report(
    *,
    period: str,
    as_of: dt.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    partners: QuerySet | None = None,
    detail: bool = True,
) -> dict:
    """The channel-health report of shared/spec/health.md for the visible partners.

    Without `detail`, partners' entries leave out their objectives (much less work). The
    collector stays paused while the entries are written too: 27,000 dicts on a large channel.
    """
    parsed = parse_period(period)
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
        "summary": summary_json(summarize(ordered)),
        "partners": [partner_json(h, objectives=detail) for h in ordered],
    }
