"""`num`: an objective's number as written (13.5, not 13.5000), whatever its unit."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def num(value) -> str:
    """The number without trailing zeros; empty for None."""
    if value is None or value == "":
        return ""
    try:
        exact = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format(exact.normalize(), "f")
