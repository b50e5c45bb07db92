"""`outward restore FILE`."""

from pathlib import Path

from outward.core.backup import restore_backup
from outward.core.commands import OutwardCommand
from outward.core.errors import InputError


class Command(OutwardCommand):
    help = "Load a backup made by `outward backup` into an empty database (migrate first)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by `outward backup`")

    def run(self, *args, file: str, **options):
        path = Path(file)
        if path.is_dir():
            raise InputError(f"{file}: is a directory, not a backup file")
        if not path.is_file():
            raise InputError(f"{file}: no such file")
        with open(path, encoding="utf-8") as lines:
            count = restore_backup(lines)
        self.stderr.write(f"restored {count:,} records from {file}")
