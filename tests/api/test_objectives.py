"""`/api/v1/objectives/`: the import's columns plus the evaluation (status, value, progress).

The evaluation depends on the day: these tests run on 1 July 2026, when the world's 2026
objectives are in progress (check-in of 10 towards 15 on 30 June).
"""

import datetime as dt

import pytest
import time_machine

from outward.objectives.models import Objective
from tests import factories

IN_PROGRESS = {"status": "in_progress", "value": 10.0, "progress": 0.6667}
NOT_STARTED = {"status": "in_progress", "value": None, "progress": None}


@pytest.fixture(autouse=True)
def _first_of_july_2026():
    with time_machine.travel(dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def objective_json(objective, evaluation=IN_PROGRESS) -> dict:
    return {
        "objective_id": objective.objective_id,
        "partner_id": objective.partner.partner_id,
        "period": objective.period,
        "title": objective.title,
        "unit": objective.unit,
        "direction": objective.direction,
        "baseline": None,
        "target": "15",
        "weight": "1",
        "source": objective.source,
        **evaluation,
    }


NEW_OBJECTIVE = {
    "objective_id": "ON",
    "partner_id": "PA",
    "period": "2026-Q3",
    "title": "Certify five engineers",
    "unit": "people",
    "direction": "increase",
    "baseline": "1",
    "target": "5",
    "weight": "2.5",
    "source": "manual",
}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", ["objective_a", "objective_b"]),
        ("manager", ["objective_a", "objective_b"]),
        ("user_a", ["objective_a"]),
        ("user_b", ["objective_b"]),
    ],
)
def test_list_objectives_by_persona(world, api, persona, expected):
    response = api(persona).get("/api/v1/objectives/")

    assert response.json() == {
        "count": len(expected),
        "next": None,
        "previous": None,
        "results": [objective_json(getattr(world, name)) for name in expected],
    }


def test_list_objectives_anonymous_is_401(world, api):
    assert api("anonymous").get("/api/v1/objectives/").status_code == 401


def test_retrieve_other_partners_objective_is_404_like_missing(world, api):
    client = api("user_b")

    other, missing = client.get("/api/v1/objectives/OA/"), client.get("/api/v1/objectives/X/")

    assert (other.status_code, other.json()) == (missing.status_code, missing.json())
    assert other.status_code == 404


def test_filter_objectives_by_period(world, api):
    factories.ObjectiveFactory(objective_id="OQ", partner=world.partner_a, period="2026-Q1")

    response = api("user_a").get("/api/v1/objectives/?period=2026-Q1")

    assert [o["objective_id"] for o in response.json()["results"]] == ["OQ"]


@pytest.mark.parametrize("count", [1, 5])
def test_list_objectives_query_count_is_constant(world, api, django_assert_num_queries, count):
    factories.ObjectiveFactory.create_batch(count)
    client = api("manager")

    # session, user, count, page, evaluation of the page's objectives
    with django_assert_num_queries(5):
        response = client.get("/api/v1/objectives/")

    assert response.json()["count"] == 2 + count


@pytest.mark.parametrize("persona", ["admin", "manager", "user_a"])
def test_create_objective(world, api, persona):
    response = api(persona).post("/api/v1/objectives/", NEW_OBJECTIVE, format="json")

    assert (response.status_code, response.json()) == (201, {**NEW_OBJECTIVE, **NOT_STARTED})
    objective = Objective.objects.get(objective_id="ON")
    assert (objective.partner, objective.first_month, objective.last_month) == (
        world.partner_a,
        2026 * 12 + 6,
        2026 * 12 + 8,
    )
    assert objective.history.get().history_user == world.persona(persona)


def test_create_objective_defaults(world, api):
    body = {k: NEW_OBJECTIVE[k] for k in ("objective_id", "partner_id", "period", "title")}

    response = api("user_a").post("/api/v1/objectives/", {**body, "target": 7}, format="json")

    assert response.json() == {
        **body,
        "unit": "",
        "direction": "increase",
        "baseline": None,
        "target": "7",
        "weight": "1",
        "source": "manual",
        **NOT_STARTED,
    }


