"""Columns other areas add to partner lists (the partner list, the manager's portfolio).

An area registers a column in its `sections` module with an annotation of the partner
queryset (`won_revenue` from sales, for example); lists show and sort by it without knowing
the area.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class PartnerColumn:
    key: str  # the annotation's name, also the sort key
    label: str
    annotate: Callable[[QuerySet], QuerySet]
    order: int


_COLUMNS: dict[str, PartnerColumn] = {}


def register_column(*, key: str, label: str, order: int, annotate: Callable[[QuerySet], QuerySet]):
    """Add a numeric column to partner lists; `annotate(queryset)` adds the value as `key`."""
    _COLUMNS[key] = PartnerColumn(key, label, annotate, order)


def partner_columns() -> list[PartnerColumn]:
    return sorted(_COLUMNS.values(), key=lambda column: (column.order, column.key))


def with_columns(queryset: QuerySet) -> QuerySet:
    """The partners with every registered column's value annotated."""
    for column in partner_columns():
        queryset = column.annotate(queryset)
    return queryset
