"""Columns and filters other areas add to partner lists (the partner list, the portfolio).

A column is either an annotation of the partner queryset (`won_revenue` from sales: sorted
in SQL) or a value an area computes for a set of partners (quota attainment from health:
sorted in Python over the whole selection, computed for one page otherwise). Columns computed
together share one `provider` (partners → {pk: {key: value}}). A filter narrows the
queryset by a choice (a health quadrant). Lists show them without knowing the area.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

Provider = Callable[[QuerySet], dict[int, dict]]


@dataclass(frozen=True)
class PartnerColumn:
    key: str  # the annotation's or the provided value's name, also the sort key
    label: str
    order: int
    annotate: Callable[[QuerySet], QuerySet] | None = None
    provider: Provider | None = None
    show: str = "money"  # how lists show it: money, percent or badge
    rank: Callable[[object], object] | None = None  # a provided value's sort key, if not itself

    @property
    def numeric(self) -> bool:
        return self.show != "badge"


@dataclass(frozen=True)
class PartnerFilter:
    key: str  # the query parameter
    label: str
    choices: Callable[[], list[tuple[str, str]]]
    select: Callable[[QuerySet, str], QuerySet]


_COLUMNS: dict[str, PartnerColumn] = {}
_FILTERS: dict[str, PartnerFilter] = {}


def register_column(
    *,
    key: str,
    label: str,
    order: int,
    annotate: Callable[[QuerySet], QuerySet] | None = None,
    provider: Provider | None = None,
    show: str = "money",
    rank: Callable[[object], object] | None = None,
) -> None:
    """Add a column to partner lists: an annotation named `key`, or a provided value."""
    if (annotate is None) == (provider is None):
        raise ValueError(f"column {key!r}: give either annotate or provider")
    _COLUMNS[key] = PartnerColumn(key, label, order, annotate, provider, show, rank)


def register_filter(
    *,
    key: str,
    label: str,
    choices: Callable[[], list[tuple[str, str]]],
    select: Callable[[QuerySet, str], QuerySet],
) -> None:
    """Add a filter to partner lists: `select(partners, choice)` narrows them."""
    _FILTERS[key] = PartnerFilter(key, label, choices, select)


def partner_columns() -> list[PartnerColumn]:
    return sorted(_COLUMNS.values(), key=lambda column: (column.order, column.key))


def partner_filters() -> list[PartnerFilter]:
    return sorted(_FILTERS.values(), key=lambda item: item.key)


def with_columns(queryset: QuerySet) -> QuerySet:
    """The partners with every annotated column's value."""
    for column in partner_columns():
        if column.annotate is not None:
            queryset = column.annotate(queryset)
    return queryset


def provided_values(partners: QuerySet) -> dict[int, dict]:
    """Every provided column's value for these partners: pk → {key: value}."""
    values: dict[int, dict] = {}
    for provider in dict.fromkeys(c.provider for c in partner_columns() if c.provider):
        for pk, found in provider(partners).items():
            values.setdefault(pk, {}).update(found)
    return values
