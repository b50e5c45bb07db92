"""Partner pages: the vendor's partner list and each partner's page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from outward.core.permissions import permission_required
from outward.core.sections import render_slot
from outward.partners import queries
from outward.partners.columns import partner_columns, partner_filters
from outward.partners.forms import PartnerSearchForm

PAGE_SIZE = 25
RESULTS_TARGET = "partner-results"


@permission_required("partners.list_all")
def partner_list(request: HttpRequest) -> HttpResponse:
    """Vendor staff search, filter, sort and page through all partners."""
    partners = queries.partners_for_user(request.user)
    managers = queries.partner_choices(partners, "manager_email")
    form = PartnerSearchForm(
        request.GET,
        tiers=queries.partner_choices(partners, "tier"),
        countries=queries.partner_choices(partners, "country"),
        managers=managers,
    )
    my_email = (request.user.email or "").lower()
    filters = form.filters()
    extra = form.extra_filters()
    results = queries.search_partners(partners, **filters).prefetch_related("domains")
    for narrowing in partner_filters():
        if narrowing.key in extra:
            results = narrowing.select(results, extra[narrowing.key])
    listed = queries.list_page(
        results, sort=filters["sort"], number=request.GET.get("page"), size=PAGE_SIZE
    )
    page = listed.page
    context = {
        "form": form,
        "page": page,
        "rows": listed.rows,
        "sort": filters["sort"],
        "filtered": bool(extra)
        or any(filters[key] for key in ("text", "tier", "country", "manager_email")),
        "any_partners": page.paginator.count > 0 or partners.exists(),
        "my_email": my_email,
        "portfolio_filter": next((m for m in managers if m.lower() == my_email), ""),
        "extra_columns": partner_columns(),
        "columns": [
            ("partner_id", "Key"),
            ("name", "Name"),
            ("tier", "Tier"),
            ("country", "Country"),
            ("manager", "Partner manager"),
        ],
    }
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == RESULTS_TARGET and not htmx.history_restore_request:
        response = render(request, "partners/_results.html", {**context, "oob": True})
    else:
        response = render(request, "partners/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@permission_required("partners.view")
def partner_detail(request: HttpRequest, partner_id: str) -> HttpResponse:
    """One partner's page, assembled from the sections the areas add (core/sections.py)."""
    partner = queries.access_partner(request.user, partner_id)
    context = {
        "partner": partner,
        "in_portfolio": bool(request.user.email)
        and partner.manager_email.lower() == request.user.email.lower(),
        "actions": render_slot("partner.actions", request, partner=partner),
        "cards": render_slot("partner.cards", request, partner=partner),
        "main": render_slot("partner.main", request, partner=partner),
        # A partner user's page opens with what is theirs to do; the profile comes last.
        "partner_first": request.user.is_partner_user,
    }
    return render(request, "partners/detail.html", context)
