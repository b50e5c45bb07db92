"""The health engine against a naive reference implementation of shared/spec/health.md.

The reference below reads the spec literally: plain loops over every row (fetched with
`.values()`), exact fractions, and the rounding of docs/health.md (Python's `round()` on the
float of the exact value; sums add unrounded values and round once). It shares no code with
`outward.health.domain`, so the two agree only if both read the spec the same way. Each case
seeds pseudo-random partners, deals, targets, objectives and check-ins and compares whole
documents.
"""

import datetime as dt
import json
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from outward.core.periods import Period
from outward.health.domain import health_report
from outward.objectives.models import CheckIn, Objective
from outward.partners.models import Partner
from outward.sales.models import Deal
from outward.targets.models import Target
from tests import factories

pytestmark = pytest.mark.django_db

QUADRANT_KEYS = (
    "thriving",
    "mutiny_risk",
    "drifting",
    "struggling",
    "objectives_unknown",
    "no_target",
)


# The reference ------------------------------------------------------------------------------


def _months(text: str) -> set[tuple[int, int]]:
    """months(P): the (year, month) pairs a period covers, read from its text."""
    year = int(text[:4])
    if len(text) == 4:
        return {(year, m) for m in range(1, 13)}
    if text[5] == "Q":
        quarter = int(text[6])
        return {(year, m) for m in range(3 * quarter - 2, 3 * quarter + 1)}
    return {(year, int(text[5:7]))}


def _in_months(day: dt.date, months: set[tuple[int, int]]) -> bool:
    return (day.year, day.month) in months


def _period_end(text: str) -> dt.date:
    year, month = max(_months(text))
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _previous(text: str) -> str:
    """The same period one year earlier."""
    return f"{int(text[:4]) - 1}{text[4:]}"


def _won_in(deals: list[dict], partner: int, months: set, as_of: dt.date) -> list[dict]:
    return [
        d
        for d in deals
        if d["partner_id"] == partner
        and d["stage"] == "won"
        and _in_months(d["close_date"], months)
        and d["close_date"] <= as_of
    ]


def _actual(deals: list[dict], partner: int, text: str, as_of: dt.date, metric: str) -> Fraction:
    """revenue, deals_won or new_customers of a partner in a period as of a date."""
    months = _months(text)
    won = _won_in(deals, partner, months, as_of)
    if metric == "revenue":
        total = Fraction(0)
        for deal in won:
            total += Fraction(deal["amount"])
        return total
    if metric == "deals_won":
        return Fraction(len(won))
    first_won: dict[int, dt.date] = {}
    for deal in deals:
        if deal["partner_id"] != partner or deal["stage"] != "won":
            continue
        if deal["account_id"] is None or deal["close_date"] > as_of:
            continue
        known = first_won.get(deal["account_id"])
        if known is None or deal["close_date"] < known:
            first_won[deal["account_id"]] = deal["close_date"]
    return Fraction(sum(1 for day in first_won.values() if _in_months(day, months)))


def _target(targets: list[dict], partner: int, text: str) -> Fraction | None:
    months = _months(text)
    total, overlapping = Fraction(0), 0
    for target in targets:
        if target["partner_id"] != partner or target["metric"] != "revenue":
            continue
        own = _months(target["period"])
        shared = len(own & months)
        if shared:
            overlapping += 1
            total += Fraction(target["value"]) * shared / len(own)
    return total if overlapping else None


