"""What territories add to other pages: the territories a partner covers."""

from outward.core.sections import menu_entry, section


@section(
    "partner.cards",
    order=30,
    template="territories/sections/partner.html",
    permission="partners.view",
)
def partner_territories(request, partner) -> dict:
    links = partner.partner_territories.select_related("territory__parent")
    return {"territories": list(links)}


menu_entry(
    "Territories", "territories:tree", order=45, permission="territories.view", audience="everyone"
)
