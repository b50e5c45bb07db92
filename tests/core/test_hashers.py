"""Passwords are hashed with Argon2id at OWASP's parameters; older hashes are upgraded."""

import pytest
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
    check_password,
    make_password,
)
from django.test import Client
from django.urls import reverse

from outward import settings as outward_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_hashers(settings):
    settings.PASSWORD_HASHERS = outward_settings.PASSWORD_HASHERS  # tests use a fast one


def test_new_passwords_are_argon2id_with_19_mib_two_passes_one_lane(real_hashers):
    encoded = make_password("outward-demo")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("outward-demo", encoded)
    assert not check_password("outward-demo!", encoded)


@pytest.mark.parametrize(
    "hasher",
    ["pbkdf2_sha256", "argon2"],  # Django's PBKDF2, and Argon2 at Django's own parameters
)
def test_an_older_hash_logs_in_and_is_rehashed(real_hashers, world, hasher):
    older = {"pbkdf2_sha256": PBKDF2PasswordHasher, "argon2": Argon2PasswordHasher}[hasher]()
    world.manager.password = older.encode("outward-demo", older.salt())
    world.manager.save(update_fields=["password"])
    response = Client().post(
        reverse("login"), {"username": world.manager.username, "password": "outward-demo"}
    )
    world.manager.refresh_from_db()
    assert response.status_code == 302
    assert world.manager.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
