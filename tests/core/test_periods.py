import datetime as dt

import pytest

from outward.core.periods import Period, PeriodError


@pytest.mark.parametrize(
    ("text", "start", "end", "months"),
    [
        ("2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31), 12),
        ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31), 3),
        ("2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31), 3),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), 1),
    ],
)
def test_period_parse_covers_whole_months(text, start, end, months):
    period = Period.parse(text)
    assert (period.start, period.end, period.months_count) == (start, end, months)


@pytest.mark.parametrize("text", ["2026-Q5", "2026-13", "2026-00", "26", "2026-Q0", "2026-1", ""])
def test_period_parse_rejects_bad_text(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_period_overlap_and_within():
    year, q2, may = Period.parse("2026"), Period.parse("2026-Q2"), Period.parse("2026-05")
    assert q2.lies_within(year) and may.lies_within(q2) and not year.lies_within(q2)
    assert year.overlap_months(q2) == 3
    assert Period.parse("2025").overlap_months(q2) == 0


def test_previous_comparable_is_one_year_earlier():
    assert Period.parse("2026-Q1").previous_comparable() == Period.parse("2025-Q1")
    assert Period.parse("2026-03").previous_comparable() == Period.parse("2025-03")
