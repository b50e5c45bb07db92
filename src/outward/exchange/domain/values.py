"""Parsers for the cell values of import files: each returns a value or raises ValueError.

Numbers and dates are ASCII: `\\d` in a Python pattern matches any Unicode digit (１２, ١٢), so
every pattern here spells its digits `[0-9]`.
"""

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

import pycountry

from outward.core.periods import Period, PeriodError

KEY_MAX = 64
# A key as the spec allows it: 1–64 characters, none of them `/` or a control character (Cc).
PLAIN_KEY = re.compile(r"^[^/\x00-\x1f\x7f-\x9f]{1,64}$")
_NUMBER = re.compile(r"^-?([0-9]+)(?:\.([0-9]+))?$")
_WHOLE = re.compile(r"^-?[0-9]+$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_COUNTRIES = frozenset(country.alpha_2 for country in pycountry.countries)
_SUBDIVISIONS = frozenset(sub.code for sub in pycountry.subdivisions)

Parser = Callable[[str], object]


def key(text: str) -> str:
    """A record's key: 1–64 characters without `/` or control characters (keys are in URLs)."""
    if PLAIN_KEY.match(text):
        return text
    if len(text) > KEY_MAX:
        raise ValueError(f"longer than {KEY_MAX} characters ({len(text)})")
    if "/" in text:
        raise ValueError(f"{text!r} contains '/', which keys cannot (they appear in URLs)")
    control = next(char for char in text if not PLAIN_KEY.match(char))
    raise ValueError(f"{text!r} contains the control character U+{ord(control):04X}")


def text(max_length: int) -> Parser:
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise ValueError(f"longer than {max_length} characters ({len(value)})")
        return value

    return parse


def decimal(
    *, max_digits: int, places: int, minimum: Decimal | None = None, positive: bool = False
) -> Parser:
    """A plain decimal number (ASCII digits, `.` as the point); `minimum`/`positive` bound it."""

    def parse(value: str) -> Decimal:
        match = _NUMBER.match(value)
        if not match:
            raise ValueError(f"{value!r} is not a number (use digits and . as decimal point)")
        whole, fraction = match.groups()
        if fraction and len(fraction.rstrip("0")) > places:
            raise ValueError(f"{value} has more than {places} decimal places")
        if len(whole.lstrip("0")) > max_digits - places:
            raise ValueError(f"{value} is too large")
        number = Decimal(value) + 0  # -0 becomes 0
        if minimum is not None and number < minimum:
            raise ValueError(f"{value} is negative; must be ≥ {minimum}")
        if positive and number <= 0:
            raise ValueError(f"{value} must be greater than 0")
        return number

    return parse


def whole(*, minimum: int | None = 0, maximum: int = 2_147_483_647) -> Parser:
    def parse(value: str) -> int:
        if not _WHOLE.match(value):
            raise ValueError(f"{value!r} is not a whole number")
        number = int(value)
        if minimum is not None and number < minimum:
            raise ValueError(f"{value} must be ≥ {minimum}")
        if abs(number) > maximum:
            raise ValueError(f"{value} is too large")
        return number

    return parse


def date(value: str) -> dt.date:
    try:
        if not _DATE.match(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def period(value: str) -> Period:
    try:
        return Period.parse(value)
    except PeriodError as exc:
        raise ValueError(str(exc)) from None


def choice(*allowed: str) -> Parser:
    options = ", ".join(allowed)

    def parse(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {options}")
        return value

    return parse


def country(value: str) -> str:
    code = value.upper()
    if code not in _COUNTRIES:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return code


def subdivision(value: str) -> str:
    code = value.upper()
    if code not in _SUBDIVISIONS:
        raise ValueError(f"{value!r} is not an ISO 3166-2 subdivision code (e.g. DE-BY)")
    return code


def email(value: str) -> str:
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an e-mail address")
    return value


def listed(item: Parser) -> Parser:
    """A `;`-separated list; empty items are ignored, duplicates dropped, order kept."""

    def parse(value: str) -> list:
        items: list = []
        for part in value.split(";"):
            part = part.strip()
            if part:
                parsed = item(part)
                if parsed not in items:
                    items.append(parsed)
        return items

    return parse


def domain_name(value: str) -> str:
    lowered = value.lower()
    if not _DOMAIN.match(lowered):
        raise ValueError(f"{value!r} is not a domain name (e.g. acme.com)")
    return lowered


def plain(value: str) -> str:
    return value
