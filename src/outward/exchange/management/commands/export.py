"""`outward export KIND [--format csv|xlsx] [-o FILE]`."""

import csv
from pathlib import Path

from outward.core.commands import OutwardCommand
from outward.core.errors import InputError
from outward.core.files import written_whole
from outward.exchange.domain import FORMATS, export_file, export_rows, importer_for, kinds


class Command(OutwardCommand):
    help = "Export one kind as CSV or XLSX, in the columns its import takes."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=kinds())
        parser.add_argument("--format", choices=FORMATS, default="csv", dest="fmt")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def run(self, *args, kind: str, fmt: str, output: str | None, **options):
        if output:
            count = _export_to(Path(output), kind=kind, fmt=fmt)
            self.stderr.write(f"exported {count} {kind} to {output}")
            return
        stream = self.stdout._out
        if fmt == "xlsx":
            binary = getattr(stream, "buffer", None)
            if binary is None or stream.isatty():
                raise InputError("an XLSX export needs -o FILE")
            stream.flush()
            export_file(kind=kind, fmt=fmt, out=binary)
            binary.flush()
            return
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(importer_for(kind).column_names())
        for row in export_rows(kind=kind, for_csv=True):
            writer.writerow(row.values())


def _export_to(path: Path, *, kind: str, fmt: str) -> int:
    with written_whole(path) as out:
        return export_file(kind=kind, fmt=fmt, out=out)
