"""The dashboard, its full partner lists (by quadrant or chart cell) and its trend section."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from outward.core.collector import without_collector
from outward.core.permissions import permission_required
from outward.health import charts
from outward.health.domain import QUADRANT_SEVERITY, health_trend
from outward.health.forms import LIST_SORTS, HealthFilterForm, HealthListForm
from outward.health.selection import headline, select, table_order
from outward.health.views.common import QUADRANTS, TREND_QUARTERS, PartnerLinks, selection_page
from outward.partners.models import Partner

# Partners named per quadrant on the dashboard; the list page has all of them.
PREVIEW = 5
LIST_PAGE = 50


def _details(pks) -> dict[int, dict]:
    """Tier, country and manager of some partners (those shown), by pk."""
    rows = Partner.objects.filter(pk__in=list(pks)).values(
        "pk", "partner_id", "name", "tier", "country", "manager_email"
    )
    return {row["pk"]: row for row in rows}


def _row(health, details: dict, links: PartnerLinks) -> dict:
    """A partner of a list, with both sides of its health as the page shows them."""
    return {
        "health": health,
        "href": links[health.partner_id],
        "tier": details.get(health.pk, {}).get("tier", ""),
        "scorecard": reverse("health:scorecard", kwargs={"partner_id": health.partner_id}),
    }


class ListLinks:
    """Links to the full list of the selection's partners, narrowed to a quadrant or a cell
    (the density view links each of up to 200 cells: the selection's part is built once)."""

    def __init__(self, form: HealthFilterForm):
        self.base = f"{reverse('health:partners')}?{form.query_string()}"

    def __call__(self, **narrowing) -> str:
        extra = urlencode({k: v for k, v in narrowing.items() if v is not None})
        return f"{self.base}&{extra}" if extra else self.base


def dashboard_context(form: HealthFilterForm) -> dict:
    """Everything the dashboard shows for a valid selection."""
    selection = select(partners=form.partners(), **form.selection())
    links = PartnerLinks()
    list_url = ListLinks(form)
    previews = {key: selection.first_in_quadrant(key, PREVIEW) for key in QUADRANT_SEVERITY}
    # Each partner's two ratios computed once (ten thousand divisions each on a large channel).
    plotted = []
    for h in selection.healths.values():
        attainment, share = h.quota_attainment, h.objectives_met_share
        if attainment is not None and share is not None:
            plotted.append((h, float(attainment), float(share)))
    circles = len(plotted) <= charts.DENSITY_ABOVE
    shown = {h.pk for found in previews.values() for h in found}
    details = _details(shown | ({h.pk for h, _, _ in plotted} if circles else set()))
    palette = charts.tier_classes(value for value, _ in form.fields["tier"].choices)
    chart = charts.quadrant_chart(
        [
            charts.Plotted(
                partner_id=h.partner_id,
                name=h.name,
                tier=details.get(h.pk, {}).get("tier", "") if circles else "",
                attainment=attainment,
                share=share,
                revenue=float(h.revenue_actual),
            )
            for h, attainment, share in plotted
        ],
        unplotted=len(selection.healths) - len(plotted),
        threshold=float(selection.threshold),
        palette=palette,
        partner_href=links.__getitem__,
        cell_href=lambda low_x, high_x, low_y, high_y: list_url(
            min_attainment=round(low_x, 4),
            max_attainment=None if high_x is None else round(high_x, 4),
            min_share=round(low_y, 4),
            max_share=None if high_y is None else round(high_y, 4),
        ),
    )
    quadrants = [
        {
            "key": key,
            "label": QUADRANTS[key][0],
            "description": QUADRANTS[key][1],
            "count": selection.summary.quadrants[key],
            "rows": [_row(h, details, links) for h in previews[key]],
            "href": list_url(quadrant=key),
        }
        for key in QUADRANT_SEVERITY
    ]
    return {
        "selection": selection,
        "summary": selection.summary,
        "headline": headline(selection),
        "quadrants": quadrants,
        "mutiny": quadrants[0],
        "chart": chart,
        "chart_svg": charts.render_quadrant_svg(chart),
        "query": form.query_string(),
        "trend_quarters": TREND_QUARTERS,
    }


@permission_required("health.view_channel")
@without_collector
def dashboard(request: HttpRequest) -> HttpResponse:
    """The channel's health for a period: headline, quadrants, chart, trend, filters, exports."""
    return selection_page(
        request,
        HealthFilterForm(request.GET),
        dashboard_context,
        page="health/dashboard.html",
        partial="health/_results.html",
    )


def _sorted(healths: list, sort: str) -> list:
    """The partners in the list's order; unknown attainments and shares come last either way."""
    field, descending = sort.lstrip("-"), sort.startswith("-")
    if field in ("attainment", "share"):
        attribute = "quota_attainment" if field == "attainment" else "objectives_met_share"
        known = [h for h in healths if getattr(h, attribute) is not None]
        unknown = sorted((h for h in healths if getattr(h, attribute) is None), key=table_order)
        known.sort(key=lambda h: (getattr(h, attribute), h.partner_id), reverse=descending)
        return known + unknown
    key = {
        "partner": lambda h: (h.name.casefold(), h.partner_id),
        "revenue": lambda h: (h.revenue_actual, h.partner_id),
    }.get(field, table_order)
    return sorted(healths, key=key, reverse=descending)


def partners_context(form: HealthListForm) -> dict:
    """Every partner of the selection in a quadrant or a chart cell, sorted, a page at a time."""
    selection = select(partners=form.partners(), **form.selection())
    sort = form.cleaned_data["sort"] or "severity"
    chosen = _sorted([h for h in selection.healths.values() if form.chooses(h)], sort)
    page = Paginator(chosen, LIST_PAGE).get_page(form.data.get("page"))
    details = _details(h.pk for h in page.object_list)
    links = PartnerLinks()
    quadrant = form.cleaned_data["quadrant"]
    return {
        "selection": selection,
        "page": page,
        "rows": [_row(h, details, links) for h in page.object_list],
        "quadrant": quadrant,
        "quadrant_label": QUADRANTS[quadrant][0] if quadrant else "",
        "quadrant_description": QUADRANTS[quadrant][1] if quadrant else "",
        "cell": form.cell,
        "sort": sort,
        "sorts": LIST_SORTS,
        "query": form.query_string(),
        "list_query": _list_query(form),
    }


def _list_query(form: HealthListForm) -> str:
    """The list's own narrowing (quadrant, cell), for the sort and page links."""
    data = form.cleaned_data
    names = ("quadrant", "min_attainment", "max_attainment", "min_share", "max_share")
    return urlencode({name: data[name] for name in names if data[name] not in (None, "")})


@permission_required("health.view_channel")
@without_collector
def partners(request: HttpRequest) -> HttpResponse:
    """The selection's partners in a quadrant or a cell of the chart, every one, paginated."""
    return selection_page(
        request,
        HealthListForm(request.GET),
        partners_context,
        page="health/partners.html",
        partial="health/_partners.html",
    )


def trend_context(form: HealthFilterForm) -> dict:
    """The last quarters' shares of partners meeting their own objectives and the quota."""
    data = form.cleaned_data
    trend = health_trend(
        quarters=TREND_QUARTERS,
        as_of=data["as_of"],
        threshold=data["threshold"],
        partners=form.partners(),
    )
    chart = charts.trend_chart(trend)
    return {
        "trend": trend,
        "trend_svg": charts.render_trend_svg(
            chart, title="Share of partners meeting their own objectives and your quota"
        ),
        "trend_series": chart.series,
    }


@permission_required("health.view_channel")
@without_collector
def trend(request: HttpRequest) -> HttpResponse:
    """The dashboard's trend section, loaded after the page (it covers eight quarters)."""
    return selection_page(
        request,
        HealthFilterForm(request.GET),
        trend_context,
        page="health/trend.html",
        partial="health/_trend.html",
    )
