"""Small SQL expressions the health engine needs on both SQLite and PostgreSQL."""

from django.db import NotSupportedError
from django.db.models import DateField, DecimalField, Func

# Decimal results of the engine's expressions: enough digits for pro-rated money.
RESULT_DECIMAL = DecimalField(max_digits=30, decimal_places=10)


class MonthStart(Func):
    """The first day of a month number (year * 12 + month - 1), comparable with a DateField.

    Objectives and targets store their period as month numbers; comparing dates against the
    period's first day (and the first day after it) keeps the deal and check-in indexes usable.
    """

    arity = 1
    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        # Dates are stored as ISO text on SQLite, so the ISO text of the first day compares.
        return self._month_sql(
            compiler, connection, "printf('%%04d-%%02d-01', {m} / 12, {m} %% 12 + 1)"
        )

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
