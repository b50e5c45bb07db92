"""Who may do what: rule predicates (django-rules) and the one way pages and the API ask.

The predicates about people live here; each area adds its permissions in its own `rules.py`
(`rules.add_perm("health.view_channel", is_vendor)`), found by rules' autodiscovery. Pages are
marked with `@permission_required(...)`, the API with `RulePermission`; the permission-matrix
test reads those marks, so the policy is written once.

A page someone may not open answers 404, exactly as a page that does not exist (a 403 would
tell a partner user that the vendor has such a page, or that a record exists).
"""

from functools import wraps

import rules
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from rest_framework import permissions as drf_permissions


@rules.predicate
def is_operator(user) -> bool:
    """Nobody signed in, but the one running the command line (the vendor's operator)."""
    return user is None


@rules.predicate
def is_vendor(user) -> bool:
    """Vendor staff: admins and partner managers."""
    return bool(user is not None and user.is_authenticated and user.is_vendor)


@rules.predicate
def is_admin(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.role == "admin")


@rules.predicate
def is_partner_user(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_partner_user)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def allows(user, permission: str, record=None) -> bool:
    """Whether the user (None: the command line's operator) has the permission."""
    if user is None:
        return rules.has_perm(permission, None, record)
    return user.has_perm(permission, record)


def permission_required(permission: str):
    """A page for those with `permission`: others signed in get a 404, anonymous the login.

    The view is marked with its permission (`view.permission`) for the permission matrix.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(permission):
                raise Http404("No such page.")
            return view(request, *args, **kwargs)

        wrapped.permission = permission
        return wrapped

    return decorator


class RulePermission(drf_permissions.BasePermission):
    """API access by rules: `read_permission` for safe methods, `write_permission` for
    POST/PUT/PATCH, `delete_permission` for DELETE (each defaults to the one before it).

    Anonymous callers are refused first (401). Which records a caller sees is the scope's
    business, not this class's.
    """

    read_permission = "core.use_api"
    write_permission: str | None = None
    delete_permission: str | None = None

    def has_permission(self, request, view) -> bool:
        if not is_signed_in(request.user):
            return False
        if request.method in drf_permissions.SAFE_METHODS:
            permission = self.read_permission
        elif request.method == "DELETE":
            permission = self.delete_permission or self.write_permission or self.read_permission
        else:
            permission = self.write_permission or self.read_permission
        allowed = request.user.has_perm(permission)
        if not allowed:
            verb = "delete" if request.method == "DELETE" else "change"
            self.message = f"Only vendor staff can {verb} these records."
        return allowed

    @classmethod
    def writes(cls, write: str, *, delete: str | None = None) -> type["RulePermission"]:
        """A permission class for resources written under `write` (deleted under `delete`)."""
        return type(
            f"Rule_{write.replace('.', '_')}",
            (cls,),
            {"write_permission": write, "delete_permission": delete},
        )
