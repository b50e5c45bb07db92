"""Template tags that put plan sections on pages owned by other areas (home, partner page)."""

from django import template

from outward.plans import domain, queries

register = template.Library()

OVERDUE_LIMIT = 20


@register.inclusion_tag("plans/_overdue_actions.html", takes_context=True)
def overdue_plan_actions(context) -> dict:
    """Open plan actions past their due date that the page's user may see (at most 20)."""
    user = context["request"].user
    return {
        "overdue_actions": domain.overdue_actions(user=user)[:OVERDUE_LIMIT],
        "show_plan": True,
    }


@register.inclusion_tag("plans/_partner_plans.html", takes_context=True)
def partner_plans(context, partner) -> dict:
    """The partner's joint business plans, newest period first."""
    user = context["request"].user
    plans = queries.plans_for_user(user).filter(partner=partner).order_by("-first_month", "period")
    return {"partner": partner, "plans": plans}
