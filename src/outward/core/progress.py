"""Progress of long work: a line on a terminal's stderr and/or a TaskRun the page polls."""

import sys
import time
from typing import TextIO

from django.db import DEFAULT_DB_ALIAS, connection, connections

from outward.core.models import TaskRun


class Progress:
    """Reports `done` of `total` at most every `interval` seconds.

    `stream` gets a self-overwriting line (pass it only when it is a terminal: see
    `for_terminal`); `task_run` gets its done/total/message updated. Inside a transaction the
    update goes through a second connection so the polling page sees it before the commit (on
    PostgreSQL); SQLite has one writer, so there the page sees progress made outside it.
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

    def _save(self, done: int, total: int | None, message: str) -> None:
        run = self.task_run
        run.done, run.total, run.message = done, total, message
        if not connection.in_atomic_block or connection.vendor == "sqlite":
            # SQLite's one writer is this connection: another one would wait for the commit.
            TaskRun.objects.filter(pk=run.pk).update(done=done, total=total, message=message)
            return
        if self._side_connection is None:
            self._side_connection = connections.create_connection(DEFAULT_DB_ALIAS)
        table = connection.ops.quote_name(TaskRun._meta.db_table)
        with self._side_connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET done = %s, total = %s, message = %s WHERE id = %s",
                [done, total, message, run.pk],
            )
