"""Scoped, permission-checked querysets for partners and their pages."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404

from outward.core.memo import remembered
from outward.partners.columns import partner_columns, provided_values, with_columns
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
    queryset = filter_partners(queryset, tier=tier, country=country, manager_email=manager_email)
    descending = sort.startswith("-")
    extra = {
        column.key: (column.key, "name", "partner_id")
        for column in partner_columns()
        if column.annotate is not None
    }
    sorts = PARTNER_SORTS | extra
    fields = sorts.get(sort.lstrip("-"), PARTNER_SORTS["partner_id"])
    # Only the chosen column flips; ties stay in name and key order.
    ordering = [f"-{fields[0]}" if descending else fields[0], *fields[1:]]
    return with_columns(queryset).order_by(*ordering)


def filter_partners(
    queryset: QuerySet[Partner], *, tier: str = "", country: str = "", manager_email: str = ""
) -> QuerySet[Partner]:
    """Partners of a tier, a country and a partner manager (an empty filter: any)."""
    if tier:
        queryset = queryset.filter(tier=tier)
    if country:
        queryset = queryset.filter(country=country)
    if manager_email:
        queryset = queryset.filter(manager_email__iexact=manager_email)
    return queryset


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


@dataclass(frozen=True)
class Listed:
    """One page of a partner list: the page, and each partner with its areas' column values."""

    page: Page
    rows: list[tuple[Partner, list]]


def list_page(partners: QuerySet[Partner], *, sort: str, number, size: int) -> Listed:
    """A page of partners (sorted by `search_partners`, or here by a provided column).

    Sorting by a value an area provides needs it for every partner; otherwise it is computed
    for the page's partners only. Unknown values sort last either way.
    """
    columns = partner_columns()
    by = next((c for c in columns if c.key == sort.lstrip("-") and c.provider), None)
    if by is None:
        page = Paginator(partners, size).get_page(number)
        shown = list(page.object_list)
        values = provided_values(Partner.objects.filter(pk__in=[p.pk for p in shown]))
    else:
        values = provided_values(partners)
        pks = list(partners.values_list("pk", flat=True))
        known = [pk for pk in pks if values.get(pk, {}).get(by.key) is not None]
        unknown = [pk for pk in pks if values.get(pk, {}).get(by.key) is None]
        rank = by.rank or (lambda value: value)
        known.sort(key=lambda pk: rank(values[pk][by.key]), reverse=sort.startswith("-"))
        page = Paginator(known + unknown, size).get_page(number)
        found = partners.in_bulk(list(page.object_list))
        shown = [found[pk] for pk in page.object_list]
    rows = [
        (
            partner,
            [values.get(partner.pk, {}).get(c.key, getattr(partner, c.key, None)) for c in columns],
        )
        for partner in shown
    ]
    return Listed(page=page, rows=rows)


@dataclass(frozen=True)
class HomeFocus:
    """The partners a vendor user's home page is about: their portfolio, else the channel."""

    partners: QuerySet[Partner]
    manager_email: str  # the portfolio's manager; "" when the home shows the whole channel

    @property
    def is_portfolio(self) -> bool:
        return bool(self.manager_email)


def home_focus(user) -> HomeFocus:
    """The user's portfolio if they manage any partner, every partner they see otherwise."""

    def find() -> HomeFocus:
        mine = portfolio(user).order_by()
        # As the partners spell it, for filters that compare exactly (the health dashboard's).
        spelled = mine.values_list("manager_email", flat=True).first()
        if spelled:
            return HomeFocus(mine, spelled)
        return HomeFocus(partners_for_user(user).order_by(), "")

    return remembered(("partners.home_focus", user.pk), find)
