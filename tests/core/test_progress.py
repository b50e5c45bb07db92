"""The progress reporter: a terminal line on stderr, and a TaskRun's done/total/message."""

import io

import pytest
from django.db import connection, transaction

from outward.core.models import TaskRun
from outward.core.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_for_terminal_only_reports_to_a_terminal():
    assert Progress.for_terminal(io.StringIO()) is None
    terminal = Terminal()
    progress = Progress.for_terminal(terminal)
    progress.update(done=50, total=200, message="deals: 50 rows read")
    progress.close()
    assert terminal.getvalue() == "\rdeals: 50 rows read 25%\033[K\r\033[K"


def test_updates_are_throttled():
    terminal = Terminal()
    progress = Progress(stream=terminal, interval=60)
    progress.update(done=1, message="one")
    progress.update(done=2, message="two")
    assert terminal.getvalue() == "\rone\033[K"


@pytest.mark.django_db(transaction=True)
def test_task_run_is_updated():
    run = TaskRun.objects.create(kind="import deals")
    Progress(task_run=run).update(done=10, total=40, message="deals: 10 rows read")
    run.refresh_from_db()
    assert (run.done, run.total, run.message, run.percent) == (10, 40, "deals: 10 rows read", 25)


@pytest.mark.django_db(transaction=True)
def test_progress_inside_a_transaction_survives_its_rollback_on_postgresql():
    """PostgreSQL: a second connection shows progress before the import commits."""
    run = TaskRun.objects.create(kind="import deals")
    progress = Progress(task_run=run)
    with pytest.raises(RuntimeError), transaction.atomic():
        progress.update(done=5, total=10, message="deals: 5 rows read")
        raise RuntimeError("the import failed")
    progress.close()
    run.refresh_from_db()
    # SQLite has one writer (the import itself), so there the update shares its fate.
    expected = (5, 10) if connection.vendor == "postgresql" else (0, None)
    assert (run.done, run.total) == expected
