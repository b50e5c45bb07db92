"""The partner page's own cards (profile, domains), the home page's portfolio, the menu."""

from outward.core.sections import menu_entry, section
from outward.partners import queries
from outward.partners.columns import partner_columns
from outward.partners.forms import PortfolioForm

PAGE_SIZE = 25

menu_entry("Partners", "partners:list", order=10, permission="partners.list_all", audience="vendor")
menu_entry("Users", "users:list", order=90, permission="partners.manage_users", audience="vendor")


@section("partner.cards", order=10, template="partners/sections/profile.html")
def partner_profile(request, partner) -> dict:
    return {}


@section("partner.cards", order=20, template="partners/sections/domains.html")
def partner_domains(request, partner) -> dict:
    return {"domains": list(partner.domains.all())}


@section("home.vendor", order=40, template="partners/sections/portfolio.html")
def portfolio(request) -> dict:
    """The partners the signed-in manager looks after, a sortable page at a time."""
    form = PortfolioForm(request.GET)
    sort = form.chosen_sort()
    mine = queries.search_partners(queries.portfolio(request.user), sort=sort)
    listed = queries.list_page(
        mine.prefetch_related("domains"), sort=sort, number=request.GET.get("page"), size=PAGE_SIZE
    )
    return {
        "page": listed.page,
        "rows": listed.rows,
        "sort": sort,
        "columns": [("name", "Partner"), ("partner_id", "Key"), ("tier", "Tier")],
        "extra_columns": partner_columns(),
        "partner_count": queries.partners_for_user(request.user).count(),
    }
