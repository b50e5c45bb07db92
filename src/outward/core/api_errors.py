"""The API's error format: scope misses are 404s and model validation errors are 400s."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django_scopes.exceptions import ScopeError
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from outward.core.errors import InputError


def exception_handler(exc, context):
    """DRF's handler, plus: scope misses are 404s and model validation errors are 400s."""
    if isinstance(exc, ScopeError):
        exc = Http404()
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    if isinstance(exc, InputError):
        exc = exceptions.ValidationError(field_errors(exc))
    return drf_exception_handler(exc, context)


def field_errors(exc: InputError) -> dict[str, list[str]]:
    """An input error as `{field: [message, …]}`; row errors (an import's) by their column."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        column = getattr(error, "column", None)
        message = getattr(error, "message", None) or str(error)
        errors.setdefault(column or "non_field_errors", []).append(message)
    return errors or {"non_field_errors": [str(exc)]}
