"""The rules of joint business plans: states, sign-off by both sides, actions and revisions.

A plan moves draft → proposed → agreed → closed. Sign-off by both sides agrees a proposed
plan and freezes that revision. A change after agreement (notes, actions, linked objectives)
starts a new draft revision; the agreed one stays readable, unchanged, as a `PlanRevision`.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from outward.core.errors import InputError
from outward.core.periods import Period, PeriodError, month_number
from outward.core.permissions import allows, is_vendor
from outward.partners.models import Partner
from outward.partners.rules import of_own_partner
from outward.plans import queries
from outward.plans.models import (
    ActionStatus,
    JointBusinessPlan,
    PlanAction,
    PlanObjective,
    PlanRevision,
    PlanSignoff,
    PlanState,
    Side,
)

_UNSET = object()
_TITLE_MAX = 200


def create_plan(*, partner: Partner, period: str, notes: str = "", user=None) -> JointBusinessPlan:
    """Start a draft plan for a partner and a period; one plan per partner and period."""
    if user is not None and not (is_vendor(user) or of_own_partner(user, partner)):
        raise InputError("partner: you can only create plans for your own partner.")
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        raise InputError(f"period: {exc}") from exc
    if JointBusinessPlan.objects.filter(partner=partner, period=parsed.text).exists():
        raise InputError(f"period: {partner.name} already has a plan for {parsed.text}.")
    try:
        with transaction.atomic():
            return JointBusinessPlan.objects.create(
                partner=partner,
                period=parsed.text,
                first_month=parsed.first,
                last_month=parsed.last,
                notes=notes.strip(),
                created_by=user,
            )
    except IntegrityError as exc:  # a concurrent create of the same plan
        raise InputError(f"period: {partner.name} already has a plan for {parsed.text}.") from exc


def _move(plan: JointBusinessPlan, *, source: str, target: str, verb: str) -> JointBusinessPlan:
    with transaction.atomic():
        locked = _locked(plan)
        if locked.state != source:
            article = "an" if source[0] in "aeiou" else "a"
            raise InputError(
                f"Only {article} {source} plan can be {verb}; this plan is {locked.state}."
            )
        locked.state = target
        _touch(locked)
    plan.refresh_from_db()
    return plan


def propose_plan(*, plan: JointBusinessPlan) -> JointBusinessPlan:
    """Put a draft plan up for sign-off by both sides."""
    return _move(plan, source=PlanState.DRAFT, target=PlanState.PROPOSED, verb="proposed")


def sign_plan(*, plan: JointBusinessPlan, user, reviewed: str | None = None) -> PlanSignoff:
    """Sign the current revision for the user's side; both sides signed → the plan is agreed.

    `reviewed` is the `review_token` of the plan as the signer saw its summary: a plan changed
    since then is not signed (the signer reviews it again).
    """
    with transaction.atomic():
        locked = _locked(plan)
        side = side_of(user=user, plan=locked)
        if reviewed is not None and reviewed != review_token(plan=locked):
            raise InputError(
                "The plan changed since you reviewed it; check the summary again, then sign."
            )
        if locked.state != PlanState.PROPOSED:
            raise InputError(
                f"Only a proposed plan can be signed; this plan is {locked.state}"
                + (" (propose it first)." if locked.state == PlanState.DRAFT else ".")
            )
        signed = set(
            PlanSignoff.objects.filter(plan=locked, revision=locked.revision).values_list(
                "side", flat=True
            )
        )
        if side in signed:
            raise InputError(
                f"The {side} side has already signed revision {locked.revision} of this plan."
            )
        signoff = PlanSignoff.objects.create(
            plan=locked, side=side, user=user, revision=locked.revision
        )
        if signed | {side} == {Side.PARTNER, Side.VENDOR}:
            locked.state = PlanState.AGREED
            _touch(locked)
            _freeze(locked)
    plan.refresh_from_db()
    return signoff


def close_plan(*, plan: JointBusinessPlan, user) -> JointBusinessPlan:
    """Close an agreed plan for good (a closed plan no longer changes). The vendor's action:
    vendor staff, or the operator's `outward plans close-ended` at the end of the period."""
    if not allows(user, "plans.close"):
        raise InputError("Only the vendor closes a plan; it closes by itself when its period ends.")
    return _move(plan, source=PlanState.AGREED, target=PlanState.CLOSED, verb="closed")


