"""Reading import files as a stream of rows: CSV (UTF-8, BOM or not) or XLSX (first sheet)."""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

import openpyxl
from django.conf import settings
from openpyxl.utils.exceptions import InvalidFileException

from outward.core.spreadsheets import formula_unescaped
from outward.exchange.domain.errors import ImportFailed, RowError

Rows = Iterator[tuple[int, list[str]]]
XLSX_MAGIC = b"PK\x03\x04"
BOM = b"\xef\xbb\xbf"


def is_xlsx(binary: BinaryIO, filename: str) -> bool:
    """XLSX by its name or by its content (a zip archive); CSV otherwise."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return True
    if binary.seekable():
        start = binary.tell()
        head = binary.read(4)
        binary.seek(start)
        return head == XLSX_MAGIC
    return False


def csv_rows(binary: BinaryIO) -> Rows:
    """Each record of a CSV file with its spreadsheet line number (header = 1)."""
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    record = 0
    try:
        # strict: a quote left open is an error, not a field that swallows the rows below it.
        for cells in csv.reader(text, strict=True):
            record += 1
            # Undo exactly the escaping of formula-like text that exports add.
            if any(cell[:1] == "'" for cell in cells):
                cells = [formula_unescaped(cell) for cell in cells]
            yield record, cells
    except UnicodeDecodeError:
        # Text is decoded in blocks; find the record that holds the first bad byte.
        line = _first_undecodable_record(binary) if binary.seekable() else record + 1
        raise ImportFailed(
            [RowError(line, "", "the file is not UTF-8 text; save it as “CSV UTF-8”")]
        ) from None
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            message = 'a quoted field opens on this line and is never closed (a " is missing)'
        else:
            message = f"not valid CSV ({exc})"
        raise ImportFailed([RowError(record + 1, "", message)]) from None
    finally:
        text.detach()  # the caller owns the binary file


def _first_undecodable_record(binary: BinaryIO) -> int:
    binary.seek(0)
    record = 0

    def decoded() -> Iterator[str]:
        for raw in binary:
            yield raw.decode("utf-8")

    try:
        for _ in csv.reader(decoded()):
            record += 1
    except (UnicodeDecodeError, csv.Error):
        pass
    return record + 1


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def xlsx_rows(binary: BinaryIO) -> Rows:
    """Each row of an XLSX file's first sheet, read without loading the whole sheet.

    The sheet's declared dimension is not trusted (a tiny file may declare A1:XFD1048576 and
    have every row padded to 16,384 cells): rows are read as they are stored, at most one cell
    beyond OUTWARD_IMPORT_MAX_COLUMNS wide; the archive's unpacked size is bounded first.
    """
    try:
        _check_unzipped_size(binary)
        workbook = openpyxl.load_workbook(binary, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError):
        raise ImportFailed([RowError(1, "", "not a readable XLSX workbook")]) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        width = settings.OUTWARD_IMPORT_MAX_COLUMNS + 1
        for line, cells in enumerate(sheet.iter_rows(values_only=True, max_col=width), start=1):
            if cells.count(None) == len(cells):  # a missing row, filled in by openpyxl
                yield line, []
            else:
                yield line, [_cell_text(cell) for cell in cells]
    finally:
        workbook.close()


def _check_unzipped_size(binary: BinaryIO) -> None:
    start = binary.tell()
    with zipfile.ZipFile(binary) as archive:
        size = sum(member.file_size for member in archive.infolist())
    binary.seek(start)
    limit = settings.OUTWARD_XLSX_MAX_UNZIPPED_BYTES
    if size > limit:
        message = (
            f"the workbook unpacks to {size / 1024 / 1024:,.0f} MB, more than "
            f"{limit / 1024 / 1024:,.0f} MB (OUTWARD_XLSX_MAX_UNZIPPED_BYTES); "
            "save it as CSV or split it"
        )
        raise ImportFailed([RowError(1, "", message)])
