"""Bulk writes for imports and generated data: many rows a statement, COPY on PostgreSQL.

SQLite runs in-process and is fastest with `executemany` of one prepared statement; PostgreSQL
is fastest with COPY, which saves a network round trip per row. Table and column names come
from the models, never from users, and are quoted.
"""

from collections.abc import Sequence

from django.core.management.color import no_style
from django.db import connection, models


def _names(columns: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in columns)


def _copy(cursor, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    quoted = connection.ops.quote_name(table)
    with cursor.cursor.copy(f"COPY {quoted} ({_names(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def insert_rows(*, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """INSERT many rows (values in `columns` order) into a table."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy(cursor, table, columns, rows)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({_names(columns)}) VALUES ({marks})",
            rows,
        )


def upsert_rows(
    *, table: str, key: str, columns: Sequence[str], update: Sequence[str], rows: Sequence
) -> None:
    """INSERT … ON CONFLICT (key) DO UPDATE the `update` columns (DO NOTHING without any)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = _names(columns)
    if update:
        action = "DO UPDATE SET " + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in update)
    else:
        action = "DO NOTHING"
    conflict = f"ON CONFLICT ({quote(key)}) {action}"
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES {marks} {conflict}", rows
            )
            return
        # COPY into a scratch table, then one INSERT … SELECT … ON CONFLICT.
        scratch = f"bulk_load_{table}"
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {quote(scratch)} ON COMMIT DROP AS "
            f"SELECT {names} FROM {quote(table)} WITH NO DATA"
        )
        _copy(cursor, scratch, columns, rows)
        cursor.execute(
            f"INSERT INTO {quote(table)} ({names}) SELECT {names} FROM {quote(scratch)} {conflict}"
        )
        cursor.execute(f"TRUNCATE {quote(scratch)}")


def table_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


def drop_secondary_indexes(table: str) -> list[str]:
    """Drop a SQLite table's explicit indexes (not its keys); return the SQL to rebuild them.

    A load that is large next to the table is faster without them. Inside a transaction the
    drop is undone with everything else if the load fails. PostgreSQL keeps its indexes.
    """
    return _drop_from_schema(table, "index")


def drop_triggers(table: str) -> list[str]:
    """Drop a SQLite table's triggers; return the SQL to create them again.

    For a load that is large next to the table, where the work of its triggers (a summary
    table kept from it) is cheaper done once, afterwards. Only inside the load's transaction,
    which holds SQLite's write lock: nobody else writes meanwhile, and a failed load undoes the
    drop. PostgreSQL keeps its triggers.
    """
    return _drop_from_schema(table, "trigger")


def _drop_from_schema(table: str, kind: str) -> list[str]:
    """Drop a SQLite table's indexes or triggers written in SQL; return that SQL."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = %s AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [kind, table],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f"DROP {kind.upper()} {connection.ops.quote_name(name)}")
    return [sql for _, sql in found]


def recreate_dropped(statements: list[str]) -> None:
    """Create again what `drop_secondary_indexes` or `drop_triggers` dropped."""
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def next_pk(model: type[models.Model]) -> int:
    """The first primary key above every one in a model's table."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({column}) FROM {table}")
        (highest,) = cursor.fetchone()
    return (highest or 0) + 1


def reset_sequences(model_classes: Sequence[type[models.Model]]) -> None:
    """Move PostgreSQL's key sequences past keys written explicitly (nothing on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_classes))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
