"""Creating users and API tokens: the rules shared by the CLI, the admin and the tests."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from outward.core.errors import InputError
from outward.core.models import ApiToken, Role, User
from outward.partners.models import Partner


@transaction.atomic
def create_user(
    *, email: str, role: str, partner_id: str | None = None, password: str | None = None
) -> User:
    """A new login for vendor staff or for a partner's employee (who needs `partner_id`)."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InputError(f"email: {email!r} is not an email address") from exc
    if role not in Role.values:
        raise InputError(f"role: {role!r} is not one of {', '.join(Role.values)}")
    if User.objects.filter(username=email).exists():
        raise InputError(f"email: a user {email} exists already")
    partner = None
    if role == Role.PARTNER:
        if not partner_id:
            raise InputError("--partner: a partner user needs the partner_id of their partner")
        partner = Partner.objects.filter(partner_id=partner_id).first()
        if partner is None:
            raise InputError(f"--partner: no partner {partner_id!r}")
    elif partner_id:
        raise InputError("--partner: only a partner user belongs to a partner")
    user = User(username=email, email=email, role=role, partner=partner)
    user.is_staff = role == Role.ADMIN
    user.is_superuser = role == Role.ADMIN
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise InputError("password: " + " ".join(exc.messages)) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


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
