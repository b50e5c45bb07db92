"""Channel conflicts: accounts with open or won deals from two or more partners in the last
12 months, their deals side by side, per territory.

Read through the scoped managers: a partner user would see only their own deals, so never a
conflict (the page is the vendor's).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from outward.sales.models import Deal, Stage
from outward.territories.models import Assignment, Territory

WINDOW_DAYS = 365


@dataclass(frozen=True)
class Conflict:
    account_id: str
    account_name: str
    territory_id: str | None
    deals: list[dict]  # deal_id, partner_id, partner, stage, amount, close_date

    @property
    def partner_ids(self) -> list[str]:
        return sorted({deal["partner_id"] for deal in self.deals})


def channel_conflicts(
    *, as_of: dt.date, territory_ids: set[str] | None = None, partner_id: str = ""
) -> list[Conflict]:
    """The conflicts as of a day, optionally within some territories or involving a partner."""
    since = as_of - dt.timedelta(days=WINDOW_DAYS)
    deals = Deal.objects.filter(
        stage__in=(Stage.OPEN, Stage.WON), close_date__gte=since, account__isnull=False
    )
    contested = (
        deals.order_by()
        .values("account_id")
        .annotate(partners=Count("partner_id", distinct=True))
        .filter(partners__gte=2)
        .values("account_id")
    )
    rows = (
        deals.filter(account_id__in=contested)
        .order_by("account__account_id", "partner__partner_id", "deal_id")
        .values_list(
            "account_id",
            "account__account_id",
            "account__name",
            "deal_id",
            "partner__partner_id",
            "partner__name",
            "stage",
            "amount",
            "close_date",
        )
    )
    found: dict[int, Conflict] = {}
    for pk, key, name, deal, partner, partner_name, stage, amount, close in rows:
        if pk not in found:
            found[pk] = Conflict(key, name, None, [])
        found[pk].deals.append(
            {
                "deal_id": deal,
                "partner_id": partner,
                "partner": partner_name,
                "stage": stage,
                "amount": amount,
                "close_date": close,
            }
        )
    territory_of = dict(
        Assignment.objects.filter(account_id__in=list(found)).values_list(
            "account_id", "territory__territory_id"
        )
    )
    conflicts = [
        Conflict(c.account_id, c.account_name, territory_of.get(pk), c.deals)
        for pk, c in found.items()
    ]
    if territory_ids is not None:
        conflicts = [c for c in conflicts if c.territory_id in territory_ids]
    if partner_id:
        conflicts = [c for c in conflicts if partner_id in c.partner_ids]
    return conflicts


def territory_choices() -> list[tuple[str, str]]:
    """(key, name) of every territory, for a filter."""
    return list(Territory.objects.values_list("territory_id", "name"))
