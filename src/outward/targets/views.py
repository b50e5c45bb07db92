"""The target-setting page (vendor staff): suggestions per partner, inline edit, bulk save, CSV.

The sheet stores only what the user changed (each input carries the value it showed), and
accepting suggestions wholesale is its own action with a confirmation page, for the partners
of the page or of the whole selection (the filters), through the targets import.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from outward.core.downloads import csv_download
from outward.core.numbers import plain_number
from outward.core.periods import Period, PeriodError
from outward.core.permissions import permission_required
from outward.partners.models import Partner
from outward.partners.queries import partner_choices
from outward.targets.domain.suggestions import (
    DEFAULT_GROWTH,
    SUGGESTION_COLUMNS,
    TargetsRefused,
    accepted_suggestions,
    changed_values,
    partners_for_targets,
    save_targets,
    suggest_targets,
    suggestion_basis,
    suggestion_row,
)

PAGE_SIZE = 50
FILTERS = (("tier", "Tier", "All tiers"), ("country", "Country", "All countries"))
SCOPES = ("page", "selection")


def _percent(text: str | None, default: Decimal) -> tuple[Decimal, str | None]:
    if text is None or not text.strip():
        return default, None
    try:
        value = Decimal(text.strip()) / 100
    except InvalidOperation:
        return default, f"{text!r} is not a number of percent"
    if not value.is_finite() or value <= -1 or value > 10:
        return default, f"{text} must lie above -100 and at most 1000"
    return value, None


def _filters(params, user, errors: dict) -> dict:
    """The partner filters (tier, country, manager, my portfolio) from the parameters: the
    keyword arguments of `partners_for_targets`, the form's fields and the query values."""
    partners = Partner.objects.all()
    choices = {
        "tier": partner_choices(partners, "tier"),
        "country": partner_choices(partners, "country"),
        "manager": partner_choices(partners, "manager_email"),
    }
    values, fields = {}, []
    for name, label, empty in (*FILTERS, ("manager", "Partner manager", "All managers")):
        value, error = (params.get(name) or "").strip(), None
        if value and value not in choices[name]:
            error = errors[name] = f"no partner has {label.lower()} {value!r}"
            value = ""
        values[name] = value
        fields.append(
            {
                "name": name,
                "label": label,
                "empty": empty,
                "value": value,
                "options": choices[name],
                "error": error,
            }
        )
    mine = params.get("mine") == "1"
    return {
        "filters": {
            "tier": values["tier"],
            "country": values["country"],
            "manager_email": (user.email or "") if mine else values["manager"],
        },
        "filter_fields": fields,
        "mine": mine,
        "query": {**values, "mine": "1" if mine else ""},
    }


def _settings(params, user) -> dict:
    """The page's choices from the query (or form) parameters, with errors by field."""
    today = timezone.localdate()
    errors = {}
    try:
        period = Period.parse(params.get("period") or str(today.year + 1))
    except PeriodError as exc:
        period, errors["period"] = Period.parse(str(today.year + 1)), str(exc)
    try:
        as_of = dt.date.fromisoformat(params.get("as_of") or today.isoformat())
    except ValueError:
        as_of, errors["as_of"] = today, f"{params.get('as_of')!r} is not a date"
    default, error = _percent(params.get("default_growth"), DEFAULT_GROWTH)
    if error:
        errors["default_growth"] = error
    tiers = list(
        Partner.objects.exclude(tier="").order_by("tier").values_list("tier", flat=True).distinct()
    )
    tier_growth, tier_fields = {}, []
    for index, tier in enumerate(tiers):
        name = f"growth_{index}"
        raw = params.get(name)
        value, error = _percent(raw, default)
        if raw and raw.strip() and not error:
            tier_growth[tier] = value
        if error:
            errors[name] = error
        tier_fields.append({"name": name, "tier": tier, "value": raw or "", "error": error})
    filters = _filters(params, user, errors)
    query = {"period": period.text, "as_of": as_of.isoformat()}
    query["default_growth"] = params.get("default_growth") or ""
    query.update({f["name"]: f["value"] for f in tier_fields if f["value"]})
    query.update(filters.pop("query"))
    query = {k: v for k, v in query.items() if v}
    return {
        "period": period,
        "as_of": as_of,
        "basis": suggestion_basis(period=period, as_of=as_of),
        "default_growth": default,
        "default_growth_text": params.get("default_growth")
        or format((DEFAULT_GROWTH * 100).normalize(), "f"),
        "tier_growth": tier_growth,
        "tier_fields": tier_fields,
        **filters,
        "errors": errors,
        "hidden": query,
        "query": urlencode(query),
    }


