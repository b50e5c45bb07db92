"""One import at a time: a second one is refused with who holds the lock since when.

SQLite has one writer, so an import there takes a lock file in `OUTWARD_LOCK_DIR` (any kind).
PostgreSQL imports of the same kind are serialised by an advisory lock of the session (two
overlapping ones deadlocked on the same rows); different kinds run side by side. Either lock
goes with its process or connection, so a killed import leaves nothing to clean up.
"""

import datetime as dt
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from outward.core.errors import InputError
from outward.core.locks import (
    IMPORT_KIND,
    release_session_lock,
    session_lock_since,
    try_session_lock,
)


class ImportBusy(InputError):
    """Another import holds the lock; exit status 2, HTTP 400, the run fails with this."""


@contextmanager
def import_lock(kind: str) -> Iterator[None]:
    """Hold the import lock for `kind` while the body runs, or raise ImportBusy."""
    if connection.vendor == "sqlite":
        with _file_lock(Path(settings.OUTWARD_LOCK_DIR) / "import.lock", kind):
            yield
        return
    if not try_session_lock(IMPORT_KIND, kind):
        since = session_lock_since(IMPORT_KIND, kind)
        raise ImportBusy(_busy_message(f"{since} ({kind})" if since else f"({kind})"))
    try:
        yield
    finally:
        release_session_lock(IMPORT_KIND, kind)


@contextmanager
def _file_lock(path: Path, kind: str) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            raise ImportBusy(_busy_message(lock.read().strip())) from None
        try:
            lock.seek(0)
            lock.truncate()
            since = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
            lock.write(f"{since} ({kind}, process {os.getpid()})")
            lock.flush()
            yield
        finally:
            lock.seek(0)
            lock.truncate()
            fcntl.flock(lock, fcntl.LOCK_UN)


def _busy_message(holder: str) -> str:
    """`holder` is `TIME UTC (kind…)`, `(kind)` when the time is unknown, or empty."""
    if holder and not holder.startswith("("):
        holder = f"since {holder}"
    running = f"another import is running {holder}" if holder else "another import is running"
    return f"{running}; try again when it has finished"
