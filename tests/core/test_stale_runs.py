"""Runs whose process died are marked failed, and the uploads they left are removed."""

import os
import socket
import subprocess

import pytest
from django.urls import reverse

from outward.core.models import TaskRun
from outward.core.runs import ABANDONED, fail_abandoned_runs

pytestmark = pytest.mark.django_db


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _running(user, pid: int, kind: str = "exchange.import") -> TaskRun:
    worker = {"host": socket.gethostname(), "pid": pid}
    return TaskRun.objects.create(
        kind=kind, label="deals from big.csv", user=user, state="running", result={"worker": worker}
    )


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    folder = tmp_path / "imports"
    folder.mkdir()
    (folder / "0a1b-big.csv").write_bytes(b"deal_id\n")
    return folder


def test_run_whose_process_died_is_failed_and_its_upload_removed(world, uploads):
    run = _running(world.manager, _dead_pid())
    assert fail_abandoned_runs() == 1
    run.refresh_from_db()
    assert (run.state, run.message, run.finished_at is not None) == ("failed", ABANDONED, True)
    assert list(uploads.iterdir()) == []


def test_live_run_and_its_upload_are_kept(world, uploads):
    run = _running(world.manager, os.getpid())
    other = _running(world.manager, _dead_pid())
    assert fail_abandoned_runs() == 1
    run.refresh_from_db()
    assert (run.state, [p.name for p in uploads.iterdir()]) == ("running", ["0a1b-big.csv"])
    other.refresh_from_db()
    assert other.state == "failed"


def test_pending_run_at_server_start_without_broker_is_failed(world, uploads):
    run = TaskRun.objects.create(kind="exchange.import", label="x", user=world.manager)
    assert fail_abandoned_runs(at_start=True) == 1
    run.refresh_from_db()
    assert (run.state, list(uploads.iterdir())) == ("failed", [])


def test_progress_page_of_an_abandoned_run_shows_it_failed(world, login, uploads):
    run = _running(world.manager, _dead_pid())
    response = login(world.manager).get(reverse("core:task_progress", args=[run.pk]))
    run.refresh_from_db()
    assert (response.status_code, run.state, ABANDONED in response.text) == (200, "failed", True)
