import pytest

from outward.sales.models import Account
from tests import factories


def account_json(account) -> dict:
    return {
        "account_id": account.account_id,
        "name": account.name,
        "country": account.country,
        "subdivision": account.subdivision,
        "postal_code": account.postal_code,
        "industry": account.industry,
        "employees": account.employees,
    }


NEW_ACCOUNT = {
    "account_id": "AN",
    "name": "Nordwerk GmbH",
    "country": "DE",
    "subdivision": "DE-BY",
    "postal_code": "80331",
    "industry": "Manufacturing",
    "employees": 250,
}


@pytest.mark.parametrize("persona", ["admin", "manager"])
def test_list_accounts_vendor_sees_all(world, api, persona):
    lonely = factories.AccountFactory(account_id="AZ")

    response = api(persona).get("/api/v1/accounts/")

    expected = [world.deal_a.account, world.deal_b.account, lonely]
    expected.sort(key=lambda a: a.account_id)
    assert response.json() == {
        "count": 3,
        "next": None,
        "previous": None,
        "results": [account_json(a) for a in expected],
    }


@pytest.mark.parametrize(("persona", "deal"), [("user_a", "deal_a"), ("user_b", "deal_b")])
def test_list_accounts_partner_user_sees_accounts_of_own_deals(world, api, persona, deal):
    factories.AccountFactory(account_id="AZ")

    response = api(persona).get("/api/v1/accounts/")

    assert response.json()["results"] == [account_json(getattr(world, deal).account)]


def test_retrieve_other_partners_account_is_404_like_missing(world, api):
    client = api("user_a")
    other_key = world.deal_b.account.account_id

    other, missing = client.get(f"/api/v1/accounts/{other_key}/"), client.get("/api/v1/accounts/X/")

    assert (other.status_code, other.json()) == (missing.status_code, missing.json())
    assert other.status_code == 404


def test_filter_accounts_by_country(world, api):
    factories.AccountFactory(account_id="AFR", country="FR", subdivision="")

    response = api("manager").get("/api/v1/accounts/?country=fr")

    assert [a["account_id"] for a in response.json()["results"]] == ["AFR"]


@pytest.mark.parametrize("count", [1, 5])
def test_list_accounts_query_count_is_constant(world, api, django_assert_num_queries, count):
    factories.AccountFactory.create_batch(count)
    client = api("manager")

    with django_assert_num_queries(4):
        response = client.get("/api/v1/accounts/")

    assert response.json()["count"] == 2 + count


def test_vendor_creates_account(world, api):
    response = api("manager").post("/api/v1/accounts/", NEW_ACCOUNT, format="json")

    assert (response.status_code, response.json()) == (201, NEW_ACCOUNT)
    assert account_json(Account.objects.get(account_id="AN")) == NEW_ACCOUNT


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"country": "XX"}, {"country": ["'XX' is not an ISO 3166-1 alpha-2 country code"]}),
        ({"employees": "many"}, {"employees": ["'many' is not a whole number"]}),
        ({"subdivision": "FR-IDF"}, {"subdivision": ["FR-IDF does not lie in country DE"]}),
        ({"account_id": "x" * 65}, {"account_id": ["longer than 64 characters (65)"]}),
    ],
)
def test_create_bad_account_is_400(world, api, change, errors):
    response = api("admin").post("/api/v1/accounts/", {**NEW_ACCOUNT, **change}, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert Account.objects.count() == 2


@pytest.mark.parametrize("persona", ["user_a", "user_b"])
def test_partner_user_cannot_write_accounts(world, api, persona):
    client = api(persona)
    own = world.deal_a.account if persona == "user_a" else world.deal_b.account

    created = client.post("/api/v1/accounts/", NEW_ACCOUNT, format="json")
    changed = client.patch(f"/api/v1/accounts/{own.account_id}/", {"name": "X"}, format="json")

    assert (created.status_code, changed.status_code) == (403, 403)
    assert not Account.objects.filter(account_id="AN").exists()
    own.refresh_from_db()
    assert own.name != "X"


def test_delete_account_with_deals_is_400(world, api):
    key = world.deal_a.account.account_id

    response = api("admin").delete(f"/api/v1/accounts/{key}/")

    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": [f"{key} is still referenced by 1 deal; remove those first"]},
    )
    assert Account.objects.filter(account_id=key).exists()


def test_delete_unreferenced_account(world, api):
    factories.AccountFactory(account_id="AZ")

    response = api("admin").delete("/api/v1/accounts/AZ/")

    assert response.status_code == 204
    assert not Account.objects.filter(account_id="AZ").exists()
