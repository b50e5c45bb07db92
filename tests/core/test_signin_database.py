"""On SQLite, sessions and log-in attempts live in their own file: a log-in never waits for an
import's write lock on the main one (core/routers.py)."""

import os
import sqlite3
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connections, router

from outward.partners.models import Partner
from tests.core.test_commands import run_outward

sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="PostgreSQL keeps everything in one database",
)

# Run by `outward shell`: log in through the whole stack, then try a write to the main file.
LOG_IN = """
import time
from django.db import OperationalError
from django.test import Client
from outward.partners.models import Partner
started = time.monotonic()
credentials = {"username": "ann@vendor.example", "password": "a long pass phrase 42"}
answer = Client().post("/login/", credentials)
print("login", answer.status_code, round(time.monotonic() - started, 1))
try:
    Partner.objects.create(partner_id="P9", name="Written")
except OperationalError as exc:
    print("write", exc)
"""


@sqlite_only
def test_sessions_and_log_in_attempts_are_routed_to_the_signin_file(db):
    assert (router.db_for_write(Session), router.db_for_write(AccessAttempt)) == ("signin",) * 2
    assert router.db_for_write(Partner) == "default"
    assert "django_session" not in connections["default"].introspection.table_names()
    assert "partners_partner" not in connections["signin"].introspection.table_names()


@sqlite_only
def test_a_log_in_does_not_wait_while_an_import_holds_the_write_lock(tmp_path):
    env = {"OUTWARD_SQLITE_TIMEOUT": "2", "OUTWARD_HOME": str(tmp_path)}
    assert run_outward("migrate", "--noinput", tmp_path=tmp_path, **env).returncode == 0
    assert (tmp_path / "cli-signin.sqlite3").exists()
    created = subprocess.run(
        [sys.executable, "-m", "outward", "users", "create", "ann@vendor.example"]
        + ["--role", "manager", "--password-stdin"],
        input="a long pass phrase 42\n",
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", **env},
        check=False,
    )
    assert created.returncode == 0, created.stderr

    holder = sqlite3.connect(tmp_path / "cli.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # as an import's transaction does
    try:
        result = run_outward("shell", "-c", LOG_IN, tmp_path=tmp_path, **env)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    said = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    status, seconds = said["login"].split()
    assert (status, said["write"]) == ("302", "database is locked"), result.stderr
    assert float(seconds) < 1.0  # it did not wait out the 2-second timeout
