"""The health engine, one test per rule of shared/spec/health.md."""

import datetime as dt
from decimal import Decimal

import pytest

from outward.core.errors import InputError
from outward.core.numbers import money, ratio
from outward.core.tenancy import partner_scope
from outward.health.domain import (
    QUADRANT_SEVERITY,
    by_severity,
    health_report,
    quadrant_for,
)
from outward.partners.models import Partner
from tests import factories

pytestmark = pytest.mark.django_db

END_2026 = dt.date(2027, 1, 15)


def _entry(report: dict, partner_id: str) -> dict:
    (found,) = [p for p in report["partners"] if p["partner_id"] == partner_id]
    return found


def _objective(partner, key: str, *, period: str = "2026", **kwargs):
    return factories.ObjectiveFactory(
        partner=partner, objective_id=key, period=period, title=f"Goal {key}", **kwargs
    )


def _checkin(objective, day: dt.date, value: str):
    return factories.CheckInFactory(objective=objective, date=day, value=Decimal(value))


# The vendor's side -------------------------------------------------------------------------


def test_revenue_target_yearly_is_pro_rated_in_a_quarter():
    partner = factories.partner()
    factories.TargetFactory(partner=partner, period="2026", value=Decimal("100001"))
    factories.TargetFactory(partner=partner, period="2026-Q2", value=Decimal("5000"))
    factories.TargetFactory(partner=partner, period="2026-03", value=Decimal("700"))
    report = health_report(period="2026-Q1", as_of=END_2026)
    assert _entry(report, "P1")["revenue_target"] == 25700.25


def test_revenue_target_quarter_is_pro_rated_in_a_month():
    partner = factories.partner()
    factories.TargetFactory(partner=partner, period="2026-Q1", value=Decimal("9000"))
    report = health_report(period="2026-02", as_of=END_2026)
    assert _entry(report, "P1")["revenue_target"] == 3000.0


def test_revenue_target_sums_every_overlapping_target_in_a_year():
    partner = factories.partner()
    factories.TargetFactory(partner=partner, period="2026-Q1", value=Decimal("10000"))
    factories.TargetFactory(partner=partner, period="2026-07", value=Decimal("2500.5"))
    factories.TargetFactory(partner=partner, period="2025", value=Decimal("99999"))
    factories.TargetFactory(partner=partner, period="2026", value=Decimal("1"), metric="deals_won")
    report = health_report(period="2026", as_of=END_2026)
    assert _entry(report, "P1")["revenue_target"] == 12500.5


def test_revenue_target_without_overlapping_target_is_unknown():
    partner = factories.partner()
    factories.TargetFactory(partner=partner, period="2025", value=Decimal("50000"))
    factories.deal(partner, dt.date(2026, 5, 1))
    entry = _entry(health_report(period="2026", as_of=END_2026), "P1")
    assert (entry["revenue_target"], entry["quota_attainment"], entry["met_quota"]) == (
        None,
        None,
        None,
    )


def test_zero_target_leaves_attainment_unknown():
    partner = factories.partner()
    factories.TargetFactory(partner=partner, period="2026", value=Decimal("0"))
    factories.deal(partner, dt.date(2026, 5, 1))
    entry = _entry(health_report(period="2026", as_of=END_2026), "P1")
    assert (entry["revenue_target"], entry["quota_attainment"], entry["met_quota"]) == (
        0.0,
        None,
        None,
    )


# The partner's side ------------------------------------------------------------------------


def test_objectives_evaluated_are_those_whose_period_lies_within_report_period():
    partner = factories.partner()
    for key, period in [("O1", "2026"), ("O2", "2026-Q1"), ("O3", "2026-02"), ("O4", "2025")]:
        _objective(partner, key, period=period)
    quarter = _entry(health_report(period="2026-Q1", as_of=END_2026), "P1")
    year = _entry(health_report(period="2026", as_of=END_2026), "P1")
    assert [o["objective_id"] for o in quarter["objectives"]] == ["O2", "O3"]
    assert [o["objective_id"] for o in year["objectives"]] == ["O1", "O2", "O3"]


def test_objective_value_is_latest_checkin_inside_its_period_and_up_to_as_of():
    partner = factories.partner()
    objective = _objective(partner, "O1", period="2026-Q2", target=Decimal("15"))
    _checkin(objective, dt.date(2026, 3, 31), "50")  # before the objective's period
    _checkin(objective, dt.date(2026, 4, 1), "12")
    _checkin(objective, dt.date(2026, 6, 30), "16")
    _checkin(objective, dt.date(2026, 7, 1), "1")  # after its period
    (entry,) = _entry(health_report(period="2026", as_of=dt.date(2026, 7, 10)), "P1")["objectives"]
    assert (entry["status"], entry["value"]) == ("met", 16.0)


