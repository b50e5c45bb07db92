"""The health dashboard, its exports and the printable scorecards, over the health engine.

Every number shown comes from `outward.health.domain`; these views only select partners (the
filters), arrange the engine's results for reading, and draw them.
"""

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from outward.core.numbers import ratio
from outward.core.periods import Period, parse_period, trailing_quarters
from outward.core.permissions import permission_required
from outward.health import charts, exports
from outward.health.domain import (
    QUADRANT_SEVERITY,
    check_threshold,
    evaluate_partners,
    health_report,
    health_trend,
    summarize,
)
from outward.health.domain.report import partner_json, summary_json
from outward.health.forms import HealthFilterForm
from outward.partners.models import Partner
from outward.sales.domain import partner_actuals

QUADRANTS = {
    "mutiny_risk": (
        "Mutiny risk",
        "Meeting your quota while missing their own objectives: growing your numbers at "
        "their own expense. Talk to them first.",
    ),
    "struggling": ("Struggling", "Missing both your quota and their own objectives."),
    "objectives_unknown": (
        "Objectives unknown",
        "No objectives evaluated in this period: ask them what they want to achieve.",
    ),
    "drifting": (
        "Drifting",
        "Meeting their own objectives, but not your quota: succeeding, not with you.",
    ),
    "no_target": ("No target", "Their objectives are known, but you set no revenue target."),
    "thriving": ("Thriving", "Meeting both your quota and their own objectives."),
}
# Rows shown per quadrant on the page; the exports hold every partner.
LIST_CAP = 50
# Scorecards printed at once.
SCORECARD_CAP = 200
TREND_QUARTERS = 8


def _percent_of(count: int, total: int) -> int | None:
    return round(100 * count / total) if total else None


class PartnerLinks(dict):
    """Partner key → the partner's page, built when first asked for (few are shown)."""

    def __init__(self, head: str, tail: str):
        super().__init__()
        self.head, self.tail = head, tail

    def __missing__(self, partner_id: str) -> str:
        link = self[partner_id] = f"{self.head}{quote(partner_id, safe='')}{self.tail}"
        return link


def partner_links() -> PartnerLinks:
    """Each partner's page."""
    pattern = reverse("partners:detail", kwargs={"partner_id": "PARTNER-KEY"})
    return PartnerLinks(*pattern.split("PARTNER-KEY"))


def _selection(form: HealthFilterForm) -> dict:
    data = form.cleaned_data
    return {"as_of": data["as_of"], "threshold": data["threshold"]}


def _partner_entries(form: HealthFilterForm, partners) -> tuple[dict, list[dict]]:
    """The selection's summary (as the report's JSON block) and partner entries, no objectives."""
    data = form.cleaned_data
    (healths,) = evaluate_partners(
        periods=[parse_period(data["period"])],
        as_of=data["as_of"],
        threshold=check_threshold(data["threshold"]),
        partners=partners,
        previous=True,
        detail=False,
    )
    ordered = sorted(healths.values(), key=lambda h: h.partner_id)
    entries = [partner_json(h, objectives=False) for h in ordered]
    return summary_json(summarize(ordered)), entries


def _details(partners) -> dict[str, dict]:
    return {
        row["partner_id"]: row
        for row in partners.values("partner_id", "tier", "country", "manager_email")
    }


def dashboard_context(form: HealthFilterForm) -> dict:
    """Everything the dashboard shows for a valid selection."""
    data = form.cleaned_data
    partners = form.partners()
    # The page shows shares, not single objectives: they are not listed one by one.
    summary, entries = _partner_entries(form, partners)
    report = {
        "period": data["period"],
        "as_of": data["as_of"].isoformat(),
        "threshold": float(data["threshold"]),
        "summary": summary,
        "partners": entries,
    }
    details = _details(partners)
    rows = exports.table_rows(entries, details)
    total = summary["partners"]
    grouped: dict[str, list[dict]] = {quadrant: [] for quadrant in QUADRANT_SEVERITY}
    for row in rows:
        grouped[row["quadrant"]].append(row)
    quadrants = [
        {
            "key": key,
            "label": QUADRANTS[key][0],
            "description": QUADRANTS[key][1],
            "count": len(grouped[key]),
            "rows": grouped[key][:LIST_CAP],
            "more": max(0, len(grouped[key]) - LIST_CAP),
        }
        for key in QUADRANT_SEVERITY
    ]
    links = partner_links()
    for row in (r for quadrant in quadrants for r in quadrant["rows"]):
        row["href"] = links[row["partner_id"]]
        row["scorecard"] = reverse("health:scorecard", kwargs={"partner_id": row["partner_id"]})
    tier_palette = charts.tier_classes(value for value, _ in form.fields["tier"].choices)
    chart = charts.quadrant_chart(
        rows,
        threshold=report["threshold"],
        tiers={pid: d["tier"] for pid, d in details.items()},
        palette=tier_palette,
        hrefs=links,
    )
    return {
        "report": report,
        "summary": summary,
        "headline": {
            "met_own_objectives": _percent_of(summary["met_own_objectives"], total),
            "met_quota": _percent_of(summary["met_quota"], total),
            "no_objectives": _percent_of(total - summary["with_objectives"], total),
        },
        "quadrants": quadrants,
        "chart": chart,
        "chart_svg": charts.render_quadrant_svg(chart),
        "query": form.query_string(),
        "trend_quarters": TREND_QUARTERS,
    }


def trend_context(form: HealthFilterForm) -> dict:
    """The last quarters' shares of partners meeting their own objectives and the quota."""
    trend = health_trend(quarters=TREND_QUARTERS, partners=form.partners(), **_selection(form))
    chart = charts.trend_chart(trend)
    return {
        "trend": trend,
        "trend_svg": charts.render_trend_svg(
            chart, title="Share of partners meeting their own objectives and your quota"
        ),
        "trend_series": chart.series,
    }


