"""health_trend: the last quarters computed together, and the quarters it covers."""

import datetime as dt
from decimal import Decimal

import pytest

from outward.core.periods import trailing_quarters
from outward.health.domain import health_report, health_trend
from tests import factories

pytestmark = pytest.mark.django_db


def test_trailing_quarters_end_with_the_quarter_of_as_of():
    quarters = trailing_quarters(quarters=3, as_of=dt.date(2026, 1, 5))
    assert [q.text for q in quarters] == ["2025-Q3", "2025-Q4", "2026-Q1"]


def _partner(key: str, *, q1_revenue: str, q2_revenue: str, q1_value: str | None):
    partner = factories.PartnerFactory(partner_id=key)
    factories.TargetFactory(partner=partner, period="2026", value=Decimal("400"))
    factories.DealFactory(partner=partner, close_date=dt.date(2026, 2, 1), amount=q1_revenue)
    factories.DealFactory(partner=partner, close_date=dt.date(2026, 5, 1), amount=q2_revenue)
    objective = factories.ObjectiveFactory(partner=partner, period="2026-Q1", target=Decimal(5))
    if q1_value is not None:
        factories.CheckInFactory(objective=objective, date=dt.date(2026, 3, 1), value=q1_value)
    factories.ObjectiveFactory(partner=partner, period="2026")  # never inside a quarter


def test_trend_shares_are_over_partners_with_a_known_value():
    _partner("P1", q1_revenue="100", q2_revenue="50", q1_value="5")
    _partner("P2", q1_revenue="90", q2_revenue="150", q1_value="1")
    _partner("P3", q1_revenue="10", q2_revenue="150", q1_value=None)
    trend = health_trend(quarters=2, as_of=dt.date(2026, 6, 30))
    assert trend == [
        {
            "period": "2026-Q1",
            "partners": 3,
            "with_objectives": 3,
            "met_own_objectives": 1,
            "met_own_objectives_share": 0.3333,
            "with_quota": 3,
            "met_quota": 1,
            "met_quota_share": 0.3333,
            "quadrants": {
                "thriving": 1,
                "mutiny_risk": 0,
                "drifting": 0,
                "struggling": 2,
                "objectives_unknown": 0,
                "no_target": 0,
            },
            "revenue_actual": 200.0,
            "revenue_target": 300.0,
        },
        {
            "period": "2026-Q2",
            "partners": 3,
            "with_objectives": 0,
            "met_own_objectives": 0,
            "met_own_objectives_share": None,
            "with_quota": 3,
            "met_quota": 2,
            "met_quota_share": 0.6667,
            "quadrants": {
                "thriving": 0,
                "mutiny_risk": 0,
                "drifting": 0,
                "struggling": 0,
                "objectives_unknown": 3,
                "no_target": 0,
            },
            "revenue_actual": 350.0,
            "revenue_target": 300.0,
        },
    ]


def test_trend_agrees_with_the_report_of_each_quarter():
    _partner("P1", q1_revenue="100", q2_revenue="50", q1_value="5")
    _partner("P2", q1_revenue="90", q2_revenue="150", q1_value="1")
    as_of = dt.date(2026, 6, 30)
    for point in health_trend(quarters=4, as_of=as_of):
        summary = health_report(period=point["period"], as_of=as_of)["summary"]
        assert (point["quadrants"], point["revenue_actual"], point["revenue_target"]) == (
            summary["quadrants"],
            summary["revenue"]["actual"],
            summary["revenue"]["target"],
        )


@pytest.mark.parametrize("partners", [1, 5])
def test_trend_query_count_does_not_grow_with_partners_or_quarters(
    partners, django_assert_num_queries
):
    for index in range(partners):
        _partner(f"P{index}", q1_revenue="1", q2_revenue="2", q1_value="3")
    with django_assert_num_queries(4):
        trend = health_trend(quarters=8, as_of=dt.date(2026, 6, 30))
    assert [point["partners"] for point in trend] == [partners] * 8


def test_trend_agrees_with_the_reports_mid_month_on_a_mixed_channel():
    """Partners without a target, with objectives still running, with a deal in the running
    month and a target of zero: every count of each quarter is the report's."""
    _partner("P1", q1_revenue="100", q2_revenue="50", q1_value="5")
    _partner("P2", q1_revenue="90", q2_revenue="150", q1_value="1")
    no_target = factories.PartnerFactory(partner_id="P3")
    factories.DealFactory(partner=no_target, close_date=dt.date(2026, 5, 10), amount="70")
    running = factories.ObjectiveFactory(partner=no_target, period="2026-Q2", target=Decimal(2))
    factories.CheckInFactory(objective=running, date=dt.date(2026, 5, 2), value="3")
    zero_target = factories.PartnerFactory(partner_id="P4")
    factories.TargetFactory(partner=zero_target, period="2026-Q2", value=Decimal("0"))
    ended = factories.ObjectiveFactory(partner=zero_target, period="2026-Q1", target=Decimal(1))
    factories.CheckInFactory(objective=ended, date=dt.date(2026, 3, 30), value="1")
    factories.PartnerFactory(partner_id="P5")  # nothing at all
    as_of = dt.date(2026, 5, 14)
    trend = health_trend(quarters=3, as_of=as_of)
    assert [point["period"] for point in trend] == ["2025-Q4", "2026-Q1", "2026-Q2"]
    for point in trend:
        summary = health_report(period=point["period"], as_of=as_of)["summary"]
        assert {
            "partners": point["partners"],
            "with_objectives": point["with_objectives"],
            "met_own_objectives": point["met_own_objectives"],
            "met_quota": point["met_quota"],
            "quadrants": point["quadrants"],
            "actual": point["revenue_actual"],
            "target": point["revenue_target"],
        } == {
            "partners": summary["partners"],
            "with_objectives": summary["with_objectives"],
            "met_own_objectives": summary["met_own_objectives"],
            "met_quota": summary["met_quota"],
            "quadrants": summary["quadrants"],
            "actual": summary["revenue"]["actual"],
            "target": summary["revenue"]["target"],
        }
    q2 = trend[-1]
    assert q2["revenue_actual"] == 200.0 + 70.0  # the running month's deals count
    assert q2["quadrants"]["objectives_unknown"] == 5  # Q2's objectives are all still running


def test_trend_judges_revenue_a_float_hair_below_its_target_as_met():
    """0.7 + 0.1 is 0.7999999999999999 in floats (SQLite's sums): the decimals meet 0.8."""
    partner = factories.PartnerFactory(partner_id="P1")
    factories.TargetFactory(partner=partner, period="2026-Q1", value=Decimal("0.8"))
    factories.DealFactory(partner=partner, close_date=dt.date(2026, 1, 10), amount="0.7")
    factories.DealFactory(partner=partner, close_date=dt.date(2026, 2, 10), amount="0.1")
    missed = factories.PartnerFactory(partner_id="P2")
    factories.TargetFactory(partner=missed, period="2026-Q1", value=Decimal("0.8"))
    factories.DealFactory(partner=missed, close_date=dt.date(2026, 1, 10), amount="0.79")
    (point,) = health_trend(quarters=1, as_of=dt.date(2026, 3, 31))
    assert (point["with_quota"], point["met_quota"]) == (2, 1)
    summary = health_report(period="2026-Q1", as_of=dt.date(2026, 3, 31))["summary"]
    assert summary["met_quota"] == 1
