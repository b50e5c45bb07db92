"""Exports: the same columns as the imports, read through the scoped managers, streamed."""

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import BinaryIO

import openpyxl

from outward.core.spreadsheets import formula_safe, text_cell
from outward.exchange.domain.errors import ImportFailed, RowError
from outward.exchange.domain.kinds import importer_for

FORMATS = ("csv", "xlsx")


def cell_text(value) -> str:
    """A stored value as the text of an import cell (so an export re-imports unchanged)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list):
        return ";".join(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def csv_cell(value) -> str:
    """A stored value as a formula-safe CSV cell.

    Text is escaped (`core.spreadsheets`); numbers and dates are written as they are, so a
    negative baseline stays `-5` (a numeric column only ever holds a plain number).
    """
    text = cell_text(value)
    return formula_safe(text) if isinstance(value, str | list) else text


def export_rows(*, kind: str, for_csv: bool = False) -> Iterator[dict[str, str]]:
    """Every record of a kind the current scope may see, as import-ready rows.

    `for_csv=True` gives the cells as a CSV file holds them (formula-safe).
    """
    importer = importer_for(kind)
    columns = importer.column_names()
    cell = csv_cell if for_csv else cell_text
    for values in importer.export_values():
        yield {name: cell(value) for name, value in zip(columns, values, strict=True)}


def export_file(*, kind: str, fmt: str, out: BinaryIO) -> int:
    """Write a kind's export as CSV or XLSX to a binary stream; returns the number of rows."""
    if fmt not in FORMATS:
        raise ImportFailed([RowError(1, "", f"unknown format {fmt!r}; use csv or xlsx")])
    rows = export_rows(kind=kind, for_csv=fmt == "csv")
    if fmt == "xlsx":
        return _write_xlsx(kind, rows, out)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        writer = csv.DictWriter(
            text, fieldnames=importer_for(kind).column_names(), lineterminator="\r\n"
        )
        writer.writeheader()
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
        text.flush()
        return count
    finally:
        text.detach()


def _write_xlsx(kind: str, rows: Iterator[dict[str, str]], out: BinaryIO) -> int:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(kind)
    sheet.append(list(importer_for(kind).column_names()))
    count = 0
    for row in rows:
        # Text cells, so keys such as 007 and values such as 1.10 come back exactly as written,
        # and a title such as =HYPERLINK(…) stays text instead of becoming a live formula.
        sheet.append([text_cell(sheet, value) for value in row.values()])
        count += 1
    workbook.save(out)
    return count
