"""Buffered bulk inserts of generated rows with explicit primary keys, and their progress."""

import sys
import time
from collections.abc import Iterable, Sequence

from django.db import models

from outward.core.bulk import insert_rows, reset_sequences
from outward.core.progress import Progress as TerminalProgress

BATCH = 5000


class Progress:
    """Shows which table is being written and how far, through the core progress reporter."""

    def __init__(self, reporter: TerminalProgress | None):
        self.reporter = reporter
        self.started = time.monotonic()

    def report(self, what: str, done: int, total: int | None = None) -> None:
        if self.reporter is not None:
            self.reporter.update(done=done, total=total, message=f"{what}: {done:,}")

    def done(self, what: str, count: int) -> None:
        """End a table's line with its count and the time so far."""
        if self.reporter is not None and self.reporter.stream is not None:
            self.reporter.close()
            elapsed = time.monotonic() - self.started
            self.reporter.stream.write(f"[{elapsed:6.1f} s] {what}: {count:,}\n")
            self.reporter.stream.flush()


def terminal_progress() -> Progress:
    """Progress on standard error only when someone is watching it."""
    return Progress(TerminalProgress.for_terminal(sys.stderr))


class BulkWriter:
    """Inserts rows into models' tables, assigning primary keys itself.

    Assigning keys up front lets deals point at accounts without reading them back, which keeps
    memory bounded; `close()` moves PostgreSQL's sequences past the keys used.
    """

    def __init__(self, progress: Progress):
        self.progress = progress
        self.models: set[type[models.Model]] = set()
        self.sinks: list[Sink] = []

    def sink(
        self, model: type[models.Model], columns: Sequence[str], *, label: str, total: int = 0
    ) -> "Sink":
        """A buffer that inserts rows for `columns` (primary key included) in batches."""
        self.models.add(model)
        sink = Sink(self, model, columns, label=label, total=total)
        self.sinks.append(sink)
        return sink

    def close(self) -> None:
        """Flush every buffer and move PostgreSQL's key sequences past the keys used."""
        for sink in self.sinks:
            sink.close()
        reset_sequences(list(self.models))


class Sink:
    """Rows for one table, written `BATCH` at a time."""

    def __init__(self, writer: BulkWriter, model, columns: Sequence[str], *, label: str, total):
        self.table = model._meta.db_table
        self.columns = [model._meta.get_field(name).column for name in columns]
        self.writer = writer
        self.label = label
        self.total = total
        self.rows: list[Sequence] = []
        self.count = 0
        self.closed = False

    def add(self, row: Sequence) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def extend(self, rows: Iterable[Sequence]) -> None:
        for row in rows:
            self.add(row)

    def flush(self) -> None:
        if self.rows:
            insert_rows(table=self.table, columns=self.columns, rows=self.rows)
            self.count += len(self.rows)
            self.rows = []
            self.writer.progress.report(self.label, self.count, self.total)

    def close(self) -> None:
        if not self.closed:
            self.flush()
            self.closed = True
            self.writer.progress.done(self.label, self.count)
