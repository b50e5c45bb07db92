"""Formatting of the health report's numbers on the pages (unknown shows as an em dash)."""

from django import template

register = template.Library()
UNKNOWN = "—"


@register.filter
def percent(value: float | None) -> str:
    """A ratio as a whole percentage: 0.756 → "76%"; None → "—"."""
    if value is None:
        return UNKNOWN
    return f"{value * 100:.0f}%"


@register.filter
def money(value: float | None) -> str:
    """An amount with thousands separators and no cents: 1234567.8 → "1,234,568"."""
    if value is None:
        return UNKNOWN
    return f"{value:,.0f}"


@register.filter
def number(value: float | None) -> str:
    """A value as written, without a trailing ".0": 12.0 → "12", 2.5 → "2.5"."""
    if value is None:
        return UNKNOWN
    return f"{value:,.4f}".rstrip("0").rstrip(".")


@register.filter
def label(key: str) -> str:
    """A status or quadrant key as words: "mutiny_risk" → "Mutiny risk"."""
    return key.replace("_", " ").capitalize()
