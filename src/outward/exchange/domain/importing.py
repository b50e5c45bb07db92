"""Running an import: header checks, batches, all or nothing in one transaction, progress."""

from collections import Counter
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection, transaction

from outward.core.errors import InputError
from outward.core.permissions import allows
from outward.core.tenancy import current_partner_scope
from outward.exchange.domain.errors import ErrorCollector, ImportFailed, RowError
from outward.exchange.domain.kinds import import_listeners, importer_for
from outward.exchange.domain.locking import import_lock
from outward.exchange.domain.reading import Rows, csv_rows, is_xlsx, xlsx_rows

PROGRESS_EVERY = 2000  # rows between progress reports (the reporter throttles further)
DEADLOCK = "40P01"  # PostgreSQL's SQLSTATE deadlock_detected


class ImportDeadlocked(InputError):
    """PostgreSQL broke a deadlock by rolling the import back, also on its one retry."""


@dataclass
class ImportResult:
    kind: str
    rows: int
    created: int
    updated: int

    def __str__(self) -> str:
        return f"imported {self.rows} {self.kind} ({self.created} new, {self.updated} updated)"


def _positions(kind: str, header: list[str]) -> tuple[list[int | None], frozenset[str]]:
    """Where each of the kind's columns sits in the header; header problems fail the import."""
    importer = importer_for(kind)
    names = [cell.strip().lower() for cell in header]
    while names and not names[-1]:
        names.pop()
    limit = settings.OUTWARD_IMPORT_MAX_COLUMNS
    if len(names) > limit:
        message = f"{len(names):,} columns, more than {limit} (OUTWARD_IMPORT_MAX_COLUMNS)"
        raise ImportFailed([RowError(1, "", message)], kind=kind)
    errors = []
    known = set(importer.column_names())
    unknown = [name for name in names if name and name not in known]
    if unknown:
        errors.append(RowError(1, "", "unknown columns: " + ", ".join(unknown)))
    if "" in names:
        errors.append(RowError(1, "", f"column {names.index('') + 1} has no name"))
    doubled = sorted(name for name, count in Counter(names).items() if name and count > 1)
    if doubled:
        errors.append(RowError(1, "", "columns given twice: " + ", ".join(doubled)))
    missing = [
        name
        for name in importer.column_names()
        if name in importer.required_names() and name not in names
    ]
    if missing:
        errors.append(RowError(1, "", "missing required columns: " + ", ".join(missing)))
    if errors:
        raise ImportFailed(errors, kind=kind)
    positions = [names.index(name) if name in names else None for name in importer.column_names()]
    return positions, frozenset(names)


def _run(
    *, kind: str, header: list[str], rows: Rows, user, progress, position=None, size=None
) -> ImportResult:
    positions, present = _positions(kind, header)
    width = len([name for name in present if name])
    importer_class = importer_for(kind)
    scope = current_partner_scope()
    if not allows(user, "exchange.import_kind", importer_class):
        raise PermissionDenied(f"only vendor staff can import {kind}")
    errors = ErrorCollector()
    importer = importer_class(
        user=user, scope=scope, present=present, errors=errors, size_hint=size
    )
    count = 0
    batch: list = []
    size = importer.batch_size
    listeners = import_listeners(kind)
    written: list[str] = []  # the rows' keys, for the kind's listeners
    key = importer_class.key_columns[0] if listeners else None
    checks = connection.constraint_checks_disabled() if importer.bulk else nullcontext()
    # The common file has exactly the kind's columns in their order: shape it in one C call.
    in_order = positions == list(range(width))
    strip = str.strip
    last_line = settings.OUTWARD_IMPORT_MAX_ROWS + 1  # the header is line 1
    with checks, transaction.atomic():
        for line, cells in rows:
            if line > last_line:
                message = (
                    f"more than {last_line - 1:,} rows (OUTWARD_IMPORT_MAX_ROWS); split the file"
                )
                raise ImportFailed([RowError(line, "", message)], kind=kind)
            if in_order and len(cells) == width:
                values = list(map(strip, cells))
            else:
                if len(cells) > width and any(cell.strip() for cell in cells[width:] if cell):
                    errors.add(line, "", f"{len(cells)} cells but the header has {width} columns")
                    continue
                values = [
                    "" if i is None or i >= len(cells) else cells[i].strip() for i in positions
                ]
            if not any(values):
                continue  # blank lines are common at the end of spreadsheets
            count += 1
            if importer.refuses_characters(line, values):
                continue
            parsed = importer.parse(line, values)
            if parsed is not None:
                batch.append((line, parsed))
                if key is not None:
                    written.append(getattr(parsed, key))
                if len(batch) >= size:
                    importer.take(batch)
                    batch = []
            if progress is not None and count % PROGRESS_EVERY == 0:
                done, total = position() if position else (count, None)
                progress.update(done=done, total=total, message=f"{kind}: {count:,} rows read")
        importer.take(batch)
        importer.finish()
        if errors:
            raise errors.failure(kind)
        for listener in listeners:
            listener(written)
    return ImportResult(kind=kind, rows=count, created=importer.created, updated=importer.updated)


