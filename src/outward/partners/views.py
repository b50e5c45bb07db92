"""Partner pages: the vendor's partner list and each partner's page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from outward.core.hooks import existing_hooks
from outward.partners import queries
from outward.partners.forms import PartnerSearchForm

PAGE_SIZE = 25
RESULTS_TARGET = "partner-results"

# Sections other areas add to the partner page: a template at one of these names is included
# (with `partner` and `user` in its context) when it exists.
PARTNER_HOOKS = {
    "objectives": "objectives/hooks/partner_objectives.html",
    "health": "health/hooks/partner_health.html",
    "plans": "plans/hooks/partner_plans.html",
}


@login_required
def partner_list(request: HttpRequest) -> HttpResponse:
    """Vendor staff search, filter, sort and page through all partners."""
    if not request.user.is_vendor:
        raise Http404("No such page.")
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
    results = queries.search_partners(partners, **filters).prefetch_related("domains")
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "sort": filters["sort"],
        "filtered": any(filters[key] for key in ("text", "tier", "country", "manager_email")),
        "any_partners": page.paginator.count > 0 or partners.exists(),
        "my_email": my_email,
        "portfolio_filter": next((m for m in managers if m.lower() == my_email), ""),
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


@login_required
def partner_detail(request: HttpRequest, partner_id: str) -> HttpResponse:
    """One partner's page: profile, domains, territories, deals, targets, objectives."""
    partner = queries.access_partner(request.user, partner_id)
    context = {
        "partner": partner,
        "domains": list(partner.domains.all()),
        "territories": list(queries.partner_territories(partner)),
        "deal_totals": queries.deal_totals(partner),
        "deals": list(queries.latest_deals(partner)),
        "latest_deals_limit": queries.LATEST_DEALS,
        "targets": list(queries.partner_targets(partner)),
        "objectives": list(queries.partner_objectives(partner)),
        "hooks": existing_hooks(PARTNER_HOOKS),
        "in_portfolio": bool(request.user.email)
        and partner.manager_email.lower() == request.user.email.lower(),
    }
    return render(request, "partners/detail.html", context)
