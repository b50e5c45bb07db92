"""What objectives add to other pages: the partner page's objectives, the menu."""

from django.db.models import Prefetch
from django.utils import timezone

from outward.core.sections import menu_entry, section
from outward.objectives.domain.evaluation import evaluate
from outward.objectives.models import CheckIn

menu_entry(
    "Objectives", "objectives:index", order=50, permission="objectives.view", audience="partner"
)


@section(
    "partner.main",
    order=40,
    template="objectives/sections/partner.html",
    permission="objectives.view",
)
def partner_objectives(request, partner) -> dict:
    """The partner's objectives, newest period first, evaluated as of today (health.md)."""
    objectives = list(
        partner.objectives.order_by("-first_month", "objective_id").prefetch_related(
            Prefetch("checkins", queryset=CheckIn.objects.order_by("-date"))
        )
    )
    evaluated = {e.pk: e for e in evaluate(partner.objectives.all(), as_of=timezone.localdate())}
    return {"rows": [(objective, evaluated[objective.pk]) for objective in objectives]}
