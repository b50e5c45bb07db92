"""Bookkeeping writes that must never make a request wait: a login's `last_login`, a token's
`last_used_at`.

SQLite has one writer. While an import holds the write lock (a 300,000-row import holds it for
half a minute), an ordinary write waits up to `OUTWARD_SQLITE_TIMEOUT` seconds and then answers
503. These two values only record when something happened, so on SQLite they are written only
if the lock is free at once, and skipped (logged) otherwise; the next log-in or call records
them. Every other database writes them as usual.
"""

import logging
from collections.abc import Callable

from django.db import OperationalError, connection
from django.utils import timezone

log = logging.getLogger(__name__)


def write_if_unlocked(write: Callable[[], object], what: str, *, using=connection) -> bool:
    """Run `write` (one statement on the connection `using`, outside a transaction); False when
    it was skipped because another writer held SQLite's lock."""
    if using.vendor != "sqlite" or using.in_atomic_block:
        write()
        return True
    using.ensure_connection()
    raw = using.connection
    waiting = raw.execute("PRAGMA busy_timeout").fetchone()[0]
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        write()
    except OperationalError as exc:
        if "locked" not in str(exc):
            raise
        log.info("skipped recording %s: another writer holds the database", what)
        return False
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(waiting)}")
    return True


def record_last_login(sender, user, **kwargs) -> None:
    """Replaces Django's `update_last_login` receiver (core/apps.py)."""
    now = timezone.now()
    written = write_if_unlocked(
        lambda: type(user).objects.filter(pk=user.pk).update(last_login=now), "a log-in"
    )
    if written:
        user.last_login = now
