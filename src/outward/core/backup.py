"""Backup and restore of the whole installation, portable between SQLite and PostgreSQL.

A backup is JSON Lines: a header line, then one line per record of every model (partners and
their data, users, tokens, plans, history, sessions, log-in attempts), dependencies first,
written from one consistent snapshot: a REPEATABLE READ transaction on PostgreSQL, a
transaction holding SQLite's lock (writers wait meanwhile) there. Content types and
permissions are left out, because `outward migrate` creates them; references to them are
written by natural key. Summaries the database derives from other tables (a model with
`derived_from`, such as the monthly sales its triggers keep) are left out too: restoring their
sources rebuilds them, and restoring them as well would count everything twice. A backup
restores only into an empty, migrated database.
"""

import datetime as dt
import json
from collections.abc import Iterator
from typing import TextIO

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, connections, router, transaction
from django_scopes import scopes_disabled

from outward.core.errors import InputError

FORMAT = "outward-backup"
VERSION = 1
CHUNK = 2000
MADE_BY_MIGRATE = {"contenttypes.ContentType", "auth.Permission"}


def _derived(model) -> bool:
    """Kept by the database from other tables (by triggers): never written, never loaded."""
    return getattr(model, "derived_from", None) is not None


def _models() -> list:
    models = [
        model
        for model in apps.get_models()
        if model._meta.label not in MADE_BY_MIGRATE
        and model._meta.managed
        and not model._meta.proxy
        and not _derived(model)
    ]
    app_list = {}
    for model in models:
        app_list.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(app_list.items())


def _records(model) -> Iterator[dict]:
    queryset = model._base_manager.order_by("pk")
    chunk = []
    for record in queryset.iterator(chunk_size=CHUNK):
        chunk.append(record)
        if len(chunk) == CHUNK:
            yield from serializers.serialize("python", chunk, use_natural_foreign_keys=True)
            chunk = []
    yield from serializers.serialize("python", chunk, use_natural_foreign_keys=True)


def write_backup(out: TextIO) -> int:
    """Write every record of the installation to `out`; returns how many."""
    count = 0
    outermost = not connection.in_atomic_block  # the isolation level is the first statement
    with scopes_disabled(), transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
        }
        out.write(json.dumps(header) + "\n")
        for model in _models():
            for record in _records(model):
                out.write(json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n")
                count += 1
    return count


def restore_backup(lines: TextIO) -> int:
    """Load a backup into this (empty, migrated) database; returns how many records."""
    header = _header(lines.readline())
    models = _models()
    with scopes_disabled():
        filled = [m._meta.label for m in models if m._base_manager.exists()]
        if filled:
            raise InputError(
                "the database is not empty (it holds "
                + ", ".join(filled[:5])
                + "); restore into a new database after `outward migrate`"
            )
        count = 0
        with transaction.atomic(), connection.constraint_checks_disabled():
            batch: list[dict] = []
            for line in lines:
                batch.append(json.loads(line))
                if len(batch) == CHUNK:
                    count += _load(batch)
                    batch = []
            count += _load(batch)
            connection.check_constraints()
            _reset_sequences(models)
    del header
    return count


def _header(line: str) -> dict:
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InputError("not an Outward backup (its first line is not a backup header)")
    if header.get("version") != VERSION:
        raise InputError(f"a backup of version {header.get('version')}; this is version {VERSION}")
    return header


def _load(batch: list[dict]) -> int:
    # A backup from before the summary had triggers holds its rows: they are rebuilt instead.
    kept = [record for record in batch if not _derived(apps.get_model(record["model"]))]
    for item in serializers.deserialize("python", kept, handle_forward_references=True):
        item.save()
    return len(kept)


def _reset_sequences(models: list) -> None:
    """Each database's sequences (on SQLite, sessions and log-in attempts have their own)."""
    by_database: dict[str, list] = {}
    for model in models:
        by_database.setdefault(router.db_for_write(model), []).append(model)
    for alias, its_models in by_database.items():
        statements = connections[alias].ops.sequence_reset_sql(no_style(), its_models)
        with connections[alias].cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
