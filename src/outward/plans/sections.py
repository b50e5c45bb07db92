"""What plans add to other pages: the home page's signatures and overdue actions, partner plans."""

from outward.core.sections import menu_entry, section
from outward.partners.queries import home_focus
from outward.plans import queries
from outward.plans.models import Side

HOME_LIMIT = 10  # plans and actions named on the home page
ACTIONS_DUE_DAYS = 30  # the partner page lists open actions due within this many days

menu_entry("Plans", "plans:list", order=60, permission="plans.view", audience="everyone")


@section("home.vendor", order=30, template="plans/sections/home.html")
def home_plans(request) -> dict:
    """Plans awaiting the vendor's signature and overdue actions, in the portfolio (or channel)."""
    focus = home_focus(request.user)
    plans = queries.plans_for_user(request.user).filter(partner__in=focus.partners)
    awaiting = queries.awaiting_signature(plans, side=Side.VENDOR).order_by("updated_at", "pk")
    overdue = queries.overdue_actions_for_user(request.user).filter(
        plan__partner__in=focus.partners
    )
    return {
        "focus": focus,
        "awaiting": list(awaiting[:HOME_LIMIT]),
        "awaiting_count": awaiting.count(),
        "overdue_actions": list(overdue[:HOME_LIMIT]),
        "overdue_count": overdue.count(),
        "show_plan": True,
    }


@section(
    "partner.main",
    order=45,
    partner_order=30,
    template="plans/sections/partner_due.html",
    permission="plans.view",
)
def partner_plan_due(request, partner) -> dict | None:
    """What waits in the partner's plans: the viewer's signature, actions due soon or overdue."""
    side = Side.VENDOR if request.user.is_vendor else Side.PARTNER
    plans = queries.plans_for_user(request.user).filter(partner=partner)
    awaiting = list(queries.awaiting_signature(plans, side=side).order_by("first_month", "pk"))
    due = list(queries.actions_due(plans, within_days=ACTIONS_DUE_DAYS)[:HOME_LIMIT])
    if not awaiting and not due:
        return None
    return {
        "awaiting": awaiting,
        "actions_due": due,
        "today": queries.today(),
        "due_days": ACTIONS_DUE_DAYS,
        "side": side,
    }


@section(
    "partner.main",
    order=50,
    partner_order=40,
    template="plans/sections/partner.html",
    permission="plans.view",
)
def partner_plans(request, partner) -> dict:
    """The partner's joint business plans, newest period first."""
    plans = queries.plans_for_user(request.user).filter(partner=partner)
    return {"plans": plans.order_by("-first_month", "period")}
