import datetime as dt
from decimal import Decimal

import pytest

from outward.sales.models import Deal
from tests import factories


def deal_json(deal) -> dict:
    return {
        "deal_id": deal.deal_id,
        "partner_id": deal.partner.partner_id,
        "account_id": deal.account.account_id if deal.account else None,
        "amount": f"{deal.amount:.2f}",
        "stage": deal.stage,
        "close_date": deal.close_date.isoformat(),
        "product_line": deal.product_line,
    }


NEW_DEAL = {
    "deal_id": "DN",
    "partner_id": "PA",
    "amount": "1200.50",
    "stage": "open",
    "close_date": "2026-09-30",
}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("admin", ["DA", "DB"]), ("manager", ["DA", "DB"]), ("user_a", ["DA"]), ("user_b", ["DB"])],
)
def test_list_deals_by_persona(world, api, persona, expected):
    response = api(persona).get("/api/v1/deals/")

    deals = {"DA": world.deal_a, "DB": world.deal_b}
    assert response.json() == {
        "count": len(expected),
        "next": None,
        "previous": None,
        "results": [deal_json(deals[key]) for key in expected],
    }


def test_list_deals_anonymous_is_401(world, api):
    assert api("anonymous").get("/api/v1/deals/").status_code == 401


def test_retrieve_other_partners_deal_is_404_like_missing(world, api):
    client = api("user_a")

    other, missing = client.get("/api/v1/deals/DB/"), client.get("/api/v1/deals/NOPE/")

    assert (other.status_code, other.json()) == (missing.status_code, missing.json())
    assert other.status_code == 404


def test_filter_deals_by_stage_partner_and_period(world, api):
    factories.DealFactory(deal_id="DC", partner=world.partner_a, stage="open")
    factories.DealFactory(
        deal_id="DD", partner=world.partner_a, stage="won", close_date=dt.date(2025, 12, 31)
    )
    client = api("manager")

    def keys(query: str) -> list[str]:
        return [d["deal_id"] for d in client.get(f"/api/v1/deals/?{query}").json()["results"]]

    assert keys("stage=won") == ["DA", "DB", "DD"]
    assert keys("stage=won&partner_id=PA") == ["DA", "DD"]
    assert keys("period=2026-Q1&partner_id=PA") == ["DA", "DC"]
    assert keys("closed_to=2025-12-31") == ["DD"]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("stage=closed", {"stage": ["'closed' is not one of open, won, lost"]}),
        (
            "period=2026-Q5",
            {"period": ["'2026-Q5' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"]},
        ),
        ("closed_from=yesterday", {"closed_from": ["'yesterday' is not a date (use YYYY-MM-DD)"]}),
    ],
)
def test_bad_filter_is_400(world, api, query, errors):
    response = api("manager").get(f"/api/v1/deals/?{query}")

    assert (response.status_code, response.json()) == (400, errors)


def test_partner_user_filtering_other_partner_gets_nothing(world, api):
    response = api("user_a").get("/api/v1/deals/?partner_id=PB")

    assert response.json()["results"] == []


@pytest.mark.parametrize("count", [1, 5])
def test_list_deals_query_count_is_constant(world, api, django_assert_num_queries, count):
    factories.DealFactory.create_batch(count, partner=world.partner_a)
    client = api("user_a")

    with django_assert_num_queries(4):
        response = client.get("/api/v1/deals/")

    assert response.json()["count"] == 1 + count


@pytest.mark.parametrize("persona", ["admin", "manager", "user_a"])
def test_create_deal(world, api, persona):
    response = api(persona).post("/api/v1/deals/", NEW_DEAL, format="json")

    assert response.status_code == 201
    assert response.json() == {**NEW_DEAL, "account_id": None, "product_line": ""}
    deal = Deal.objects.get(deal_id="DN")
    assert (deal.partner, deal.amount, deal.stage) == (world.partner_a, Decimal("1200.50"), "open")


def test_create_deal_accepts_json_numbers(world, api):
    response = api("admin").post(
        "/api/v1/deals/", {**NEW_DEAL, "amount": 99, "account_id": None}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["amount"] == "99.00"


def test_create_deal_for_other_partner_is_refused(world, api):
    response = api("user_b").post("/api/v1/deals/", NEW_DEAL, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"partner_id": ["unknown partner 'PA'"]},
    )
    assert not Deal.objects.filter(deal_id="DN").exists()


