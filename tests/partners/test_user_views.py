"""The admins' user pages (/users/): who may open them, the confirmation of every destructive
change, form errors naming the field, and the rules shared with the command line."""

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from outward.core.models import Role, User
from tests import factories

pytestmark = pytest.mark.django_db

ACTIONS = ("invite", "deactivate", "reactivate", "delete")


def _pages(world) -> list[str]:
    person = world.user_b.pk
    return [
        reverse("users:list"),
        reverse("users:create"),
        reverse("users:partner_search") + "?q=Acme",
        reverse("users:detail", args=[person]),
        *(reverse(f"users:{action}", args=[person]) for action in ACTIONS),
    ]


@pytest.mark.parametrize("persona", ["manager", "user_a"])
def test_user_pages_are_the_admins_alone(world, client, persona):
    client.force_login(world.persona(persona), backend="django.contrib.auth.backends.ModelBackend")
    answers = {url: client.get(url).status_code for url in _pages(world)}
    posted = client.post(reverse("users:deactivate", args=[world.user_b.pk])).status_code
    assert (set(answers.values()), posted) == ({404}, 404)
    assert User.objects.get(pk=world.user_b.pk).is_active is True


def test_users_menu_entry_for_admins_only(world, login):
    listed = login(world.admin).get(reverse("home")).content.decode()
    assert f'href="{reverse("users:list")}"' in listed
    managed = login(world.manager).get(reverse("home")).content.decode()
    assert f'href="{reverse("users:list")}"' not in managed


def test_list_shows_email_role_partner_state_and_last_login(world, login):
    world.user_b.is_active = False
    world.user_b.save()
    response = login(world.admin).get(reverse("users:list"), {"q": "beta"})
    rows = [
        (p.username, p.get_role_display(), p.partner.partner_id, p.is_active)
        for p in response.context["page"]
    ]
    body = response.content.decode()
    assert rows == [("bob@beta.example", "Partner user", "PB", False)]
    assert ("Deactivated" in body, "Beta Systems" in body, "ann@acme.example" in body) == (
        True,
        True,
        False,
    )


def test_list_filters_by_role_and_state(world, login):
    client = login(world.admin)
    managers = client.get(reverse("users:list"), {"role": "manager"}).context["page"]
    deactivated = client.get(reverse("users:list"), {"state": "deactivated"}).context["page"]
    assert ([u.username for u in managers], list(deactivated)) == (["cam@vendor.example"], [])


def test_list_queries_do_not_grow_with_users(world, login, django_assert_num_queries):
    client = login(world.admin)
    client.get(reverse("users:list"))  # the session and the menu settle first
    with django_assert_num_queries(4):
        client.get(reverse("users:list"))
    for n in range(5):
        factories.UserFactory(
            username=f"p{n}@acme.example", role=Role.PARTNER, partner=world.partner_a
        )
    with django_assert_num_queries(4):
        client.get(reverse("users:list"))


def test_create_a_partner_user_sends_the_invitation(world, login):
    response = login(world.admin).post(
        reverse("users:create"),
        {"email": "Nina@Acme.example", "role": "partner", "partner": "PA", "invite": "on"},
    )
    created = User.objects.get(username="nina@acme.example")
    assert response.url == reverse("users:detail", args=[created.pk])
    assert (created.role, created.partner, created.has_usable_password()) == (
        Role.PARTNER,
        world.partner_a,
        False,
    )
    assert [m.to for m in mail.outbox] == [["nina@acme.example"]]


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"email": "not-an-address", "role": "manager"}, "email", "Enter a valid email address."),
        (
            {"email": "ann@acme.example", "role": "manager"},
            "email",
            "a user ann@acme.example exists already",
        ),
        (
            {"email": "n@acme.example", "role": "partner"},
            "partner",
            "a partner user needs the partner_id of their partner",
        ),
        (
            {"email": "n@acme.example", "role": "partner", "partner": "NOPE"},
            "partner",
            "No such partner: search for it and choose it.",
        ),
        (
            {"email": "n@vendor.example", "role": "manager", "partner": "PA"},
            "partner",
            "only a partner user belongs to a partner",
        ),
        ({"email": "n@vendor.example", "role": "owner"}, "role", None),
    ],
)
def test_create_refuses_bad_input_naming_the_field(world, login, data, field, error):
    response = login(world.admin).post(reverse("users:create"), data)
    errors = response.context["form"].errors
    assert (response.status_code, list(errors)) == (400, [field])
    if error:
        assert errors[field] == [error]
    assert User.objects.count() == 4


