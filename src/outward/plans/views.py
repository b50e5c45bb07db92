"""Pages of joint business plans: list, create, detail with htmx actions, revisions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from outward.core.errors import InputError
from outward.core.periods import Period, PeriodError
from outward.core.permissions import allows, permission_required
from outward.partners.picker import picker, search_view
from outward.plans import domain, queries
from outward.plans.forms import (
    ActionEditForm,
    ActionForm,
    NotesForm,
    PlanCreateForm,
    PlanFilterForm,
)
from outward.plans.models import ActionStatus, PlanAction, PlanRevision, PlanState

PAGE_SIZE = 50


def _access_plan(request, plan_id: int):
    # Another partner's plan is a 404 exactly like a missing one: the scope hides it.
    return get_object_or_404(queries.plans_for_user(request.user), pk=plan_id)


@permission_required("plans.view")
def plan_list(request):
    """Plans the user may see; vendor staff can filter by state and period."""
    form = PlanFilterForm(request.GET or None)
    plans = queries.plans_for_user(request.user)
    error = None
    if form.is_valid():
        if form.cleaned_data["state"]:
            plans = plans.filter(state=form.cleaned_data["state"])
        if form.cleaned_data["period"]:
            try:
                period = Period.parse(form.cleaned_data["period"])
            except PeriodError as exc:
                error = f"period: {exc}"
            else:
                plans = plans.filter(period=period.text)
    elif form.is_bound:
        error = "; ".join(f"{name}: {' '.join(errs)}" for name, errs in form.errors.items())
    page = Paginator(plans.order_by("partner__name", "first_month", "period"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "error": error,
        "filtered": bool(request.GET.get("state") or request.GET.get("period")),
        "query": _query_without_page(request),
    }
    return render(request, "plans/plan_list.html", context, status=400 if error else 200)


def _picker(request, form):
    return picker(
        request, search_url=reverse("plans:partner_search"), errors=form.errors.get("partner", ())
    )


@permission_required("plans.edit")
def plan_create(request):
    """Start a draft plan for a partner (chosen with a search) and a period."""
    params = request.POST if request.method == "POST" else request.GET
    initial = {name: params.get(name) for name in ("period", "notes") if params.get(name)}
    form = PlanCreateForm(request.POST or None, user=request.user, initial=initial or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = domain.create_plan(
                partner=form.cleaned_data["partner"],
                period=form.cleaned_data["period"],
                notes=form.cleaned_data["notes"],
                user=request.user,
            )
        except InputError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Draft plan for {plan.partner.name} {plan.period} created.")
            return redirect("plans:detail", plan_id=plan.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "picker": _picker(request, form)}
    return render(request, "plans/plan_create.html", context, status=status)


partner_search = search_view("plans.edit")


@permission_required("plans.view")
def plan_detail(request, plan_id: int):
    """One plan: objectives, targets, actions, notes, sign-offs and revisions."""
    return _render_detail(request, _access_plan(request, plan_id))


@permission_required("plans.edit")
@require_POST
def plan_propose(request, plan_id: int):
    plan = _access_plan(request, plan_id)
    return _transition(request, plan, domain.propose_plan, "Plan proposed for sign-off.")


@permission_required("plans.edit")
@require_http_methods(["GET", "POST"])
def plan_sign(request, plan_id: int):
    """Sign in two steps: a summary of what is being signed (GET), then the signature (POST
    of that summary; a plan changed in between is shown again instead of being signed)."""
    plan = _access_plan(request, plan_id)
    if request.method == "GET":
        return _render_review(request, plan)
    reviewed = request.POST.get("reviewed")
    if not reviewed:
        return _render_review(
            request, plan, error="Review the plan's summary, then sign.", status=400
        )
    try:
        signoff = domain.sign_plan(plan=plan, user=request.user, reviewed=reviewed)
    except InputError as exc:
        return _render_review(request, plan, error=str(exc), status=400)
    note = " Both sides have signed: the plan is agreed." if plan.state == PlanState.AGREED else ""
    messages.success(
        request, f"Signed revision {signoff.revision} for the {signoff.side} side.{note}"
    )
    return redirect("plans:detail", plan_id=plan.pk)


@permission_required("plans.close")
@require_http_methods(["GET", "POST"])
def plan_close(request, plan_id: int):
    """The vendor closes an agreed plan for good: a confirmation (GET), then the close (POST)."""
    plan = _access_plan(request, plan_id)
    if request.method == "GET" or request.POST.get("confirm") != "close":
        context = {
            "plan": plan,
            "today": queries.today(),
            "period_end": Period.parse(plan.period).end,
        }
        return render(request, "plans/plan_close.html", context)
    try:
        domain.close_plan(plan=plan, user=request.user)
    except InputError as exc:
        return _render_detail(request, plan, error=str(exc), status=400)
    messages.success(request, "Plan closed. It can no longer be changed.")
    return redirect("plans:detail", plan_id=plan.pk)


@permission_required("plans.edit")
@require_POST
def plan_notes(request, plan_id: int):
    plan = _access_plan(request, plan_id)
    form = NotesForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, plan, notes_form=form, status=400)
    try:
        domain.update_notes(plan=plan, notes=form.cleaned_data["notes"])
    except InputError as exc:
        return _render_detail(request, plan, error=str(exc), notes_form=form, status=400)
    messages.success(request, "Notes saved.")
    return redirect("plans:detail", plan_id=plan.pk)


@permission_required("plans.edit")
@require_POST
def plan_objectives(request, plan_id: int):
    plan = _access_plan(request, plan_id)
    try:
        ids = [int(value) for value in request.POST.getlist("objectives")]
    except ValueError:
        return _render_detail(request, plan, error="objectives: not a valid choice.", status=400)
    try:
        domain.link_objectives(plan=plan, objective_ids=ids)
    except InputError as exc:
        return _render_detail(request, plan, error=str(exc), status=400)
    messages.success(request, "Linked objectives saved.")
    return redirect("plans:detail", plan_id=plan.pk)


@permission_required("plans.edit")
@require_POST
def action_add(request, plan_id: int):
    plan = _access_plan(request, plan_id)
    form = ActionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, plan, action_form=form, status=400)
    try:
        action = domain.add_action(plan=plan, **form.cleaned_data)
    except InputError as exc:
        return _render_detail(request, plan, error=str(exc), action_form=form, status=400)
    messages.success(request, f"Action “{action.title}” added.")
    return redirect("plans:detail", plan_id=plan.pk)


@permission_required("plans.edit")
def action_edit(request, plan_id: int, action_id: int):
    """Edit one action's title, owner, due date and status."""
    plan = _access_plan(request, plan_id)
    action = get_object_or_404(PlanAction.objects.filter(plan=plan), pk=action_id)
    initial = {
        name: getattr(action, name)
        for name in ("title", "owner_side", "owner_name", "owner_email", "due_date", "status")
    }
    form = ActionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_action(action=action, **form.cleaned_data)
        except InputError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Action “{action.title}” saved.")
            return redirect("plans:detail", plan_id=plan.pk)
    status = 400 if request.method == "POST" else 200
    context = {"plan": plan, "action": action, "form": form}
    return render(request, "plans/action_edit.html", context, status=status)


