"""What plans add to other pages: overdue actions on the home page, plans on the partner page."""

from outward.core.sections import menu_entry, section
from outward.plans import queries

OVERDUE_LIMIT = 20

menu_entry("Plans", "plans:list", order=60, permission="plans.view", audience="everyone")


@section("home.vendor", order=40, template="plans/sections/overdue_actions.html")
def overdue_plan_actions(request) -> dict:
    """Open plan actions past their due date that the user may see (at most 20)."""
    overdue = queries.overdue_actions_for_user(request.user)[:OVERDUE_LIMIT]
    return {"overdue_actions": overdue, "show_plan": True}


@section("partner.main", order=50, template="plans/sections/partner.html", permission="plans.view")
def partner_plans(request, partner) -> dict:
    """The partner's joint business plans, newest period first."""
    plans = queries.plans_for_user(request.user).filter(partner=partner)
    return {"plans": plans.order_by("-first_month", "period")}
