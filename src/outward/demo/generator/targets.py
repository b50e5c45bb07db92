"""The vendor's demo targets, set around each partner's actual trajectory.

Platinum and Gold partners get quarterly targets, the others yearly ones — never both for the
same metric, because the health report sums every overlapping target (a yearly target plus its
four quarters would count twice).
"""

import math
from decimal import Decimal
from random import Random

from outward.core.periods import Period
from outward.demo.generator.profiles import FIRST_MONTH, YEARS, PartnerProfile, quarters
from outward.demo.generator.sales import PartnerStats
from outward.demo.generator.writer import Sink

TARGET_COLUMNS = ("id", "partner", "period", "first_month", "last_month", "metric", "value")


def quarter_indexes(period: Period) -> range:
    """The quarters (0 = 2024-Q1) a period covers."""
    return range((period.first - FIRST_MONTH) // 3, (period.last - FIRST_MONTH) // 3 + 1)


def _revenue_target(revenue: float, attainment: float) -> int:
    # Rounded so that rounding never flips met into missed or back.
    grain = 100 if revenue < 100_000 else 1000
    exact = revenue / attainment
    rounded = math.floor(exact / grain) if attainment > 1 else math.ceil(exact / grain)
    return max(grain, rounded * grain)


def write_partner_targets(
    *, rng: Random, profile: PartnerProfile, stats: PartnerStats, first_pk: int, sink: Sink
) -> int:
    """Write a partner's revenue, deals-won and new-customer targets; returns how many."""
    periods = quarters() if profile.quarterly_targets else [str(year) for year in YEARS]
    written = 0
    for text in periods:
        period = Period.parse(text)
        if period.last < profile.joined_month:
            continue
        revenue, won, new = stats.expected(quarter_indexes(period), profile.win_rate)
        if revenue <= 0:
            continue
        met = profile.quota_met[text]
        attainment = rng.uniform(1.03, 1.4) if met else rng.uniform(0.55, 0.95)
        values = (
            ("revenue", _revenue_target(revenue, attainment)),
            ("deals_won", max(1, round(won * rng.uniform(0.85, 1.2)))),
            ("new_customers", max(1, round(new * rng.uniform(0.8, 1.25)))),
        )
        for metric, value in values:
            sink.add(
                (
                    first_pk + written,
                    profile.pk,
                    text,
                    period.first,
                    period.last,
                    metric,
                    Decimal(value),
                )
            )
            written += 1
    return written