def test_create_deal_with_other_partners_key_is_refused(world, api):
    response = api("user_a").post("/api/v1/deals/", {**NEW_DEAL, "deal_id": "DB"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"deal_id": ["the key 'DB' is already taken"]}
    world.deal_b.refresh_from_db()
    assert world.deal_b.partner == world.partner_b


def test_create_existing_deal_is_409(world, api):
    response = api("admin").post("/api/v1/deals/", {**NEW_DEAL, "deal_id": "DA"}, format="json")

    assert (response.status_code, response.json()) == (
        409,
        {"deal_id": ["DA exists already; change it with PUT or PATCH"]},
    )


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"amount": "-5"}, {"amount": ["-5 is negative; must be ≥ 0"]}),
        ({"stage": "closed"}, {"stage": ["'closed' is not one of open, won, lost"]}),
        (
            {"close_date": "30.09.2026"},
            {"close_date": ["'30.09.2026' is not a date (use YYYY-MM-DD)"]},
        ),
        ({"partner_id": "NOPE"}, {"partner_id": ["unknown partner 'NOPE'"]}),
        ({"account_id": "NOPE"}, {"account_id": ["unknown account 'NOPE'"]}),
        ({"amount": ""}, {"amount": ["is required"]}),
        ({"amount": [1]}, {"amount": ["must be a string or a number"]}),
        ({"colour": "red"}, {"non_field_errors": ["unknown columns: colour"]}),
    ],
)
def test_create_bad_deal_is_400_and_stores_nothing(world, api, change, errors):
    response = api("admin").post("/api/v1/deals/", {**NEW_DEAL, **change}, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert not Deal.objects.filter(deal_id="DN").exists()


def test_body_that_is_not_an_object_is_400(world, api):
    response = api("admin").post("/api/v1/deals/", [NEW_DEAL], format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["the body must be a JSON object"]},
    )


def test_put_replaces_every_column(world, api):
    body = {**NEW_DEAL, "deal_id": "DA", "stage": "lost"}

    response = api("user_a").put("/api/v1/deals/DA/", body, format="json")

    assert response.status_code == 200
    assert response.json() == {**body, "account_id": None, "product_line": ""}
    world.deal_a.refresh_from_db()
    assert (world.deal_a.stage, world.deal_a.account, world.deal_a.product_line) == (
        "lost",
        None,
        "",
    )


def test_patch_changes_named_columns_only(world, api):
    response = api("manager").patch("/api/v1/deals/DA/", {"stage": "lost"}, format="json")

    world.deal_a.refresh_from_db()
    assert response.status_code == 200
    assert response.json() == deal_json(world.deal_a)
    assert world.deal_a.stage == "lost"
    assert world.deal_a.product_line == "Cloud Suite"


def test_patch_cannot_change_the_key(world, api):
    response = api("manager").patch("/api/v1/deals/DA/", {"deal_id": "DZ"}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"deal_id": ["the key is DA (from the URL); it cannot be changed"]},
    )


def test_patch_moving_deal_to_other_partner_is_refused(world, api):
    response = api("user_a").patch("/api/v1/deals/DA/", {"partner_id": "PB"}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"partner_id": ["unknown partner 'PB'"]},
    )
    world.deal_a.refresh_from_db()
    assert world.deal_a.partner == world.partner_a


def test_write_other_partners_deal_is_404_like_missing(world, api):
    client = api("user_a")

    other = client.patch("/api/v1/deals/DB/", {"stage": "lost"}, format="json")
    missing = client.patch("/api/v1/deals/NOPE/", {"stage": "lost"}, format="json")

    assert (other.status_code, other.json()) == (missing.status_code, missing.json())
    assert other.status_code == 404
    world.deal_b.refresh_from_db()
    assert world.deal_b.stage == "won"


@pytest.mark.parametrize("persona", ["admin", "manager"])
def test_vendor_deletes_deal(world, api, persona):
    response = api(persona).delete("/api/v1/deals/DA/")

    assert response.status_code == 204
    assert list(Deal.objects.values_list("deal_id", flat=True)) == ["DB"]


def test_partner_user_cannot_delete_deal(world, api):
    response = api("user_a").delete("/api/v1/deals/DA/")

    assert response.status_code == 403
    assert Deal.objects.filter(deal_id="DA").exists()
