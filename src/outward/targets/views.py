"""The target-setting page (vendor staff): suggestions per partner, inline edit, bulk save, CSV."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from outward.core.downloads import csv_download
from outward.core.periods import Period, PeriodError
from outward.core.permissions import permission_required
from outward.partners.models import Partner
from outward.targets.domain.suggestions import (
    DEFAULT_GROWTH,
    SUGGESTION_COLUMNS,
    TargetsRefused,
    partners_for_targets,
    save_targets,
    suggest_targets,
    suggestion_row,
)

PAGE_SIZE = 50


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


def _settings(params) -> dict:
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
        as_of, errors["as_of"] = today, f"{params.get('as_of')!r} is not a date (YYYY-MM-DD)"
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
    query = {"period": period.text, "as_of": as_of.isoformat()}
    query["default_growth"] = params.get("default_growth") or ""
    query.update({f["name"]: f["value"] for f in tier_fields if f["value"]})
    return {
        "period": period,
        "as_of": as_of,
        "default_growth": default,
        "default_growth_text": params.get("default_growth")
        or format((DEFAULT_GROWTH * 100).normalize(), "f"),
        "tier_growth": tier_growth,
        "tier_fields": tier_fields,
        "errors": errors,
        "query": urlencode({k: v for k, v in query.items() if v}),
    }


def _sheet(request: HttpRequest, params, *, saved=None, refused=None, status=200):
    settings = _settings(params)
    page = Paginator(partners_for_targets().only("pk"), PAGE_SIZE).get_page(params.get("page"))
    page_partners = Partner.objects.filter(pk__in=[p.pk for p in page.object_list])
    suggestions = suggest_targets(
        period=settings["period"],
        partners=page_partners,
        tier_growth=settings["tier_growth"],
        default_growth=settings["default_growth"],
        as_of=settings["as_of"],
    )
    posted = params if refused else {}
    rows = [
        {
            "s": s,
            "input": posted.get(f"value:{s.partner_id}")
            if refused
            else _plain(s.current if s.current is not None else s.suggested),
            "errors": (refused or {}).get(s.partner_id, []),
        }
        for s in suggestions
    ]
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


def _plain(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


@permission_required("targets.set")
def targets_page(request: HttpRequest) -> HttpResponse:
    """Choose the coming period and growth per tier; see and edit suggested targets."""
    return _sheet(request, request.GET)


@require_http_methods(["POST"])
@permission_required("targets.set")
def targets_save(request: HttpRequest) -> HttpResponse:
    """Save the sheet's revenue targets for the period in one action (upsert, with history)."""
    settings = _settings(request.POST)
    if settings["errors"]:
        return _sheet(request, request.POST, status=400)
    values = {
        key.removeprefix("value:"): value
        for key, value in request.POST.items()
        if key.startswith("value:")
    }
    try:
        result = save_targets(period=settings["period"], values=values, user=request.user)
    except TargetsRefused as exc:
        return _sheet(request, request.POST, refused=exc.by_partner, status=400)
    return _sheet(request, request.POST, saved=result)


@permission_required("targets.set")
def targets_csv(request: HttpRequest) -> HttpResponse:
    """The whole sheet (every partner) as CSV, with the page's period and growth choices."""
    settings = _settings(request.GET)
    if settings["errors"]:
        return HttpResponse(
            "\n".join(f"{k}: {v}" for k, v in settings["errors"].items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    period = settings["period"]
    suggestions = suggest_targets(
        period=period,
        partners=partners_for_targets(),
        tier_growth=settings["tier_growth"],
        default_growth=settings["default_growth"],
        as_of=settings["as_of"],
    )
    rows = (
        ["" if v is None else v for v in suggestion_row(suggestion=s, period=period).values()]
        for s in suggestions
    )
    filename = f"target-suggestions-{period.text}.csv"
    return csv_download(filename=filename, header=SUGGESTION_COLUMNS, rows=rows)
