"""Health on the partner list: a quadrant, quota-to-date and objectives-met column, a filter."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine

from tests import factories

TODAY = dt.datetime(2026, 7, 15, 12, tzinfo=dt.UTC)  # 2026 runs: quotas are judged on pace
DUE = Decimal("60000") + Decimal("10000") * 15 / 31  # six months and 15 days of July


def make_partner(partner_id: str, *, revenue: str, reached: str | None) -> None:
    """A 2026 target of 120,000 (10,000 a month), a won deal in March, a Q1 objective of 15."""
    partner = factories.PartnerFactory(partner_id=partner_id, name=f"Partner {partner_id}")
    factories.TargetFactory(partner=partner, period="2026", value=Decimal("120000"))
    factories.DealFactory(partner=partner, amount=Decimal(revenue), close_date=dt.date(2026, 3, 1))
    if reached is not None:
        objective = factories.ObjectiveFactory(partner=partner, period="2026-Q1", target=15)
        factories.CheckInFactory(objective=objective, date=dt.date(2026, 3, 31), value=reached)


@pytest.fixture
def channel(db):
    with time_machine.travel(TODAY, tick=False):
        make_partner("THRIVE", revenue="90000", reached="20")
        make_partner("MUTINY1", revenue="80000", reached="10")
        make_partner("MUTINY2", revenue="70000", reached="5")
        make_partner("DRIFT", revenue="10000", reached="16")
        make_partner("UNKNOWN", revenue="30000", reached=None)
        yield


@pytest.fixture
def vendor(login, db):
    return login(factories.UserFactory(username="cam@vendor.example", role="manager"))


def rows(response) -> dict[str, list]:
    return {partner.partner_id: values for partner, values in response.context["rows"]}


def listed(response) -> list[str]:
    return [partner.partner_id for partner, _ in response.context["rows"]]


@time_machine.travel(TODAY, tick=False)
def test_each_partner_shows_its_quadrant_attainment_and_objectives_met(channel, vendor):
    response = vendor.get("/partners/")
    labels = [column.label for column in response.context["extra_columns"]]
    values = {key: dict(zip(labels, found, strict=True)) for key, found in rows(response).items()}

    assert values["MUTINY1"]["Health"] == "mutiny_risk"
    assert round(values["MUTINY1"]["Quota to date"], 9) == round(Decimal("80000") / DUE, 9)
    assert values["MUTINY1"]["Own objectives met"] == 0
    assert values["THRIVE"]["Health"] == "thriving"
    assert values["THRIVE"]["Own objectives met"] == 1
    assert values["DRIFT"]["Health"] == "drifting"
    assert values["UNKNOWN"]["Health"] == "objectives_unknown"
    assert values["UNKNOWN"]["Own objectives met"] is None
    assert values["MUTINY2"]["Won revenue"] == Decimal("70000")
    assert '<span class="badge mutiny_risk">Mutiny risk</span>' in response.text
    assert "123%" in response.text  # 80,000 of the 64,839 due by 15 July


@time_machine.travel(TODAY, tick=False)
def test_the_quadrant_filter_keeps_only_that_quadrant(channel, vendor):
    response = vendor.get("/partners/", {"quadrant": "mutiny_risk"})

    assert sorted(listed(response)) == ["MUTINY1", "MUTINY2"]
    assert re.search(r"2 partners\s+match", response.text)


@time_machine.travel(TODAY, tick=False)
def test_sorting_by_health_puts_the_most_worrying_first_and_by_attainment_numerically(
    channel, vendor
):
    by_health = listed(vendor.get("/partners/", {"sort": "quadrant"}))
    by_attainment = listed(vendor.get("/partners/", {"sort": "-quota_attainment"}))

    assert by_health[:2] == ["MUTINY1", "MUTINY2"]  # then by key among equals
    assert by_health[2:] == ["UNKNOWN", "DRIFT", "THRIVE"]
    assert by_attainment == ["THRIVE", "MUTINY1", "MUTINY2", "UNKNOWN", "DRIFT"]


@time_machine.travel(TODAY, tick=False)
def test_an_unknown_quadrant_in_the_query_is_ignored(channel, vendor):
    response = vendor.get("/partners/", {"quadrant": "on_fire"})

    assert response.status_code == 200
    assert len(listed(response)) == 5
