"""Periods: a year (`2026`), a quarter (`2026-Q1`) or a month (`2026-03`), in whole months."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PERIOD = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    """A run of whole months, `first` to `last` as (year, month) counted in month numbers."""

    first: int  # year * 12 + (month - 1)
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
        size = self.months_count
        return {1: "month", 3: "quarter", 12: "year"}[size]

    @property
    def months_count(self) -> int:
        return self.last - self.first + 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.first // 12, self.first % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        year, month = self.last // 12, self.last % 12 + 1
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    def lies_within(self, other: "Period") -> bool:
        return other.first <= self.first and self.last <= other.last

    def overlap_months(self, other: "Period") -> int:
        return max(0, min(self.last, other.last) - max(self.first, other.first) + 1)

    def previous_comparable(self) -> "Period":
        """The same period one year earlier (2026-Q1 → 2025-Q1)."""
        year = self.first // 12 - 1
        suffix = self.text[4:]
        return Period.parse(f"{year}{suffix}")

    def __str__(self) -> str:
        return self.text