def _suggest(settings: dict, partners) -> list:
    return suggest_targets(
        period=settings["period"],
        partners=partners,
        tier_growth=settings["tier_growth"],
        default_growth=settings["default_growth"],
        as_of=settings["as_of"],
    )


def _page(settings: dict, number):
    """The sheet's page of the selection, and that page's partners as a queryset."""
    selection = partners_for_targets(**settings["filters"])
    page = Paginator(selection.only("pk"), PAGE_SIZE).get_page(number)
    return page, Partner.objects.filter(pk__in=[p.pk for p in page.object_list])


def _sheet(request: HttpRequest, params, *, saved=None, refused=None, status=200):
    settings = _settings(params, request.user)
    page, page_partners = _page(settings, params.get("page"))
    rows = []
    for s in _suggest(settings, page_partners):
        shown = plain_number(s.current if s.current is not None else s.suggested)
        rows.append(
            {
                "s": s,
                "shown": params.get(f"shown:{s.partner_id}", shown) if refused else shown,
                "input": params.get(f"value:{s.partner_id}") if refused else shown,
                "errors": (refused or {}).get(s.partner_id, []),
            }
        )
    context = {
        **settings,
        "page": page,
        "rows": rows,
        "saved": saved,
        "refused": refused,
        "query_prefix": settings["query"] + "&" if settings["query"] else "",
    }
    template = "targets/_targets_sheet.html" if request.htmx else "targets/targets.html"
    return render(request, template, context, status=status)


@permission_required("targets.set")
def targets_page(request: HttpRequest) -> HttpResponse:
    """Choose the coming period, growth per tier and partners; see and edit suggested targets."""
    return _sheet(request, request.GET)


def _posted(params, prefix: str) -> dict[str, str]:
    return {
        key.removeprefix(prefix): value for key, value in params.items() if key.startswith(prefix)
    }


@require_http_methods(["POST"])
@permission_required("targets.set")
def targets_save(request: HttpRequest) -> HttpResponse:
    """Save the revenue targets the user changed on the sheet (upsert, with history)."""
    settings = _settings(request.POST, request.user)
    if settings["errors"]:
        return _sheet(request, request.POST, status=400)
    values = changed_values(
        values=_posted(request.POST, "value:"), shown=_posted(request.POST, "shown:")
    )
    try:
        result = save_targets(period=settings["period"], values=values, user=request.user)
    except TargetsRefused as exc:
        return _sheet(request, request.POST, refused=exc.by_partner, status=400)
    return _sheet(request, request.POST, saved=result)


@require_http_methods(["GET", "POST"])
@permission_required("targets.set")
def targets_accept(request: HttpRequest) -> HttpResponse:
    """Accept every suggestion of the page or of the whole selection: a confirmation page
    (GET) says what will be stored; confirming it (POST) stores it through the import."""
    params = request.POST if request.method == "POST" else request.GET
    settings = _settings(params, request.user)
    scope = params.get("scope") if params.get("scope") in SCOPES else "page"
    page, page_partners = _page(settings, params.get("page"))
    selection = partners_for_targets(**settings["filters"])
    suggestions = _suggest(settings, page_partners if scope == "page" else selection)
    values = accepted_suggestions(suggestions=suggestions)
    context = {
        **settings,
        "scope": scope,
        "page": page,
        "partners": len(suggestions),
        "values": values,
        "kept": sum(1 for s in suggestions if s.current is not None),
        "without": sum(1 for s in suggestions if s.suggested is None),
        "sample": [s for s in suggestions if s.partner_id in values][:10],
    }
    status = 200
    if request.method == "POST" and not settings["errors"]:
        try:
            context["saved"] = save_targets(
                period=settings["period"], values=values, user=request.user
            )
        except TargetsRefused as exc:
            context["refused"], status = exc.by_partner, 400
    elif settings["errors"]:
        status = 400
    return render(request, "targets/accept.html", context, status=status)


@permission_required("targets.set")
def targets_csv(request: HttpRequest) -> HttpResponse:
    """The whole selection as CSV, with the page's period, growth and partner filters."""
    settings = _settings(request.GET, request.user)
    if settings["errors"]:
        return HttpResponse(
            "\n".join(f"{k}: {v}" for k, v in settings["errors"].items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    period = settings["period"]
    suggestions = _suggest(settings, partners_for_targets(**settings["filters"]))
    rows = (
        ["" if v is None else v for v in suggestion_row(suggestion=s, period=period).values()]
        for s in suggestions
    )
    filename = f"target-suggestions-{period.text}.csv"
    return csv_download(filename=filename, header=SUGGESTION_COLUMNS, rows=rows)
