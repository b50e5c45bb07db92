"""SQLite under load: one import at a time, and a request that cannot get the lock is a 503."""

import io
import re
import sqlite3

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import get_resolver

from outward.exchange.domain.locking import import_lock
from outward.sales.models import Deal

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's own locking",
)


@sqlite_only
def test_second_import_says_since_when_another_runs_and_exits_2(world, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text("deal_id,partner_id,amount,stage,close_date\nDN,PA,5,open,2026-02-01\n")
    with import_lock("accounts"), pytest.raises(CommandError) as failure:
        call_command("import", "deals", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    message = str(failure.value).replace(str(path), "FILE")
    message = re.sub(r"process \d+", "process PID", message)
    message = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", "TIME", message)
    assert (failure.value.returncode, message) == (
        2,
        "FILE: another import is running since TIME UTC (accounts, process PID); "
        "try again when it has finished",
    )
    assert not Deal.objects.filter(deal_id="DN").exists()


@sqlite_only
def test_import_runs_once_the_other_has_finished(world, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text("deal_id,partner_id,amount,stage,close_date\nDN,PA,5,open,2026-02-01\n")
    with import_lock("accounts"):
        pass
    call_command("import", "deals", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Deal.objects.filter(deal_id="DN").exists()


@sqlite_only
def test_sqlite_waits_for_the_lock_with_a_timeout_in_immediate_mode(db):
    options = connection.settings_dict["OPTIONS"]
    assert (options["timeout"], options["transaction_mode"]) == (10, "IMMEDIATE")


def _locked(tmp_path) -> OperationalError:
    """The real "database is locked" of a writer that waited for another's lock."""
    holder = sqlite3.connect(tmp_path / "busy.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waiter = sqlite3.connect(tmp_path / "busy.sqlite3", timeout=0.05, isolation_level=None)
    try:
        waiter.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        return OperationalError(*exc.args)
    finally:
        holder.close()
        waiter.close()
    raise AssertionError("the second writer got the lock")


@pytest.mark.parametrize(
    ("path", "content_type", "text"),
    [
        ("/partners/", "text/html; charset=utf-8", "Outward is busy"),
        ("/api/v1/deals/", "application/json", "The database is busy"),
    ],
)
def test_request_that_cannot_get_the_lock_is_a_503_with_retry_after(
    db, tmp_path, path, content_type, text
):
    handler = get_resolver().resolve_error_handler(500)
    try:
        raise _locked(tmp_path)
    except OperationalError:
        response = handler(RequestFactory().get(path))
    assert (
        response.status_code,
        response["Retry-After"],
        response["Content-Type"],
        text in response.content.decode(),
    ) == (503, "5", content_type, True)


postgresql_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="PostgreSQL's deadlock detection",
)


@pytest.fixture
def deadlocks(db):
    """`deadlocks(n)`: PostgreSQL reports a real deadlock_detected on the first n deal writes.

    The count is a sequence, which a rollback does not undo, as PostgreSQL's own deadlock
    victim would find the row free on its retry.
    """

    def _install(times: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("CREATE SEQUENCE deadlock_count")
            cursor.execute(
                "CREATE FUNCTION deadlock_once() RETURNS trigger AS $$ BEGIN "
                f"IF nextval('deadlock_count') <= {times} THEN "
                "RAISE EXCEPTION 'deadlock detected' USING ERRCODE = 'deadlock_detected'; "
                "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER deadlock_once BEFORE INSERT ON {Deal._meta.db_table} "
                "FOR EACH ROW EXECUTE FUNCTION deadlock_once()"
            )

    return _install


def _deals_file(tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text(
        "deal_id,partner_id,amount,stage,close_date\n"
        "DN1,PA,5,open,2026-02-01\nDN2,PA,7,won,2026-02-02\n"
    )
    return path


@postgresql_only
def test_an_import_that_deadlocks_once_is_retried_and_stored(world, tmp_path, deadlocks):
    deadlocks(1)
    call_command(
        "import", "deals", str(_deals_file(tmp_path)), stdout=io.StringIO(), stderr=io.StringIO()
    )
    stored = Deal.objects.filter(deal_id__startswith="DN").values_list("deal_id", "amount")
    assert sorted(stored) == [("DN1", 5), ("DN2", 7)]


@postgresql_only
def test_an_import_that_deadlocks_twice_says_so_and_exits_2(world, tmp_path, deadlocks):
    deadlocks(2)
    path = _deals_file(tmp_path)
    with pytest.raises(CommandError) as failure:
        call_command("import", "deals", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert (failure.value.returncode, str(failure.value).replace(str(path), "FILE")) == (
        2,
        "FILE: the deals import deadlocked twice (it was retried once); nothing was stored; "
        "run it again when the other writes have finished",
    )
    assert not Deal.objects.filter(deal_id__startswith="DN").exists()


@pytest.mark.parametrize("nice", [10, 0])
def test_the_import_command_lowers_its_cpu_priority_as_configured(
    world, tmp_path, settings, monkeypatch, nice
):
    lowered = []
    monkeypatch.setattr("os.nice", lowered.append)
    settings.OUTWARD_IMPORT_NICE = nice
    call_command("import", "deals", str(_deals_file(tmp_path)), stdout=io.StringIO())
    assert (lowered, Deal.objects.filter(deal_id__in=["DN1", "DN2"]).count()) == (
        [nice] if nice else [],
        2,
    )
