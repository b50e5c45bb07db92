"""What sales adds to other pages: the partner page's deals, partner lists' won revenue."""

from outward.core.sections import section
from outward.partners.columns import register_column
from outward.sales import queries

register_column(key="won_revenue", label="Won revenue", order=10, annotate=queries.with_won_revenue)


@section(
    "partner.main",
    order=20,
    partner_order=60,
    template="sales/sections/partner_deals.html",
    permission="partners.view",
)
def partner_deals(request, partner) -> dict:
    return {
        "deal_totals": queries.deal_totals(partner),
        "deals": list(queries.latest_deals(partner)),
        "latest_deals_limit": queries.LATEST_DEALS,
    }
