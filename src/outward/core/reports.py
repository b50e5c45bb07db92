"""Reports on the command line: one writer for `--format table|json|csv`, one set of number
formats, and the base class of report commands.

JSON carries numbers as JSON numbers, rounded as the specs say (money to 2 decimals, ratios
to 4) and null for unknown; CSV carries the same values as text; the table is for people
(thousands separators, percentages, "—" for unknown).
"""

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from outward.core.commands import OutwardCommand
from outward.core.numbers import money, number, ratio
from outward.core.periods import Period, parse_date, parse_period

UNKNOWN = "—"
__all__ = ["Report", "ReportCommand", "TableColumn", "money", "number", "ratio"]


def csv_cell(value) -> str:
    """A report value as CSV text: empty for unknown, true/false for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def money_text(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value:,.2f}"


def percent_text(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value * 100:.1f}%"


def plain_text(value) -> str:
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@dataclass(frozen=True)
class TableColumn:
    """A column of a report's table: its header, the row key, and how its values read."""

    header: str
    key: str
    show: Callable[[object], str] = plain_text
    numeric: bool = False


@dataclass
class Report:
    """What a report command prints: the JSON document, and the rows of its table and CSV."""

    document: dict
    rows: Sequence[dict] = ()  # the CSV's rows, and the table's unless `table_rows` is given
    table: Sequence[TableColumn] = ()
    table_rows: Sequence[dict] | None = None
    csv_columns: Sequence[str] = ()
    headline: str = ""  # a line above the table
    empty: str = ""  # said instead of a table without rows
    formats: dict[str, Callable[["Report"], Iterable[str]]] = field(default_factory=dict)


def table_lines(columns: Sequence[TableColumn], rows: Sequence[dict]) -> list[str]:
    """Rows as aligned text columns (numbers right-aligned), the header first."""
    cells = [[column.header for column in columns]]
    cells += [[column.show(row.get(column.key)) for column in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = []
    for line in cells:
        parts = [
            text.rjust(width) if column.numeric else text.ljust(width)
            for text, width, column in zip(line, widths, columns, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
    return lines


class ReportCommand(OutwardCommand):
    """A command that prints a report as a table (default), JSON or CSV.

    Subclasses add their own arguments in `add_report_arguments` and build the `Report` in
    `report(**options)`; extra formats are the keys of `Report.formats`.
    """

    extra_formats: tuple[str, ...] = ()

    def add_arguments(self, parser):
        self.add_report_arguments(parser)
        parser.add_argument(
            "--format", choices=("table", "json", "csv", *self.extra_formats), default="table"
        )

    def add_report_arguments(self, parser) -> None:
        """The report's own arguments (none by default)."""

    def report(self, **options) -> Report:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self, *args, **options):
        report = self.report(**options)
        fmt = options["format"]
        if fmt == "json":
            self.stdout.write(json.dumps(report.document, ensure_ascii=False))
        elif fmt == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(report.csv_columns)
            for row in report.rows:
                writer.writerow([csv_cell(row.get(name)) for name in report.csv_columns])
        elif fmt == "table":
            if report.headline:
                self.stdout.write(report.headline)
            rows = report.rows if report.table_rows is None else report.table_rows
            if not rows and report.empty:
                self.stdout.write(report.empty)
            else:
                for line in table_lines(report.table, rows):
                    self.stdout.write(line)
        else:
            for line in report.formats[fmt](report):
                self.stdout.write(line)

    # Arguments every report parses the same way ---------------------------------------------

    @staticmethod
    def period_option(text: str, *, name: str = "--period") -> Period:
        return parse_period(text, field=name)

    @staticmethod
    def date_option(text: str | None, *, name: str):
        return None if text is None else parse_date(text, field=name)
