"""API authentication: Bearer tokens and the browser session."""

import datetime as dt

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from outward.core.bookkeeping import write_if_unlocked
from outward.core.models import ApiToken, hash_token

# A token's last use is recorded at most this often, and only when SQLite's write lock is free
# (core/bookkeeping.py): one write per call would contend with long imports for the lock.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def bearer_token(header: str) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header (scheme case-insensitive), or None."""
    scheme, _, raw = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return raw.strip()


def user_for_bearer_header(header: str):
    """The active user a `Bearer TOKEN` header names, or None (no header, unknown or revoked)."""
    raw = bearer_token(header)
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        write_if_unlocked(
            lambda: ApiToken.objects.filter(pk=token.pk).update(last_used_at=now), "a token's use"
        )
    return token.user


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        if bearer_token(header) is None:
            return None
        # The tenancy middleware resolved the token already, so the scope and the user agree.
        user = getattr(request._request, "bearer_user", None)
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        return (user, None)

    def authenticate_header(self, request):
        return self.keyword


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser session, with CSRF, for the pages' own calls."""


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `outward tokens create EMAIL`.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = SessionAuthentication
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
