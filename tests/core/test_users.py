"""`outward users` and `outward tokens`: the domain functions, the commands, the entry point."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from outward.core.errors import InputError
from outward.core.models import ApiToken, Role, User
from outward.core.tokens import issue_token, list_tokens, revoke_tokens
from outward.partners.users import create_user

TOKEN = re.compile(r"^ow_[A-Za-z0-9_-]{43}$")
OUTWARD = str(Path(sys.executable).with_name("outward"))


def test_create_partner_user(world):
    user = create_user(email="Nina@Acme.example", role="partner", partner_id="PA")

    assert (user.username, user.email, user.role, user.partner) == (
        "nina@acme.example",
        "nina@acme.example",
        Role.PARTNER,
        world.partner_a,
    )
    assert not user.has_usable_password()


def test_create_admin_with_password(db):
    user = create_user(email="boss@vendor.example", role="admin", password="a long passphrase 42")

    assert (user.is_staff, user.is_superuser, user.partner) == (True, True, None)
    assert user.check_password("a long passphrase 42")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": "partner"}, "--partner: a partner user needs the partner_id of their partner"),
        ({"role": "partner", "partner_id": "NOPE"}, "--partner: no partner 'NOPE'"),
        (
            {"role": "manager", "partner_id": "PA"},
            "--partner: only a partner user belongs to a partner",
        ),
        ({"role": "owner"}, "role: 'owner' is not one of admin, manager, partner"),
        (
            {"role": "manager", "email": "not-an-email"},
            "email: 'not-an-email' is not an email address",
        ),
        (
            {"role": "manager", "email": "cam@vendor.example"},
            "email: a user cam@vendor.example exists already",
        ),
        ({"role": "manager", "password": "123"}, "password: "),
    ],
)
def test_create_user_bad_input(world, kwargs, message):
    kwargs = {"email": "new@vendor.example", **kwargs}
    before = User.objects.count()

    with pytest.raises(InputError) as raised:
        create_user(**kwargs)

    assert str(raised.value).startswith(message)
    assert User.objects.count() == before


def test_users_command_reads_password_from_stdin(world, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long passphrase 42\n"))

    call_command(
        "users",
        "create",
        "nina@acme.example",
        "--role",
        "partner",
        "--partner",
        "PA",
        "--password-stdin",
    )

    assert capsys.readouterr().out == "created partner nina@acme.example\n"
    user = User.objects.get(username="nina@acme.example")
    assert (user.partner, user.role) == (world.partner_a, "partner")
    assert user.check_password("a long passphrase 42")


def test_users_command_bad_input_is_exit_2(world):
    with pytest.raises(CommandError) as raised:
        call_command("users", "create", "nina@acme.example", "--role", "partner")

    assert raised.value.returncode == 2
    assert str(raised.value) == "--partner: a partner user needs the partner_id of their partner"


def test_tokens_create_prints_token_alone(world, capsys):
    call_command("tokens", "create", world.user_a.email)

    out = capsys.readouterr().out
    assert out.count("\n") == 1
    raw = out.strip()
    assert TOKEN.match(raw)
    assert list(ApiToken.objects.filter(user=world.user_a).values_list("prefix", flat=True)) == [
        raw[3:11]
    ]


def test_tokens_list_and_revoke(world, capsys):
    first = issue_token(email=world.manager.email)
    second = issue_token(email=world.manager.email)

    call_command("tokens", "revoke", world.manager.email, "--prefix", first[3:11])
    call_command("tokens", "list", world.manager.email)

    out = capsys.readouterr().out.splitlines()
    assert out[0] == "revoked 1 token(s)"
    assert [(line.split("\t")[0], line.split("\t")[2]) for line in out[1:]] == [
        (first[3:11], "revoked"),
        (second[3:11], "active"),
    ]
    assert [t.revoked_at is None for t in list_tokens(email=world.manager.email)] == [False, True]
    assert revoke_tokens(email=world.manager.email) == 1


def test_tokens_for_unknown_user_is_exit_2(db):
    with pytest.raises(CommandError) as raised:
        call_command("tokens", "create", "nobody@vendor.example")

    assert raised.value.returncode == 2
    assert str(raised.value) == "email: no user 'nobody@vendor.example'"


@pytest.fixture(scope="module")
def migrated_db(tmp_path_factory):
    """A real database file for the `outward` entry point (the test database is in memory)."""
    path = tmp_path_factory.mktemp("cli") / "outward.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([OUTWARD, "migrate", "-v0"], env=env, check=True, timeout=300)
    return env


def outward(env: dict, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [OUTWARD, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_entry_point_creates_user_and_token(migrated_db):
    created = outward(
        migrated_db,
        "users",
        "create",
        "ops@vendor.example",
        "--role",
        "manager",
        "--password-stdin",
        stdin="a long passphrase 42\n",
    )
    token = outward(migrated_db, "tokens", "create", "ops@vendor.example")

    assert (created.returncode, created.stdout) == (0, "created manager ops@vendor.example\n")
    assert token.returncode == 0
    assert TOKEN.match(token.stdout.rstrip("\n"))
    assert token.stdout.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["users", "create", "p@acme.example", "--role", "partner"],
            "--partner: a partner user needs the partner_id of their partner",
        ),
        (
            ["users", "create", "p@acme.example", "--role", "partner", "--partner", "NOPE"],
            "--partner: no partner 'NOPE'",
        ),
        (["tokens", "create", "nobody@vendor.example"], "email: no user 'nobody@vendor.example'"),
        (["users", "create", "p@acme.example", "--role", "owner"], "invalid choice: 'owner'"),
    ],
)
def test_entry_point_bad_input_is_exit_2(migrated_db, args, message):
    result = outward(migrated_db, *args)

    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_token_prefixes_never_read_as_an_option(world, monkeypatch):
    drawn = iter(["-starts-with-a-dash-" + "x" * 20, "fine-" + "y" * 30])
    monkeypatch.setattr("outward.core.models.secrets.token_urlsafe", lambda n: next(drawn))

    token, raw = ApiToken.issue(world.manager)

    assert (token.prefix, raw) == ("fine-yyy", "ow_fine-" + "y" * 30)