@permission_required("plans.edit")
@require_POST
def action_status(request, plan_id: int, action_id: int):
    """Change an action's status in place (htmx) or by a plain form post."""
    plan = _access_plan(request, plan_id)
    action = get_object_or_404(PlanAction.objects.filter(plan=plan), pk=action_id)
    try:
        domain.update_action(action=action, status=request.POST.get("status", ""))
    except InputError as exc:
        if request.htmx:
            # The message goes to the plan's live region, not into the action's row.
            response = HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
            response["HX-Retarget"] = "#actions-live"
            response["HX-Reswap"] = "innerHTML"
            return response
        return _render_detail(request, plan, error=str(exc), status=400)
    message = f"Action “{action.title}” is now {action.get_status_display().lower()}."
    if not request.htmx:
        messages.success(request, message)
        return redirect("plans:detail", plan_id=plan.pk)
    context = {
        "plan": action.plan,
        "action": action,
        "today": queries.today(),
        "statuses": ActionStatus.choices,
        "live_message": message,
        "overdue": queries.overdue_actions_for_user(request.user).filter(plan=plan),
    }
    return render(request, "plans/_action_status_response.html", context)


@permission_required("plans.view")
def revision_detail(request, plan_id: int, number: int):
    """An agreed revision as it was frozen when both sides signed it."""
    plan = _access_plan(request, plan_id)
    revision = get_object_or_404(PlanRevision.objects.filter(plan=plan), number=number)
    context = {"plan": plan, "revision": revision, "snapshot": revision.snapshot}
    return render(request, "plans/revision_detail.html", context)


def _transition(request, plan, change, success: str):
    try:
        change(plan=plan)
    except InputError as exc:
        return _render_detail(request, plan, error=str(exc), status=400)
    messages.success(request, success)
    return redirect("plans:detail", plan_id=plan.pk)


def _render_review(request, plan, *, error=None, status=200):
    """What a signer signs: the revision's objectives with their status, targets, actions,
    notes, and a warning when no objective of the partner is linked."""
    plan.refresh_from_db()
    try:
        my_side = domain.side_of(user=request.user, plan=plan)
    except InputError:
        my_side = None
    signed = set(plan.signoffs.filter(revision=plan.revision).values_list("side", flat=True))
    context = {
        "plan": plan,
        "error": error,
        "my_side": my_side,
        "can_sign": plan.state == PlanState.PROPOSED and my_side and my_side not in signed,
        "signed": sorted(signed),
        "reviewed": domain.review_token(plan=plan),
        "objectives": queries.plan_objectives(plan),
        "targets": queries.plan_targets(plan),
        "actions": plan.actions.order_by("due_date", "id"),
    }
    return render(request, "plans/plan_sign.html", context, status=status)


def _render_detail(request, plan, *, error=None, action_form=None, notes_form=None, status=200):
    plan.refresh_from_db()
    signoffs = list(plan.signoffs.filter(revision=plan.revision).select_related("user"))
    try:
        my_side = domain.side_of(user=request.user, plan=plan)
    except InputError:
        my_side = None
    signed_sides = {signoff.side for signoff in signoffs}
    context = {
        "plan": plan,
        "error": error,
        "today": queries.today(),
        "objectives": queries.plan_objectives(plan),
        "candidates": queries.candidate_objectives(plan),
        "targets": queries.plan_targets(plan),
        "actions": plan.actions.order_by("due_date", "id"),
        "overdue": queries.overdue_actions_for_user(request.user).filter(plan=plan),
        "signoffs": signoffs,
        "my_side": my_side,
        "can_sign": plan.state == PlanState.PROPOSED and my_side and my_side not in signed_sides,
        "can_close": plan.state == PlanState.AGREED and allows(request.user, "plans.close"),
        "revisions": plan.revisions.defer("snapshot"),
        "editable": plan.state != PlanState.CLOSED,
        "statuses": ActionStatus.choices,
        "action_form": action_form or ActionForm(),
        "notes_form": notes_form or NotesForm(initial={"notes": plan.notes}),
    }
    return render(request, "plans/plan_detail.html", context, status=status)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
