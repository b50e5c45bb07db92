"""`outward export KIND [--format csv|xlsx] [-o FILE]`."""

import sys

from outward.core.commands import OutwardCommand
from outward.core.errors import InputError
from outward.exchange.domain import FORMATS, KINDS, export_file


class Command(OutwardCommand):
    help = "Export one kind as CSV or XLSX, in the columns its import takes."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("--format", choices=FORMATS, default="csv", dest="fmt")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def run(self, *args, kind: str, fmt: str, output: str | None, **options):
        if output:
            with open(output, "wb") as out:
                count = export_file(kind=kind, fmt=fmt, out=out)
            self.stderr.write(f"exported {count} {kind} to {output}")
            return
        if fmt == "xlsx" and sys.stdout.isatty():
            raise InputError("an XLSX export needs -o FILE (it is not text for a terminal)")
        out = self.stdout._out.buffer if hasattr(self.stdout._out, "buffer") else sys.stdout.buffer
        self.stdout.flush()
        export_file(kind=kind, fmt=fmt, out=out)
        out.flush()
