"""What health adds to other pages: scorecard links, partner lists' health columns, the menu."""

from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet
from django.urls import reverse

from outward.core.memo import remembered
from outward.core.sections import menu_entry, section
from outward.health.domain import QUADRANT_SEVERITY, severity_key
from outward.health.selection import Selection, headline, this_year
from outward.partners.columns import register_column, register_filter
from outward.partners.queries import home_focus

# Mutiny-risk partners named on the home page; the list behind the link has all of them.
HOME_MUTINY = 5

menu_entry(
    "Health", "health:dashboard", order=20, permission="health.view_channel", audience="vendor"
)


def health_this_year(partners: QuerySet) -> Selection:
    """These partners' health this year, computed once per request for the same partners."""
    try:
        same_partners = str(partners.order_by().query)  # the same partners in any order
    except EmptyResultSet:  # no partners at all
        same_partners = ""

    def compute() -> Selection:
        selection = this_year(partners=partners)
        remembered("health.this_year.all", list).append(selection)
        return selection

    return remembered(("health.this_year", same_partners), compute)


def health_columns(partners: QuerySet) -> dict[int, dict]:
    """Each partner's quadrant, quota attainment (on pace) and share of objectives met.

    A page of a list that the home page's headline has already judged is read from it.
    """
    wanted = set(partners.values_list("pk", flat=True))
    earlier = remembered("health.this_year.all", list)
    selection = next((s for s in earlier if wanted <= s.healths.keys()), None)
    healths = (selection or health_this_year(partners)).healths
    return {
        pk: {
            "quadrant": health.quadrant,
            "quota_attainment": health.quota_attainment,
            "objectives_met_share": health.objectives_met_share,
        }
        for pk, health in healths.items()
        if pk in wanted
    }


register_column(
    key="quadrant",
    label="Health",
    order=20,
    provider=health_columns,
    show="badge",
    rank=severity_key,
)
register_column(
    key="quota_attainment", label="Quota to date", order=30, provider=health_columns, show="percent"
)
register_column(
    key="objectives_met_share",
    label="Own objectives met",
    order=40,
    provider=health_columns,
    show="percent",
)


def in_quadrant(partners: QuerySet, quadrant: str) -> QuerySet:
    """The partners in a health quadrant this year."""
    healths = health_this_year(partners).healths.values()
    return partners.filter(pk__in=[h.pk for h in healths if h.quadrant == quadrant])


register_filter(
    key="quadrant",
    label="Health this year",
    choices=lambda: [(q, q.replace("_", " ").capitalize()) for q in QUADRANT_SEVERITY],
    select=in_quadrant,
)


@section(
    "partner.actions",
    order=10,
    template="health/sections/partner_actions.html",
    permission="health.view_scorecard",
)
def partner_health_links(request, partner) -> dict:
    return {}


@section(
    "home.vendor",
    order=10,
    template="health/sections/home.html",
    permission="health.view_channel",
)
def home_health(request) -> dict:
    """The portfolio's (or channel's) health this year, and who is at mutiny risk."""
    focus = home_focus(request.user)
    selection = health_this_year(focus.partners)
    narrowing = {"manager": focus.manager_email} if focus.is_portfolio else {}
    return {
        "focus": focus,
        "selection": selection,
        "summary": selection.summary,
        "headline": headline(selection),
        "mutiny_count": selection.summary.quadrants["mutiny_risk"],
        "mutiny_first": selection.first_in_quadrant("mutiny_risk", HOME_MUTINY),
        "mutiny_href": f"{reverse('health:partners')}?"
        + urlencode(narrowing | {"quadrant": "mutiny_risk"}),
        "dashboard_href": f"{reverse('health:dashboard')}?{urlencode(narrowing)}",
    }
