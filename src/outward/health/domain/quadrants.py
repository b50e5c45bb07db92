"""Quadrants of channel health and the own-objectives threshold (shared/spec/health.md)."""

import math
from collections.abc import Sequence
from decimal import Decimal

from outward.core.errors import InputError

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


def quadrant_for(*, met_quota: bool | None, met_own_objectives: bool | None) -> str:
    """The quadrant of a partner; unknown objectives win over an unknown quota."""
    if met_own_objectives is None:
        return "objectives_unknown"
    if met_quota is None:
        return "no_target"
    if met_quota:
        return "thriving" if met_own_objectives else "mutiny_risk"
    return "drifting" if met_own_objectives else "struggling"


def severity_key(quadrant: str) -> int:
    return QUADRANT_SEVERITY.index(quadrant)


def by_severity(partners: Sequence[dict]) -> list[dict]:
    """Report entries most worrying first (quadrant severity, then partner key)."""
    return sorted(partners, key=lambda p: (severity_key(p["quadrant"]), p["partner_id"]))


def check_threshold(threshold: float | Decimal | str, *, field: str = "threshold") -> Decimal:
    """The own-objectives threshold as an exact decimal between 0 and 1, or an InputError."""
    if isinstance(threshold, str):
        try:
            threshold = float(threshold)
        except ValueError:
            raise InputError(f"{field}: {threshold!r} is not a number") from None
    if isinstance(threshold, bool) or not isinstance(threshold, int | float | Decimal):
        raise InputError(f"{field}: must be a number between 0 and 1")
    if not (math.isfinite(threshold) and 0 <= threshold <= 1):
        raise InputError(f"{field}: {threshold} is not between 0 and 1")
    return Decimal(str(threshold))