def test_checkins_after_as_of_are_ignored():
    partner = factories.partner()
    objective = _objective(partner, "O1", period="2026-Q1", target=Decimal("15"))
    _checkin(objective, dt.date(2026, 2, 1), "10")
    _checkin(objective, dt.date(2026, 3, 31), "20")
    report = health_report(period="2026", as_of=dt.date(2026, 3, 30))
    (entry,) = _entry(report, "P1")["objectives"]
    assert (entry["status"], entry["value"]) == ("in_progress", 10.0)


def test_objective_with_only_checkins_outside_its_period_has_no_data():
    partner = factories.partner()
    objective = _objective(partner, "O1", period="2026-Q1")
    _checkin(objective, dt.date(2025, 12, 31), "99")
    _checkin(objective, dt.date(2026, 4, 1), "99")
    entry = _entry(health_report(period="2026", as_of=END_2026), "P1")
    assert entry["objectives"] == [
        {
            "objective_id": "O1",
            "title": "Goal O1",
            "period": "2026-Q1",
            "status": "no_data",
            "value": None,
            "target": 15.0,
            "progress": None,
            "weight": 1.0,
        }
    ]
    assert (entry["objectives_met_share"], entry["met_own_objectives"]) == (0.0, False)


def test_objective_in_progress_when_its_period_ends_after_as_of():
    partner = factories.partner()
    running = _objective(partner, "O1", period="2026-06")
    done = _objective(partner, "O2", period="2026-05", target=Decimal("5"))
    _checkin(running, dt.date(2026, 6, 1), "100")
    _checkin(done, dt.date(2026, 5, 31), "5")
    entry = _entry(health_report(period="2026", as_of=dt.date(2026, 6, 29)), "P1")
    assert [o["status"] for o in entry["objectives"]] == ["in_progress", "met"]
    assert entry["objectives_met_share"] == 1.0


def test_objective_ending_on_as_of_is_evaluated():
    partner = factories.partner()
    objective = _objective(partner, "O1", period="2026-06", target=Decimal("5"))
    _checkin(objective, dt.date(2026, 6, 2), "4")
    entry = _entry(health_report(period="2026", as_of=dt.date(2026, 6, 30)), "P1")
    assert [o["status"] for o in entry["objectives"]] == ["missed"]


def test_only_in_progress_objectives_leave_the_share_unknown():
    partner = factories.partner()
    factories.TargetFactory(partner=partner, period="2026")
    _objective(partner, "O1", period="2026")
    entry = _entry(health_report(period="2026", as_of=dt.date(2026, 12, 30)), "P1")
    assert (entry["objectives_met_share"], entry["met_own_objectives"], entry["quadrant"]) == (
        None,
        None,
        "objectives_unknown",
    )


def test_no_data_objectives_count_with_their_weight():
    partner = factories.partner()
    met = _objective(partner, "O1", period="2026-Q1", target=Decimal("1"), weight=Decimal("1"))
    _objective(partner, "O2", period="2026-Q2", weight=Decimal("3"))
    _checkin(met, dt.date(2026, 3, 1), "1")
    entry = _entry(health_report(period="2026", as_of=END_2026), "P1")
    assert entry["objectives_met_share"] == 0.25


def test_decrease_objective_is_met_at_or_below_target():
    partner = factories.partner()
    at = _objective(partner, "O1", direction="decrease", target=Decimal("10"))
    above = _objective(partner, "O2", direction="decrease", target=Decimal("10"))
    below = _objective(partner, "O3", direction="decrease", target=Decimal("10"))
    for objective, value in [(at, "10"), (above, "10.5"), (below, "3")]:
        _checkin(objective, dt.date(2026, 12, 1), value)
    entry = _entry(health_report(period="2026", as_of=END_2026), "P1")
    assert [(o["status"], o["progress"]) for o in entry["objectives"]] == [
        ("met", 1.0),
        ("missed", 0.9524),
        ("met", 3.3333),
    ]


