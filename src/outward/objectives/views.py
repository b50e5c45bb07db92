"""Objective pages: a partner's objectives, one objective with check-ins and history, edits."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from outward.core.periods import Period, PeriodError
from outward.core.permissions import permission_required
from outward.exchange.domain import ImportFailed
from outward.objectives import domain
from outward.objectives.charts import sparkline
from outward.objectives.domain.evaluation import evaluate, evaluate_one
from outward.objectives.forms import (
    CheckInForm,
    ObjectiveEditForm,
    ObjectiveForm,
    add_import_errors,
)
from outward.objectives.queries import (
    access_objective,
    objectives_needing_checkin,
    objectives_of_partner,
)
from outward.partners.models import Partner


def _today() -> dt.date:
    return timezone.localdate()


def _partner(partner_id: str) -> Partner:
    # The scoped manager answers a foreign partner exactly like a missing one.
    partner = Partner.objects.filter(partner_id=partner_id).first()
    if partner is None:
        raise Http404("No such partner")
    return partner


@permission_required("objectives.view")
def index(request: HttpRequest) -> HttpResponse:
    """A partner user's own objectives; for vendor staff the objectives waiting for check-ins."""
    if request.user.is_partner_user:
        return partner_objectives(request, request.user.partner.partner_id)
    quiet = objectives_needing_checkin(as_of=_today()).select_related("partner")
    manager = request.GET.get("manager", "").strip()
    if manager:  # one manager's portfolio (the home page links here)
        quiet = quiet.filter(partner__manager_email__iexact=manager)
    quiet = quiet.order_by("partner__partner_id", "first_month", "objective_id")
    page = Paginator(quiet, 50).get_page(request.GET.get("page"))
    prefix = f"{urlencode({'manager': manager})}&" if manager else ""
    context = {"page": page, "manager": manager, "query_prefix": prefix}
    return render(request, "objectives/index.html", context)


def _sparklines(objectives) -> dict[int, object]:
    lines = {}
    for objective in objectives:
        period = Period.parse(objective.period)
        points = [(c.date, c.value) for c in objective.checkins.all()]
        lines[objective.pk] = sparkline(
            start=period.start, end=period.end, checkins=points, target=objective.target
        )
    return lines


@permission_required("objectives.view")
def partner_objectives(request: HttpRequest, partner_id: str) -> HttpResponse:
    """A partner's objectives for a period, with status, latest value and progress over time."""
    partner = _partner(partner_id)
    today = _today()
    text = request.GET.get("period") or str(today.year)
    try:
        period = Period.parse(text)
        period_error = None
    except PeriodError as exc:
        period, period_error = Period.parse(str(today.year)), str(exc)
    objectives = list(
        objectives_of_partner(partner=partner, period=period).prefetch_related("checkins")
    )
    statuses = {e.objective_id: e for e in evaluate(partner.objectives.within(period), as_of=today)}
    lines = _sparklines(objectives)
    rows = [(o, statuses.get(o.objective_id), lines[o.pk]) for o in objectives]
    quiet = list(
        objectives_needing_checkin(as_of=today).filter(partner=partner).order_by("objective_id")
    )
    context = {
        "partner": partner,
        "period": period,
        "period_text": text,
        "period_error": period_error,
        "rows": rows,
        "quiet": quiet,
        "periods": [str(today.year - 1), str(today.year), str(today.year + 1)],
    }
    return render(request, "objectives/partner_objectives.html", context)


@permission_required("objectives.write")
@require_http_methods(["GET", "POST"])
def objective_create(request: HttpRequest, partner_id: str) -> HttpResponse:
    """Record a new objective for the partner."""
    partner = _partner(partner_id)
    form = ObjectiveForm(request.POST or None, initial={"period": str(_today().year)})
    if request.method == "POST" and form.is_valid():
        try:
            objective = domain.create_objective(
                partner=partner, fields=form.cleaned_data, user=request.user
            )
        except ImportFailed as exc:
            add_import_errors(form, exc.errors)
        else:
            return redirect("objectives:objective", objective_id=objective.objective_id)
    status = 400 if form.errors else 200
    return render(
        request, "objectives/objective_form.html", {"partner": partner, "form": form}, status=status
    )


