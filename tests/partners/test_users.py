"""partners/users.py: nobody locks themself out, set-password invitations, and the links of
deactivated accounts; `outward users create|invite` around them."""

import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from outward.core.errors import InputError
from outward.core.models import Role, User
from outward.partners import users

pytestmark = pytest.mark.django_db

LINK = re.compile(r"^(https?://\S+)/reset/(\S+)/(\S+)/$", re.MULTILINE)


def _link(message) -> tuple[str, str]:
    """The base and the path of the set-password link in a mail."""
    found = LINK.search(message.body)
    assert found, message.body
    base, uid, token = found.groups()
    return base, f"/reset/{uid}/{token}/"


def _choose_password(path: str, password: str = "a long pass phrase 42") -> Client:
    """Follow a set-password link as the person would; the client ends on the last page."""
    client = Client()
    opened = client.get(path, follow=True)
    assert opened.context["validlink"] is True
    form_path = opened.redirect_chain[-1][0]
    chosen = client.post(form_path, {"new_password1": password, "new_password2": password})
    assert chosen.status_code == 302
    return client


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda admin: users.deactivate_user(email=admin.username, by=admin),
            "email: you cannot deactivate your own account; another admin can",
        ),
        (
            lambda admin: users.delete_user(email=admin.username, by=admin),
            "email: you cannot delete your own account; another admin can",
        ),
        (
            lambda admin: users.set_role(email=admin.username, role=Role.MANAGER, by=admin),
            "email: you cannot take the admin role from your own account; another admin can",
        ),
    ],
)
def test_an_admin_cannot_lock_themself_out(world, change, message):
    with pytest.raises(InputError) as refused:
        change(world.admin)
    admin = User.objects.get(pk=world.admin.pk)
    assert (str(refused.value), admin.is_active, admin.role) == (message, True, Role.ADMIN)


def test_another_admin_may_deactivate_delete_and_demote(world):
    other = users.create_user(email="ops@vendor.example", role=Role.ADMIN)
    users.set_role(email=other.username, role=Role.MANAGER, by=world.admin)
    users.deactivate_user(email=other.username, by=world.admin)
    other.refresh_from_db()
    assert (other.role, other.is_active) == (Role.MANAGER, False)
    assert users.delete_user(email=other.username, by=world.admin) == "ops@vendor.example"
    assert not User.objects.filter(pk=other.pk).exists()


def test_an_admin_may_keep_their_own_admin_role(world):
    assert users.set_role(email=world.admin.username, role=Role.ADMIN, by=world.admin).role == (
        Role.ADMIN
    )


def test_invitation_link_lets_the_person_choose_a_password(world, settings):
    settings.OUTWARD_BASE_URL = "https://prm.vendor.example/"
    created = users.create_user(
        email="Nina@Acme.example", role=Role.PARTNER, partner_id="PA", invite=True
    )
    assert created.has_usable_password() is False
    [message] = mail.outbox
    base, path = _link(message)
    assert (message.to, message.subject, base) == (
        ["nina@acme.example"],
        "Your Outward account: choose a password",
        "https://prm.vendor.example",
    )
    _choose_password(path)
    assert User.objects.get(pk=created.pk).check_password("a long pass phrase 42")
    assert Client().get(path, follow=True).context["validlink"] is False  # used once


def test_no_invitation_with_a_password_or_without_invite(world):
    users.create_user(
        email="p@vendor.example", role=Role.MANAGER, password="a long pass phrase 42", invite=True
    )
    users.create_user(email="q@vendor.example", role=Role.MANAGER)
    assert mail.outbox == []


def test_invitation_link_fails_once_the_account_is_deactivated(world):
    users.send_invitation(email=world.user_a.username)
    _, path = _link(mail.outbox[0])
    users.deactivate_user(email=world.user_a.username)
    opened = Client().get(path, follow=True)
    assert (opened.context["validlink"], "This link no longer works" in opened.text) == (
        False,
        True,
    )


def test_reset_link_fails_once_the_account_is_deactivated(world):
    client = Client()
    client.post(reverse("password_reset"), {"email": world.manager.email})
    [message] = mail.outbox
    _, path = _link(message)
    users.deactivate_user(email=world.manager.username)
    assert Client().get(path, follow=True).context["validlink"] is False
    users.reactivate_user(email=world.manager.username)
    _choose_password(path)  # valid again once the account is: it was never used


def test_no_invitation_to_a_deactivated_account(world):
    users.deactivate_user(email=world.user_b.username)
    with pytest.raises(InputError) as refused:
        users.send_invitation(email=world.user_b.username)
    assert (str(refused.value), mail.outbox) == (
        "email: bob@beta.example is deactivated; reactivate them first",
        [],
    )


def _users(*args) -> str:
    out = io.StringIO()
    call_command("users", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_cli_create_without_password_sends_the_invitation(world):
    assert _users("create", "nina@acme.example", "--role", "partner", "--partner", "PA") == (
        "created partner nina@acme.example; invitation sent\n"
    )
    assert [m.to for m in mail.outbox] == [["nina@acme.example"]]


def test_cli_create_no_invite_sends_nothing(world):
    assert _users("create", "ops@vendor.example", "--role", "manager", "--no-invite") == (
        "created manager ops@vendor.example\n"
    )
    assert (mail.outbox, User.objects.get(username="ops@vendor.example").is_active) == ([], True)


def test_cli_invite_sends_the_invitation_again(world):
    assert _users("invite", "Ann@Acme.example") == "invitation sent to ann@acme.example\n"
    assert _users("invite", "ann@acme.example") == "invitation sent to ann@acme.example\n"
    first, second = (_link(m)[1] for m in mail.outbox)
    assert [m.to for m in mail.outbox] == [["ann@acme.example"]] * 2
    _choose_password(second)


def test_cli_invite_refuses_a_deactivated_user(world):
    _users("deactivate", "bob@beta.example")
    with pytest.raises(CommandError) as failure:
        _users("invite", "bob@beta.example")
    assert (failure.value.returncode, str(failure.value), mail.outbox) == (
        2,
        "email: bob@beta.example is deactivated; reactivate them first",
        [],
    )


@pytest.fixture
def unreachable_mail(settings):
    """A real SMTP backend pointed at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2


def test_a_failed_invitation_is_an_error_naming_it_and_keeps_the_account(world, unreachable_mail):
    with pytest.raises(users.InvitationFailed) as failed:
        users.create_user(
            email="nina@acme.example", role=Role.PARTNER, partner_id="PA", invite=True
        )
    assert str(failed.value).startswith(
        "email: the invitation to nina@acme.example could not be sent ("
    )
    assert User.objects.filter(username="nina@acme.example").exists()


def test_a_refusal_names_the_argument_for_the_command_line_and_the_field_for_the_pages(world):
    with pytest.raises(users.Refused) as refused:
        users.create_user(email="nina@vendor.example", role=Role.PARTNER, partner_id="NOPE")
    assert (str(refused.value), refused.value.field, refused.value.text) == (
        "--partner: no partner 'NOPE'",
        "partner",
        "no partner 'NOPE'",
    )
    assert not User.objects.filter(username="nina@vendor.example").exists()
