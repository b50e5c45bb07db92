"""The partner page's own cards (profile, domains), the home page's portfolio, the menu."""

from outward.core.sections import menu_entry, section
from outward.partners import queries
from outward.partners.columns import partner_columns

menu_entry("Partners", "partners:list", order=10, permission="partners.list_all", audience="vendor")


@section("partner.cards", order=10, template="partners/sections/profile.html")
def partner_profile(request, partner) -> dict:
    return {}


@section("partner.cards", order=20, template="partners/sections/domains.html")
def partner_domains(request, partner) -> dict:
    return {"domains": list(partner.domains.all())}


@section("home.vendor", order=10, template="partners/sections/portfolio.html")
def portfolio(request) -> dict:
    """The partners the signed-in manager looks after."""
    mine = queries.search_partners(queries.portfolio(request.user), sort="name")
    return {
        "portfolio": list(mine.prefetch_related("domains")),
        "partner_count": queries.partners_for_user(request.user).count(),
        "columns": partner_columns(),
    }
