"""API tokens of a user: issued once, stored hashed, revocable."""

from outward.core.errors import InputError
from outward.core.models import ApiToken, User


def _user_by_email(email: str) -> User:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise InputError(f"email: no user {email!r}")
    return user


def issue_token(*, email: str) -> str:
    """A new API token for the user; only its hash is stored, the raw value is returned once."""
    _, raw = ApiToken.issue(_user_by_email(email))
    return raw


def list_tokens(*, email: str) -> list[ApiToken]:
    return list(_user_by_email(email).api_tokens.order_by("created_at"))


def revoke_tokens(*, email: str, prefix: str | None = None) -> int:
    tokens = _user_by_email(email).api_tokens.filter(revoked_at__isnull=True)
    if prefix:
        tokens = tokens.filter(prefix__startswith=prefix)
    count = 0
    for token in tokens:
        token.revoke()
        count += 1
    return count
