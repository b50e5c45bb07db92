"""Logging in behind a reverse proxy: who the client is, its user name, reset throttling.

django-axes locks a user name from a client address after repeated failures. Behind the proxy
the README recommends every request comes from the proxy's address, so the address is read
from `X-Forwarded-For` past the `OUTWARD_TRUSTED_PROXIES` proxies in front (each appends the
address it saw; what lies further left is the client's own claim and is ignored). User names
are e-mail addresses, compared without case, so `Cam@…` and `cam@…` are one account and one
lockout.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.cache import cache
from django.http import HttpResponseRedirect

RESET_WINDOW = 3600  # seconds over which password-reset requests are counted


def client_address(request) -> str:
    """The client's address, as the nearest trusted proxy saw it (AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.OUTWARD_TRUSTED_PROXIES
    if not proxies:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [address.strip() for address in header.split(",") if address.strip()]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def login_username(request, credentials: dict | None = None) -> str:
    """The user name tried, lower-cased (AXES_USERNAME_CALLABLE)."""
    source = credentials if credentials else getattr(request, "data", request.POST)
    return (source.get("username") or "").strip().lower()


def _allowed(key: str, limit: int) -> bool:
    """Count one request under `key`; False once more than `limit` came within the window."""
    cache.add(key, 0, RESET_WINDOW)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RESET_WINDOW)
        return True


class ActiveAccountTokenGenerator(PasswordResetTokenGenerator):
    """Set-password links (reset and invitation) that hold only while the account is active.

    Django's own generator ignores the state, so a deactivated person could still choose a
    password with a link mailed earlier; here the link fails as long as they are deactivated.
    """

    def check_token(self, user, token) -> bool:
        return bool(user is not None and user.is_active and super().check_token(user, token))


account_tokens = ActiveAccountTokenGenerator()


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, sending at most a few mails per account and per address an hour.

    A throttled request answers exactly like a sent one, so it tells nothing about accounts.
    """

    token_generator = account_tokens

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        by_account = _allowed(f"reset:account:{email}", settings.OUTWARD_RESET_PER_ACCOUNT)
        by_address = _allowed(
            f"reset:address:{client_address(self.request)}", settings.OUTWARD_RESET_PER_ADDRESS
        )
        if by_account and by_address:
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's set-password page, for the links of resets and invitations alike."""

    token_generator = account_tokens
