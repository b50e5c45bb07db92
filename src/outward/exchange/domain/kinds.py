"""What a kind of import file is: its columns, how rows are checked and written, the registry.

Each area declares its kinds in its own `imports` module (a subclass of `Importer` per kind,
decorated with `@register`); `ExchangeConfig.ready()` imports those modules. A column says how
its cell is parsed and where its value comes from when exported, so an export is built from the
same declaration and re-imports unchanged.
"""

import re
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import models

from outward.core.bulk import (
    drop_secondary_indexes,
    recreate_dropped,
    table_count,
    upsert_rows,
)
from outward.core.characters import CONTROL, control_character
from outward.exchange.domain.errors import ErrorCollector, ImportFailed, RowError
from outward.exchange.domain.values import Parser

# Large enough that per-batch queries are cheap per row, small enough to keep memory flat.
BATCH_SIZE = 5000
# Keep IN (...) lists well within every database's limit of query parameters.
LOOKUP_CHUNK = 2000
# An export reads this many records at a time.
EXPORT_CHUNK = 5000
# Line breaks belong in multi-line text only (elsewhere they are a quote left open upstream),
# tabs too; other control characters nowhere (core/characters.py).
_LINE_BREAK = re.compile(r"[\r\n]")


@dataclass(frozen=True)
class Column:
    """One column of a kind: its cell parser, and the record field an export reads.

    `source` is a field path of the kind's model (`partner__partner_id`); it defaults to the
    column's name, and None means the kind exports the column itself (`Importer.export_values`).
    """

    name: str
    parse: Parser
    required: bool = False
    empty: object = None  # the value of an empty cell
    source: str | None = ""
    multiline: bool = False  # free text that may hold line breaks (a check-in's comment)

    @property
    def export_path(self) -> str | None:
        return self.name if self.source == "" else self.source


@dataclass
class Reference:
    """A key column naming another record, looked up in the caller's scope in batches."""

    column: str
    model: type[models.Model]
    key: str  # the key field of `model`
    cache: dict = field(default_factory=dict)

    @property
    def what(self) -> str:
        return str(self.model._meta.verbose_name)

    def fetch(self, keys: list[str]) -> Iterable[tuple[str, int]]:
        return self.model.objects.filter(**{f"{self.key}__in": keys}).values_list(self.key, "pk")


class Importer:
    """One kind of import. Subclasses set the columns and implement `write` (and `check`).

    Parsed rows are `Row` named tuples with one field per column, built from `columns`.
    """

    kind: str = ""
    model: type[models.Model] | None = None
    columns: tuple[Column, ...] = ()
    key_columns: tuple[str, ...] = ()
    export_order: tuple[str, ...] = ()
    vendor_only: bool = True
    batch_size: int = BATCH_SIZE
    bulk: bool = False  # True: references are checked here only, not by the database per row
    Row: type = tuple

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.columns:
            cls.Row = namedtuple(f"{cls.__name__}Row", [c.name for c in cls.columns])

    def __init__(
        self,
        *,
        user,
        scope,
        present: frozenset[str],
        errors: ErrorCollector,
        size_hint: int | None = None,
    ):
        self.size_hint = size_hint
        self.user = user
        self.scope = scope
        self.present = present
        self.errors = errors
        self.created = 0
        self.updated = 0
        self._key_positions = [self.column_names().index(name) for name in self.key_columns]
        self._seen: dict = {}

    @classmethod
    def column_names(cls) -> tuple[str, ...]:
        return tuple(column.name for column in cls.columns)

    @classmethod
    def required_names(cls) -> frozenset[str]:
        return frozenset(column.name for column in cls.columns if column.required)

    def parse(self, line: int, values: list[str]):
        """The row's parsed values as a `Row`, or None after recording what is wrong with it."""
        ok = True
        parsed = []
        add_error = self.errors.add
        for column, text in zip(self.columns, values, strict=True):
            if not text:
                if column.required:
                    add_error(line, column.name, "is required")
                    ok = False
                parsed.append(column.empty)
                continue
            try:
                parsed.append(column.parse(text))
            except ValueError as exc:
                add_error(line, column.name, str(exc))
                ok = False
                parsed.append(None)
        if not self.first_occurrence(line, parsed):
            return None
        return self.Row._make(parsed) if ok else None

    def refuses_characters(self, line: int, values: list[str]) -> bool:
        """True (with an error per cell) when a cell holds a character its column cannot.

        Checked for every kind before its own parsing (fast paths included): one search per
        row, and the cells one by one only when it finds something.
        """
        if not CONTROL.search("".join(values)):
            return False
        refused = False
        for column, text in zip(self.columns, values, strict=True):
            found = control_character(text, multiline=column.multiline)
            if found is None:
                continue
            if _LINE_BREAK.search(text) and not column.multiline:
                self.errors.add(line, column.name, "holds a line break, which this column cannot")
            else:
                self.errors.add(line, column.name, f"holds the control character {found}")
            refused = True
        return refused

    def first_occurrence(self, line: int, parsed) -> bool:
        """False (with an error) when an earlier line of the file had the same key."""
        positions = self._key_positions
        if any(parsed[i] is None for i in positions):
            return True
        key = (
            parsed[positions[0]]
            if len(positions) == 1
            else tuple(str(parsed[i]) for i in positions)
        )
        first = self._seen.setdefault(key, line)
        if first == line:
            return True
        shown = " / ".join(key) if isinstance(key, tuple) else str(key)
        self.errors.add(line, self.key_columns[0], f"duplicate key {shown}, first on line {first}")
        return False

    def has(self, name: str) -> bool:
        return name in self.present

    def take(self, batch: list) -> None:
        """Check a batch's references, then write it unless the import has already failed."""
        good = self.check(batch)
        if not self.errors and good:
            self.write(good)

    def check(self, batch: list) -> list:
        return batch

    def write(self, batch: list) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def finish(self) -> None:
        """Work that needs the whole file (e.g. a tree's parents); runs after the last batch."""

    # Reference lookups -------------------------------------------------------------------------

    def resolve(self, batch: list, *refs: Reference) -> list:
        """Replace key columns by the referenced pks; rows naming an unknown key become errors."""
        for ref in refs:
            missing = list(
                {getattr(row, ref.column) for _, row in batch} - ref.cache.keys() - {None}
            )
            for start in range(0, len(missing), LOOKUP_CHUNK):
                chunk = missing[start : start + LOOKUP_CHUNK]
                ref.cache.update(dict.fromkeys(chunk))
                ref.cache.update(ref.fetch(chunk))
        good = []
        for line, row in batch:
            resolved = {}
            for ref in refs:
                key = getattr(row, ref.column)
                if key is None:
                    continue
                pk = ref.cache[key]
                if pk is None:
                    self.errors.add(line, ref.column, f"unknown {ref.what} {key!r}")
                else:
                    resolved[ref.column] = pk
            if len(resolved) == sum(getattr(row, ref.column) is not None for ref in refs):
                good.append((line, row._replace(**resolved)))
        return good

    def refuse_taken_keys(
        self, batch: list, *, column: str, taken: Callable[[list[str]], set]
    ) -> list:
        """For a partner user: keys already used by records outside their scope are refused."""
        if self.scope is None:
            return batch
        keys = [getattr(row, column) for _, row in batch]
        used: set = set()
        for start in range(0, len(keys), LOOKUP_CHUNK):
            used |= taken(keys[start : start + LOOKUP_CHUNK])
        good = []
        for line, row in batch:
            if getattr(row, column) in used:
                self.errors.add(line, column, f"the key {getattr(row, column)!r} is already taken")
            else:
                good.append((line, row))
        return good

    # Exports -----------------------------------------------------------------------------------

    @classmethod
    def export_values(cls) -> Iterator[tuple]:
        """Every record the current scope sees, as values in column order."""
        paths = [column.export_path for column in cls.columns]
        queryset = cls.model.objects.order_by(*cls.export_order).values_list(*paths)
        return queryset.iterator(chunk_size=EXPORT_CHUNK)


