"""The base class of Outward's management commands: scope, schema check and exit codes."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.utils import OperationalError

from outward.core.errors import InputError
from outward.core.models import User
from outward.core.tenancy import partner_scope


class OutwardCommand(BaseCommand):
    """Runs `run()` in the vendor's scope (the operator sees every partner).

    Bad input (an `InputError`) exits with status 2 and its message; anything unexpected exits
    with status 1 and a one-line message (the stack trace only under `--traceback`); a database
    without the schema says so and names `outward migrate`.
    """

    requires_schema = True

    def execute(self, *args, **options):
        if self.requires_schema:
            self._check_schema()
        try:
            return super().execute(*args, **options)
        except InputError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        except (CommandError, SystemExit):
            raise
        except BrokenPipeError:
            # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:
            if options.get("traceback"):
                raise
            raise CommandError(
                f"unexpected error: {exc.__class__.__name__}: {exc} "
                "(run again with --traceback for details)",
                returncode=1,
            ) from exc

    def handle(self, *args, **options):
        with partner_scope(None):
            return self.run(*args, **options)

    def run(self, *args, **options):  # pragma: no cover - abstract
        raise NotImplementedError

    @staticmethod
    def _check_schema() -> None:
        try:
            tables = connection.introspection.table_names()
        except OperationalError as exc:
            raise CommandError(f"Cannot open the database: {exc}") from exc
        if User._meta.db_table not in tables:
            raise CommandError("The database has no schema yet: run `outward migrate` first.")
