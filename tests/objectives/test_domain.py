"""Objectives and check-ins: create, versioned edits, concurrency refusal, history."""

import datetime as dt
from decimal import Decimal

import pytest

from outward.exchange.domain import ImportFailed
from outward.objectives.domain import (
    StaleObjective,
    create_objective,
    objective_history,
    objective_row,
    record_checkin,
    update_objective,
)
from outward.objectives.models import CheckIn, Objective
from outward.objectives.queries import objectives_needing_checkin
from tests import factories

FIELDS = {
    "title": "Certify five engineers",
    "period": "2026",
    "direction": "increase",
    "baseline": "1",
    "target": "5",
    "unit": "people",
    "weight": "2",
    "source": "manual",
}


@pytest.fixture
def partner(db):
    return factories.PartnerFactory(partner_id="PA")


@pytest.fixture
def editor(partner):
    return factories.UserFactory(username="ann@acme.example", role="partner", partner=partner)


def test_create_objective_stores_the_row_with_a_generated_key(partner, editor):
    objective = create_objective(partner=partner, fields=FIELDS, user=editor)

    assert objective.objective_id.startswith("OBJ-")
    assert objective_row(objective=objective) == {
        **FIELDS,
        "objective_id": objective.objective_id,
        "partner_id": "PA",
    }
    assert (objective.first_month, objective.last_month, objective.version) == (
        2026 * 12,
        2026 * 12 + 11,
        1,
    )
    assert [(h.history_type, h.history_user) for h in objective.history.all()] == [("+", editor)]


def test_create_objective_refuses_bad_values_and_stores_nothing(partner):
    with pytest.raises(ImportFailed) as failure:
        create_objective(
            partner=partner, fields={**FIELDS, "period": "2026-Q5", "weight": "0"}, user=None
        )

    assert sorted(e.column for e in failure.value.errors) == ["period", "weight"]
    assert list(Objective.objects.all()) == []


def test_update_objective_saves_and_counts_one_version(partner, editor):
    objective = factories.ObjectiveFactory(partner=partner, target=Decimal("15"))

    saved = update_objective(
        objective=objective,
        fields={**objective_row(objective=objective), "target": "20", "title": "Grow MSP"},
        expected_version=1,
        user=editor,
    )

    assert (saved.version, saved.target, saved.title) == (2, Decimal("20"), "Grow MSP")
    latest = objective_history(objective=saved)[0]
    assert (latest.who, latest.what, latest.action) == ("ann@acme.example", "Objective", "changed")
    assert latest.fields == (
        ("target", "15", "20"),
        ("title", "Grow managed-services revenue", "Grow MSP"),
    )


def test_update_objective_refuses_the_second_of_two_concurrent_edits(partner, editor):
    objective = factories.ObjectiveFactory(partner=partner, target=Decimal("15"))
    first_view = Objective.objects.get(pk=objective.pk)
    second_view = Objective.objects.get(pk=objective.pk)

    update_objective(objective=first_view, fields={"target": "20"}, expected_version=1, user=editor)
    with pytest.raises(StaleObjective) as refusal:
        update_objective(
            objective=second_view, fields={"target": "30"}, expected_version=1, user=editor
        )

    current = Objective.objects.get(pk=objective.pk)
    assert (current.version, current.target) == (2, Decimal("20"))
    assert (refusal.value.current.version, refusal.value.current.target) == (2, Decimal("20"))
    assert str(refusal.value).startswith(
        "Someone else changed this objective since you opened it — here is the current version."
    )
    assert objective.history.count() == 2  # created + the first edit, nothing for the refusal


def test_update_objective_with_bad_value_changes_nothing_not_even_the_version(partner):
    objective = factories.ObjectiveFactory(partner=partner)

    with pytest.raises(ImportFailed):
        update_objective(objective=objective, fields={"target": "lots"}, expected_version=1)

    current = Objective.objects.get(pk=objective.pk)
    assert (current.version, current.target) == (1, Decimal("15"))


def test_record_checkin_adds_then_replaces_the_same_day(partner, editor):
    objective = factories.ObjectiveFactory(partner=partner)

    record_checkin(
        objective=objective, date=dt.date(2026, 5, 1), value="3", comment="Q1", user=editor
    )
    record_checkin(objective=objective, date="2026-05-01", value="4", comment="fixed", user=editor)

    assert list(CheckIn.objects.values_list("date", "value", "comment")) == [
        (dt.date(2026, 5, 1), Decimal("4"), "fixed")
    ]
    changes = objective_history(objective=objective)
    assert [(c.what, c.action, c.fields) for c in changes[:2]] == [
        ("Check-in 2026-05-01", "changed", (("comment", "Q1", "fixed"), ("value", "3", "4"))),
        ("Check-in 2026-05-01", "created", ()),
    ]


def test_record_checkin_refuses_bad_date_and_value(partner):
    objective = factories.ObjectiveFactory(partner=partner)

    with pytest.raises(ImportFailed) as failure:
        record_checkin(objective=objective, date="2026-02-30", value="x")

    assert sorted(e.column for e in failure.value.errors) == ["date", "value"]
    assert list(CheckIn.objects.all()) == []


def test_objectives_needing_checkin_are_running_manual_and_quiet_for_30_days(partner):
    today = dt.date(2026, 11, 26)
    quiet = factories.ObjectiveFactory(partner=partner, objective_id="QUIET")
    factories.CheckInFactory(objective=quiet, date=dt.date(2026, 10, 27))  # exactly 30 days ago
    fresh = factories.ObjectiveFactory(partner=partner, objective_id="FRESH")
    factories.CheckInFactory(objective=fresh, date=dt.date(2026, 10, 28))
    factories.ObjectiveFactory(partner=partner, objective_id="NEVER", period="2026-Q4")
    factories.ObjectiveFactory(partner=partner, objective_id="ENDED", period="2026-Q3")
    factories.ObjectiveFactory(partner=partner, objective_id="FUTURE", period="2027")
    factories.ObjectiveFactory(partner=partner, objective_id="VENDOR", source="vendor_revenue")

    keys = objectives_needing_checkin(as_of=today).values_list("objective_id", flat=True)

    assert sorted(keys) == ["NEVER", "QUIET"]
