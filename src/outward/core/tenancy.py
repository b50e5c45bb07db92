"""The one tenancy layer: every partner-owned model's default manager is scoped.

Partner-owned models use django-scopes' ``ScopedManager(partner=...)``. A query outside any scope
raises ``ScopeError`` instead of silently returning everything. The scope's value is:

* ``None`` for vendor staff (admins and managers see every partner),
* the partner's primary key for a partner user,
* ``[]`` (matches nothing) for anonymous visitors.

The scope is set in exactly three places: :class:`TenancyMiddleware` for requests (pages and
API alike), :class:`outward.core.commands.OutwardCommand` for the command line, and
:class:`outward.core.tasks.ScopedTask` for background work.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models
from django_scopes import ScopedManager, scope, scopes_disabled
from django_scopes.exceptions import ScopeError
from django_scopes.state import get_scope

from outward.core.api_auth import user_for_bearer_header

NOBODY: list = []

__all__ = [
    "NOBODY",
    "ScopeError",
    "ScopedManager",
    "PartnerScopedManager",
    "current_partner_scope",
    "partner_scope",
    "scope_for_user",
    "scopes_disabled",
    "TenancyMiddleware",
]


def scope_for_user(user) -> int | None | list:
    """The scope value for a user: None (everything), a partner's pk, or nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    if user.is_vendor:
        return None
    return user.partner_id


@contextmanager
def partner_scope(value: int | None | list) -> Iterator[None]:
    with scope(partner=value):
        yield


def current_partner_scope() -> int | None | list:
    """The active scope value; raises ScopeError when no scope is active."""
    state = get_scope()
    if not state.get("_enabled", True):
        return None
    if "partner" not in state:
        raise ScopeError("A scope on dimension(s) partner needs to be active for this query.")
    return state["partner"]


def PartnerScopedManager(path: str = "partner_id", manager_class=models.Manager):  # noqa: N802
    """A manager scoped to the current partner through the field path ``path``."""
    return ScopedManager(_manager_class=manager_class, partner=path)


class TenancyMiddleware:
    """Runs every request inside the scope of its user (session or Bearer token)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bearer_user = user_for_bearer_header(request.META.get("HTTP_AUTHORIZATION", ""))
        request.bearer_user = bearer_user
        user = bearer_user or getattr(request, "user", None)
        with partner_scope(scope_for_user(user)):
            return self.get_response(request)
