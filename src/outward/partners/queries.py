"""Scoped, permission-checked querysets for partners and their pages."""

from django.db.models import Q, QuerySet
from django.http import Http404

from outward.partners.columns import partner_columns, with_columns
from outward.partners.models import Partner, PartnerDomain

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
    extra = {column.key: (column.key, "name", "partner_id") for column in partner_columns()}
    sorts = PARTNER_SORTS | extra
    fields = sorts.get(sort.lstrip("-"), PARTNER_SORTS["partner_id"])
    # Only the chosen column flips; ties stay in name and key order.
    ordering = [f"-{fields[0]}" if descending else fields[0], *fields[1:]]
    return with_columns(queryset).order_by(*ordering)


def partner_choices(queryset: QuerySet[Partner], field: str) -> list[str]:
    """The distinct non-empty values of a partner column, for a filter's options."""
    return list(
        queryset.exclude(**{field: ""}).order_by(field).values_list(field, flat=True).distinct()
    )


def portfolio(user) -> QuerySet[Partner]:
    """The partners a vendor staff member manages (their e-mail is the partner's manager)."""
    if not user.email:
        return Partner.objects.none()
    return partners_for_user(user).filter(manager_email__iexact=user.email).order_by("name")
