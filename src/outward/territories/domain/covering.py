"""Which partners cover a territory (and everything below it): adding and removing a partner,
from the territory's edit page and the API alike."""

from django.db import transaction
from django.db.models import QuerySet

from outward.core.errors import InputError
from outward.partners.models import Partner
from outward.territories.models import PartnerTerritory, Territory


def covering_partners(territory: Territory) -> QuerySet[Partner]:
    """The partners listed as covering this very territory, by name (a country can have a
    thousand: page through them)."""
    return Partner.objects.filter(partner_territories__territory=territory).order_by(
        "name", "partner_id"
    )


@transaction.atomic
def cover_territory(*, territory: Territory, partner: Partner) -> bool:
    """The partner covers the territory from now on; False when it already did."""
    _, created = PartnerTerritory.objects.get_or_create(territory=territory, partner=partner)
    return created


@transaction.atomic
def uncover_territory(*, territory: Territory, partner: Partner) -> None:
    """The partner no longer covers the territory (nor, through it, the ones below). Its
    coverage of other territories, and the accounts' assignment, stay as they are."""
    removed, _ = PartnerTerritory.objects.filter(territory=territory, partner=partner).delete()
    if not removed:
        raise InputError(
            f"partner_id: {partner.partner_id} does not cover {territory.territory_id}"
        )
