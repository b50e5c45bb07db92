"""Reusable, tenant-rooted querysets for joint business plans."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from outward.objectives.domain.evaluation import EvaluatedObjective, evaluate
from outward.objectives.models import Objective
from outward.plans.models import (
    ActionStatus,
    JointBusinessPlan,
    PlanAction,
    PlanSignoff,
    PlanState,
)
from outward.targets.models import Target


def today() -> dt.date:
    """Today in the installation's time zone."""
    return timezone.localdate()


def plans_for_user(user, *, on: dt.date | None = None) -> QuerySet[JointBusinessPlan]:
    """The plans a user may see, with their open and overdue action counts."""
    plans = JointBusinessPlan.objects.select_related("partner")
    if not user.is_authenticated:
        return plans.none()
    if not user.is_vendor:
        # The scope already limits a partner user to their partner; this is the second guard.
        plans = plans.filter(partner_id=user.partner_id)
    open_actions = Q(actions__status=ActionStatus.OPEN)
    return plans.annotate(
        open_actions=Count("actions", filter=open_actions),
        overdue_actions=Count(
            "actions", filter=open_actions & Q(actions__due_date__lt=on or today())
        ),
    )


def awaiting_signature(plans: QuerySet[JointBusinessPlan], *, side: str) -> QuerySet:
    """The proposed plans whose current revision `side` has not signed yet."""
    signed = PlanSignoff.objects.filter(
        plan=OuterRef("pk"), revision=OuterRef("revision"), side=side
    )
    return plans.filter(state=PlanState.PROPOSED).filter(~Exists(signed))


def actions_due(plans: QuerySet[JointBusinessPlan], *, within_days: int) -> QuerySet:
    """Open actions of these plans (not closed) due within `within_days` or overdue."""
    until = today() + dt.timedelta(days=within_days)
    return (
        PlanAction.objects.filter(plan__in=plans.exclude(state=PlanState.CLOSED).values("pk"))
        .filter(status=ActionStatus.OPEN, due_date__lte=until)
        .select_related("plan")
        .order_by("due_date", "id")
    )


def overdue_actions_for_user(user, *, on: dt.date | None = None) -> QuerySet[PlanAction]:
    """Open actions past their due date in the plans a user may see (closed plans excluded)."""
    actions = PlanAction.objects.select_related("plan__partner")
    if not user.is_authenticated:
        return actions.none()
    if not user.is_vendor:
        actions = actions.filter(plan__partner_id=user.partner_id)
    return (
        actions.filter(status=ActionStatus.OPEN, due_date__lt=on or today())
        .exclude(plan__state=PlanState.CLOSED)
        .order_by("due_date", "plan__partner__partner_id", "id")
    )


def plan_objectives(
    plan: JointBusinessPlan, *, as_of: dt.date | None = None
) -> list[tuple[Objective, EvaluatedObjective]]:
    """The partner objectives linked to a plan, each with its evaluation (health.md) as of a day."""
    linked = Objective.objects.filter(partner_id=plan.partner_id, plan_links__plan=plan)
    objectives = {o.pk: o for o in linked}
    evaluated = evaluate(linked, as_of=as_of or today())
    return [(objectives[e.pk], e) for e in evaluated]


def candidate_objectives(plan: JointBusinessPlan) -> QuerySet[Objective]:
    """The partner's objectives whose period overlaps the plan's, marked when linked."""
    objectives = Objective.objects.filter(
        partner_id=plan.partner_id,
        first_month__lte=plan.last_month,
        last_month__gte=plan.first_month,
    )
    linked = plan.objective_links.filter(objective=OuterRef("pk"))
    return objectives.annotate(linked=Exists(linked)).order_by("first_month", "objective_id")


def plan_targets(plan: JointBusinessPlan) -> QuerySet[Target]:
    """The vendor's targets for the plan's partner whose period overlaps the plan's."""
    return Target.objects.filter(
        partner_id=plan.partner_id,
        first_month__lte=plan.last_month,
        last_month__gte=plan.first_month,
    ).order_by("first_month", "last_month", "metric")
