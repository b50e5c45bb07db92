"""Tracked background runs: pending → running → success or failed, with progress kept."""

import io
import os
import threading
import time

import pytest
from django.db import connection, transaction

from outward.core.errors import InputError
from outward.core.models import Role, TaskRun
from outward.core.progress import Progress, current_progress
from outward.core.runs import Outcome, _ServerThreads, run_here, start_run, tracked_job
from tests import factories


@tracked_job("tests.count")
def count_job(*, progress, user, upto: int) -> Outcome:
    for done in range(1, upto + 1):
        progress.update(done=done, total=upto, message=f"counted {done}")
    if upto < 0:
        raise InputError("upto: must not be negative", errors=[InputError("line 1: -1")])
    if upto == 13:
        raise RuntimeError("unlucky")
    return Outcome(message=f"counted to {upto}", result={"upto": upto, "user": user.username})


def test_a_run_succeeds_with_its_outcome(world):
    run = start_run("tests.count", user=world.manager, label="counting", upto=3)

    run.refresh_from_db()
    assert (run.kind, run.label, run.state, run.message, run.result) == (
        "tests.count",
        "counting",
        "success",
        "counted to 3",
        {"upto": 3, "user": "cam@vendor.example"},
    )
    assert (run.done, run.total) == (3, 3)
    assert run.started_at <= run.finished_at


def test_bad_input_fails_the_run_with_its_problems(world):
    run = start_run("tests.count", user=world.manager, label="counting", upto=-1)

    run.refresh_from_db()
    assert (run.state, run.message, run.result) == (
        "failed",
        "upto: must not be negative",
        {"errors": [{"message": "line 1: -1"}], "total": 1},
    )


def test_anything_unexpected_fails_the_run_without_a_trace(world):
    run = start_run("tests.count", user=world.manager, label="counting", upto=13)

    run.refresh_from_db()
    assert (run.state, run.message, run.result) == (
        "failed",
        "The work stopped unexpectedly; nothing was stored.",
        {},
    )
    assert "RuntimeError" not in run.message


def test_unknown_job_is_refused_before_anything_is_stored(world):
    with pytest.raises(KeyError, match="no tracked job 'tests.nothing'"):
        start_run("tests.nothing", user=world.manager, label="nothing")
    assert not TaskRun.objects.exists()


def test_run_here_reports_progress_on_the_stream(world):
    stream = io.StringIO()

    run = run_here(
        "tests.count",
        user=world.admin,
        label="counting",
        stream=stream,
        upto=2,
    )

    assert (run.state, run.message) == ("success", "counted to 2")
    assert "counted 1" in stream.getvalue()


@tracked_job("tests.wait")
def wait_job(*, progress, user, gate_id: int) -> Outcome:
    progress.update(done=0, total=1, message="waiting for the gate")
    assert GATES[gate_id].wait(timeout=20), "the test never opened the gate"
    return Outcome(message="through the gate", result={})


GATES: dict[int, threading.Event] = {}


@pytest.fixture
def server_threads(monkeypatch, settings):
    settings.CELERY_BROKER_URL = ""
    monkeypatch.setattr(_ServerThreads, "enabled", True)
    monkeypatch.setattr(_ServerThreads, "pool", None)
    yield
    if _ServerThreads.pool is not None:
        _ServerThreads.pool.shutdown(wait=True)


def test_without_a_broker_the_server_runs_it_in_a_thread_and_answers_at_once(
    transactional_db, server_threads
):
    user = factories.UserFactory(role=Role.MANAGER)
    gate = GATES[1] = threading.Event()
    run = start_run("tests.wait", user=user, label="waiting", gate_id=1)

    # The caller has its run back while the job still waits in the server's thread.
    run.refresh_from_db()
    assert run.state in ("pending", "running")
    assert run.result["worker"]["pid"] == os.getpid()  # so a dead server's runs can be told
    gate.set()
    deadline = time.monotonic() + 20
    while run.state != "success" and time.monotonic() < deadline:
        time.sleep(0.05)
        run.refresh_from_db()
    assert (run.state, run.message) == ("success", "through the gate")


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL reports through a second connection"
)
def test_progress_inside_sqlites_transaction_reaches_the_page_through_a_file(
    world, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    run = TaskRun.objects.create(kind="tests.count", label="counting", user=world.manager)
    progress = Progress(task_run=run, interval=0)
    with transaction.atomic():
        progress.update(done=40, total=100, message="deals: 40 rows read")
        seen = current_progress(TaskRun.objects.get(pk=run.pk))
        assert (seen.done, seen.total, seen.message) == (40, 100, "deals: 40 rows read")
    progress.close()
    after = current_progress(TaskRun.objects.get(pk=run.pk))
    assert (after.done, after.message, list(tmp_path.glob("progress/*"))) == (0, "", [])
