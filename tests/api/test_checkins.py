import datetime as dt

import pytest

from outward.objectives.models import CheckIn
from tests import factories


def checkin_json(checkin) -> dict:
    return {
        "objective_id": checkin.objective.objective_id,
        "date": checkin.date.isoformat(),
        "value": "10",
        "comment": "Quarterly review",
    }


@pytest.mark.parametrize("persona", ["admin", "manager", "user_a"])
def test_list_checkins_of_visible_objective(world, api, persona):
    later = factories.CheckInFactory(objective=world.objective_a, date=dt.date(2026, 9, 30))

    response = api(persona).get("/api/v1/objectives/OA/checkins/")

    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [checkin_json(world.checkin_a), checkin_json(later)],
    }


def test_list_checkins_of_other_partners_objective_is_404_like_missing(world, api):
    client = api("user_b")

    other = client.get("/api/v1/objectives/OA/checkins/")
    missing = client.get("/api/v1/objectives/NOPE/checkins/")

    assert (other.status_code, other.json()) == (missing.status_code, missing.json())
    assert other.status_code == 404


def test_list_checkins_anonymous_is_401(world, api):
    assert api("anonymous").get("/api/v1/objectives/OA/checkins/").status_code == 401


def test_filter_checkins_by_date(world, api):
    factories.CheckInFactory(objective=world.objective_a, date=dt.date(2026, 9, 30))

    response = api("user_a").get("/api/v1/objectives/OA/checkins/?date_from=2026-07-01")

    assert [c["date"] for c in response.json()["results"]] == ["2026-09-30"]


@pytest.mark.parametrize("count", [1, 5])
def test_list_checkins_query_count_is_constant(world, api, django_assert_num_queries, count):
    for n in range(count):
        factories.CheckInFactory(objective=world.objective_a, date=dt.date(2026, 1, 1 + n))
    client = api("user_a")

    with django_assert_num_queries(5):
        response = client.get("/api/v1/objectives/OA/checkins/")

    assert response.json()["count"] == 1 + count


@pytest.mark.parametrize("persona", ["admin", "manager", "user_a"])
def test_record_new_checkin(world, api, persona):
    body = {"date": "2026-09-30", "value": "12.5", "comment": "Two more certified"}

    response = api(persona).post("/api/v1/objectives/OA/checkins/", body, format="json")

    assert (response.status_code, response.json()) == (201, {"objective_id": "OA", **body})
    checkin = CheckIn.objects.get(objective=world.objective_a, date=dt.date(2026, 9, 30))
    assert checkin.history.get().history_user == world.persona(persona)


def test_record_checkin_on_existing_date_replaces_it(world, api):
    body = {"date": "2026-06-30", "value": 11}

    response = api("user_a").post("/api/v1/objectives/OA/checkins/", body, format="json")

    assert (response.status_code, response.json()) == (
        200,
        {"objective_id": "OA", "date": "2026-06-30", "value": "11", "comment": "Quarterly review"},
    )
    assert CheckIn.objects.filter(objective=world.objective_a).count() == 1


def test_record_checkin_on_other_partners_objective_is_404(world, api):
    body = {"date": "2026-09-30", "value": "1"}

    response = api("user_a").post("/api/v1/objectives/OB/checkins/", body, format="json")

    assert response.status_code == 404
    assert CheckIn.objects.filter(objective=world.objective_b).count() == 1


def test_record_checkin_naming_another_objective_is_400(world, api):
    body = {"objective_id": "OB", "date": "2026-09-30", "value": "1"}

    response = api("admin").post("/api/v1/objectives/OA/checkins/", body, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"objective_id": ["the objective is OA (from the URL)"]},
    )
    assert CheckIn.objects.count() == 2


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"date": "2026-02-30", "value": "1"},
            {"date": ["'2026-02-30' is not a date (use YYYY-MM-DD)"]},
        ),
        (
            {"date": "2026-09-30", "value": "ten"},
            {"value": ["'ten' is not a number (use digits and . as decimal point)"]},
        ),
        ({"value": "1"}, {"date": ["is required"]}),
    ],
)
def test_record_bad_checkin_is_400(world, api, body, errors):
    response = api("user_a").post("/api/v1/objectives/OA/checkins/", body, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert CheckIn.objects.count() == 2
