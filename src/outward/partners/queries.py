"""Scoped, permission-checked querysets for partners and their pages."""

from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from outward.objectives.models import CheckIn, Objective
from outward.partners.models import Partner, PartnerDomain
from outward.sales.models import Deal
from outward.targets.models import Target
from outward.territories.models import PartnerTerritory

LATEST_DEALS = 50

# Sortable columns of the partner list: query-string value → ORM ordering.
PARTNER_SORTS = {
    "partner_id": ("partner_id",),
    "name": ("name", "partner_id"),
    "tier": ("tier", "name", "partner_id"),
    "country": ("country", "name", "partner_id"),
    "manager": ("manager_email", "name", "partner_id"),
}


def partners_for_user(user) -> QuerySet[Partner]:
    """The partners a user may see: all for vendor staff, their own for a partner user."""
    queryset = Partner.objects.all()
    if user.is_partner_user:
        # A second guard next to the scope set by the middleware.
        queryset = queryset.filter(pk=user.partner_id)
    return queryset


def access_partner(user, partner_id: str) -> Partner:
    """The partner with this key if the user may see it; Http404 otherwise, as if missing."""
    try:
        return partners_for_user(user).get(partner_id=partner_id)
    except Partner.DoesNotExist:
        raise Http404("No partner with this key.") from None


def search_partners(
    queryset: QuerySet[Partner],
    *,
    text: str = "",
    tier: str = "",
    country: str = "",
    manager_email: str = "",
    sort: str = "partner_id",
) -> QuerySet[Partner]:
    """Partners matching a free-text search (name, key, domain) and filters, sorted."""
    if text:
        by_domain = PartnerDomain.objects.filter(domain__icontains=text).values("partner_id")
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(partner_id__icontains=text) | Q(pk__in=by_domain)
        )
    if tier:
        queryset = queryset.filter(tier=tier)
    if country:
        queryset = queryset.filter(country=country)
    if manager_email:
        queryset = queryset.filter(manager_email__iexact=manager_email)
    descending = sort.startswith("-")
    fields = PARTNER_SORTS.get(sort.lstrip("-"), PARTNER_SORTS["partner_id"])
    # Only the chosen column flips; ties stay in name and key order.
    ordering = [f"-{fields[0]}" if descending else fields[0], *fields[1:]]
    won = Deal.objects.filter(partner=OuterRef("pk"), stage="won")
    won_revenue = won.order_by().values("partner").annotate(total=Sum("amount")).values("total")[:1]
    return queryset.order_by(*ordering).annotate(
        won_revenue=Coalesce(
            Subquery(won_revenue, output_field=DecimalField(max_digits=18, decimal_places=2)),
            Value(0, output_field=DecimalField(max_digits=18, decimal_places=2)),
        )
    )


def partner_choices(queryset: QuerySet[Partner], field: str) -> list[str]:
    """The distinct non-empty values of a partner column, for a filter's options."""
    return list(
        queryset.exclude(**{field: ""}).order_by(field).values_list(field, flat=True).distinct()
    )


@dataclass(frozen=True)
class DealTotals:
    open_count: int
    open_amount: object
    won_count: int
    won_amount: object
    lost_count: int
    lost_amount: object

    @property
    def count(self) -> int:
        return self.open_count + self.won_count + self.lost_count


def deal_totals(partner: Partner) -> DealTotals:
    """A partner's deals counted and summed per stage, in one aggregate query."""
    totals = {}
    for stage in ("open", "won", "lost"):
        totals[f"{stage}_count"] = Count("pk", filter=Q(stage=stage))
        totals[f"{stage}_amount"] = Coalesce(
            Sum("amount", filter=Q(stage=stage)),
            Value(0, output_field=DecimalField(max_digits=18, decimal_places=2)),
        )
    return DealTotals(**partner.deals.aggregate(**totals))


def latest_deals(partner: Partner) -> QuerySet[Deal]:
    """A partner's most recently closing deals, with their accounts."""
    return partner.deals.select_related("account").order_by("-close_date", "-deal_id")[
        :LATEST_DEALS
    ]


def partner_targets(partner: Partner) -> QuerySet[Target]:
    """A partner's targets, latest period first."""
    return partner.targets.order_by("-first_month", "last_month", "metric")


def partner_territories(partner: Partner) -> QuerySet[PartnerTerritory]:
    """The territories a partner covers."""
    return partner.partner_territories.select_related("territory__parent")


def partner_objectives(partner: Partner) -> QuerySet[Objective]:
    """A partner's objectives with their latest check-in and whether the target is met.

    `status` is `no_data` without a check-in, `met` when the latest value reached the target in
    the objective's direction, `in_progress` otherwise. Check-ins are prefetched, newest first.
    """
    latest = CheckIn.objects.filter(objective=OuterRef("pk")).order_by("-date")
    return (
        partner.objectives.order_by("-first_month", "objective_id")
        .annotate(
            latest_value=Subquery(
                latest.values("value")[:1],
                output_field=DecimalField(max_digits=18, decimal_places=4),
            ),
            latest_date=Subquery(latest.values("date")[:1]),
        )
        .annotate(
            status=Case(
                When(latest_value__isnull=True, then=Value("no_data")),
                When(direction="increase", latest_value__gte=F("target"), then=Value("met")),
                When(direction="decrease", latest_value__lte=F("target"), then=Value("met")),
                default=Value("in_progress"),
                output_field=CharField(),
            )
        )
        .prefetch_related(Prefetch("checkins", queryset=CheckIn.objects.order_by("-date")))
    )


def portfolio(user) -> QuerySet[Partner]:
    """The partners a vendor staff member manages (their e-mail is the partner's manager)."""
    if not user.email:
        return Partner.objects.none()
    return partners_for_user(user).filter(manager_email__iexact=user.email).order_by("name")