def test_partner_user_creating_objective_for_other_partner_is_refused(world, api):
    response = api("user_b").post("/api/v1/objectives/", NEW_OBJECTIVE, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"partner_id": ["unknown partner 'PA'"]},
    )
    assert not Objective.objects.filter(objective_id="ON").exists()


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"weight": "0"}, {"weight": ["0 must be greater than 0"]}),
        ({"direction": "up"}, {"direction": ["'up' is not one of increase, decrease"]}),
        (
            {"period": "2026-Q5"},
            {"period": ["'2026-Q5' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"]},
        ),
        (
            {"target": "a lot"},
            {"target": ["'a lot' is not a number (use digits and . as decimal point)"]},
        ),
        ({"title": ""}, {"title": ["is required"]}),
    ],
)
def test_create_bad_objective_is_400(world, api, change, errors):
    response = api("user_a").post("/api/v1/objectives/", {**NEW_OBJECTIVE, **change}, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert not Objective.objects.filter(objective_id="ON").exists()


def test_partner_user_patches_own_objective(world, api):
    response = api("user_a").patch("/api/v1/objectives/OA/", {"target": "20"}, format="json")

    world.objective_a.refresh_from_db()
    assert response.status_code == 200
    assert response.json() == {
        **objective_json(world.objective_a),
        "target": "20",
        "progress": 0.5,
    }
    assert world.objective_a.target == 20


def test_partner_user_patching_other_partners_objective_is_404(world, api):
    response = api("user_a").patch("/api/v1/objectives/OB/", {"target": "20"}, format="json")

    assert response.status_code == 404
    world.objective_b.refresh_from_db()
    assert world.objective_b.target == 15


def test_put_objective_resets_unnamed_optional_columns(world, api):
    body = {k: NEW_OBJECTIVE[k] for k in ("partner_id", "period", "title", "target")}

    response = api("manager").put("/api/v1/objectives/OA/", body, format="json")

    assert response.json() == {
        **body,
        "objective_id": "OA",
        "unit": "",
        "direction": "increase",
        "baseline": None,
        "weight": "1",
        "source": "manual",
        # Now a 2026-Q3 objective: the check-in of 30 June lies outside its period.
        **NOT_STARTED,
    }


def test_delete_objective_with_checkins_is_400(world, api):
    response = api("admin").delete("/api/v1/objectives/OA/")

    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["OA is still referenced by 1 check in; remove those first"]},
    )
    assert Objective.objects.filter(objective_id="OA").exists()


def test_delete_objective_without_checkins(world, api):
    factories.ObjectiveFactory(objective_id="OZ", partner=world.partner_a)

    response = api("manager").delete("/api/v1/objectives/OZ/")

    assert response.status_code == 204
    assert not Objective.objects.filter(objective_id="OZ").exists()


def test_partner_user_cannot_delete_objective(world, api):
    response = api("user_a").delete("/api/v1/objectives/OA/")

    assert response.status_code == 403
    assert Objective.objects.filter(objective_id="OA").exists()


def test_evaluation_as_of_another_day_and_after_the_period(world, api):
    client = api("user_a")

    before = client.get("/api/v1/objectives/OA/?as_of=2026-06-29").json()
    after = client.get("/api/v1/objectives/OA/?as_of=2027-01-15").json()

    assert [(r["status"], r["value"], r["progress"]) for r in (before, after)] == [
        ("in_progress", None, None),
        ("missed", 10.0, 0.6667),
    ]


def test_evaluation_equals_the_health_reports_entry(world, api):
    factories.CheckInFactory(objective=world.objective_a, date=dt.date(2026, 12, 1), value=16)
    record = api("user_a").get("/api/v1/objectives/OA/?as_of=2027-01-15").json()
    report = api("user_a").get("/api/v1/health/?period=2026&as_of=2027-01-15").json()

    (entry,) = report["partners"][0]["objectives"]
    assert {k: record[k] for k in ("status", "value", "progress")} == {
        k: entry[k] for k in ("status", "value", "progress")
    }
    assert record["status"] == "met"


def test_bad_as_of_is_400(world, api):
    response = api("user_a").get("/api/v1/objectives/?as_of=July")

    assert (response.status_code, response.json()) == (
        400,
        {"as_of": ["'July' is not a date (use YYYY-MM-DD)"]},
    )


def test_evaluation_fields_sent_back_are_ignored(world, api):
    client = api("user_a")
    record = client.get("/api/v1/objectives/OA/").json()

    response = client.put("/api/v1/objectives/OA/", {**record, "title": "Renamed"}, format="json")

    assert (response.status_code, response.json()["title"]) == (200, "Renamed")
