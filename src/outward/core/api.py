"""What every API resource shares: pagination and list filters (permissions: core.permissions).

Writes go through the importer: see `outward.exchange.api`.
"""

import datetime as dt

from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

from outward.core.periods import Period, PeriodError


class Pagination(PageNumberPagination):
    """`{"count", "next", "previous", "results"}`; `?page=N&page_size=M` (at most 1000)."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


def bad_filter(name: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({name: [message]})


def choice_param(params, name: str, choices) -> str | None:
    """The query parameter `name`, checked against `choices`; None when absent or empty."""
    value = params.get(name)
    if not value:
        return None
    if value not in choices:
        raise bad_filter(name, f"{value!r} is not one of {', '.join(choices)}")
    return value


def period_param(params, name: str = "period") -> Period | None:
    value = params.get(name)
    if not value:
        return None
    try:
        return Period.parse(value)
    except PeriodError as exc:
        raise bad_filter(name, str(exc)) from exc


def filter_partner_and_period(queryset, params):
    """`?partner_id=` and `?period=` (exactly that period) of the targets and objectives lists."""
    if params.get("partner_id"):
        queryset = queryset.filter(partner__partner_id=params["partner_id"])
    period = period_param(params)
    if period:
        queryset = queryset.filter(first_month=period.first, last_month=period.last)
    return queryset


def date_param(params, name: str) -> dt.date | None:
    value = params.get(name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise bad_filter(name, f"{value!r} is not a date (use YYYY-MM-DD)") from exc


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its script as a separate same-origin file and no inline style (CSP)."""

    template_name = "core/api_docs.html"
