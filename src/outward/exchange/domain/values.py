"""Parsers for the cell values of import files: each returns a value or raises ValueError."""

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

import pycountry

from outward.core.periods import Period, PeriodError

KEY_MAX = 64
_NUMBER = re.compile(r"^-?(\d+)(?:\.(\d+))?$")
_WHOLE = re.compile(r"^-?\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_COUNTRIES = frozenset(country.alpha_2 for country in pycountry.countries)
_SUBDIVISIONS = frozenset(sub.code for sub in pycountry.subdivisions)

Parser = Callable[[str], object]


def key(text: str) -> str:
    if len(text) > KEY_MAX:
        raise ValueError(f"longer than {KEY_MAX} characters ({len(text)})")
    return text


def text(max_length: int) -> Parser:
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise ValueError(f"longer than {max_length} characters ({len(value)})")
        return value

    return parse


def decimal(
    *, max_digits: int, places: int, minimum: Decimal | None = None, positive: bool = False
) -> Parser:
    """A decimal number with `.` as the point; `minimum`/`positive` bound it."""

    def parse(value: str) -> str:
        match = _NUMBER.match(value)
        if not match:
            raise ValueError(f"{value!r} is not a number (use digits and . as decimal point)")
        whole, fraction = match.groups()
        if fraction and len(fraction.rstrip("0")) > places:
            raise ValueError(f"{value} has more than {places} decimal places")
        if len(whole.lstrip("0")) > max_digits - places:
            raise ValueError(f"{value} is too large")
        negative = value.startswith("-") and (whole.strip("0") or (fraction or "").strip("0"))
        if minimum is not None and negative:
            raise ValueError(f"{value} is negative; must be ≥ {minimum}")
        if positive and (negative or not (whole.strip("0") or (fraction or "").strip("0"))):
            raise ValueError(f"{value} must be greater than 0")
        return value

    return parse


def to_decimal(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - parsers validate first
        raise ValueError(f"{value!r} is not a number") from exc


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


def date(value: str) -> str:
    try:
        if not _DATE.match(value):
            raise ValueError
        return dt.date.fromisoformat(value).isoformat()
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
