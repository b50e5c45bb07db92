"""Monthly won sales per partner, kept exact from the deals (a summary table for reports).

The database keeps it: triggers on the deals table (migration 0003) add every won deal to its
partner's month and take it away again when the deal is deleted or changes partner, stage,
close date or amount, whichever path writes it. `rebuild_monthly_sales` recomputes it from the
deals, to repair a table that was written around the triggers; `monthly_from_deals` is what it
must equal.
"""

from collections.abc import Collection

from django.db import connection
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Round
from django_scopes import scopes_disabled

from outward.core.sql import MonthNumber
from outward.sales.models import Deal, MonthlySales, Stage


def rebuild_monthly_sales(*, partner_pks: Collection[int] | None = None) -> None:
    """Recompute the monthly sales of these partners (of every partner when None)."""
    if partner_pks is not None and not partner_pks:
        return
    with scopes_disabled():
        deals = Deal.objects.filter(stage=Stage.WON)
        kept = MonthlySales.objects.all()
        if partner_pks is not None:
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
    # Rounded to cents as the triggers keep it (SQLite adds decimals as floating point).
    return (
        won_deals.order_by()
        .annotate(month=MonthNumber("close_date"))
        .values("partner_id", "month")
        .annotate(revenue=Round(Sum("amount"), 2), deals_won=Count("pk"))
        .values_list("partner_id", "month", "revenue", "deals_won")
    )
