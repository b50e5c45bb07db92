"""The summary tables the database keeps exact from the deals, for reports: monthly won sales
per partner (`MonthlySales`) and each partner's won accounts with the day of its first win
(`WonAccount`).

Triggers on the deals table (migrations 0003 and 0006) keep them, whichever path writes a
deal. `rebuild_summaries` recomputes them from the deals, after a load that ran without the
triggers or to repair a table written around them; `monthly_from_deals` and
`won_accounts_from_deals` are what they must equal.
"""

from collections.abc import Collection

from django.db import connection
from django.db.models import Count, Min, Model, QuerySet, Sum
from django.db.models.functions import Round
from django_scopes import scopes_disabled

from outward.core.sql import MonthNumber
from outward.sales.models import Deal, MonthlySales, Stage, WonAccount


def rebuild_summaries(*, partner_pks: Collection[int] | None = None) -> None:
    """Recompute both summary tables for these partners (for every partner when None)."""
    if partner_pks is not None and not partner_pks:
        return
    with scopes_disabled():
        won = Deal.objects.filter(stage=Stage.WON)
        if partner_pks is not None:
            won = won.filter(partner_id__in=list(partner_pks))
        _replace(MonthlySales, monthly_from_deals(won), partner_pks)
        _replace(WonAccount, won_accounts_from_deals(won), partner_pks)


def _replace(model: type[Model], rows: QuerySet, partner_pks: Collection[int] | None) -> None:
    """Delete the partners' rows of a summary table and insert `rows`, whose fields are its
    columns (in the order Django selects them: fields, then annotations)."""
    kept = model.objects.all()
    if partner_pks is not None:
        kept = kept.filter(partner_id__in=list(partner_pks))
    kept.delete()
    select, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = [*rows.query.values_select, *rows.query.annotation_select]
    columns = ", ".join(quote(name) for name in names)
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


def won_accounts_from_deals(won_deals: QuerySet) -> QuerySet:
    """Won deals on an account grouped by partner and account: (partner pk, account pk, the
    day of the first)."""
    return (
        won_deals.filter(account_id__isnull=False)
        .order_by()
        .values("partner_id", "account_id")
        .annotate(first_won=Min("close_date"))
        .values_list("partner_id", "account_id", "first_won")
    )