BYTES_PER_ROW = 60  # a typical deals or accounts line, to estimate a file's rows from its size
BULK_ROWS = 100_000


class UpsertImporter(Importer):
    """Writes with INSERT … ON CONFLICT; counts new rows by the table's size before and after.

    Column names are the table's column names. References are checked by `check()` (every
    key is looked up), so the database's own per-row check is switched off for these kinds. A
    load that is large next to the table runs without the secondary indexes, which are built
    again at the end.
    """

    bulk = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.table = self.model._meta.db_table
        self.rows_written = 0
        self.dropped_indexes: list[str] = []
        self.count_before: int | None = None
        self.update = [
            c.name for c in self.columns if c.name in self.present and c.name != self.key_columns[0]
        ]

    def prepare_load(self) -> None:
        """Before the first write: count the table, and drop its indexes for a large load."""
        if self.count_before is None:
            self.count_before = table_count(self.table)
            if self.size_hint and self.size_hint // BYTES_PER_ROW >= max(
                BULK_ROWS, self.count_before // 2
            ):
                self.dropped_indexes = drop_secondary_indexes(self.table)

    def write(self, batch) -> None:
        self.prepare_load()
        rows = [row for _, row in batch]
        upsert_rows(
            table=self.table,
            key=self.key_columns[0],
            columns=self.column_names(),
            update=self.update,
            rows=rows,
        )
        self.rows_written += len(rows)

    def finish(self) -> None:
        if self.count_before is not None and not self.errors:
            recreate_dropped(self.dropped_indexes)
            self.created = table_count(self.table) - self.count_before
            self.updated = self.rows_written - self.created


# The registry ---------------------------------------------------------------------------------

_REGISTRY: dict[str, type[Importer]] = {}


def register(importer: type[Importer]) -> type[Importer]:
    """Class decorator: make a kind of import (and export) known by its name."""
    if importer.kind in _REGISTRY and _REGISTRY[importer.kind] is not importer:
        raise ValueError(f"two importers for the kind {importer.kind!r}")
    _REGISTRY[importer.kind] = importer
    return importer


_AFTER_IMPORT: dict[str, list[Callable[[list[str]], None]]] = {}


def after_import(kind: str):
    """Decorator: `listener(keys)` runs after every successful import of `kind` — a file, the
    upload page or one API record — with the keys of the rows written, inside the import's
    transaction, so an area above keeps what it derives from those records exact."""

    def add(listener: Callable[[list[str]], None]) -> Callable[[list[str]], None]:
        _AFTER_IMPORT.setdefault(kind, []).append(listener)
        return listener

    return add


def import_listeners(kind: str) -> list[Callable[[list[str]], None]]:
    """The listeners registered for a kind (see `after_import`)."""
    return _AFTER_IMPORT.get(kind, [])


def kinds() -> tuple[str, ...]:
    """Every kind's name, in the order the areas registered them."""
    return tuple(_REGISTRY)


def importer_for(kind: str) -> type[Importer]:
    """The importer of a kind; an unknown kind fails like a bad file."""
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise ImportFailed(
            [RowError(1, "", f"unknown kind {kind!r}; use one of {', '.join(kinds())}")]
        ) from None
