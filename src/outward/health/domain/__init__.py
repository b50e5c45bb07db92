"""The channel-health engine (shared/spec/health.md): both sides of each partner, in SQL.

The public interface: `evaluate_partners` (typed per-partner results) and `summarize` (their
counts), which pages read; `health_report` (the report's JSON) and `health_trend`.
"""

from outward.health.domain.evaluate import PartnerHealth, evaluate_partners
from outward.health.domain.quadrants import (
    DEFAULT_THRESHOLD,
    QUADRANT_SEVERITY,
    QUADRANTS,
    by_severity,
    check_threshold,
    quadrant_for,
    severity_key,
)
from outward.health.domain.report import health_report
from outward.health.domain.summary import Summary, summarize
from outward.health.domain.trend import health_trend

__all__ = [
    "DEFAULT_THRESHOLD",
    "QUADRANTS",
    "QUADRANT_SEVERITY",
    "PartnerHealth",
    "Summary",
    "by_severity",
    "check_threshold",
    "evaluate_partners",
    "health_report",
    "health_trend",
    "quadrant_for",
    "severity_key",
    "summarize",
]