def test_deactivation_needs_the_confirmation(world, login):
    client = login(world.admin)
    url = reverse("users:deactivate", args=[world.user_b.pk])
    confirm = client.get(url)
    assert (confirm.status_code, User.objects.get(pk=world.user_b.pk).is_active) == (200, True)
    assert "Deactivate bob@beta.example?" in confirm.content.decode()
    done = client.post(url)
    assert (done.url, User.objects.get(pk=world.user_b.pk).is_active) == (
        reverse("users:detail", args=[world.user_b.pk]),
        False,
    )


def test_deactivation_ends_the_persons_sessions(world, login):
    other = Client()
    other.force_login(world.user_b, backend="django.contrib.auth.backends.ModelBackend")
    login(world.admin).post(reverse("users:deactivate", args=[world.user_b.pk]))
    assert other.get(reverse("home")).status_code == 302
    assert Session.objects.count() == 1  # the admin's own


def test_reactivate_and_invite_after_confirmation(world, login):
    client = login(world.admin)
    world.user_b.is_active = False
    world.user_b.save()
    client.post(reverse("users:reactivate", args=[world.user_b.pk]))
    client.post(reverse("users:invite", args=[world.user_b.pk]))
    assert (User.objects.get(pk=world.user_b.pk).is_active, [m.to for m in mail.outbox]) == (
        True,
        [["bob@beta.example"]],
    )


def test_delete_needs_the_confirmation(world, login):
    client = login(world.admin)
    url = reverse("users:delete", args=[world.user_b.pk])
    assert client.get(url).status_code == 200
    assert User.objects.filter(pk=world.user_b.pk).exists()
    assert client.post(url).url == reverse("users:list")
    assert not User.objects.filter(pk=world.user_b.pk).exists()


@pytest.mark.parametrize("action", ["deactivate", "delete"])
def test_an_admin_cannot_deactivate_or_delete_themself(world, login, action):
    response = login(world.admin).post(reverse(f"users:{action}", args=[world.admin.pk]))
    assert (response.status_code, response.context["error"]) == (
        400,
        f"you cannot {action} your own account; another admin can",
    )
    assert User.objects.get(pk=world.admin.pk).is_active is True


def test_role_change_is_confirmed_before_it_applies(world, login):
    client = login(world.admin)
    url = reverse("users:detail", args=[world.manager.pk])
    asked = client.post(url, {"role": "partner", "partner": "PB"})
    body = asked.content.decode()
    assert (asked.status_code, asked.context["confirming"]) == (200, True)
    assert 'name="confirmed" value="yes"' in body and "Beta Systems" in body
    assert User.objects.get(pk=world.manager.pk).role == Role.MANAGER
    done = client.post(url, {"role": "partner", "partner": "PB", "confirmed": "yes"})
    changed = User.objects.get(pk=world.manager.pk)
    assert (done.status_code, changed.role, changed.partner) == (302, Role.PARTNER, world.partner_b)


def test_an_admin_cannot_demote_themself(world, login):
    response = login(world.admin).post(
        reverse("users:detail", args=[world.admin.pk]), {"role": "manager", "confirmed": "yes"}
    )
    assert (response.status_code, response.context["form"].non_field_errors()) == (
        400,
        ["you cannot take the admin role from your own account; another admin can"],
    )
    assert User.objects.get(pk=world.admin.pk).role == Role.ADMIN


def test_role_change_refuses_a_partner_user_without_partner(world, login):
    response = login(world.admin).post(
        reverse("users:detail", args=[world.manager.pk]), {"role": "partner", "confirmed": "yes"}
    )
    assert (response.status_code, response.context["form"].errors) == (
        400,
        {"partner": ["a partner user needs the partner_id of their partner"]},
    )


def test_missing_user_is_404(world, login):
    client = login(world.admin)
    assert [client.get(reverse(f"users:{a}", args=[987654])).status_code for a in ACTIONS] == [
        404
    ] * 4


def test_create_when_the_mail_fails_keeps_the_user_and_says_so(world, login, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = login(world.admin).post(
        reverse("users:create"),
        {"email": "nina@acme.example", "role": "partner", "partner": "PA", "invite": "on"},
        follow=True,
    )
    [message] = [str(m) for m in response.context["messages"]]
    assert (response.status_code, response.context["person"].username) == (
        200,
        "nina@acme.example",
    )
    assert message.startswith("nina@acme.example created, but the invitation to nina@acme.example")
