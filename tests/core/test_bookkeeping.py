"""A log-in's time and a token's last use never wait for another writer's SQLite lock."""

import datetime as dt
import sqlite3

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from outward.core import api_auth, bookkeeping
from outward.core.models import ApiToken
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_database(tmp_path):
    """A second SQLite database in a file (the test database is in memory, which no other
    connection can lock), with a table to write, and a way to hold its write lock."""
    path = tmp_path / "busy.sqlite3"
    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE seen (id INTEGER PRIMARY KEY, at TEXT)")
    setup.execute("INSERT INTO seen VALUES (1, 'never')")
    setup.close()
    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias="busy")
    yield path, wrapper
    wrapper.close()


def _write(wrapper, value: str):
    return lambda: wrapper.cursor().execute("UPDATE seen SET at = %s WHERE id = 1", [value])


def _stored(path) -> str:
    with sqlite3.connect(path) as reader:
        return reader.execute("SELECT at FROM seen").fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single writer")
def test_a_write_is_skipped_at_once_while_another_holds_the_lock(file_database):
    path, wrapper = file_database
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = timezone.now()
    try:
        written = bookkeeping.write_if_unlocked(_write(wrapper, "busy"), "a test", using=wrapper)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    waited = timezone.now() - started
    assert (written, _stored(path)) == (False, "never")
    assert waited < dt.timedelta(seconds=1)
    # the connection waits for the lock again as configured, and writes once it is free
    timeout = wrapper.connection.execute("PRAGMA busy_timeout").fetchone()[0]
    assert timeout == connection.settings_dict["OPTIONS"]["timeout"] * 1000
    assert bookkeeping.write_if_unlocked(_write(wrapper, "free"), "a test", using=wrapper)
    assert _stored(path) == "free"


def test_a_log_in_records_its_time(world):
    client = Client()
    response = client.post(
        reverse("login"), {"username": world.manager.username, "password": PASSWORD}
    )
    world.manager.refresh_from_db()
    assert response.status_code == 302
    assert timezone.now() - world.manager.last_login < dt.timedelta(minutes=1)


def test_a_log_in_succeeds_when_its_time_cannot_be_recorded(world, monkeypatch):
    monkeypatch.setattr(bookkeeping, "write_if_unlocked", lambda write, what, **kw: False)
    client = Client()
    response = client.post(
        reverse("login"), {"username": world.manager.username, "password": PASSWORD}
    )
    world.manager.refresh_from_db()
    assert (response.status_code, world.manager.last_login) == (302, None)
    assert client.get(reverse("home")).status_code == 200


def test_a_token_call_succeeds_when_its_use_cannot_be_recorded(world, monkeypatch):
    monkeypatch.setattr(api_auth, "write_if_unlocked", lambda write, what, **kw: False)
    token, raw = ApiToken.issue(world.admin)
    response = Client().get("/api/v1/deals/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    token.refresh_from_db()
    assert (response.status_code, token.last_used_at) == (200, None)
