"""Template filters every page shares: numbers as people read them, and a record's column."""

from decimal import Decimal

from django import template
from django.conf import settings

from outward.core.numbers import UNKNOWN, money_text, number_text

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """A ratio as a whole percentage: 0.756 → "76%"; None → "—"."""
    if value is None:
        return UNKNOWN
    return f"{value * 100:.0f}%"


@register.filter
def money(value: Decimal | float | None) -> str:
    """An amount with thousands separators, whole units and the installation's currency
    (OUTWARD_CURRENCY): 1234567.8 → "1,234,568 EUR"; None → "—"."""
    return money_text(value, currency=settings.OUTWARD_CURRENCY)


@register.filter
def number(value: Decimal | float | None) -> str:
    """A value in its own unit with separators, without trailing zeros: 12.0 → "12",
    1234.5 → "1,234.5"; None → "—"."""
    return number_text(value)


@register.filter
def label(key: str) -> str:
    """A status or quadrant key as words: "mutiny_risk" → "Mutiny risk"."""
    return key.replace("_", " ").capitalize()


@register.filter
def item(mapping: dict, key):
    """A mapping's value by a key held in a variable."""
    return mapping.get(key)


@register.filter
def index(sequence, position: int):
    """An item of a list by its position (a row's value for the column at the same place)."""
    return sequence[position]