def close_ended_plans(*, as_of: dt.date) -> list[JointBusinessPlan]:
    """Close every agreed plan whose period ended before `as_of` (run daily by the operator)."""
    ended = JointBusinessPlan.objects.filter(
        state=PlanState.AGREED, last_month__lt=month_number(as_of)
    ).order_by("partner__partner_id", "first_month", "pk")
    return [close_plan(plan=plan, user=None) for plan in ended]


def update_notes(*, plan: JointBusinessPlan, notes: str) -> JointBusinessPlan:
    """Replace the plan's notes (a change: after agreement it starts a new revision)."""
    notes = notes.strip()
    with transaction.atomic():
        locked = _locked(plan)
        if locked.notes != notes:
            _begin_change(locked)
            locked.notes = notes
            _touch(locked)
    plan.refresh_from_db()
    return plan


def link_objectives(*, plan: JointBusinessPlan, objective_ids: list[int]) -> JointBusinessPlan:
    """Set which of the partner's objectives for the period the plan covers."""
    wanted = {int(pk) for pk in objective_ids}
    with transaction.atomic():
        locked = _locked(plan)
        allowed = set(queries.candidate_objectives(locked).values_list("pk", flat=True))
        unknown = wanted - allowed
        if unknown:
            raise InputError(
                f"objectives: {len(unknown)} of the chosen objectives are not "
                f"{locked.partner.name}'s objectives for {locked.period}."
            )
        current = set(
            PlanObjective.objects.filter(plan=locked).values_list("objective_id", flat=True)
        )
        if current == wanted:
            return plan
        _begin_change(locked)
        PlanObjective.objects.filter(plan=locked, objective_id__in=current - wanted).delete()
        PlanObjective.objects.bulk_create(
            [PlanObjective(plan=locked, objective_id=pk) for pk in sorted(wanted - current)]
        )
        _touch(locked)
    plan.refresh_from_db()
    return plan


def add_action(
    *,
    plan: JointBusinessPlan,
    title: str,
    owner_side: str,
    due_date: dt.date | str,
    owner_name: str = "",
    owner_email: str = "",
) -> PlanAction:
    """Add an action one side commits to (a change: after agreement it starts a new revision)."""
    values = _action_values(
        title=title,
        owner_side=owner_side,
        due_date=due_date,
        owner_name=owner_name,
        owner_email=owner_email,
    )
    with transaction.atomic():
        locked = _locked(plan)
        _begin_change(locked)
        action = PlanAction.objects.create(plan=locked, **values)
        _touch(locked)
    plan.refresh_from_db()
    return action


def update_action(
    *,
    action: PlanAction,
    title=_UNSET,
    owner_side=_UNSET,
    due_date=_UNSET,
    owner_name=_UNSET,
    owner_email=_UNSET,
    status=_UNSET,
) -> PlanAction:
    """Change an action. Status alone is progress; other fields change the plan's content."""
    if status is not _UNSET and status not in ActionStatus.values:
        raise InputError(f"status: {status!r} is not one of {', '.join(ActionStatus.values)}.")
    given = {
        "title": title,
        "owner_side": owner_side,
        "due_date": due_date,
        "owner_name": owner_name,
        "owner_email": owner_email,
    }
    given = {name: value for name, value in given.items() if value is not _UNSET}
    values = _action_values(**{**_current_values(action), **given})
    content_changes = {
        name: value for name, value in values.items() if getattr(action, name) != value
    }
    with transaction.atomic():
        locked = _locked(action.plan)
        if locked.state == PlanState.CLOSED:
            raise InputError("This plan is closed; its actions can no longer be changed.")
        fresh = PlanAction.objects.select_for_update().get(pk=action.pk, plan=locked)
        if content_changes:
            _begin_change(locked)
            for name, value in content_changes.items():
                setattr(fresh, name, value)
        if status is not _UNSET:
            fresh.status = status
        fresh.save()
        _touch(locked)
    action.refresh_from_db()
    action.plan.refresh_from_db()
    return action


def review_token(*, plan: JointBusinessPlan) -> str:
    """What a signer reviewed: the revision and the moment of the plan's last change."""
    return f"{plan.revision}:{plan.updated_at.isoformat()}"


def side_of(*, user, plan: JointBusinessPlan) -> str:
    """The side a user signs for: vendor staff for the vendor, partner users for their partner."""
    if user is None or not user.is_authenticated:
        raise InputError("Log in to sign a plan.")
    if user.is_vendor:
        return Side.VENDOR
    if user.partner_id == plan.partner_id:
        return Side.PARTNER
    raise InputError("You can only sign your own partner's plans.")


