"""One import at a time: a second one is refused with who holds the lock since when.

SQLite has one writer, so an import there takes a lock file in `OUTWARD_LOCK_DIR` (any kind);
the lock goes with the process, so a killed import leaves nothing to clean up.
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


class ImportBusy(InputError):
    """Another import holds the lock; exit status 2, HTTP 400, the run fails with this."""


@contextmanager
def import_lock(kind: str) -> Iterator[None]:
    """Hold the import lock for `kind` while the body runs, or raise ImportBusy."""
    if connection.vendor == "sqlite":
        with _file_lock(Path(settings.OUTWARD_LOCK_DIR) / "import.lock", kind):
            yield
    else:
        yield


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
    since = f" since {holder}" if holder else ""
    return f"another import is running{since}; try again when it has finished"
