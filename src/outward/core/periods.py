"""Periods: a year (`2026`), a quarter (`2026-Q1`) or a month (`2026-03`), in whole months.

Months are counted as month numbers, `year * 12 + month - 1`, so that SQL can compare and
pro-rate them (targets, objectives and plans store their period's first and last month).
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from outward.core.errors import InputError

_PERIOD = re.compile(r"^([0-9]{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$")


class PeriodError(ValueError):
    pass


def month_number(day: dt.date) -> int:
    """The month number of a day (year * 12 + month - 1)."""
    return day.year * 12 + day.month - 1


def month_start(number: int) -> dt.date:
    """The first day of a month number."""
    return dt.date(number // 12, number % 12 + 1, 1)


def month_days(number: int) -> int:
    return calendar.monthrange(number // 12, number % 12 + 1)[1]


def last_ended_month(as_of: dt.date) -> int:
    """The last month that has ended on the as-of date (its last day counts as ended)."""
    month = month_number(as_of)
    return month if as_of.day == month_days(month) else month - 1


def a_year_earlier(day: dt.date) -> dt.date:
    """The same day one year before (29 February becomes 28 February)."""
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


@dataclass(frozen=True, order=True)
class Period:
    """A run of whole months, `first` to `last` as month numbers."""

    first: int
    last: int
    text: str

    @classmethod
    def parse(cls, text: str) -> "Period":
        match = _PERIOD.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise PeriodError(f"{text!r} is not a period (use YYYY, YYYY-Qn or YYYY-MM)")
        year, quarter, month = match.groups()
        base = int(year) * 12
        if quarter:
            first = base + (int(quarter) - 1) * 3
            return cls(first, first + 2, text.strip())
        if month:
            first = base + int(month) - 1
            return cls(first, first, text.strip())
        return cls(base, base + 11, text.strip())

    @property
    def kind(self) -> str:
        return {1: "month", 3: "quarter", 12: "year"}[self.months_count]

    @property
    def months_count(self) -> int:
        return self.last - self.first + 1

    def months(self) -> range:
        return range(self.first, self.last + 1)

    @property
    def start(self) -> dt.date:
        return month_start(self.first)

    @property
    def end(self) -> dt.date:
        return month_start(self.last).replace(day=month_days(self.last))

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def lies_within(self, other: "Period") -> bool:
        return other.first <= self.first and self.last <= other.last

    def overlap_months(self, other: "Period") -> int:
        return max(0, min(self.last, other.last) - max(self.first, other.first) + 1)

    def is_running(self, as_of: dt.date) -> bool:
        """Whether the as-of date lies inside the period before its last day."""
        return self.start <= as_of < self.end

    def elapsed_share(self, as_of: dt.date) -> Decimal:
        """How much of the period the as-of date has used up, month by month (health.md's
        "target to date" with an even target): 0 before it starts, 1 once it has ended."""
        last_full = last_ended_month(as_of)
        elapsed = Decimal(max(0, min(self.last, last_full) - self.first + 1))
        current = month_number(as_of)
        if self.first <= current <= self.last and current > last_full:
            elapsed += Decimal(as_of.day) / Decimal(month_days(current))
        return elapsed / self.months_count

    def previous_comparable(self) -> "Period":
        """The same period one year earlier (2026-Q1 → 2025-Q1)."""
        return Period(self.first - 12, self.last - 12, f"{self.first // 12 - 1}{self.text[4:]}")

    def __str__(self) -> str:
        return self.text


def parse_period(text: str, *, field: str = "period") -> Period:
    """A period typed by a user, or an InputError naming the field."""
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise InputError(f"{field}: {exc}") from exc


def parse_date(text: str, *, field: str) -> dt.date:
    """A `YYYY-MM-DD` date typed by a user, or an InputError naming the field."""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
            raise ValueError
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise InputError(f"{field}: {text!r} is not a date (use YYYY-MM-DD)") from None


def trailing_quarters(*, quarters: int, as_of: dt.date) -> list[Period]:
    """The `quarters` quarters ending with the one that contains the as-of date, oldest first."""
    current = as_of.year * 4 + (as_of.month - 1) // 3
    return [
        Period.parse(f"{q // 4}-Q{q % 4 + 1}") for q in range(current - quarters + 1, current + 1)
    ]
