"""The frame every kind of import shares: parse rows, check references in batches, write."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection

from outward.exchange.domain.errors import ErrorCollector
from outward.exchange.domain.values import Parser

# Large enough that per-batch queries are cheap per row, small enough to keep memory flat.
BATCH_SIZE = 5000
# Keep IN (...) lists well within every database's limit of query parameters.
LOOKUP_CHUNK = 2000


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser
    required: bool = False
    empty: object = None  # the value of an empty cell


@dataclass
class Reference:
    """A key column naming another record: `fetch(keys)` yields (key, pk) pairs in scope."""

    column: str
    what: str
    fetch: Callable[[list[str]], Iterable[tuple[str, int]]]
    cache: dict = field(default_factory=dict)


Parsed = list  # one row's values, in the importer's column order (None = empty cell)


class Importer:
    """One kind of import. Subclasses set the columns and implement `write` (and `check`)."""

    kind: str = ""
    columns: tuple[Column, ...] = ()
    key_columns: tuple[str, ...] = ()
    vendor_only: bool = True
    batch_size: int = BATCH_SIZE
    bulk: bool = False  # True: references are checked here only, not by the database per row

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
        self.index = {column.name: i for i, column in enumerate(self.columns)}
        self._key_positions = [self.index[name] for name in self.key_columns]
        self._seen: dict = {}

    @classmethod
    def column_names(cls) -> tuple[str, ...]:
        return tuple(column.name for column in cls.columns)

    @classmethod
    def required_names(cls) -> frozenset[str]:
        return frozenset(column.name for column in cls.columns if column.required)

    def parse(self, line: int, values: list[str]) -> Parsed | None:
        """The row's parsed values, or None after recording what is wrong with it."""
        ok = True
        parsed: Parsed = []
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
        positions = self._key_positions
        if all(parsed[i] is not None for i in positions):
            key = parsed[positions[0]] if len(positions) == 1 else self.key_of(parsed)
            first = self._seen.setdefault(key, line)
            if first != line:
                message = f"duplicate key {self.show_key(key)}, first on line {first}"
                add_error(line, self.key_columns[0], message)
                return None
        return parsed if ok else None

    def key_of(self, parsed: Parsed) -> tuple:
        return tuple(str(parsed[i]) for i in self._key_positions)

    @staticmethod
    def show_key(key) -> str:
        return " / ".join(key) if isinstance(key, tuple) else str(key)

    def has(self, name: str) -> bool:
        return name in self.present

    def take(self, batch: list[tuple[int, Parsed]]) -> None:
        """Check a batch's references, then write it unless the import has already failed."""
        good = self.check(batch)
        if not self.errors and good:
            self.write(good)

    def check(self, batch: list[tuple[int, Parsed]]) -> list[tuple[int, Parsed]]:
        return batch

    def write(self, batch: list[tuple[int, Parsed]]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def finish(self) -> None:
        """Work that needs the whole file (e.g. a tree's parents); runs after the last batch."""

    # Reference lookups -------------------------------------------------------------------------

    def resolve(self, batch: list[tuple[int, Parsed]], *refs: Reference) -> list:
        """Replace key columns by the referenced pks; rows naming an unknown key become errors."""
        specs = []
        for ref in refs:
            position = self.index[ref.column]
            missing = list({parsed[position] for _, parsed in batch} - ref.cache.keys() - {None})
            for start in range(0, len(missing), LOOKUP_CHUNK):
                chunk = missing[start : start + LOOKUP_CHUNK]
                ref.cache.update(dict.fromkeys(chunk))
                ref.cache.update(ref.fetch(chunk))
            specs.append((position, ref.cache, ref.column, ref.what))
        good = []
        add_error = self.errors.add
        for line, parsed in batch:
            ok = True
            for position, cache, column, what in specs:
                key = parsed[position]
                if key is None:
                    continue
                pk = cache[key]
                if pk is None:
                    add_error(line, column, f"unknown {what} {key!r}")
                    ok = False
                else:
                    parsed[position] = pk
            if ok:
                good.append((line, parsed))
        return good

    def refuse_taken_keys(
        self, batch: list[tuple[int, Parsed]], *, column: str, taken: Callable[[list[str]], set]
    ) -> list[tuple[int, Parsed]]:
        """For a partner user: keys already used by records outside their scope are refused."""
        if self.scope is None:
            return batch
        position = self.index[column]
        keys = [parsed[position] for _, parsed in batch]
        used: set = set()
        for start in range(0, len(keys), LOOKUP_CHUNK):
            used |= taken(keys[start : start + LOOKUP_CHUNK])
        good = []
        for line, parsed in batch:
            if parsed[position] in used:
                self.errors.add(line, column, f"the key {parsed[position]!r} is already taken")
            else:
                good.append((line, parsed))
        return good


def table_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


def upsert(*, table: str, key: str, columns: list[str], update: list[str], rows: list) -> None:
    """INSERT … ON CONFLICT (key) DO UPDATE for many rows at once (SQLite ≥ 3.24, PostgreSQL).

    SQLite (in-process) is fastest with `executemany`; PostgreSQL with COPY, which saves a
    network round trip per row.
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in columns)
    marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    if update:
        action = "DO UPDATE SET " + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in update)
    else:
        action = "DO NOTHING"

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES {marks} "
                f"ON CONFLICT ({quote(key)}) {action}",
                rows,
            )
            return
        # PostgreSQL: COPY into a scratch table, then one INSERT … SELECT … ON CONFLICT.
        scratch = quote(f"exchange_load_{table}")
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {scratch} ON COMMIT DROP AS "
            f"SELECT {names} FROM {quote(table)} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY {scratch} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {quote(table)} ({names}) SELECT {names} FROM {scratch} "
            f"ON CONFLICT ({quote(key)}) {action}"
        )
        cursor.execute(f"TRUNCATE {scratch}")


def drop_secondary_indexes(table: str) -> list[str]:
    """Drop a SQLite table's explicit indexes (not its keys); return the SQL to rebuild them."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [sql for _, sql in indexes]


def recreate_indexes(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
