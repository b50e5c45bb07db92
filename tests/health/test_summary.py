"""The summary's counts: each known side counted once, each partner in its own quadrant."""

import datetime as dt
import itertools
import random
from collections import Counter
from decimal import Decimal

from outward.core.periods import Period
from outward.health.domain import QUADRANTS, PartnerHealth, summarize
from outward.health.domain.evaluate import own_objectives_met
from outward.health.selection import Selection

THRESHOLD = Decimal("0.75")


def _health(pk: int, *, actual: str, to_date: str | None, met: str, counted: str) -> PartnerHealth:
    health = PartnerHealth(
        pk,
        f"P{pk:03d}",
        f"Partner {pk}",
        Decimal(actual),
        None if to_date is None else Decimal(to_date) * 2,
        None if to_date is None else Decimal(to_date),
        Decimal("10"),
    )
    health.objectives_met_weight, health.objectives_weight = Decimal(met), Decimal(counted)
    health.met_own_objectives = own_objectives_met(
        health.objectives_met_weight, health.objectives_weight, THRESHOLD
    )
    health.objectives_recorded = pk % 3 != 0
    return health


def _channel(size: int, seed: int) -> list[PartnerHealth]:
    """Partners in every combination: with and without a target (or one of 0), on pace or
    not, with objectives met, missed or none counted."""
    rng = random.Random(seed)
    healths = []
    for pk in range(1, size + 1):
        to_date = rng.choice([None, "0", "1000", "2500.50"])
        met, counted = rng.choice([("0", "0"), ("1", "1"), ("0", "2"), ("3", "4"), ("1", "4")])
        actual = rng.choice(["0", "999.99", "1000", "2600"])
        healths.append(_health(pk, actual=actual, to_date=to_date, met=met, counted=counted))
    return healths


def test_quadrants_count_each_partner_in_its_own_quadrant():
    for seed in range(5):
        healths = _channel(300, seed)
        summary = summarize(healths)
        expected = Counter(health.quadrant for health in healths)
        assert summary.quadrants == {key: expected.get(key, 0) for key in QUADRANTS}
        assert list(summary.quadrants) == list(QUADRANTS)
        assert sum(summary.quadrants.values()) == summary.partners == 300


def test_sides_and_sums_are_counted_over_the_partners_where_they_are_known():
    healths = _channel(200, seed=11)
    summary = summarize(healths)
    quota = [h.met_quota for h in healths if h.met_quota is not None]
    own = [h.met_own_objectives for h in healths if h.met_own_objectives is not None]
    assert (summary.with_quota, summary.met_quota) == (len(quota), sum(quota))
    assert (summary.with_objectives, summary.met_own_objectives) == (len(own), sum(own))
    assert summary.with_objectives_recorded == sum(h.objectives_recorded for h in healths)
    assert summary.revenue_actual == sum(h.revenue_actual for h in healths)
    targets = [h for h in healths if h.revenue_target is not None]
    assert summary.revenue_target == sum(h.revenue_target for h in targets)
    assert summary.revenue_target_to_date == sum(h.revenue_target_to_date for h in targets)
    assert summary.previous_revenue_actual == Decimal("10") * 200


def test_every_combination_of_known_sides_lands_in_one_quadrant():
    combinations = list(
        itertools.product([None, "0", "1000"], [("0", "0"), ("1", "1"), ("0", "1")])
    )
    healths = [
        _health(pk, actual="1000", to_date=to_date, met=met, counted=counted)
        for pk, (to_date, (met, counted)) in enumerate(combinations, start=1)
    ]
    quadrants = summarize(healths).quadrants
    assert quadrants == {
        "thriving": 1,  # on pace (1000 of 1000), objectives met
        "mutiny_risk": 1,  # on pace, objectives missed
        "drifting": 0,
        "struggling": 0,
        "objectives_unknown": 3,  # no objective counted, whatever the quota
        "no_target": 4,  # objectives known; no target, or a target of 0
    }


def test_an_empty_selection_has_no_partner_in_any_quadrant():
    summary = summarize([])
    assert summary.partners == 0
    assert set(summary.quadrants.values()) == {0}
    assert summary.met_own_objectives_share is None and summary.met_quota_share is None


def test_a_selection_names_a_quadrants_first_partners_by_revenue_and_counts_all():
    healths = _channel(400, seed=3)
    selection = Selection(
        Period.parse("2026"),
        dt.date(2026, 12, 1),
        THRESHOLD,
        {health.pk: health for health in healths},
        summarize(healths),
    )
    for quadrant in QUADRANTS:
        members = [h for h in healths if h.quadrant == quadrant]
        expected = sorted(members, key=lambda h: (-h.revenue_actual, h.partner_id))[:5]
        assert selection.first_in_quadrant(quadrant, 5) == expected
        assert selection.summary.quadrants[quadrant] == len(members)
    assert selection.first_in_quadrant("thriving", 0) == []