def import_rows(
    *,
    kind: str,
    rows: Iterable[dict[str, str]],
    user=None,
    first_line: int = 2,
    progress=None,
) -> ImportResult:
    """Import header-keyed rows (e.g. one API record) with exactly a file's validation."""
    rows = list(rows)
    names: dict[str, None] = {}  # ordered and linear, however many names a row has
    for row in rows:
        names.update(dict.fromkeys(row))
    header = list(names)
    if not header:
        header = list(importer_for(kind).column_names())

    def cells() -> Rows:
        for offset, row in enumerate(rows):
            yield first_line + offset, [_text(row.get(name)) for name in header]

    return _run(kind=kind, header=header, rows=cells(), user=user, progress=progress)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def import_file(
    *, kind: str, file: BinaryIO | str | Path, filename: str = "", user=None, progress=None
) -> ImportResult:
    """Import a CSV or XLSX file, streamed, all or nothing."""
    if isinstance(file, str | Path):
        with open(file, "rb") as binary:
            return import_file(
                kind=kind, file=binary, filename=filename or str(file), user=user, progress=progress
            )
    importer_for(kind)
    with import_lock(kind):
        for attempt in (1, 2):
            try:
                return _import_binary(
                    kind=kind, file=file, filename=filename, user=user, progress=progress
                )
            except OperationalError as exc:
                if not _is_deadlock(exc):
                    raise
                # Rolled back whole, nothing stored: run it once more, from the start.
                if attempt == 2 or not file.seekable():
                    raise _deadlocked(kind, retried=attempt == 2) from exc
            file.seek(0)


def _is_deadlock(exc: OperationalError) -> bool:
    return getattr(exc.__cause__, "sqlstate", None) == DEADLOCK


def _deadlocked(kind: str, *, retried: bool) -> ImportDeadlocked:
    again = "twice (it was retried once)" if retried else "with another write"
    return ImportDeadlocked(
        f"the {kind} import deadlocked {again}; nothing was stored; run it again when the "
        "other writes have finished"
    )


def _import_binary(*, kind: str, file: BinaryIO, filename: str, user, progress) -> ImportResult:
    total = _size(file)
    xlsx = is_xlsx(file, filename)
    rows = xlsx_rows(file) if xlsx else csv_rows(file)

    def position() -> tuple[int, int | None]:
        try:
            return file.tell(), total
        except (OSError, ValueError):
            return 0, None

    try:
        first = next(rows, None)
        while first is not None and not any(cell.strip() for cell in first[1]):
            first = next(rows, None)  # blank lines before the header
        if first is None:
            raise ImportFailed(
                [RowError(1, "", "the file is empty; the first line must name the columns")],
                kind=kind,
            )
        return _run(
            kind=kind,
            header=first[1],
            rows=rows,
            user=user,
            progress=progress,
            position=None if xlsx else position,
            size=None if xlsx else total,
        )
    finally:
        rows.close()


def _size(file: BinaryIO) -> int | None:
    try:
        start = file.tell()
        file.seek(0, 2)
        size = file.tell()
        file.seek(start)
        return size
    except (OSError, ValueError, AttributeError):
        return None
