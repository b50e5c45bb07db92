"""Numbers in reports and API answers, rounded as the specs say (health.md, territories.md…),
and the one way pages write numbers for people (the template filters of `{% load outward %}`).
"""

from decimal import Decimal


def money(value: Decimal | float | None) -> float | None:
    """Money for a report: the float rounded to 2 decimals as Python's round() does."""
    return _rounded(value, 100, 2)


def ratio(value: Decimal | float | None) -> float | None:
    """A ratio for a report: the float rounded to 4 decimals as Python's round() does, and
    zero as 0.0, never -0.0 (a progress of 0 / −5 is −0 as a Decimal)."""
    rounded = _rounded(value, 10_000, 4)
    return rounded if rounded else (None if rounded is None else 0.0)


# Below this, a float times 100 or 10,000 is within 2⁻¹² of its exact product.
_EXACT_ENOUGH = 2.0**40


def _rounded(value: Decimal | float | None, scale: int, digits: int) -> float | None:
    """`round(float(value), digits)`, `scale` being 10 ** digits, the same float, faster
    (None stays None).

    round() rounds the exact value through a decimal string (0.6 µs; a large report rounds
    60,000 numbers). Where the scaled value is clear of a half, its nearest integer k is the
    decimal rounding, and k / scale (integer division rounds correctly) is the float nearest to
    it, which is what round() returns. Halves, zeros (−0.0 stays round()'s), huge numbers and
    NaN are left to round() itself.
    """
    if value is None:
        return None
    value = float(value)
    scaled = value * scale
    if -_EXACT_ENOUGH < scaled < _EXACT_ENOUGH:
        nearest = round(scaled)
        if nearest and abs(scaled - nearest) < 0.49:
            return nearest / scale
    return round(value, digits)


def number(value: Decimal | float | None) -> float | None:
    """A value in its own unit, as stored, as a float."""
    return None if value is None else float(value)


def plain_number(value: Decimal | None) -> str:
    """A stored number as a form field shows it: no separators, no trailing zeros, no
    exponent (4932433.0000 → "4932433", 55000.5500 → "55000.55"); empty for None."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")


UNKNOWN = "—"


def number_text(value: Decimal | float | None) -> str:
    """A value in its own unit for people: separators, at most 4 decimals, no trailing zeros
    (1234567.5000 → "1,234,567.5", 12.0 → "12"); "—" when unknown."""
    if value is None:
        return UNKNOWN
    text = f"{Decimal(str(value)):,.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def money_text(value: Decimal | float | None, *, currency: str = "") -> str:
    """An amount for people: separators, whole units, the installation's currency (a code
    after the number, a symbol before it): 4932433.5 → "4,932,434 EUR" or "€4,932,434"."""
    if value is None:
        return UNKNOWN
    amount = f"{Decimal(str(value)):,.0f}"
    if amount == "-0":
        amount = "0"
    if not currency:
        return amount
    if currency.isalpha() and currency.isascii():
        return f"{amount} {currency}"
    return f"-{currency}{amount[1:]}" if amount.startswith("-") else f"{currency}{amount}"
