"""Reusable scoped queries of deals (the scope is the caller's)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from outward.partners.models import Partner
from outward.sales.models import Deal, Stage

LATEST_DEALS = 50
_MONEY = DecimalField(max_digits=18, decimal_places=2)


@dataclass(frozen=True)
class DealTotals:
    open_count: int
    open_amount: Decimal
    won_count: int
    won_amount: Decimal
    lost_count: int
    lost_amount: Decimal

    @property
    def count(self) -> int:
        return self.open_count + self.won_count + self.lost_count


def deal_totals(partner: Partner) -> DealTotals:
    """A partner's deals counted and summed per stage, in one aggregate query."""
    totals = {}
    for stage in Stage.values:
        totals[f"{stage}_count"] = Count("pk", filter=Q(stage=stage))
        totals[f"{stage}_amount"] = Coalesce(
            Sum("amount", filter=Q(stage=stage)), Value(0, output_field=_MONEY)
        )
    return DealTotals(**partner.deals.aggregate(**totals))


def latest_deals(partner: Partner) -> QuerySet[Deal]:
    """A partner's most recently closing deals, with their accounts."""
    deals = partner.deals.select_related("account").order_by("-close_date", "-deal_id")
    return deals[:LATEST_DEALS]


def with_won_revenue(partners: QuerySet[Partner]) -> QuerySet[Partner]:
    """Partners annotated with `won_revenue`: the sum of their won deals, ever."""
    won = Deal.objects.filter(partner=OuterRef("pk"), stage=Stage.WON).order_by()
    total = won.values("partner").annotate(total=Sum("amount")).values("total")[:1]
    return partners.annotate(
        won_revenue=Coalesce(Subquery(total, output_field=_MONEY), Value(0, output_field=_MONEY))
    )
