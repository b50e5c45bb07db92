"""The territories API: import columns, re-assignment on write, tenancy, read-only reports."""

import pytest

from outward.territories.domain.assignment import assign_accounts
from outward.territories.models import Assignment, Territory
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped(world):
    root = factories.TerritoryFactory(territory_id="T-WORLD", name="World")
    de = factories.TerritoryFactory(
        territory_id="T-DE", name="Germany", parent=root, countries=["DE", "AT"], priority=2
    )
    factories.TerritoryFactory(territory_id="T-FR", name="France", parent=root, countries=["FR"])
    factories.PartnerTerritoryFactory(partner=world.partner_a, territory=de)
    world.deal_a.account.country = "DE"
    world.deal_a.account.save()
    world.deal_b.account.country = "FR"
    world.deal_b.account.save()
    assign_accounts()
    return world


GERMANY = {
    "territory_id": "T-DE",
    "name": "Germany",
    "parent_id": "T-WORLD",
    "priority": 2,
    "countries": "DE;AT",
    "subdivisions": "",
    "postal_prefixes": "",
    "industries": "",
    "min_employees": None,
    "max_employees": None,
}


def test_territories_carry_the_import_columns(mapped, api):
    response = api("manager").get("/api/v1/territories/T-DE/")
    assert (response.status_code, response.json()) == (200, GERMANY)


def test_a_partner_user_sees_only_the_territories_it_covers(mapped, api):
    results = api("user_a").get("/api/v1/territories/").json()["results"]
    keys = [row["territory_id"] for row in results]
    assert keys == ["T-DE"]
    assert api("user_b").get("/api/v1/territories/").json()["results"] == []
    assert api("user_b").get("/api/v1/territories/T-DE/").status_code == 404


def test_a_criteria_change_reassigns_and_says_how_many_moved(mapped, api):
    response = api("manager").patch("/api/v1/territories/T-DE/", {"countries": "AT"}, format="json")
    assert (response.status_code, response["Outward-Accounts-Moved"]) == (200, "1")
    assert Assignment.objects.get(account=mapped.deal_a.account).territory.territory_id == "T-WORLD"


def test_creating_a_territory_reassigns(mapped, api):
    body = {"territory_id": "T-FR-IDF", "name": "IDF", "parent_id": "T-FR", "countries": "FR"}
    response = api("admin").post("/api/v1/territories/", body, format="json")
    assert (response.status_code, response["Outward-Accounts-Moved"]) == (201, "1")
    assignment = Assignment.objects.get(account=mapped.deal_b.account)
    assert assignment.territory.territory_id == "T-FR-IDF"


def test_a_bad_code_is_a_400_naming_the_field(mapped, api):
    response = api("manager").patch("/api/v1/territories/T-DE/", {"countries": "XX"}, format="json")
    assert response.status_code == 400
    assert "countries" in response.json()
    assert Territory.objects.get(territory_id="T-DE").countries == ["DE", "AT"]


def test_partner_users_cannot_write_territories(mapped, api):
    response = api("user_a").patch("/api/v1/territories/T-DE/", {"name": "x"}, format="json")
    assert response.status_code == 403


def test_partner_territories_list_create_and_delete(mapped, api):
    client = api("manager")
    created = client.post(
        "/api/v1/partner-territories/", {"partner_id": "PB", "territory_id": "T-FR"}, format="json"
    )
    link = {"partner_id": "PB", "territory_id": "T-FR"}
    assert (created.status_code, created.json()) == (201, link)
    listed = client.get("/api/v1/partner-territories/?territory_id=T-FR").json()["results"]
    assert listed == [{"partner_id": "PB", "territory_id": "T-FR"}]
    assert api("user_a").get("/api/v1/partner-territories/").json()["results"] == [
        {"partner_id": "PA", "territory_id": "T-DE"}
    ]
    assert client.delete("/api/v1/partner-territories/PB/T-FR/").status_code == 204
    assert client.get("/api/v1/partner-territories/PB/T-FR/").status_code == 404


def test_assignments_are_read_only_and_scoped(mapped, api):
    everything = api("manager").get("/api/v1/territory-assignments/").json()["results"]
    assert {row["territory_id"] for row in everything} == {"T-DE", "T-FR"}
    own = api("user_a").get("/api/v1/territory-assignments/").json()["results"]
    assert own == [{"account_id": mapped.deal_a.account.account_id, "territory_id": "T-DE"}]
    assert api("manager").post("/api/v1/territory-assignments/", {}).status_code == 405


def test_coverage_endpoint_is_the_report_document(mapped, api):
    document = api("manager").get("/api/v1/territory-coverage/?crowded_above=0").json()
    assert document["white_space"] == ["T-FR", "T-WORLD"]
    assert document["crowded"] == ["T-DE"]
    assert api("manager").get("/api/v1/territory-coverage/?crowded_above=x").status_code == 400


def test_deleting_a_leaf_territory_reassigns_its_accounts(mapped, api):
    response = api("manager").delete("/api/v1/territories/T-FR/")
    assert (response.status_code, response["Outward-Accounts-Moved"]) == (204, "1")
    assignment = Assignment.objects.get(account=mapped.deal_b.account)
    assert assignment.territory.territory_id == "T-WORLD"


def test_a_territory_with_children_is_not_deleted(mapped, api):
    response = api("manager").delete("/api/v1/territories/T-WORLD/")
    assert response.status_code == 400
    assert "2 territories" in response.json()["non_field_errors"][0]


def test_an_assigned_account_can_be_deleted(mapped, api):
    account = factories.AccountFactory(account_id="A-GONE", country="FR")
    assign_accounts()
    assert api("manager").delete(f"/api/v1/accounts/{account.account_id}/").status_code == 204


def test_an_account_changed_through_the_api_is_reassigned_alone(mapped, api):
    key = mapped.deal_b.account.account_id
    response = api("manager").patch(f"/api/v1/accounts/{key}/", {"country": "DE"}, format="json")
    assert response.status_code == 200
    assert Assignment.objects.get(account=mapped.deal_b.account).territory.territory_id == "T-DE"
    created = api("manager").post(
        "/api/v1/accounts/", {"account_id": "A-NEW", "name": "New", "country": "FR"}, format="json"
    )
    assert created.status_code == 201
    assert Assignment.objects.get(account__account_id="A-NEW").territory.territory_id == "T-FR"