def plan_snapshot(*, plan: JointBusinessPlan) -> dict:
    """The plan's current content as plain JSON values, as it would be frozen."""
    objectives = [
        {
            "objective_id": objective.objective_id,
            "title": objective.title,
            "period": objective.period,
            "unit": objective.unit,
            "direction": objective.direction,
            "baseline": _number(objective.baseline),
            "target": _number(objective.target),
            # As evaluated on the day of the snapshot (shared/spec/health.md).
            "status": evaluation.status,
            "value": _number(evaluation.value),
            "evaluated_on": queries.today().isoformat(),
        }
        for objective, evaluation in queries.plan_objectives(plan)
    ]
    targets = [
        {"period": target.period, "metric": target.metric, "value": _number(target.value)}
        for target in queries.plan_targets(plan)
    ]
    actions = [
        {
            "title": action.title,
            "owner_side": action.owner_side,
            "owner_name": action.owner_name,
            "owner_email": action.owner_email,
            "due_date": action.due_date.isoformat(),
            "status": action.status,
        }
        for action in PlanAction.objects.filter(plan=plan).order_by("due_date", "id")
    ]
    signoffs = [
        {
            "side": signoff.side,
            "user": signoff.user.email or signoff.user.username if signoff.user else None,
            "signed_at": signoff.signed_at.isoformat(),
        }
        for signoff in PlanSignoff.objects.filter(plan=plan, revision=plan.revision)
        .select_related("user")
        .order_by("signed_at", "id")
    ]
    return {
        "revision": plan.revision,
        "partner": {"partner_id": plan.partner.partner_id, "name": plan.partner.name},
        "period": plan.period,
        "notes": plan.notes,
        "objectives": objectives,
        "targets": targets,
        "actions": actions,
        "signoffs": signoffs,
    }


# --- internals -------------------------------------------------------------------------------


def _locked(plan: JointBusinessPlan) -> JointBusinessPlan:
    # One writer at a time per plan, so two sides signing at once cannot both miss the other.
    return JointBusinessPlan.objects.select_for_update().select_related("partner").get(pk=plan.pk)


def _touch(plan: JointBusinessPlan) -> None:
    plan.updated_at = timezone.now()
    plan.save()


def _freeze(plan: JointBusinessPlan) -> PlanRevision:
    revision, _ = PlanRevision.objects.get_or_create(
        plan=plan, number=plan.revision, defaults={"snapshot": plan_snapshot(plan=plan)}
    )
    return revision


def _begin_change(plan: JointBusinessPlan) -> None:
    """Before a content change: closed refuses, agreed opens a new revision, proposed unsigns."""
    if plan.state == PlanState.CLOSED:
        raise InputError("This plan is closed; it can no longer be changed.")
    if plan.state == PlanState.AGREED:
        _freeze(plan)
        plan.revision += 1
        plan.state = PlanState.DRAFT
    elif plan.state == PlanState.PROPOSED:
        # Signatures were given to other content; they must be given again.
        PlanSignoff.objects.filter(plan=plan, revision=plan.revision).delete()


def _current_values(action: PlanAction) -> dict:
    return {
        "title": action.title,
        "owner_side": action.owner_side,
        "due_date": action.due_date,
        "owner_name": action.owner_name,
        "owner_email": action.owner_email,
    }


def _action_values(
    *, title: str, owner_side: str, due_date, owner_name: str, owner_email: str
) -> dict:
    title = (title or "").strip()
    if not title:
        raise InputError("title: an action needs a title.")
    if len(title) > _TITLE_MAX:
        raise InputError(f"title: at most {_TITLE_MAX} characters.")
    if owner_side not in Side.values:
        raise InputError(f"owner side: {owner_side!r} is not one of partner, vendor.")
    owner_name = (owner_name or "").strip()
    if len(owner_name) > _TITLE_MAX:
        raise InputError(f"owner name: at most {_TITLE_MAX} characters.")
    owner_email = (owner_email or "").strip()
    if owner_email:
        try:
            validate_email(owner_email)
        except ValidationError as exc:
            raise InputError(f"owner email: {owner_email!r} is not an e-mail address.") from exc
    return {
        "title": title,
        "owner_side": owner_side,
        "due_date": _date(due_date),
        "owner_name": owner_name,
        "owner_email": owner_email,
    }


def _date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise InputError(f"due date: {value!r} is not a date (use YYYY-MM-DD).") from exc


def _number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value.normalize(), "f")