def test_progress_uses_baseline_when_given_and_different_from_target():
    partner = factories.partner()
    cases = [
        ("O1", "increase", "4", "14", "8"),  # (8-4)/(14-4)
        ("O2", "decrease", "20", "10", "17"),  # (17-20)/(10-20)
        ("O3", "increase", "15", "15", "12"),  # baseline == target: value / target
        ("O4", "decrease", None, "10", "0"),  # target / 0: undefined
        ("O5", "increase", None, "0", "3"),  # value / 0: undefined
    ]
    for key, direction, baseline, target, value in cases:
        objective = _objective(
            partner,
            key,
            direction=direction,
            baseline=None if baseline is None else Decimal(baseline),
            target=Decimal(target),
        )
        _checkin(objective, dt.date(2026, 10, 1), value)
    entry = _entry(health_report(period="2026", as_of=END_2026), "P1")
    assert [o["progress"] for o in entry["objectives"]] == [0.4, 0.3, 0.8, None, None]


def test_weights_decide_the_share_and_share_equal_to_threshold_is_met():
    partner = factories.partner()
    met = _objective(partner, "O1", target=Decimal("1"), weight=Decimal("3"))
    missed = _objective(partner, "O2", target=Decimal("1"), weight=Decimal("1"))
    _checkin(met, dt.date(2026, 5, 1), "2")
    _checkin(missed, dt.date(2026, 5, 1), "0")
    at = _entry(health_report(period="2026", as_of=END_2026, threshold=0.75), "P1")
    above = _entry(health_report(period="2026", as_of=END_2026, threshold=0.7501), "P1")
    assert (at["objectives_met_share"], at["met_own_objectives"]) == (0.75, True)
    assert (above["objectives_met_share"], above["met_own_objectives"]) == (0.75, False)


def test_vendor_sourced_objectives_use_actuals_of_their_own_period_up_to_as_of():
    partner = factories.partner()
    known = factories.AccountFactory()
    factories.deal(partner, dt.date(2025, 1, 10), "1", account=known)
    factories.deal(partner, dt.date(2026, 1, 10), "100", account=known)
    factories.deal(partner, dt.date(2026, 2, 10), "250")
    factories.deal(partner, dt.date(2026, 4, 10), "999")  # outside the objectives' quarter
    factories.deal(partner, dt.date(2026, 3, 31), "50", stage="lost")
    common = {"period": "2026-Q1", "target": Decimal("2")}
    _objective(partner, "O1", source="vendor_revenue", **common)
    _objective(partner, "O2", source="vendor_deals_won", **common)
    _objective(partner, "O3", source="vendor_new_customers", **common)
    _objective(partner, "O4", source="vendor_revenue", period="2026-Q4", target=Decimal("1"))
    entry = _entry(health_report(period="2026", as_of=END_2026), "P1")
    assert [(o["status"], o["value"]) for o in entry["objectives"]] == [
        ("met", 350.0),
        ("met", 2.0),
        ("missed", 1.0),
        ("missed", 0.0),
    ]


def test_vendor_sourced_objective_counts_deals_only_up_to_as_of():
    partner = factories.partner()
    factories.deal(partner, dt.date(2026, 1, 10), "100")
    factories.deal(partner, dt.date(2026, 2, 10), "250")
    _objective(partner, "O1", period="2026-01", source="vendor_revenue", target=Decimal("100"))
    _objective(partner, "O2", period="2026-02", source="vendor_revenue", target=Decimal("100"))
    report = health_report(period="2026-Q1", as_of=dt.date(2026, 2, 9))
    assert [(o["status"], o["value"]) for o in _entry(report, "P1")["objectives"]] == [
        ("met", 100.0),
        ("in_progress", 0.0),
    ]


# Quadrants, summary, rounding, sorting ------------------------------------------------------


@pytest.mark.parametrize(
    ("met_quota", "met_own", "quadrant"),
    [
        (True, True, "thriving"),
        (True, False, "mutiny_risk"),
        (False, True, "drifting"),
        (False, False, "struggling"),
        (True, None, "objectives_unknown"),
        (False, None, "objectives_unknown"),
        (None, None, "objectives_unknown"),
        (None, True, "no_target"),
        (None, False, "no_target"),
    ],
)
def test_quadrant_table(met_quota, met_own, quadrant):
    assert quadrant_for(met_quota=met_quota, met_own_objectives=met_own) == quadrant


