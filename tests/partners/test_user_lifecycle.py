"""`outward users list|deactivate|reactivate|set-role|delete`: accounts beyond creation."""

import io

import pytest
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from outward.core.models import ApiToken, Role, User

pytestmark = pytest.mark.django_db


def _users(*args) -> str:
    out = io.StringIO()
    call_command("users", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_list_shows_role_partner_and_state(world):
    lines = _users("list").splitlines()
    assert lines == [
        "admin@vendor.example\tadmin\t-\tactive",
        "ann@acme.example\tpartner\tPA\tactive",
        "bob@beta.example\tpartner\tPB\tactive",
        "cam@vendor.example\tmanager\t-\tactive",
    ]


def test_deactivation_revokes_tokens_and_ends_sessions(world, client):
    _, raw = ApiToken.issue(world.user_a)
    client.force_login(world.user_a, backend="django.contrib.auth.backends.ModelBackend")
    other = APIClient()
    other.force_login(world.user_b)
    assert _users("deactivate", "Ann@Acme.example") == (
        "deactivated ann@acme.example; their tokens and sessions ended\n"
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert (api.get("/api/v1/deals/").status_code, client.get("/").status_code) == (401, 302)
    assert (Session.objects.count(), User.objects.get(pk=world.user_a.pk).is_active) == (1, False)
    assert _users("reactivate", "ann@acme.example") == "reactivated ann@acme.example\n"
    assert User.objects.get(pk=world.user_a.pk).is_active is True


def test_set_role_moves_a_manager_to_a_partner(world):
    assert _users("set-role", "cam@vendor.example", "--role", "partner", "--partner", "PB") == (
        "cam@vendor.example is now partner\n"
    )
    user = User.objects.get(username="cam@vendor.example")
    assert (user.role, user.partner, user.is_staff) == (Role.PARTNER, world.partner_b, False)


def test_set_role_partner_without_partner_is_refused(world):
    with pytest.raises(CommandError) as failure:
        _users("set-role", "cam@vendor.example", "--role", "partner")
    assert (failure.value.returncode, str(failure.value)) == (
        2,
        "--partner: a partner user needs the partner_id of their partner",
    )


def test_delete_removes_the_login(world):
    assert _users("delete", "bob@beta.example") == "deleted bob@beta.example\n"
    assert not User.objects.filter(username="bob@beta.example").exists()


def test_unknown_user_is_named(world):
    with pytest.raises(CommandError) as failure:
        _users("deactivate", "nobody@x.example")
    assert (failure.value.returncode, str(failure.value)) == (2, "email: no user nobody@x.example")
