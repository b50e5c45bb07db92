"""The manager's home page: the portfolio's health first, then what waits, then the portfolio."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine

from outward.plans import domain as plans
from tests import factories

TODAY = dt.datetime(2026, 7, 15, 12, tzinfo=dt.UTC)  # 2026 runs; Q1 objectives have ended


def partner_with_health(partner_id: str, *, revenue: str, reached: str, manager: str):
    """A 2026 target of 120,000 (64,839 due by 15 July), a won deal, a Q1 objective of 15."""
    partner = factories.PartnerFactory(
        partner_id=partner_id, name=f"Partner {partner_id}", manager_email=manager
    )
    factories.TargetFactory(partner=partner, period="2026", value=Decimal("120000"))
    factories.DealFactory(partner=partner, amount=Decimal(revenue), close_date=dt.date(2026, 3, 1))
    objective = factories.ObjectiveFactory(partner=partner, period="2026-Q1", target=15)
    factories.CheckInFactory(objective=objective, date=dt.date(2026, 3, 31), value=reached)
    return partner


@pytest.fixture
def portfolio(db):
    """Cam manages two partners at mutiny risk and one thriving; Dee's partner is elsewhere."""
    with time_machine.travel(TODAY, tick=False):
        partners = {
            "M1": partner_with_health(
                "M1", revenue="90000", reached="5", manager="Cam@Vendor.example"
            ),
            "M2": partner_with_health(
                "M2", revenue="70000", reached="10", manager="cam@vendor.example"
            ),
            "T1": partner_with_health(
                "T1", revenue="80000", reached="20", manager="cam@vendor.example"
            ),
            "X1": partner_with_health(
                "X1", revenue="95000", reached="1", manager="dee@vendor.example"
            ),
        }
        yield partners


@pytest.fixture
def cam(login, db):
    return login(factories.UserFactory(username="cam@vendor.example", role="manager"))


@time_machine.travel(TODAY, tick=False)
def test_home_opens_with_the_portfolios_health_and_its_mutiny_risk_partners(portfolio, cam):
    response = cam.get("/")

    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.partners, summary.quadrants["mutiny_risk"]) == (3, 2)
    assert [h.partner_id for h in response.context["mutiny_first"]] == ["M1", "M2"]  # by revenue
    link = re.search(
        r'id="home-mutiny-link"[^>]*|href="([^"]+)" id="home-mutiny-link"', response.text
    )
    assert link is not None
    assert response.context["mutiny_href"] == (
        "/health/partners/?manager=Cam%40Vendor.example&quadrant=mutiny_risk"
    )
    assert "Partner X1" not in response.text  # not Cam's


@time_machine.travel(TODAY, tick=False)
def test_the_mutiny_link_lists_exactly_the_portfolios_mutiny_risk_partners(portfolio, cam):
    href = cam.get("/").context["mutiny_href"]

    listed = cam.get(href)

    assert listed.status_code == 200
    assert sorted(row["health"].partner_id for row in listed.context["rows"]) == ["M1", "M2"]


@time_machine.travel(TODAY, tick=False)
def test_home_lists_the_portfolios_objectives_waiting_for_a_check_in(portfolio, cam):
    quiet = factories.ObjectiveFactory(partner=portfolio["T1"], period="2026", title="Certify")
    factories.CheckInFactory(objective=quiet, date=dt.date(2026, 5, 31), value="3")
    fresh = factories.ObjectiveFactory(partner=portfolio["M1"], period="2026", title="Hire")
    factories.CheckInFactory(objective=fresh, date=dt.date(2026, 7, 1), value="3")
    elsewhere = factories.ObjectiveFactory(partner=portfolio["X1"], period="2026")
    factories.CheckInFactory(objective=elsewhere, date=dt.date(2026, 5, 31), value="3")

    response = cam.get("/")

    assert response.context["waiting_count"] == 1
    assert [o.title for o in response.context["waiting_first"]] == ["Certify"]
    index = cam.get(response.context["index_href"])
    assert [o.objective_id for o in index.context["page"]] == [quiet.objective_id]


@time_machine.travel(TODAY, tick=False)
def test_home_counts_every_waiting_objective_and_names_the_first_five(portfolio, cam):
    for number, period in enumerate(["2026-07", "2026-Q3", "2026", "2026-07", "2026-Q3", "2026"]):
        factories.ObjectiveFactory(
            partner=portfolio["M2" if number % 2 else "T1"], period=period, title=f"Goal {number}"
        )
    factories.ObjectiveFactory(partner=portfolio["X1"], period="2026-07", title="Dee's")

    response = cam.get("/")

    assert response.context["waiting_count"] == 6
    # Ending soonest first, then by partner: July's, then the quarter's, then the year's.
    assert [o.title for o in response.context["waiting_first"]] == [
        "Goal 3",
        "Goal 0",
        "Goal 1",
        "Goal 4",
        "Goal 5",
    ]


@time_machine.travel(TODAY, tick=False)
def test_home_lists_plans_awaiting_the_vendors_signature_and_overdue_actions(portfolio, cam):
    partner_user = factories.UserFactory(
        username="pat@m1.example", role="partner", partner=portfolio["M1"]
    )
    waiting = plans.create_plan(partner=portfolio["M1"], period="2026")
    plans.add_action(plan=waiting, title="Train sales", owner_side="partner", due_date="2026-06-30")
    plans.propose_plan(plan=waiting)
    plans.sign_plan(plan=waiting, user=partner_user)
    signed_by_us = plans.create_plan(partner=portfolio["M2"], period="2026")
    plans.propose_plan(plan=signed_by_us)
    vendor = factories.UserFactory(username="vic@vendor.example", role="manager")
    plans.sign_plan(plan=signed_by_us, user=vendor)
    draft_elsewhere = plans.create_plan(partner=portfolio["X1"], period="2026")
    plans.add_action(
        plan=draft_elsewhere, title="Not Cam's", owner_side="vendor", due_date="2026-06-01"
    )

    response = cam.get("/")

    assert [p.partner.partner_id for p in response.context["awaiting"]] == ["M1"]
    assert [a.title for a in response.context["overdue_actions"]] == ["Train sales"]
    assert "Not Cam&#x27;s" not in response.text


@time_machine.travel(TODAY, tick=False)
def test_the_portfolio_is_a_sortable_paginated_table_with_health_columns(portfolio, cam):
    for n in range(30):
        factories.PartnerFactory(partner_id=f"Q{n:02d}", name=f"Quiet {n:02d}")

    first = cam.get("/")
    by_health = cam.get("/", {"sort": "quadrant"})
    second = cam.get("/", {"page": 2})

    assert first.context["page"].paginator.count == 33
    assert len(first.context["rows"]) == 25
    assert [p.partner_id for p, _ in by_health.context["rows"][:2]] == ["M1", "M2"]
    assert len(second.context["rows"]) == 8
    assert "page 2 of 2" in second.text
    assert '<span class="badge mutiny_risk">Mutiny risk</span>' in by_health.text


@time_machine.travel(TODAY, tick=False)
def test_a_vendor_user_without_a_portfolio_sees_the_channels_health(portfolio, login):
    analyst = login(factories.UserFactory(username="ana@vendor.example", role="manager"))

    response = analyst.get("/")

    assert response.context["summary"].partners == 4
    assert response.context["mutiny_href"] == "/health/partners/?quadrant=mutiny_risk"
    assert "The channel's health in 2026" in response.text
