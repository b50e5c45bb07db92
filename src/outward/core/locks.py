"""PostgreSQL advisory locks, named: serialising work that no row lock can cover.

Each lock is the pair (space, hashtext(name)); on other databases these are no-ops (SQLite
serialises writers itself: IMMEDIATE transactions and one writer).
"""

from django.db import connection

# Lock spaces (the first key of the pair), so different uses never collide.
CREATE_KEY = 0x4F570001  # a new record's key, for the transaction that creates it
IMPORT_KIND = 0x4F570002  # an import of one kind, for the session that runs it


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _call(function: str, space: int, name: str):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, hashtext(%s))", [space, name])
        return cursor.fetchone()[0]


def lock_for_transaction(space: int, name: str) -> None:
    """Wait for the lock and hold it until the current transaction ends."""
    if _postgres():
        _call("pg_advisory_xact_lock", space, name)


def try_session_lock(space: int, name: str) -> bool:
    """Take the lock for this connection if it is free; True when taken."""
    return _call("pg_try_advisory_lock", space, name) if _postgres() else True


def release_session_lock(space: int, name: str) -> None:
    if _postgres():
        _call("pg_advisory_unlock", space, name)


def session_lock_since(space: int, name: str) -> str:
    """Since when another session holds the lock, e.g. `2026-12-02 06:01:07 UTC` ('' if not)."""
    if not _postgres():
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_char(min(coalesce(a.xact_start, a.backend_start)) AT TIME ZONE 'UTC',"
            " 'YYYY-MM-DD HH24:MI:SS')"
            " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s::oid"
            " AND l.objid = (hashtext(%s)::bigint & 4294967295)::oid AND l.objsubid = 2",
            [space, name],
        )
        since = cursor.fetchone()[0]
    return f"{since} UTC" if since else ""
