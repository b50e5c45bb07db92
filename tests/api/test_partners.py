import pytest

from outward.partners.models import Partner
from tests import factories


def partner_json(partner, domains: str) -> dict:
    return {
        "partner_id": partner.partner_id,
        "name": partner.name,
        "tier": partner.tier,
        "country": partner.country,
        "domains": domains,
        "manager_email": partner.manager_email,
        "joined_on": partner.joined_on.isoformat(),
    }


@pytest.mark.parametrize("persona", ["admin", "manager"])
def test_list_partners_vendor_sees_every_partner(world, api, persona):
    response = api(persona).get("/api/v1/partners/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            partner_json(world.partner_a, "acme.example"),
            partner_json(world.partner_b, "beta.example"),
        ],
    }


@pytest.mark.parametrize(("persona", "own"), [("user_a", "partner_a"), ("user_b", "partner_b")])
def test_list_partners_partner_user_sees_own_partner_only(world, api, persona, own):
    partner = getattr(world, own)
    domain = "acme.example" if own == "partner_a" else "beta.example"

    response = api(persona).get("/api/v1/partners/")

    assert response.json()["results"] == [partner_json(partner, domain)]


def test_list_partners_anonymous_is_401(world, api):
    response = api("anonymous").get("/api/v1/partners/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_partner_domains_are_semicolon_joined(world, api):
    factories.PartnerDomainFactory(partner=world.partner_a, domain="acme.de")

    response = api("admin").get("/api/v1/partners/PA/")

    assert response.json()["domains"] == "acme.de;acme.example"


def test_retrieve_other_partner_is_404_like_missing(world, api):
    client = api("user_a")

    other = client.get("/api/v1/partners/PB/")
    missing = client.get("/api/v1/partners/NOPE/")

    assert (other.status_code, missing.status_code) == (404, 404)
    assert other.json() == missing.json() == {"detail": "Not found."}


def test_filter_partners_by_tier_and_country(world, api):
    factories.PartnerFactory(partner_id="PC", tier="Gold", country="FR")

    gold = api("manager").get("/api/v1/partners/?tier=gold")
    french_gold = api("manager").get(f"/api/v1/partners/?tier=Gold&country={'fr'}")

    assert [p["partner_id"] for p in gold.json()["results"]] == ["PA", "PC"]
    expected = ["PC"] if world.partner_a.country != "FR" else ["PA", "PC"]
    assert [p["partner_id"] for p in french_gold.json()["results"]] == expected


def test_pagination_page_size_is_capped(world, api):
    response = api("admin").get("/api/v1/partners/?page_size=1")

    assert response.json() == {
        "count": 2,
        "next": "http://testserver/api/v1/partners/?page=2&page_size=1",
        "previous": None,
        "results": [partner_json(world.partner_a, "acme.example")],
    }


@pytest.mark.parametrize("count", [1, 5])
def test_list_partners_query_count_is_constant(db, api, world, django_assert_num_queries, count):
    for n in range(count):
        partner = factories.PartnerFactory(partner_id=f"PX{n}")
        factories.PartnerDomainFactory(partner=partner)
        factories.PartnerDomainFactory(partner=partner)
    client = api("admin")

    with django_assert_num_queries(5):
        response = client.get("/api/v1/partners/")

    assert response.json()["count"] == 2 + count


@pytest.mark.parametrize("persona", ["user_a", "user_b"])
def test_partner_user_cannot_write_partners(world, api, persona):
    client = api(persona)
    own = "PA" if persona == "user_a" else "PB"

    created = client.post("/api/v1/partners/", {"partner_id": "PN", "name": "New"}, format="json")
    changed = client.patch(f"/api/v1/partners/{own}/", {"name": "Renamed"}, format="json")

    assert (created.status_code, changed.status_code) == (403, 403)
    assert not Partner.objects.filter(partner_id="PN").exists()
    assert Partner.objects.get(partner_id=own).name != "Renamed"


def test_vendor_creates_partner_with_domains(world, api):
    body = {
        "partner_id": "PN",
        "name": "Nova Solutions",
        "tier": "Registered",
        "country": "de",
        "domains": "Nova.example;nova.de",
        "manager_email": "cam@vendor.example",
        "joined_on": "2026-01-15",
    }

    response = api("manager").post("/api/v1/partners/", body, format="json")

    assert response.status_code == 201
    assert response.json() == {**body, "country": "DE", "domains": "nova.de;nova.example"}


def test_partner_domain_owned_by_other_partner_is_400(world, api):
    body = {"partner_id": "PN", "name": "Nova", "domains": "acme.example"}

    response = api("admin").post("/api/v1/partners/", body, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"domains": ["acme.example already belongs to partner PA"]},
    )
    assert not Partner.objects.filter(partner_id="PN").exists()


def test_patch_partner_keeps_unnamed_columns(world, api):
    response = api("admin").patch("/api/v1/partners/PA/", {"tier": "Platinum"}, format="json")

    world.partner_a.refresh_from_db()
    assert response.status_code == 200
    assert response.json() == partner_json(world.partner_a, "acme.example")
    assert world.partner_a.tier == "Platinum"


def test_delete_partner_still_referenced_is_400(world, api):
    response = api("admin").delete("/api/v1/partners/PA/")

    assert (response.status_code, response.json()) == (
        400,
        {
            "non_field_errors": [
                "PA is still referenced by 1 deal, 1 objective, 1 target, 1 user; "
                "remove those first"
            ]
        },
    )
    assert Partner.objects.filter(partner_id="PA").exists()


def test_delete_unreferenced_partner_with_domains(world, api):
    partner = factories.PartnerFactory(partner_id="PZ")
    factories.PartnerDomainFactory(partner=partner, domain="zeta.example")

    response = api("manager").delete("/api/v1/partners/PZ/")

    assert response.status_code == 204
    assert list(Partner.objects.values_list("partner_id", flat=True)) == ["PA", "PB"]


def test_keys_with_url_characters_are_addressed_percent_encoded(world, api):
    factories.PartnerFactory(partner_id="Müller & Co #1", name="Müller")
    client = api("manager")

    record = client.get("/api/v1/partners/M%C3%BCller%20%26%20Co%20%231/")
    changed = client.patch(
        "/api/v1/partners/M%C3%BCller%20%26%20Co%20%231/", {"tier": "Gold"}, format="json"
    )
    listed = client.get("/api/v1/partners/", {"tier": "Gold"}).json()["results"]

    assert (record.status_code, record.json()["partner_id"]) == (200, "Müller & Co #1")
    assert (changed.status_code, changed.json()["tier"]) == (200, "Gold")
    assert "Müller & Co #1" in [p["partner_id"] for p in listed]


def test_a_key_with_a_slash_is_refused(world, api):
    response = api("manager").post(
        "/api/v1/partners/", {"partner_id": "A/B", "name": "Slash"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"partner_id": ["'A/B' contains '/', which keys cannot (they appear in URLs)"]},
    )