def _month_text(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def _elapsed(year: int, month: int, as_of: dt.date) -> Fraction:
    """The share of a month's days up to and including the as-of date."""
    first = dt.date(year, month, 1)
    last = _period_end(_month_text(year, month))
    if as_of >= last:
        return Fraction(1)
    if as_of < first:
        return Fraction(0)
    return Fraction(as_of.day, last.day)


def _target_to_date(targets: list[dict], partner: int, text: str, as_of: dt.date):
    """Σ over the months M of P of target(M) × elapsed(M); None where the target is unknown."""
    if _target(targets, partner, text) is None:
        return None
    total = Fraction(0)
    for year, month in sorted(_months(text)):
        month_target = _target(targets, partner, _month_text(year, month)) or Fraction(0)
        total += month_target * _elapsed(year, month, as_of)
    return total


def _a_year_earlier(day: dt.date) -> dt.date:
    if (day.month, day.day) == (2, 29):
        return dt.date(day.year - 1, 2, 28)
    return dt.date(day.year - 1, day.month, day.day)


def _objective_value(objective, deals, checkins, as_of) -> Fraction | None:
    text = objective["period"]
    if objective["source"] == "manual":
        months = _months(text)
        latest = None
        for checkin in checkins:
            if checkin["objective_id"] != objective["pk"]:
                continue
            if not _in_months(checkin["date"], months) or checkin["date"] > as_of:
                continue
            if latest is None or checkin["date"] > latest["date"]:
                latest = checkin
        return None if latest is None else Fraction(latest["value"])
    metric = objective["source"].removeprefix("vendor_")
    return _actual(deals, objective["partner_id"], text, as_of, metric)


def _status(objective, value, as_of) -> str:
    if _period_end(objective["period"]) > as_of:
        return "in_progress"
    if value is None:
        return "no_data"
    target = Fraction(objective["target"])
    if objective["direction"] == "increase":
        return "met" if value >= target else "missed"
    return "met" if value <= target else "missed"


def _progress(objective, value) -> Fraction | None:
    if value is None:
        return None
    target = Fraction(objective["target"])
    baseline = objective["baseline"]
    if baseline is not None and Fraction(baseline) != target:
        return (value - Fraction(baseline)) / (target - Fraction(baseline))
    if objective["direction"] == "increase":
        return value / target if target != 0 else None
    return target / value if value != 0 else None


def _money(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _ratio(value: Fraction | None) -> float | None:
    if value is None:
        return None
    rounded = round(float(value), 4)
    return 0.0 if rounded == 0 else rounded  # -0.00001 rounds to zero, not to "-0.0"


def _number(value) -> float | None:
    return None if value is None else float(value)


def _quadrant(met_quota: bool | None, met_own: bool | None) -> str:
    if met_own is None:
        return "objectives_unknown"
    if met_quota is None:
        return "no_target"
    return {
        (True, True): "thriving",
        (True, False): "mutiny_risk",
        (False, True): "drifting",
        (False, False): "struggling",
    }[(met_quota, met_own)]


def reference_report(*, period: str, as_of: dt.date, threshold: float) -> dict:
    """shared/spec/health.md, literally, over every row."""
    text = Period.parse(period).text
    report_months = _months(text)
    exact_threshold = Fraction(str(threshold))
    partners = sorted(
        Partner.objects.values("pk", "partner_id", "name"), key=lambda p: p["partner_id"]
    )
    deals = list(Deal.objects.values("partner_id", "account_id", "amount", "stage", "close_date"))
    targets = list(Target.objects.values("partner_id", "metric", "period", "value"))
    objectives = sorted(
        Objective.objects.values(
            "pk",
            "partner_id",
            "objective_id",
            "title",
            "period",
            "direction",
            "baseline",
            "target",
            "weight",
            "source",
        ),
        key=lambda o: o["objective_id"],
    )
    checkins = list(CheckIn.objects.values("objective_id", "date", "value"))

    entries, unrounded = [], []
    for partner in partners:
        pk = partner["pk"]
        actual = _actual(deals, pk, text, as_of, "revenue")
        previous = _actual(deals, pk, _previous(text), _a_year_earlier(as_of), "revenue")
        target = _target(targets, pk, text)
        to_date = _target_to_date(targets, pk, text, as_of)
        attainment = actual / to_date if to_date else None
        met_quota = None if attainment is None else attainment >= 1

        listed, met_weight, counted_weight = [], Fraction(0), Fraction(0)
        for objective in objectives:
            if objective["partner_id"] != pk or not _months(objective["period"]) <= report_months:
                continue
            value = _objective_value(objective, deals, checkins, as_of)
            status = _status(objective, value, as_of)
            if status in ("met", "missed", "no_data"):
                counted_weight += Fraction(objective["weight"])
                if status == "met":
                    met_weight += Fraction(objective["weight"])
            listed.append(
                {
                    "objective_id": objective["objective_id"],
                    "title": objective["title"],
                    "period": objective["period"],
                    "status": status,
                    "value": _number(value),
                    "target": _number(objective["target"]),
                    "progress": _ratio(_progress(objective, value)),
                    "weight": _number(objective["weight"]),
                }
            )
        share = met_weight / counted_weight if counted_weight else None
        met_own = None if share is None else share >= exact_threshold
        entries.append(
            {
                "partner_id": partner["partner_id"],
                "name": partner["name"],
                "revenue_actual": _money(actual),
                "revenue_target": _money(target),
                "revenue_target_to_date": _money(to_date),
                "quota_attainment": _ratio(attainment),
                "met_quota": met_quota,
                "objectives_met_share": _ratio(share),
                "met_own_objectives": met_own,
                "quadrant": _quadrant(met_quota, met_own),
                "objectives": listed,
            }
        )
        unrounded.append((actual, target, to_date, previous, bool(listed)))

    quadrants = dict.fromkeys(QUADRANT_KEYS, 0)
    for entry in entries:
        quadrants[entry["quadrant"]] += 1
    return {
        "period": text,
        "as_of": as_of.isoformat(),
        "threshold": float(threshold),
        "summary": {
            "partners": len(entries),
            "with_objectives": sum(1 for e in entries if e["met_own_objectives"] is not None),
            "with_objectives_recorded": sum(1 for *_, recorded in unrounded if recorded),
            "met_own_objectives": sum(1 for e in entries if e["met_own_objectives"] is True),
            "met_quota": sum(1 for e in entries if e["met_quota"] is True),
            "quadrants": quadrants,
            "revenue": {
                "actual": _money(sum((row[0] for row in unrounded), Fraction(0))),
                "target": _money(sum((row[1] for row in unrounded if row[1]), Fraction(0))),
                "target_to_date": _money(
                    sum((row[2] for row in unrounded if row[2] is not None), Fraction(0))
                ),
                "previous_period_actual": _money(sum((row[3] for row in unrounded), Fraction(0))),
            },
        },
        "partners": entries,
    }


# Seeded data --------------------------------------------------------------------------------

TARGET_PERIODS = [
    ["2026"],
    ["2026", "2025"],
    ["2026-Q1", "2026-Q2", "2026-Q3"],
    ["2026", "2026-Q2", "2026-03", "2026-11"],
    ["2025-Q4", "2027-Q1"],
    ["2026-Q4", "2026-08"],
    [],
]
OBJECTIVE_PERIODS = [
    "2026",
    "2025",
    "2027",
    "2026-Q1",
    "2026-Q2",
    "2026-Q3",
    "2026-Q4",
    "2025-Q2",
    "2025-Q4",
    "2026-02",
    "2026-03",
    "2026-06",
    "2026-08",
    "2026-11",
    "2026-12",
    "2025-03",
]
SOURCES = ["manual", "manual", "vendor_revenue", "vendor_deals_won", "vendor_new_customers"]


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _cents(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def seed_channel(seed: int) -> None:
    """About twelve partners with a mix of everything the spec distinguishes."""
    rng = random.Random(seed)
    accounts = [factories.AccountFactory() for _ in range(14)]
    for number in range(12):
        partner = factories.PartnerFactory(
            partner_id=f"R{seed}-{number:02d}", name=f"Partner {number}"
        )
        _seed_targets(rng, partner, number)
        _seed_deals(rng, partner, accounts)
        _seed_objectives(rng, partner, number)
    _seed_exact_edges(seed)


def _seed_targets(rng: random.Random, partner, number: int) -> None:
    for period in TARGET_PERIODS[number % len(TARGET_PERIODS)]:
        value = rng.choice(
            [Decimal(0), Decimal(120000), _cents(rng, 5000, 400000), Decimal("100000.01")]
        )
        factories.TargetFactory(partner=partner, period=period, value=value)
    if rng.random() < 0.5:  # another metric: never a revenue target
        factories.TargetFactory(partner=partner, period="2026", metric="deals_won", value=7)


def _seed_deals(rng: random.Random, partner, accounts) -> None:
    own_accounts = rng.sample(accounts, 5)
    for _ in range(rng.randint(0, 16)):
        factories.DealFactory(
            partner=partner,
            account=rng.choice([*own_accounts, None]),
            amount=_cents(rng, 500, 90000),
            stage=rng.choice(["won", "won", "won", "lost", "open"]),
            close_date=_random_day(rng, dt.date(2024, 10, 1), dt.date(2027, 4, 30)),
        )


def _seed_objectives(rng: random.Random, partner, number: int) -> None:
    if number % 6 == 5:
        return  # a partner without objectives
    for index in range(rng.randint(1, 7)):
        period = rng.choice(OBJECTIVE_PERIODS)
        source = rng.choice(SOURCES)
        target = {
            "manual": Decimal(rng.choice([0, 10, 15, 20, "12.5"])),
            "vendor_revenue": _cents(rng, 0, 200000),
            "vendor_deals_won": Decimal(rng.randint(0, 5)),
            "vendor_new_customers": Decimal(rng.randint(0, 3)),
        }[source]
        baseline = rng.choice([None, None, target, target / 2, target + 5])
        objective = factories.ObjectiveFactory(
            partner=partner,
            objective_id=f"{partner.partner_id}-O{index}",
            title=f"Goal {index}",
            period=period,
            source=source,
            direction=rng.choice(["increase", "increase", "decrease"]),
            target=target,
            baseline=baseline,
            weight=Decimal(rng.choice(["1", "1", "0.5", "2.5", "3"])),
        )
        start, end = Period.parse(period).start, Period.parse(period).end
        days = set()
        for _ in range(rng.randint(0, 4)):
            days.add(_random_day(rng, start - dt.timedelta(days=20), end + dt.timedelta(days=40)))
        for day in days:
            factories.CheckInFactory(
                objective=objective,
                date=day,
                value=Decimal(rng.choice([0, 5, 10, 15, 20, 25, "12.5"])),
            )


def _seed_exact_edges(seed: int) -> None:
    """A partner exactly at quota (10,000 a month against 120,000 a year) and exactly at a
    three-quarter share in every quarter of 2026."""
    partner = factories.PartnerFactory(partner_id=f"R{seed}-EDGE", name="Edge")
    factories.TargetFactory(partner=partner, period="2026", value=Decimal(120000))
    account = factories.AccountFactory()
    for month in range(1, 13):
        factories.DealFactory(
            partner=partner,
            account=account,
            amount=Decimal(10000),
            close_date=dt.date(2026, month, 28),
        )
    for quarter in range(1, 5):
        text = f"2026-Q{quarter}"
        for index, (weight, value) in enumerate([("1.5", 20), ("1.5", 20), ("1", 5)]):
            objective = factories.ObjectiveFactory(
                partner=partner,
                objective_id=f"R{seed}-EDGE-{quarter}{index}",
                period=text,
                target=Decimal(15),
                weight=Decimal(weight),
            )
            factories.CheckInFactory(objective=objective, date=Period.parse(text).end, value=value)
    _seed_repeat_customers(seed, partner)


def _seed_repeat_customers(seed: int, other) -> None:
    """Accounts won again after their first won deal, lost before, won by another partner."""
    partner = factories.PartnerFactory(partner_id=f"R{seed}-NEW", name="Repeat customers")
    old, late, shared = (factories.AccountFactory() for _ in range(3))
    for account, stage, day, owner in [
        (old, "won", dt.date(2025, 11, 3), partner),
        (old, "won", dt.date(2026, 2, 9), partner),
        (late, "lost", dt.date(2026, 1, 12), partner),
        (late, "won", dt.date(2026, 3, 20), partner),
        (late, "won", dt.date(2026, 5, 4), partner),
        (shared, "won", dt.date(2026, 7, 1), other),
        (shared, "won", dt.date(2026, 8, 17), partner),
        (shared, "won", dt.date(2026, 11, 2), partner),
        (None, "won", dt.date(2026, 3, 5), partner),
    ]:
        factories.DealFactory(partner=owner, account=account, stage=stage, close_date=day)
    for period in ["2026", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026-03", "2026-11"]:
        factories.ObjectiveFactory(
            partner=partner,
            objective_id=f"R{seed}-NEW-{period}",
            period=period,
            source="vendor_new_customers",
            target=Decimal(1),
        )


# The comparison -----------------------------------------------------------------------------

CASES = [
    pytest.param(1, "2026", dt.date(2027, 1, 15), 0.75, id="year-after"),
    pytest.param(2, "2026", dt.date(2026, 8, 20), 0.5, id="year-inside"),
    pytest.param(3, "2026-Q2", dt.date(2026, 6, 30), 0.75, id="quarter-as-of-its-last-day"),
    pytest.param(4, "2026-Q3", dt.date(2026, 8, 10), 0.5, id="quarter-inside"),
    pytest.param(5, "2026-Q4", dt.date(2027, 2, 1), 0.75, id="quarter-after"),
    pytest.param(6, "2026-03", dt.date(2026, 5, 1), 0.75, id="month-after"),
    pytest.param(7, "2026-11", dt.date(2026, 11, 15), 0.5, id="month-inside"),
    pytest.param(8, "2025", dt.date(2026, 6, 30), 0.5, id="previous-year-after"),
    pytest.param(9, "2026-Q4", dt.date(2026, 9, 1), 0.75, id="as-of-before-period"),
    pytest.param(10, "2027", dt.date(2026, 6, 30), 0.75, id="as-of-inside-previous-period"),
]


@pytest.mark.parametrize(("seed", "period", "as_of", "threshold"), CASES)
def test_report_matches_the_reference(seed, period, as_of, threshold):
    seed_channel(seed)

    expected = reference_report(period=period, as_of=as_of, threshold=threshold)
    report = health_report(period=period, as_of=as_of, threshold=threshold)
    assert report == expected
    # As printed, too: 1 and 1.0, or 0.0 and -0.0, are equal in Python but not in JSON.
    assert json.dumps(report, sort_keys=True) == json.dumps(expected, sort_keys=True)


@pytest.mark.parametrize(("seed", "period", "as_of", "threshold"), CASES[:4])
def test_summary_matches_the_reference_without_objectives(seed, period, as_of, threshold):
    seed_channel(seed)

    expected = reference_report(period=period, as_of=as_of, threshold=threshold)
    for entry in expected["partners"]:
        del entry["objectives"]
    assert health_report(period=period, as_of=as_of, threshold=threshold, detail=False) == expected


def test_the_seeded_data_exercises_every_outcome_and_all_seeds_agree_together():
    """The cases above are only as good as their data: every status and quadrant occurs."""
    statuses, quadrants = set(), set()
    for seed, period, as_of, threshold in [case.values for case in CASES]:
        seed_channel(seed)
        report = reference_report(period=period, as_of=as_of, threshold=threshold)
        for entry in report["partners"]:
            quadrants.add(entry["quadrant"])
            statuses.update(o["status"] for o in entry["objectives"])
    assert statuses == {"met", "missed", "no_data", "in_progress"}
    assert quadrants == set(QUADRANT_KEYS)
    # All seeds together: one larger channel, compared once more.
    as_of = dt.date(2026, 12, 31)
    assert health_report(period="2026", as_of=as_of) == reference_report(
        period="2026", as_of=as_of, threshold=0.75
    )


def test_a_progress_of_zero_prints_as_zero_not_minus_zero():
    # (20 − 20) / (15 − 20) is −0 as a Decimal; the reference above found it on seeded data.
    partner = factories.PartnerFactory(partner_id="Z1", name="Zero")
    objective = factories.ObjectiveFactory(
        partner=partner, period="2026-Q1", direction="decrease", baseline=20, target=15
    )
    factories.CheckInFactory(objective=objective, date=dt.date(2026, 3, 1), value=20)

    report = health_report(period="2026-Q1", as_of=dt.date(2026, 4, 1))

    assert json.dumps(report["partners"][0]["objectives"][0]["progress"]) == "0.0"
