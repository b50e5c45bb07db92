"""The check-in sparkline: dates on the period's time axis, values scaled with the target."""

import datetime as dt
from decimal import Decimal

from outward.objectives.charts import sparkline


def test_sparkline_places_checkins_on_the_period_and_the_target_line():
    line = sparkline(
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        checkins=[(dt.date(2026, 1, 1), Decimal("0")), (dt.date(2026, 12, 31), Decimal("10"))],
        target=Decimal("20"),
    )

    # x: 4 … 156 over 364 days; y: 32 (lowest, 0) … 4 (highest, the target 20)
    assert line.dots == ((4.0, 32.0), (156.0, 18.0))
    assert line.points == "4.0,32.0 156.0,18.0"
    assert line.target_y == 4.0
    assert line.summary == "2 check-in(s) from 2026-01-01 (0) to 2026-12-31 (10); target 20"


def test_sparkline_of_a_flat_series_and_dates_outside_the_period():
    line = sparkline(
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 3, 31),
        checkins=[(dt.date(2025, 12, 1), Decimal("5")), (dt.date(2026, 5, 1), Decimal("5"))],
        target=Decimal("5"),
    )

    assert line.dots == ((4.0, 32.0), (156.0, 32.0))


def test_no_sparkline_without_checkins():
    assert (
        sparkline(
            start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), checkins=[], target=Decimal(1)
        )
        is None
    )