def _channel():
    """Five partners, one per quadrant but no_target twice, plus one without objectives."""
    specs = [
        # key, revenue 2026, target, objective value (target 10), revenue 2025
        ("P5", "120", "100", "10", "70"),  # thriving
        ("P4", "120", "100", "5", "0"),  # mutiny_risk
        ("P3", "80", "100", "10", "0"),  # drifting
        ("P2", "80", "100", "5", "10"),  # struggling
        ("P1", "80", None, "10", "0"),  # no_target
        ("P0", "0", "50", None, "0"),  # objectives_unknown
    ]
    for key, revenue, target, value, previous in specs:
        partner = factories.partner(key)
        if revenue != "0":
            factories.deal(partner, dt.date(2026, 3, 1), revenue)
        if previous != "0":
            factories.deal(partner, dt.date(2025, 3, 1), previous)
        factories.deal(partner, dt.date(2025, 12, 31), "1000000", stage="open")
        if target is not None:
            factories.TargetFactory(partner=partner, period="2026", value=Decimal(target))
        if value is not None:
            objective = _objective(partner, f"O{key}", target=Decimal("10"))
            _checkin(objective, dt.date(2026, 12, 1), value)


def test_summary_counts_quadrants_and_revenue():
    _channel()
    report = health_report(period="2026", as_of=END_2026)
    assert report["summary"] == {
        "partners": 6,
        "with_objectives": 5,
        "with_objectives_recorded": 5,
        "met_own_objectives": 3,
        "met_quota": 2,
        "quadrants": {
            "thriving": 1,
            "mutiny_risk": 1,
            "drifting": 1,
            "struggling": 1,
            "objectives_unknown": 1,
            "no_target": 1,
        },
        "revenue": {
            "actual": 480.0,
            "target": 450.0,
            "target_to_date": 450.0,
            "previous_period_actual": 80.0,
        },
    }
    assert [(p["partner_id"], p["quadrant"]) for p in report["partners"]] == [
        ("P0", "objectives_unknown"),
        ("P1", "no_target"),
        ("P2", "struggling"),
        ("P3", "drifting"),
        ("P4", "mutiny_risk"),
        ("P5", "thriving"),
    ]


def test_a_running_period_is_judged_on_pace():
    partner = factories.partner()
    factories.TargetFactory(partner=partner, period="2026", value=Decimal("120000"))
    factories.TargetFactory(partner=partner, period="2026-06", value=Decimal("3000"))
    factories.deal(partner, dt.date(2026, 3, 1), "50000")
    report = health_report(period="2026", as_of=dt.date(2026, 6, 15))
    (entry,) = report["partners"]
    # Jan–May whole (5 × 10,000), half of June: (10,000 + 3,000) × 15/30.
    assert (entry["revenue_target"], entry["revenue_target_to_date"]) == (123000.0, 56500.0)
    assert (entry["quota_attainment"], entry["met_quota"]) == (0.885, False)
    assert report["summary"]["revenue"]["target_to_date"] == 56500.0


def test_target_to_date_is_nothing_before_the_period_and_all_after_it():
    partner = factories.partner()
    factories.TargetFactory(partner=partner, period="2026-Q3", value=Decimal("900"))
    factories.ObjectiveFactory(partner=partner, period="2026-07")
    before = health_report(period="2026-Q3", as_of=dt.date(2026, 6, 30))["partners"][0]
    after = health_report(period="2026-Q3", as_of=dt.date(2026, 9, 30))["partners"][0]
    assert (before["revenue_target_to_date"], before["quota_attainment"]) == (0.0, None)
    assert (before["met_quota"], after["revenue_target_to_date"]) == (None, 900.0)


def test_objectives_on_record_count_partners_whose_objectives_still_run():
    running, ended, none = factories.partner("P1"), factories.partner("P2"), factories.partner("P3")
    factories.ObjectiveFactory(partner=running, period="2026-Q4")
    factories.ObjectiveFactory(partner=ended, period="2026-Q1")
    factories.ObjectiveFactory(partner=none, period="2025")
    for detail in (True, False):
        summary = health_report(period="2026", as_of=dt.date(2026, 11, 1), detail=detail)["summary"]
        assert (summary["with_objectives"], summary["with_objectives_recorded"]) == (1, 2)


