"""Numbers in reports and API answers, rounded as the specs say (health.md, territories.md…)."""

from decimal import Decimal


def money(value: Decimal | float | None) -> float | None:
    """Money for a report: the float rounded to 2 decimals as Python's round() does."""
    return None if value is None else round(float(value), 2)


def ratio(value: Decimal | float | None) -> float | None:
    """A ratio for a report: the float rounded to 4 decimals as Python's round() does."""
    if value is None:
        return None
    # A progress of 0 / −5 is −0 as a Decimal; zero prints as 0.0, never as -0.0.
    return round(float(value), 4) + 0.0


def number(value: Decimal | float | None) -> float | None:
    """A value in its own unit, as stored, as a float."""
    return None if value is None else float(value)
