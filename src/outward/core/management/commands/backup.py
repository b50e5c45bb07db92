"""`outward backup FILE`."""

from pathlib import Path

from outward.core.backup import write_backup
from outward.core.commands import OutwardCommand
from outward.core.files import written_whole


class Command(OutwardCommand):
    help = "Write a consistent copy of all data to FILE (restores on SQLite or PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file to write")

    def run(self, *args, file: str, **options):
        with written_whole(Path(file), binary=False) as out:
            count = write_backup(out)
        self.stderr.write(f"backed up {count:,} records to {file}")
