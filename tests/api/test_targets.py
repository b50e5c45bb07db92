import pytest

from outward.targets.models import Target
from tests import factories


def target_json(target, value: str = "100000") -> dict:
    return {
        "partner_id": target.partner.partner_id,
        "period": target.period,
        "metric": target.metric,
        "value": value,
    }


NEW_TARGET = {"partner_id": "PA", "period": "2026-Q2", "metric": "deals_won", "value": "12"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", ["target_a", "target_b"]),
        ("manager", ["target_a", "target_b"]),
        ("user_a", ["target_a"]),
        ("user_b", ["target_b"]),
    ],
)
def test_list_targets_by_persona(world, api, persona, expected):
    response = api(persona).get("/api/v1/targets/")

    assert response.json() == {
        "count": len(expected),
        "next": None,
        "previous": None,
        "results": [target_json(getattr(world, name)) for name in expected],
    }


def test_list_targets_anonymous_is_401(world, api):
    assert api("anonymous").get("/api/v1/targets/").status_code == 401


def test_filter_targets_by_partner_period_and_metric(world, api):
    factories.TargetFactory(partner=world.partner_a, period="2026-Q1", metric="revenue")
    factories.TargetFactory(partner=world.partner_a, period="2026", metric="deals_won", value=9)
    client = api("manager")

    def rows(query: str) -> list[tuple]:
        results = client.get(f"/api/v1/targets/?{query}").json()["results"]
        return [(t["partner_id"], t["period"], t["metric"], t["value"]) for t in results]

    assert rows("partner_id=PA&period=2026") == [
        ("PA", "2026", "deals_won", "9"),
        ("PA", "2026", "revenue", "100000"),
    ]
    assert rows("period=2026-Q1") == [("PA", "2026-Q1", "revenue", "100000")]
    assert rows("metric=deals_won") == [("PA", "2026", "deals_won", "9")]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("metric=profit", {"metric": ["'profit' is not one of revenue, deals_won, new_customers"]}),
        (
            "period=2026-13",
            {"period": ["'2026-13' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"]},
        ),
    ],
)
def test_bad_target_filter_is_400(world, api, query, errors):
    response = api("manager").get(f"/api/v1/targets/?{query}")

    assert (response.status_code, response.json()) == (400, errors)


@pytest.mark.parametrize("count", [1, 5])
def test_list_targets_query_count_is_constant(world, api, django_assert_num_queries, count):
    for n in range(count):
        factories.TargetFactory(partner=factories.PartnerFactory(), period=f"{2010 + n}")
    client = api("admin")

    with django_assert_num_queries(4):
        response = client.get("/api/v1/targets/")

    assert response.json()["count"] == 2 + count


@pytest.mark.parametrize("persona", ["admin", "manager"])
def test_vendor_sets_new_target(world, api, persona):
    response = api(persona).post("/api/v1/targets/", NEW_TARGET, format="json")

    assert (response.status_code, response.json()) == (201, NEW_TARGET)
    target = Target.objects.get(partner=world.partner_a, period="2026-Q2")
    assert (target.metric, target.value, target.first_month, target.last_month) == (
        "deals_won",
        12,
        2026 * 12 + 3,
        2026 * 12 + 5,
    )
    assert target.history.get().history_user == world.persona(persona)


def test_vendor_replaces_existing_target(world, api):
    body = {"partner_id": "PA", "period": "2026", "metric": "revenue", "value": 150000.5}

    response = api("admin").post("/api/v1/targets/", body, format="json")

    assert (response.status_code, response.json()) == (200, {**body, "value": "150000.5"})
    world.target_a.refresh_from_db()
    assert str(world.target_a.value) == "150000.5000"


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"value": "-1"}, {"value": ["-1 is negative; must be ≥ 0"]}),
        (
            {"period": "2026-Q5"},
            {"period": ["'2026-Q5' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"]},
        ),
        (
            {"metric": "profit"},
            {"metric": ["'profit' is not one of revenue, deals_won, new_customers"]},
        ),
        ({"partner_id": "NOPE"}, {"partner_id": ["unknown partner 'NOPE'"]}),
        ({"value": None}, {"value": ["is required"]}),
    ],
)
def test_set_bad_target_is_400_and_stores_nothing(world, api, change, errors):
    response = api("manager").post("/api/v1/targets/", {**NEW_TARGET, **change}, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert Target.objects.count() == 2


@pytest.mark.parametrize("persona", ["user_a", "user_b"])
def test_partner_user_cannot_set_targets(world, api, persona):
    body = {**NEW_TARGET, "partner_id": "PA" if persona == "user_a" else "PB"}

    response = api(persona).post("/api/v1/targets/", body, format="json")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Only vendor staff can change these records."},
    )
    assert Target.objects.count() == 2
