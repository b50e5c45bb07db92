"""What health adds to other pages: the partner page's scorecard links, the menu."""

from outward.core.sections import menu_entry, section

menu_entry(
    "Health", "health:dashboard", order=20, permission="health.view_channel", audience="vendor"
)


@section(
    "partner.actions",
    order=10,
    template="health/sections/partner_actions.html",
    permission="health.view_scorecard",
)
def partner_health_links(request, partner) -> dict:
    return {}
