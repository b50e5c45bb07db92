"""Account lifecycle: the rules shared by the command line, the user pages and the tests.

Functions that change an account take `by`, the admin doing it on a page (None: the operator
at the command line), so that nobody locks themself out: an admin cannot deactivate, delete or
demote their own account.
"""

import logging

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from outward.core.errors import InputError
from outward.core.login import account_tokens
from outward.core.models import ApiToken, Role, User
from outward.partners.models import Partner

log = logging.getLogger(__name__)


class Refused(InputError):
    """A refusal about one argument. The message names it as the command line spells it
    ("--partner: …"); a page shows `text` beside its form field `field` ("partner")."""

    def __init__(self, argument: str, text: str):
        self.field, self.text = argument.lstrip("-"), text
        super().__init__(f"{argument}: {text}", errors=[(self.field, text)])


def create_user(
    *,
    email: str,
    role: str,
    partner_id: str | None = None,
    password: str | None = None,
    invite: bool = False,
    base_url: str | None = None,
) -> User:
    """A new login for vendor staff or for a partner's employee (who needs `partner_id`).

    Without a password the person cannot sign in until they choose one; with `invite` they
    are e-mailed a link to do so (`send_invitation`)."""
    user = _create_user(email=email, role=role, partner_id=partner_id, password=password)
    if invite and not password:
        send_invitation(email=user.username, base_url=base_url)
    return user


@transaction.atomic
def _create_user(*, email: str, role: str, partner_id: str | None, password: str | None) -> User:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise Refused("email", f"{email!r} is not an email address") from exc
    if User.objects.filter(username=email).exists():
        raise Refused("email", f"a user {email} exists already")
    partner = _partner_for(role, partner_id)

    user = User(username=email, email=email, role=role, partner=partner)
    _give_role(user, role)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise Refused("password", " ".join(exc.messages)) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def _partner_for(role: str, partner_id: str | None) -> Partner | None:
    if role not in Role.values:
        raise Refused("role", f"{role!r} is not one of {', '.join(Role.values)}")
    if role != Role.PARTNER:
        if partner_id:
            raise Refused("--partner", "only a partner user belongs to a partner")
        return None
    if not partner_id:
        raise Refused("--partner", "a partner user needs the partner_id of their partner")
    partner = Partner.objects.filter(partner_id=partner_id).first()
    if partner is None:
        raise Refused("--partner", f"no partner {partner_id!r}")
    return partner


def _give_role(user: User, role: str) -> None:
    user.role = role
    user.is_staff = user.is_superuser = role == Role.ADMIN


def access_user(email: str) -> User:
    """The login with this e-mail address (any case), or a message naming it."""
    user = User.objects.filter(username__iexact=email.strip()).order_by("pk").first()
    if user is None:
        raise Refused("email", f"no user {email.strip().lower()}")
    return user


def list_users():
    """Every login, by e-mail address, with its partner."""
    return User.objects.select_related("partner").order_by("username")


def search_users(*, text: str = "", role: str = "", state: str = ""):
    """Logins whose e-mail address or partner (name or key) contains `text`, of a role and a
    state ("active" or "deactivated"; empty: any), by e-mail address."""
    users = list_users()
    text = text.strip()
    if text:
        users = users.filter(
            Q(username__icontains=text)
            | Q(partner__name__icontains=text)
            | Q(partner__partner_id__icontains=text)
        )
    if role:
        users = users.filter(role=role)
    if state:
        users = users.filter(is_active=state == "active")
    return users


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


class InvitationFailed(Refused):
    """The mail server refused or could not be reached; the account itself is unchanged."""


def _not_oneself(user: User, by: User | None, doing: str) -> None:
    if by is not None and by.pk == user.pk:
        raise Refused("email", f"you cannot {doing} your own account; another admin can")


def invitation_link(user: User, *, base_url: str | None = None) -> str:
    """The absolute address where the person chooses their password (valid a few days)."""
    base_url = (base_url or settings.OUTWARD_BASE_URL).rstrip("/")
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": account_tokens.make_token(user),
        },
    )
    return base_url + path


def send_invitation(*, email: str, base_url: str | None = None) -> User:
    """E-mail the person a link to choose their password (again, if they had one)."""
    user = access_user(email)
    if not user.is_active:
        raise Refused("email", f"{user.username} is deactivated; reactivate them first")
    if not user.email:
        raise Refused("email", f"{user.username} has no e-mail address to send to")
    context = {
        "user": user,
        "link": invitation_link(user, base_url=base_url),
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    try:
        send_mail(
            subject="Your Outward account: choose a password",
            message=render_to_string("partners/email/invitation.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    except Exception as exc:  # SMTP refusals, an unreachable host, a misconfigured backend
        log.exception("Could not send the invitation to %s", user.email)
        raise InvitationFailed(
            "email",
            f"the invitation to {user.email} could not be sent ({exc}); "
            "check the mail settings, then send it again",
        ) from exc
    return user


@transaction.atomic
def deactivate_user(*, email: str, by: User | None = None) -> User:
    """The person can no longer log in: their tokens are revoked, their sessions ended and
    their set-password links void."""
    user = access_user(email)
    _not_oneself(user, by, "deactivate")
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
def set_role(
    *, email: str, role: str, partner_id: str | None = None, by: User | None = None
) -> User:
    """Change what the person may see and do; their sessions end so the change applies now."""
    user = access_user(email)
    if role != Role.ADMIN:
        _not_oneself(user, by, "take the admin role from")
    user.partner = _partner_for(role, partner_id)
    _give_role(user, role)
    user.save(update_fields=["role", "partner", "is_staff", "is_superuser"])
    _sign_out(user)
    return user


@transaction.atomic
def delete_user(*, email: str, by: User | None = None) -> str:
    """Remove the login for good (records they changed keep their history, without them)."""
    user = access_user(email)
    _not_oneself(user, by, "delete")
    _sign_out(user)
    try:
        user.delete()
    except ProtectedError as exc:
        raise Refused(
            "email", f"{user.username} is still referenced; deactivate the user instead"
        ) from exc
    return user.username