def test_previous_period_is_counted_like_for_like():
    partner = factories.partner()
    factories.deal(partner, dt.date(2025, 2, 28), "1")
    factories.deal(partner, dt.date(2025, 3, 1), "10")
    factories.deal(partner, dt.date(2025, 12, 1), "100")
    factories.deal(partner, dt.date(2024, 2, 29), "1000")
    report = health_report(period="2026", as_of=dt.date(2026, 2, 28))
    leap = health_report(period="2025", as_of=dt.date(2025, 3, 1))
    # 2025 as of 28 February 2025; 2024 as of 1 March 2024 (29 February counted).
    assert report["summary"]["revenue"]["previous_period_actual"] == 1.0
    assert leap["summary"]["revenue"]["previous_period_actual"] == 1000.0
    factories.deal(partner, dt.date(2027, 2, 28), "7")
    factories.deal(partner, dt.date(2027, 3, 1), "70")
    feb_29 = health_report(period="2028-Q1", as_of=dt.date(2028, 2, 29))
    # 29 February 2028 compares with 28 February 2027.
    assert feb_29["summary"]["revenue"]["previous_period_actual"] == 7.0


def test_previous_period_actual_is_as_of_the_same_date():
    partner = factories.partner()
    factories.deal(partner, dt.date(2025, 2, 1), "10")
    factories.deal(partner, dt.date(2025, 5, 1), "20")
    report = health_report(period="2026-Q2", as_of=dt.date(2026, 6, 30))
    assert report["summary"]["revenue"]["previous_period_actual"] == 20.0


def test_by_severity_sorts_most_worrying_first():
    _channel()
    report = health_report(period="2026", as_of=END_2026)
    assert [p["quadrant"] for p in by_severity(report["partners"])] == list(QUADRANT_SEVERITY)


def test_whole_report_for_one_partner():
    partner = factories.partner("P1")
    partner.name = "Acme"
    partner.save()
    factories.deal(partner, dt.date(2026, 4, 1), "250000")
    factories.TargetFactory(partner=partner, period="2026", value=Decimal("300000"))
    objective = _objective(partner, "O1", target=Decimal("15"), baseline=Decimal("10"))
    _checkin(objective, dt.date(2026, 9, 30), "12")
    assert health_report(period="2026", as_of=END_2026, threshold=0.5) == {
        "period": "2026",
        "as_of": "2027-01-15",
        "threshold": 0.5,
        "summary": {
            "partners": 1,
            "with_objectives": 1,
            "with_objectives_recorded": 1,
            "met_own_objectives": 0,
            "met_quota": 0,
            "quadrants": {
                "thriving": 0,
                "mutiny_risk": 0,
                "drifting": 0,
                "struggling": 1,
                "objectives_unknown": 0,
                "no_target": 0,
            },
            "revenue": {
                "actual": 250000.0,
                "target": 300000.0,
                "target_to_date": 300000.0,
                "previous_period_actual": 0.0,
            },
        },
        "partners": [
            {
                "partner_id": "P1",
                "name": "Acme",
                "revenue_actual": 250000.0,
                "revenue_target": 300000.0,
                "revenue_target_to_date": 300000.0,
                "quota_attainment": 0.8333,
                "met_quota": False,
                "objectives_met_share": 0.0,
                "met_own_objectives": False,
                "quadrant": "struggling",
                "objectives": [
                    {
                        "objective_id": "O1",
                        "title": "Goal O1",
                        "period": "2026",
                        "status": "missed",
                        "value": 12.0,
                        "target": 15.0,
                        "progress": 0.4,
                        "weight": 1.0,
                    }
                ],
            }
        ],
    }


def test_rounding_money_two_decimals_ratios_four_as_python_round():
    partner = factories.partner()
    factories.TargetFactory(partner=partner, period="2026", value=Decimal("100000"))
    factories.deal(partner, dt.date(2026, 3, 1), "12345.67")
    entry = _entry(health_report(period="2026-Q1", as_of=END_2026), "P1")
    assert (entry["revenue_target"], entry["quota_attainment"]) == (25000.0, 0.4938)
    third = _entry(health_report(period="2026-01", as_of=END_2026), "P1")
    assert third["revenue_target"] == 8333.33
    # Python's round() of the float: 0.125 is an exact binary tie (to even), 0.135 and
    # 0.94425 are stored slightly above their decimal value.
    assert (money(Decimal("0.125")), money(Decimal("0.135")), ratio(Decimal("0.94425"))) == (
        0.12,
        0.14,
        0.9443,
    )


def test_partners_sorted_by_partner_id():
    for key in ["b-2", "A-1", "a-3"]:
        factories.partner(key)
    report = health_report(period="2026", as_of=END_2026)
    assert [p["partner_id"] for p in report["partners"]] == ["A-1", "a-3", "b-2"]


