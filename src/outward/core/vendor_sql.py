"""Migrations whose SQL differs between SQLite and PostgreSQL (triggers, mostly)."""

from collections.abc import Sequence

from django.db import migrations

Statements = dict[str, Sequence[str]]  # database vendor ("sqlite", "postgresql") → SQL


def run_per_vendor(forward: Statements, backward: Statements) -> migrations.RunPython:
    """An operation running the connection's vendor's statements, in order, either way."""

    def runner(statements: Statements):
        def run(apps, schema_editor) -> None:
            with schema_editor.connection.cursor() as cursor:
                for statement in statements[schema_editor.connection.vendor]:
                    cursor.execute(statement)

        return run

    return migrations.RunPython(runner(forward), runner(backward))
