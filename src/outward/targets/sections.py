"""What targets add to other pages: the partner page's targets, the menu."""

from outward.core.sections import menu_entry, section

menu_entry("Targets", "targets:sheet", order=40, permission="targets.set", audience="vendor")


@section(
    "partner.main",
    order=30,
    partner_order=50,
    template="targets/sections/partner.html",
    permission="partners.view",
)
def partner_targets(request, partner) -> dict:
    """The vendor's targets for the partner, latest period first."""
    targets = partner.targets.order_by("-first_month", "last_month", "metric")
    return {"targets": list(targets)}
