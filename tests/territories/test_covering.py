"""territories/domain/covering.py and the "Covering partners" of the territory edit page:
adding with the partner picker, removing after a confirmation, and the API's DELETE."""

import pytest
from django.urls import reverse

from outward.core.errors import InputError
from outward.territories.domain.covering import (
    cover_territory,
    covering_partners,
    uncover_territory,
)
from outward.territories.models import PartnerTerritory
from outward.territories.views import COVERING_PAGE
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dach(world):
    """DACH with DE below it; partner A covers DACH, partner B covers DE."""
    dach = factories.TerritoryFactory(territory_id="T-DACH", name="DACH")
    de = factories.TerritoryFactory(territory_id="T-DE", name="Germany", parent=dach)
    factories.PartnerTerritoryFactory(partner=world.partner_a, territory=dach)
    factories.PartnerTerritoryFactory(partner=world.partner_b, territory=de)
    world.dach, world.de = dach, de
    return world


def _links() -> set[tuple[str, str]]:
    return set(
        PartnerTerritory.objects.values_list("partner__partner_id", "territory__territory_id")
    )


def test_uncover_removes_only_that_link(dach):
    uncover_territory(territory=dach.dach, partner=dach.partner_a)
    assert (_links(), list(covering_partners(dach.dach))) == ({("PB", "T-DE")}, [])


def test_uncover_a_partner_that_does_not_cover_is_refused(dach):
    with pytest.raises(InputError) as refused:
        uncover_territory(territory=dach.de, partner=dach.partner_a)
    assert str(refused.value) == "partner_id: PA does not cover T-DE"
    assert _links() == {("PA", "T-DACH"), ("PB", "T-DE")}


def test_cover_twice_keeps_one_link(dach):
    assert [cover_territory(territory=dach.de, partner=dach.partner_a) for _ in range(2)] == [
        True,
        False,
    ]
    assert list(covering_partners(dach.de)) == [dach.partner_a, dach.partner_b]


def test_edit_page_lists_covering_partners_with_remove_buttons(dach, login):
    body = login(dach.manager).get(reverse("territories:edit", args=["T-DACH"])).content.decode()
    remove = reverse("territories:uncover", args=["T-DACH", "PA"])
    assert ("Covering partners" in body, f'href="{remove}"' in body, "Beta Systems" in body) == (
        True,
        True,
        False,
    )


def test_removal_needs_the_confirmation(dach, login):
    client = login(dach.manager)
    url = reverse("territories:uncover", args=["T-DACH", "PA"])
    asked = client.get(url)
    assert (asked.status_code, "Remove Acme Integration from DACH?" in asked.content.decode()) == (
        200,
        True,
    )
    assert ("PA", "T-DACH") in _links()
    done = client.post(url)
    assert (done.url, _links()) == (
        reverse("territories:edit", args=["T-DACH"]),
        {("PB", "T-DE")},
    )


def test_removal_of_a_partner_not_covering_is_404(dach, login):
    client = login(dach.manager)
    assert client.get(reverse("territories:uncover", args=["T-DE", "PA"])).status_code == 404
    assert client.post(reverse("territories:uncover", args=["T-DE", "PA"])).status_code == 404


def test_add_with_the_picker(dach, login):
    response = login(dach.manager).post(
        reverse("territories:cover", args=["T-DE"]), {"partner": "PA"}
    )
    assert (response.status_code, ("PA", "T-DE") in _links()) == (302, True)


@pytest.mark.parametrize(("chosen", "error"), [("", "Search"), ("NOPE", "No such partner")])
def test_add_without_a_valid_partner_is_a_400_naming_it(dach, login, chosen, error):
    response = login(dach.manager).post(
        reverse("territories:cover", args=["T-DE"]), {"partner": chosen}
    )
    assert (response.status_code, response.context["picker"].errors[0].startswith(error)) == (
        400,
        True,
    )
    assert _links() == {("PA", "T-DACH"), ("PB", "T-DE")}


@pytest.mark.parametrize("persona", ["user_a", "user_b"])
def test_partner_users_cannot_change_coverage(dach, login, persona):
    client = login(dach.persona(persona))
    answers = [
        client.post(reverse("territories:cover", args=["T-DE"]), {"partner": "PA"}).status_code,
        client.post(reverse("territories:uncover", args=["T-DACH", "PA"])).status_code,
    ]
    assert (answers, _links()) == ([404, 404], {("PA", "T-DACH"), ("PB", "T-DE")})


def test_api_delete_goes_through_uncover(dach, api):
    assert api("user_a").delete("/api/v1/partner-territories/PA/T-DACH/").status_code == 403
    assert api("manager").delete("/api/v1/partner-territories/PA/T-DACH/").status_code == 204
    assert _links() == {("PB", "T-DE")}


def test_the_edit_page_lists_covering_partners_a_page_at_a_time(dach, login):
    for _ in range(COVERING_PAGE + 5):  # with partner B: a page and six more
        cover_territory(territory=dach.de, partner=factories.PartnerFactory())
    url = reverse("territories:edit", args=[dach.de.territory_id])
    client = login(dach.manager)
    first, second = (client.get(url).content.decode(), client.get(f"{url}?page=2").content.decode())
    assert f"{COVERING_PAGE + 6} partners cover Germany itself." in first
    assert first.count('aria-label="Remove ') == COVERING_PAGE
    assert second.count('aria-label="Remove ') == 6
