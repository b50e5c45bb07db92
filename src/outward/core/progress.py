"""Progress of long work: a line on a terminal's stderr and/or a TaskRun the page polls."""

import json
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from outward.core.models import TaskRun


class Progress:
    """Reports `done` of `total` at most every `interval` seconds.

    `stream` gets a self-overwriting line (pass it only when it is a terminal: see
    `for_terminal`); `task_run` gets its done/total/message updated. Inside a transaction the
    update goes through a second connection so the polling page sees it before the commit (on
    PostgreSQL). SQLite has one writer, which the transaction holds: there the progress goes to
    a small file in the data folder instead, which `current_progress` reads for the page.
    """

    def __init__(
        self,
        *,
        stream: TextIO | None = None,
        task_run: TaskRun | None = None,
        interval: float = 0.3,
    ):
        self.stream = stream
        self.task_run = task_run
        self.interval = interval
        self._last = 0.0
        self._side_connection = None
        self._wrote_line = False

    @classmethod
    def for_terminal(cls, stream: TextIO | None = None) -> "Progress | None":
        """A reporter on stderr when it is a terminal, else None (nothing to report to)."""
        stream = stream or sys.stderr
        return cls(stream=stream) if stream.isatty() else None

    def update(self, *, done: int, total: int | None = None, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last < self.interval:
            return
        self._last = now
        if self.stream is not None:
            share = f" {min(100, 100 * done // total)}%" if total else ""
            self.stream.write(f"\r{message}{share}\033[K")
            self.stream.flush()
            self._wrote_line = True
        if self.task_run is not None:
            self._save(done, total, message)

    def close(self) -> None:
        """End the terminal line and release the second connection, if any."""
        if self.stream is not None and self._wrote_line:
            self.stream.write("\r\033[K")
            self.stream.flush()
        if self._side_connection is not None:
            self._side_connection.close()
            self._side_connection = None
        if self.task_run is not None:
            _progress_file(self.task_run.pk).unlink(missing_ok=True)

    def _save(self, done: int, total: int | None, message: str) -> None:
        run = self.task_run
        run.done, run.total, run.message = done, total, message
        if not connection.in_atomic_block:
            TaskRun.objects.filter(pk=run.pk).update(done=done, total=total, message=message)
            return
        if connection.vendor == "sqlite":
            # SQLite's one writer is this connection: another one would wait for the commit.
            _write_progress_file(run.pk, {"done": done, "total": total, "message": message})
            return
        if self._side_connection is None:
            self._side_connection = connections.create_connection(DEFAULT_DB_ALIAS)
        table = connection.ops.quote_name(TaskRun._meta.db_table)
        with self._side_connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET done = %s, total = %s, message = %s WHERE id = %s",
                [done, total, message, run.pk],
            )


def _progress_file(run_pk: int) -> Path:
    return Path(settings.VAR_DIR) / "progress" / f"{run_pk}.json"


def _write_progress_file(run_pk: int, figures: dict) -> None:
    path = _progress_file(run_pk)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(figures), encoding="utf-8")
    os.replace(partial, path)  # the page never reads half a file


def current_progress(run: TaskRun) -> TaskRun:
    """The run with the progress its job reported from inside a transaction (SQLite), if any."""
    if run.finished:
        return run
    try:
        figures = json.loads(_progress_file(run.pk).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return run
    run.done, run.total, run.message = figures["done"], figures["total"], figures["message"]
    return run
