"""Monthly won sales per partner, kept exact from the deals (a summary table for reports).

Every write to deals ends by refreshing the partners it touched: the deals import (file, page,
API) in its `finish`, an API delete, the demo loader. A refresh recomputes whole partners from
their deals, so it is right whatever the write changed (amount, stage, close date, partner).
"""

from collections.abc import Collection

from django.db import connection
from django.db.models import Count, QuerySet, Sum
from django_scopes import scopes_disabled

from outward.core.sql import MonthNumber
from outward.sales.models import Deal, MonthlySales, Stage

# Above this many partners, recomputing every partner is cheaper than naming them.
WHOLE_TABLE = 2000


def refresh_monthly_sales(*, partner_pks: Collection[int] | None = None) -> None:
    """Recompute the monthly sales of these partners (of every partner when None)."""
    if partner_pks is not None and not partner_pks:
        return
    with scopes_disabled():
        every = partner_pks is None or len(partner_pks) > WHOLE_TABLE
        deals = Deal.objects.filter(stage=Stage.WON)
        kept = MonthlySales.objects.all()
        if not every:
            deals = deals.filter(partner_id__in=list(partner_pks))
            kept = kept.filter(partner_id__in=list(partner_pks))
        kept.delete()
        select, params = monthly_from_deals(deals).query.sql_with_params()
        quote = connection.ops.quote_name
        table = quote(MonthlySales._meta.db_table)
        columns = ", ".join(quote(name) for name in ("partner_id", "month", "revenue", "deals_won"))
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)


def monthly_from_deals(won_deals: QuerySet) -> QuerySet:
    """Won deals grouped by partner and month: (partner pk, month, revenue, deals won)."""
    return (
        won_deals.order_by()
        .annotate(month=MonthNumber("close_date"))
        .values("partner_id", "month")
        .annotate(revenue=Sum("amount"), deals_won=Count("pk"))
        .values_list("partner_id", "month", "revenue", "deals_won")
    )
