"""Template filters every page shares: numbers as people read them, and a record's column."""

from decimal import Decimal, InvalidOperation

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
def num(value) -> str:
    """A stored number without trailing zeros (13.5, not 13.5000); empty for None."""
    if value is None or value == "":
        return ""
    try:
        exact = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format(exact.normalize(), "f")


@register.filter
def label(key: str) -> str:
    """A status or quadrant key as words: "mutiny_risk" → "Mutiny risk"."""
    return key.replace("_", " ").capitalize()


@register.filter
def attr(record, name: str):
    """A record's attribute by name, for columns other areas add to a list."""
    return getattr(record, name, None)


@register.filter
def item(mapping: dict, key):
    """A mapping's value by a key held in a variable."""
    return mapping.get(key)


@register.filter
def index(sequence, position: int):
    """An item of a list by its position (a row's value for the column at the same place)."""
    return sequence[position]
