"""Creating logins: the rules shared by the command line, the pages and the tests."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from outward.core.errors import InputError
from outward.core.models import Role, User
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
