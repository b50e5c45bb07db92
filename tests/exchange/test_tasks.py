"""The upload's import through a real Redis broker and a real Celery worker process."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
TIMEOUT = 90

DRIVER = textwrap.dedent(
    """
    import json, sys, time
    import django
    django.setup()
    from outward.core.models import TaskRun, User
    from outward.core.runs import execute_run
    from outward.partners.models import Partner
    from outward.core.tenancy import scopes_disabled

    path, queue = sys.argv[1], sys.argv[2]
    with scopes_disabled():
        Partner.objects.create(partner_id="PA", name="Acme")
        user = User.objects.create(username="cam@vendor.example", role="manager")
        run = TaskRun.objects.create(kind="exchange.import", user=user)
        arguments = {"path": path, "kind": "deals", "filename": "deals.csv"}
        execute_run.apply_async(
            args=(run.pk, arguments), kwargs={"scope_partner": None}, queue=queue
        )
        deadline = time.monotonic() + 60
        while not run.finished and time.monotonic() < deadline:
            time.sleep(0.2)
            run.refresh_from_db()
    print(json.dumps({"state": run.state, "message": run.message, "result": run.result}))
    """
)


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.redis
def test_import_runs_in_a_celery_worker_through_redis(tmp_path):
    if not redis_reachable():
        pytest.skip("needs a Redis broker on 127.0.0.1:6379 (apt-get install redis-server)")
    database = tmp_path / "outward.sqlite3"
    queue = f"outward-test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "outward.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "OUTWARD_HOME": str(tmp_path / "var"),
    }
    subprocess.run(
        [BIN / "outward", "migrate", "--noinput", "-v0", "--skip-checks"],
        env=env,
        check=True,
        timeout=TIMEOUT,
    )
    upload = tmp_path / "upload.csv"
    upload.write_text(
        "deal_id,partner_id,amount,stage,close_date\nD1,PA,10,won,2026-01-01\n"
        "D2,PA,20,open,2026-02-01\n"
    )
    worker = subprocess.Popen(
        [
            BIN / "celery",
            "-A",
            "outward",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        driver = subprocess.run(
            [sys.executable, "-c", DRIVER, str(upload), queue],
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=True,
        )
    finally:
        worker.terminate()
        try:
            _, worker_log = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            _, worker_log = worker.communicate()
    assert json.loads(driver.stdout) == {
        "state": "success",
        "message": "deals.csv: imported 2 deals (2 new, 0 updated)",
        "result": {"kind": "deals", "rows": 2, "created": 2, "updated": 0},
    }, worker_log.decode()
    with sqlite3.connect(database) as connection:
        deals = connection.execute("SELECT deal_id, stage FROM sales_deal ORDER BY deal_id")
        assert deals.fetchall() == [("D1", "won"), ("D2", "open")]
    assert not upload.exists()  # the worker removes the upload once imported