def _checkin_context(objective, form=None) -> dict:
    today = _today()
    checkins = list(objective.checkins.order_by("-date"))
    period = Period.parse(objective.period)
    rows = [
        (c, domain.checkin_not_counted(objective=objective, date=c.date, today=today))
        for c in checkins
    ]
    return {
        "objective": objective,
        "checkins": rows,
        "uncounted": any(reason for _, reason in rows),
        "status": evaluate_one(objective, as_of=today),
        "line": sparkline(
            start=period.start,
            end=period.end,
            checkins=[(c.date, c.value) for c in reversed(checkins)],
            target=objective.target,
        ),
        "form": form or CheckInForm(initial={"date": today.isoformat()}),
    }


@permission_required("objectives.view")
def objective_detail(request: HttpRequest, objective_id: str) -> HttpResponse:
    """One objective: status, check-ins with the form to add one, sparkline and history."""
    objective = access_objective(request.user, objective_id)
    context = _checkin_context(objective)
    context["history"] = domain.objective_history(objective=objective)
    return render(request, "objectives/objective_detail.html", context)


def _after_checkin(request: HttpRequest, objective) -> HttpResponse:
    """Back to the page the quick form was on (`next`, this site only), else the objective."""
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        messages.success(request, f"Check-in recorded for “{objective.title}”.")
        return redirect(back)
    return redirect("objectives:objective", objective_id=objective.objective_id)


@require_http_methods(["POST"])
@permission_required("objectives.write")
def checkin_add(request: HttpRequest, objective_id: str) -> HttpResponse:
    """Record a check-in; htmx gets the refreshed check-in section (and the history, out of
    band), others a redirect. A date that will not count is stored only once confirmed."""
    objective = access_objective(request.user, objective_id)
    form = CheckInForm(request.POST)
    saved, warning = False, None
    if form.is_valid():
        warning = _not_counted(objective, form.cleaned_data["date"])
        # Such a date is stored once the user confirmed that very date.
        if not warning or request.POST.get("confirm_date") == form.cleaned_data["date"]:
            try:
                domain.record_checkin(objective=objective, user=request.user, **form.cleaned_data)
            except ImportFailed as exc:
                add_import_errors(form, exc.errors)
            else:
                saved = True
    if saved and not request.htmx:
        return _after_checkin(request, objective)
    context = _checkin_context(objective, None if saved else form)
    context.update(saved=saved, warning=None if saved else warning)
    context["history"] = domain.objective_history(objective=objective)
    template = (
        "objectives/_checkin_response.html" if request.htmx else "objectives/objective_detail.html"
    )
    status = 200 if saved or (warning and not form.errors) else 400
    return render(request, template, context, status=status)


def _not_counted(objective, text: str) -> str | None:
    """The warning for a check-in date that will not count; None for a bad date (the
    importer names that error)."""
    try:
        date = dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
    return domain.checkin_not_counted(objective=objective, date=date, today=_today())


def _form_values(objective) -> dict:
    values: dict = domain.objective_row(objective=objective)
    values["version"] = objective.version
    return values


@permission_required("objectives.write")
@require_http_methods(["GET", "POST"])
def objective_edit(request: HttpRequest, objective_id: str) -> HttpResponse:
    """Edit an objective; a save from a stale version is refused and shows the current one."""
    objective = access_objective(request.user, objective_id)
    stale = None
    if request.method == "POST":
        form = ObjectiveEditForm(request.POST)
        if form.is_valid():
            fields = dict(form.cleaned_data)
            version = fields.pop("version")
            try:
                with transaction.atomic():
                    objective = domain.update_objective(
                        objective=objective,
                        fields=fields,
                        expected_version=version,
                        user=request.user,
                    )
            except domain.StaleObjective as exc:
                stale = {"message": str(exc), "yours": fields}
                objective = exc.current
                form = ObjectiveEditForm(initial=_form_values(objective))
            except ImportFailed as exc:
                add_import_errors(form, exc.errors)
            else:
                return redirect("objectives:objective", objective_id=objective.objective_id)
    else:
        form = ObjectiveEditForm(initial=_form_values(objective))
    status = 409 if stale else (400 if form.errors else 200)
    context = {"objective": objective, "partner": objective.partner, "form": form, "stale": stale}
    return render(request, "objectives/objective_form.html", context, status=status)
