"""Creating logins: the rules shared by the command line, the pages and the tests."""

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

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
    partner = _partner_for(role, partner_id)

    user = User(username=email, email=email, role=role, partner=partner)
    _give_role(user, role)
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


def _partner_for(role: str, partner_id: str | None) -> Partner | None:
    if role not in Role.values:
        raise InputError(f"role: {role!r} is not one of {', '.join(Role.values)}")
    if role != Role.PARTNER:
        if partner_id:
            raise InputError("--partner: only a partner user belongs to a partner")
        return None
    if not partner_id:
        raise InputError("--partner: a partner user needs the partner_id of their partner")
    partner = Partner.objects.filter(partner_id=partner_id).first()
    if partner is None:
        raise InputError(f"--partner: no partner {partner_id!r}")
    return partner


def _give_role(user: User, role: str) -> None:
    user.role = role
    user.is_staff = user.is_superuser = role == Role.ADMIN


def access_user(email: str) -> User:
    """The login with this e-mail address (any case), or a message naming it."""
    user = User.objects.filter(username__iexact=email.strip()).order_by("pk").first()
    if user is None:
        raise InputError(f"email: no user {email.strip().lower()}")
    return user


def list_users():
    """Every login, by e-mail address, with its partner."""
    return User.objects.select_related("partner").order_by("username")


def _sign_out(user: User) -> int:
    """Revoke the user's API tokens and end their sessions; how many of each went."""
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return tokens + len(ended)


@transaction.atomic
def deactivate_user(*, email: str) -> User:
    """The person can no longer log in: their tokens are revoked and their sessions ended."""
    user = access_user(email)
    user.is_active = False
    user.save(update_fields=["is_active"])
    _sign_out(user)
    return user


@transaction.atomic
def reactivate_user(*, email: str) -> User:
    """The person can log in again (with new tokens; revoked ones stay revoked)."""
    user = access_user(email)
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def set_role(*, email: str, role: str, partner_id: str | None = None) -> User:
    """Change what the person may see and do; their sessions end so the change applies now."""
    user = access_user(email)
    user.partner = _partner_for(role, partner_id)
    _give_role(user, role)
    user.save(update_fields=["role", "partner", "is_staff", "is_superuser"])
    _sign_out(user)
    return user


@transaction.atomic
def delete_user(*, email: str) -> str:
    """Remove the login for good (records they changed keep their history, without them)."""
    user = access_user(email)
    _sign_out(user)
    try:
        user.delete()
    except ProtectedError as exc:
        raise InputError(
            f"email: {user.username} is still referenced; deactivate the user instead"
        ) from exc
    return user.username
