"""What objectives add to other pages: the partner page's objectives, the menu."""

from urllib.parse import urlencode

from django.db.models import Count, Max, Prefetch, Window
from django.urls import reverse
from django.utils import timezone

from outward.core.sections import menu_entry, section
from outward.objectives.domain.evaluation import evaluate
from outward.objectives.models import CheckIn
from outward.objectives.queries import REMINDER_DAYS, objectives_needing_checkin
from outward.partners.queries import home_focus

HOME_CHECKINS = 5  # objectives named on the home page; the index has all of them

menu_entry(
    "Objectives", "objectives:index", order=50, permission="objectives.view", audience="partner"
)
# For vendor staff the same page lists every partner's objectives waiting for a check-in.
menu_entry(
    "Objectives needing a check-in",
    "objectives:index",
    order=50,
    permission="objectives.view",
    audience="vendor",
)


@section(
    "partner.main",
    order=40,
    partner_order=20,
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


@section(
    "partner.main",
    order=35,
    partner_order=10,
    template="objectives/sections/checkins_due.html",
    permission="objectives.view",
)
def partner_checkins_due(request, partner) -> dict | None:
    """The partner's running objectives without a recent check-in, each with a quick form."""
    today = timezone.localdate()
    waiting = list(
        objectives_needing_checkin(as_of=today)
        .filter(partner=partner)
        .annotate(last_checkin_on=Max("checkins__date"))
        .order_by("last_month", "objective_id")
    )
    if not waiting:
        return None
    shown = partner.objectives.filter(pk__in=[objective.pk for objective in waiting])
    evaluated = {e.pk: e for e in evaluate(shown, as_of=today)}
    return {
        "due_rows": [(objective, evaluated[objective.pk]) for objective in waiting],
        "today": today,
        "reminder_days": REMINDER_DAYS,
        "can_record": request.user.has_perm("objectives.write"),
        "back_to": request.get_full_path(),
    }


@section(
    "home.vendor",
    order=20,
    template="objectives/sections/home.html",
    permission="objectives.view",
)
def home_checkins(request) -> dict:
    """The portfolio's (or channel's) running objectives that wait for a check-in."""
    focus = home_focus(request.user)
    waiting = (
        objectives_needing_checkin(as_of=timezone.localdate())
        .filter(partner__in=focus.partners)
        .select_related("partner")
        .order_by("last_month", "partner__name", "objective_id")
    )
    query = f"?{urlencode({'manager': focus.manager_email})}" if focus.is_portfolio else ""
    # The first few and how many there are in one query (each reads the whole portfolio).
    first = list(waiting.annotate(waiting=Window(Count("pk")))[:HOME_CHECKINS])
    return {
        "focus": focus,
        "waiting_count": first[0].waiting if first else 0,
        "waiting_first": first,
        "index_href": reverse("objectives:index") + query,
        "reminder_days": REMINDER_DAYS,
    }