def test_objectives_sorted_by_key_in_code_point_order_on_every_database():
    partner = factories.partner()
    for key in ["o1", "O10", "o-2", "O2"]:
        _objective(partner, key)
    report = health_report(period="2026", as_of=END_2026)
    keys = [o["objective_id"] for o in _entry(report, "P1")["objectives"]]
    assert keys == ["O10", "O2", "o-2", "o1"]


# Scope, narrowing, bad input, query counts ---------------------------------------------------


def test_partner_scope_reports_only_own_partner(world):
    with partner_scope(world.partner_a.pk):
        report = health_report(period="2026", as_of=END_2026)
    assert [p["partner_id"] for p in report["partners"]] == ["PA"]
    assert report["summary"]["partners"] == 1


def test_partners_argument_narrows_report(world):
    report = health_report(
        period="2026", as_of=END_2026, partners=Partner.objects.filter(tier="Silver")
    )
    assert [p["partner_id"] for p in report["partners"]] == ["PB"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"period": "2026-Q5"}, "period: '2026-Q5' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"),
        ({"period": "2026", "threshold": 1.5}, "threshold: 1.5 is not between 0 and 1"),
    ],
)
def test_bad_input_is_an_input_error(kwargs, message):
    with pytest.raises(InputError) as raised:
        health_report(as_of=END_2026, **kwargs)
    assert str(raised.value) == message


def _busy_partner(key: str):
    partner = factories.partner(key)
    factories.TargetFactory(partner=partner, period="2026")
    factories.deal(partner, dt.date(2026, 2, 1))
    factories.deal(partner, dt.date(2025, 2, 1))
    for source in ["manual", "vendor_revenue", "vendor_deals_won", "vendor_new_customers"]:
        objective = _objective(partner, f"{key}-{source}", source=source)
        _checkin(objective, dt.date(2026, 3, 1), "3")


@pytest.mark.parametrize("partners", [1, 5])
def test_report_query_count_does_not_grow_with_partners(partners, django_assert_num_queries):
    for index in range(partners):
        _busy_partner(f"P{index}")
    with django_assert_num_queries(4):
        report = health_report(period="2026", as_of=END_2026)
    assert len(report["partners"]) == partners


def _without_objectives(report: dict) -> dict:
    entries = [{k: v for k, v in p.items() if k != "objectives"} for p in report["partners"]]
    return report | {"partners": entries}


@pytest.mark.parametrize(
    ("period", "as_of"),
    [("2026", END_2026), ("2026", dt.date(2026, 6, 30)), ("2026-Q1", dt.date(2026, 5, 2))],
)
def test_summary_path_equals_report_without_objective_entries(period, as_of):
    _channel()
    mixed = factories.partner("P9")
    factories.TargetFactory(partner=mixed, period="2026", value=Decimal("40"))
    factories.deal(mixed, dt.date(2026, 2, 1), "50")
    # Met (weight 3), missed decrease (weight 1), no data (weight 2), Q3 in progress mid-year.
    _checkin(
        _objective(mixed, "M1", period="2026-Q1", weight=Decimal("3"), target=Decimal("9")),
        dt.date(2026, 3, 1),
        "9",
    )
    decrease = _objective(mixed, "M2", period="2026-Q1", direction="decrease", target=Decimal("4"))
    _checkin(decrease, dt.date(2026, 3, 2), "5")
    _objective(mixed, "M3", period="2026-02", weight=Decimal("2"))
    _objective(mixed, "M4", period="2026-Q1", source="vendor_revenue", target=Decimal("50"))
    _checkin(_objective(mixed, "M5", period="2026-Q3"), dt.date(2026, 7, 1), "1")
    report = health_report(period=period, as_of=as_of, threshold=0.5)
    summary = health_report(period=period, as_of=as_of, threshold=0.5, detail=False)
    assert summary == _without_objectives(report)
    (entry,) = [p for p in summary["partners"] if p["partner_id"] == "P9"]
    # Met 3 + 1 of 8 (Q3 counted at the end of the year), of 7 while Q3 is in progress.
    expected = 0.5 if (period, as_of) == ("2026", END_2026) else 0.5714
    assert (entry["objectives_met_share"], entry["met_own_objectives"]) == (expected, True)


@pytest.mark.parametrize("partners", [1, 5])
def test_summary_query_count_does_not_grow_with_partners(partners, django_assert_num_queries):
    for index in range(partners):
        _busy_partner(f"P{index}")
    with django_assert_num_queries(4):
        summary = health_report(period="2026", as_of=END_2026, detail=False)
    assert len(summary["partners"]) == partners
