"""The channel-health engine (shared/spec/health.md): both sides of each partner, in SQL.

The public interface other parts call: `health_report`, `health_summary`, `health_trend`,
`partner_actuals`, `QUADRANT_SEVERITY`.
"""

from outward.health.domain.actuals import Actuals, partner_actuals
from outward.health.domain.report import (
    DEFAULT_THRESHOLD,
    QUADRANT_SEVERITY,
    QUADRANTS,
    by_severity,
    health_report,
    health_summary,
    parse_report_period,
    quadrant_for,
)
from outward.health.domain.trend import health_trend

__all__ = [
    "DEFAULT_THRESHOLD",
    "QUADRANTS",
    "QUADRANT_SEVERITY",
    "Actuals",
    "by_severity",
    "health_report",
    "health_summary",
    "health_trend",
    "parse_report_period",
    "partner_actuals",
    "quadrant_for",
]
