"""`outward migrate` migrates every database: on SQLite the sign-in file too (core/routers.py).

With `--database ALIAS` (as Django's test runner passes it) it migrates that one only.
"""

from django.conf import settings
from django.core.management.commands import migrate


class Command(migrate.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(database=None)

    def execute(self, *args, **options):
        if options.get("database") is not None:
            return super().execute(*args, **options)
        for alias in settings.DATABASES:
            if options["verbosity"] >= 1 and len(settings.DATABASES) > 1:
                self.stdout.write(self.style.MIGRATE_HEADING(f"Database {alias}:"))
            super().execute(*args, **{**options, "database": alias})
        return None
