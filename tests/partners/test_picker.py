"""partners/picker.py: the shared partner picker's search and its form field."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from outward.partners.picker import PICKER_SIZE, PartnerField, pick_partners
from tests import factories

pytestmark = pytest.mark.django_db


def test_vendor_staff_get_nothing_until_they_type(world):
    assert pick_partners(world.manager, text="  ") == ([], 0)


def test_search_by_name_or_key_is_capped(world):
    for index in range(PICKER_SIZE + 5):
        factories.PartnerFactory(partner_id=f"PX{index:02d}", name=f"Gamma {index:02d}")
    shown, count = pick_partners(world.manager, text="gamma")
    by_key, _ = pick_partners(world.manager, text="px07")
    assert (len(shown), count, shown[0].name) == (PICKER_SIZE, PICKER_SIZE + 5, "Gamma 00")
    assert [p.partner_id for p in by_key] == ["PX07"]


def test_the_chosen_partner_stays_listed(world):
    shown, count = pick_partners(world.manager, text="beta", selected=world.partner_a)
    assert ([p.partner_id for p in shown], count) == (["PA", "PB"], 1)


def test_a_partner_user_gets_only_their_own_partner(world):
    with scope(partner=world.partner_b.pk):
        shown, count = pick_partners(world.user_b, text="Acme")
    assert ([p.partner_id for p in shown], count) == (["PB"], 1)


def test_field_takes_a_key_the_user_may_see(world):
    field = PartnerField(user=world.manager)
    assert field.clean("PB") == world.partner_b
    with pytest.raises(ValidationError) as unknown:
        field.clean("NOPE")
    with pytest.raises(ValidationError) as missing:
        field.clean("")
    assert (unknown.value.messages, missing.value.messages) == (
        ["No such partner: search for it and choose it."],
        ["Search for the partner and choose it."],
    )


def test_field_refuses_another_partner_to_a_partner_user(world):
    with scope(partner=world.partner_b.pk), pytest.raises(ValidationError):
        PartnerField(user=world.user_b).clean("PA")


def test_search_page_answers_with_the_choices_by_key(world, login):
    response = login(world.admin).get(
        reverse("users:partner_search"), {"q": "acme"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.startswith('<div id="partner-choices" class="partner-choices">')
    assert '<input type="radio" name="partner" value="PA"' in html
    assert "Beta Systems" not in html
