"""Objective statuses and values, as the channel-health rules define them (H5's engine)."""

import datetime as dt

from outward.core.periods import Period
from outward.health.domain import health_report
from outward.partners.models import Partner


def objective_statuses(*, partner: Partner, period: Period, as_of: dt.date) -> dict[str, dict]:
    """Per objective key: status, value, target and progress of the partner's objectives in P."""
    report = health_report(
        period=period.text, as_of=as_of, partners=Partner.objects.filter(pk=partner.pk)
    )
    return {entry["objective_id"]: entry for p in report["partners"] for entry in p["objectives"]}
