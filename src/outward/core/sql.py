"""SQL expressions and raw fetching that reports need on both SQLite and PostgreSQL."""

import decimal
import math
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import NotSupportedError, connections
from django.db.models import DateField, DecimalField, Func, IntegerField, QuerySet

# Decimal results of the engine's expressions: enough digits for pro-rated money.
RESULT_DECIMAL = DecimalField(max_digits=30, decimal_places=10)


class MonthStart(Func):
    """The first day of a month number (year * 12 + month - 1), comparable with a DateField.

    Objectives and targets store their period as month numbers; comparing dates against the
    period's first day (and the first day after it) keeps the deal and check-in indexes usable.
    A caller that knows the range of month numbers (`months`, first and last) lets SQLite
    look the day up in a short CASE instead of formatting it for every row, three times as
    fast where thousands of objectives are evaluated; numbers outside the range still work.
    """

    arity = 1
    output_field = DateField()
    LOOKUP_MONTHS = 60  # the longest range looked up rather than formatted

    def __init__(self, expression, *, months: tuple[int, int] | None = None):
        super().__init__(expression)
        self.months = months

    def as_sqlite(self, compiler, connection, **extra_context):
        # Dates are stored as ISO text on SQLite, so the ISO text of the first day compares.
        formatted = "printf('%%04d-%%02d-01', {m} / 12, {m} %% 12 + 1)"
        if self.months is None or self.months[1] - self.months[0] > self.LOOKUP_MONTHS:
            return self._month_sql(compiler, connection, formatted)
        sql, params = compiler.compile(self.source_expressions[0])
        first, last = self.months
        days = " ".join(
            f"WHEN {month} THEN '{month // 12:04d}-{month % 12 + 1:02d}-01'"
            for month in range(first, last + 1)
        )
        otherwise = formatted.format(m=f"({sql})")
        return f"(CASE ({sql}) {days} ELSE {otherwise} END)", (*params, *params, *params)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self._month_sql(
            compiler, connection, "make_date(({m} / 12)::int, ({m} %% 12 + 1)::int, 1)"
        )

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("MonthStart is implemented for SQLite and PostgreSQL only")

    def _month_sql(self, compiler, connection, template: str):
        sql, params = compiler.compile(self.source_expressions[0])
        # The month number appears twice, so its parameters do too.
        return template.format(m=f"({sql})"), (*params, *params)


class MonthNumber(Func):
    """The month number (year * 12 + month - 1) of a date, computed by the database itself.

    Django's date extraction calls back into Python on SQLite; this stays in SQL, for
    aggregating a million deals by month.
    """

    arity = 1
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self._month_sql(
            compiler,
            "(CAST(substr({d}, 1, 4) AS INTEGER) * 12 + CAST(substr({d}, 6, 2) AS INTEGER) - 1)",
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self._month_sql(
            compiler, "(EXTRACT(YEAR FROM {d}) * 12 + EXTRACT(MONTH FROM {d}) - 1)::int"
        )

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("MonthNumber is implemented for SQLite and PostgreSQL only")

    def _month_sql(self, compiler, template: str):
        sql, params = compiler.compile(self.source_expressions[0])
        return template.format(d=f"({sql})"), (*params, *params)


class ProRated(Func):
    """`value × overlap / months` as an exact-enough decimal.

    Written as one expression so SQLite divides reals rather than integers (a whole target is
    stored as an integer there) and no cast in between truncates the quotient.
    """

    arity = 3
    output_field = RESULT_DECIMAL

    def as_sqlite(self, compiler, connection, **extra_context):
        return self._prorated_sql(compiler, "REAL")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self._prorated_sql(compiler, "NUMERIC")

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("ProRated is implemented for SQLite and PostgreSQL only")

    def _prorated_sql(self, compiler, numeric_type: str):
        parts, params = [], []
        for expression in self.source_expressions:
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        value, overlap, months = parts
        return f"(CAST({value} AS {numeric_type}) * ({overlap}) / ({months}))", tuple(params)


# SQLite keeps 15 significant digits; digits beyond come from float inaccuracy (as in Django).
_SQLITE_DECIMAL = decimal.Context(prec=15).create_decimal_from_float


def to_decimal(value) -> Decimal | None:
    """A number as SQLite or PostgreSQL returns it, as a Decimal (None stays None)."""
    kind = type(value)
    if kind is float:  # the common case on SQLite, first: reports convert many numbers
        return _SQLITE_DECIMAL(value)
    if value is None or kind is Decimal:
        return value
    if kind is int:
        return Decimal(value)
    return _SQLITE_DECIMAL(value)


class _Converted(dict):
    """Numbers as the database returns them → `to_decimal` of them, each converted once."""

    def __missing__(self, value) -> Decimal | None:
        found = self[value] = to_decimal(value)
        return found


def decimal_reader() -> Callable[[object], Decimal | None]:
    """`to_decimal` for many numbers of which few differ (objectives' weights and targets):
    each different number is converted once, and found again without a Python call."""
    return _Converted().__getitem__


# How far apart two floats can be and still stand for the same 15-digit decimal, relative to
# their size (a unit in the 15th digit is at most 1e-14 of the number; with room to spare).
_SAME_DECIMAL = 1e-13


def at_least(value, bound) -> bool:
    """Whether `to_decimal(value) >= to_decimal(bound)`, for numbers as the database returns
    them, converting only where the floats alone cannot tell.

    `to_decimal` never reverses an order, so a float at least its bound stays at least it; a
    float below it can only meet it where both stand for the same decimal, a hair apart.
    """
    if value >= bound:
        return True
    if type(value) is not float and type(bound) is not float:
        return False  # integers and decimals compare exactly
    apart = float(bound) - float(value)
    return apart <= abs(float(bound)) * _SAME_DECIMAL and to_decimal(value) >= to_decimal(bound)


def total(values: Iterable) -> Decimal:
    """The sum of numbers as the database returns them, as a Decimal.

    PostgreSQL's decimals are added exactly; SQLite's floats are added without rounding
    (`math.fsum`), and the sum is read as `to_decimal` reads one number. Rounded to cents, as
    reports give money, that is the sum of the converted numbers save where it falls on a half
    cent within float noise.
    """
    numbers = list(values)
    if Decimal in set(map(type, numbers)):
        return sum(numbers, Decimal(0))
    return to_decimal(math.fsum(numbers))


def of_partners(rows, partners: QuerySet, field: str = "partner_id") -> QuerySet:
    """The rows (a manager or queryset of a partner-owned model) of these partners.

    Where `partners` is every visible partner (an unfiltered queryset: the tenancy layer scopes
    both models alike), no `IN (SELECT …)` is added: on 10,000 partners it costs a lookup per
    row for nothing.
    """
    query = partners.query
    if not query.where and not query.is_sliced and not query.distinct:
        return rows.all()
    return rows.filter(**{f"{field}__in": partners.values("pk")})


def fetch_rows(queryset: QuerySet) -> list[tuple]:
    """The queryset's rows as the database returns them, without per-value ORM conversion.

    For large report queries whose numbers the caller converts with `to_decimal`; the
    queryset (and its tenancy scope filter) is compiled by Django as usual.
    """
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # filtered on an empty list of partners, say
        return []
    if not sql:
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
