"""`outward import KIND FILE`."""

import os
from pathlib import Path

from django.conf import settings

from outward.core.commands import OutwardCommand
from outward.core.errors import InputError
from outward.core.models import User
from outward.core.progress import Progress
from outward.exchange.domain import import_file, kinds


class Command(OutwardCommand):
    help = "Import a CSV or XLSX file of one kind (all or nothing; see docs/import-export.md)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=kinds(), help="what the file holds")
        parser.add_argument("file", help="a .csv (UTF-8) or .xlsx file")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="record the change history of targets, objectives and check-ins as this user",
        )

    def run(self, *args, kind: str, file: str, user: str | None = None, **options):
        path = Path(file)
        if path.is_dir():
            raise InputError(f"{file}: is a directory; name the file to import")
        if not path.is_file():
            raise InputError(f"{file}: no such file")
        author = None
        if user:
            author = User.objects.filter(username=user).first()
            if author is None:
                raise InputError(f"--user: no user named {user!r}")
        if settings.OUTWARD_IMPORT_NICE:
            # A batch job: the server's requests get the CPU first (docs/operations.md).
            os.nice(settings.OUTWARD_IMPORT_NICE)
        progress = Progress.for_terminal(self.stderr._out)
        try:
            result = import_file(
                kind=kind, file=path, filename=path.name, user=author, progress=progress
            )
        except InputError as exc:
            raise InputError(f"{file}: {exc}", errors=exc.errors) from exc
        finally:
            if progress is not None:
                progress.close()
        self.stdout.write(str(result))