def _selection_page(request: HttpRequest, build, *, page: str, partial: str) -> HttpResponse:
    """A page of the selection form plus what `build(form)` adds; htmx gets only `partial`."""
    form = HealthFilterForm(request.GET)
    context = {"form": form}
    valid = form.is_valid()
    if valid:
        context |= build(form)
    template = partial if request.htmx else page
    response = render(request, template, context, status=200 if valid else 400)
    patch_vary_headers(response, ["HX-Request"])
    return response


@permission_required("health.view_channel")
def dashboard(request: HttpRequest) -> HttpResponse:
    """The channel's health for a period: headline, quadrants, trend, filters, exports."""
    return _selection_page(
        request, dashboard_context, page="health/dashboard.html", partial="health/_results.html"
    )


@permission_required("health.view_channel")
def trend(request: HttpRequest) -> HttpResponse:
    """The dashboard's trend section, loaded after the page (it covers eight quarters)."""
    return _selection_page(
        request, trend_context, page="health/trend.html", partial="health/_trend.html"
    )


def _export_rows(request: HttpRequest) -> tuple[HealthFilterForm, list[dict]] | HttpResponse:
    form = HealthFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "health/dashboard.html", {"form": form}, status=400)
    partners = form.partners()
    _, entries = _partner_entries(form, partners)
    return form, exports.table_rows(entries, _details(partners))


def _export_name(form: HealthFilterForm, extension: str) -> str:
    data = form.cleaned_data
    return f"health-{data['period']}-as-of-{data['as_of'].isoformat()}.{extension}"


@permission_required("health.view_channel")
def export_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's partner table as CSV, with the current filters."""
    result = _export_rows(request)
    if isinstance(result, HttpResponse):
        return result
    form, rows = result
    response = HttpResponse(exports.write_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(form, "csv")}"'
    return response


@permission_required("health.view_channel")
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """The dashboard's partner table as an XLSX workbook, with the current filters."""
    result = _export_rows(request)
    if isinstance(result, HttpResponse):
        return result
    form, rows = result
    response = HttpResponse(
        exports.write_xlsx(rows, title=f"Health {form.cleaned_data['period']}"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(form, "xlsx")}"'
    return response


def scorecards_context(partners, form: HealthFilterForm) -> list[dict]:
    """One scorecard per partner: both sides' numbers, objectives and an 8-quarter trend."""
    data = form.cleaned_data
    selection = _selection(form)
    report = health_report(period=data["period"], partners=partners, **selection)
    actuals = partner_actuals(period=data["period"], as_of=data["as_of"], partners=partners)
    keys = dict(partners.values_list("pk", "partner_id"))
    by_key = {keys[pk]: value for pk, value in actuals.items() if pk in keys}
    quarters = trailing_quarters(quarters=TREND_QUARTERS, as_of=data["as_of"])
    history: dict[str, list[dict]] = {}
    by_quarter = evaluate_partners(
        periods=quarters,
        as_of=data["as_of"],
        threshold=check_threshold(data["threshold"]),
        partners=partners,
        detail=False,
    )
    for quarter, healths in zip(quarters, by_quarter, strict=True):
        for health in sorted(healths.values(), key=lambda h: h.partner_id):
            history.setdefault(health.partner_id, []).append(
                {
                    "period": quarter.text,
                    "quota_attainment": ratio(health.quota_attainment),
                    "objectives_met_share": ratio(health.objectives_met_share),
                    "quadrant": health.quadrant,
                }
            )
    cards = []
    for entry in report["partners"]:
        objectives = [
            objective
            | {
                "bar": None
                if objective["progress"] is None
                else round(min(max(objective["progress"], 0.0), 1.0) * 100)
            }
            for objective in entry["objectives"]
        ]
        cards.append(
            {
                "entry": entry,
                "quadrant_label": QUADRANTS[entry["quadrant"]][0],
                "deals_won": getattr(by_key.get(entry["partner_id"]), "deals_won", 0),
                "new_customers": getattr(by_key.get(entry["partner_id"]), "new_customers", 0),
                "objectives": objectives,
                "history": history.get(entry["partner_id"], []),
            }
        )
    return cards


def _scorecard_page(request, form, partners, *, capped: int = 0) -> HttpResponse:
    context = {"form": form, "capped": capped, "cap": SCORECARD_CAP}
    status = 200
    if form.is_valid():
        context["cards"] = scorecards_context(partners, form)
        context["period"] = Period.parse(form.cleaned_data["period"])
    else:
        status = 400
    return render(request, "health/scorecards.html", context, status=status)


@permission_required("health.view_scorecard")
def scorecard(request: HttpRequest, partner_id: str) -> HttpResponse:
    """One partner's printable scorecard; a partner user may print their own partner's."""
    partner = get_object_or_404(Partner.objects.all(), partner_id=partner_id)
    form = HealthFilterForm(request.GET)
    return _scorecard_page(request, form, Partner.objects.filter(pk=partner.pk))


@permission_required("health.view_channel")
def scorecards(request: HttpRequest) -> HttpResponse:
    """The scorecards of every filtered partner, one printed page each (capped)."""
    form = HealthFilterForm(request.GET)
    if not form.is_valid():
        return _scorecard_page(request, form, Partner.objects.none())
    partners = form.partners()
    total = partners.count()
    chosen = list(partners.order_by("partner_id").values_list("pk", flat=True)[:SCORECARD_CAP])
    capped = total if total > SCORECARD_CAP else 0
    return _scorecard_page(request, form, Partner.objects.filter(pk__in=chosen), capped=capped)
