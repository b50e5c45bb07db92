"""Cells of the spreadsheets Outward writes: never a live formula (OWASP, "CSV injection").

CSV text that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or
a carriage return) gets a `'` in front, as OWASP recommends; text that already starts with
quotes before such a character gets one more, so `formula_unescaped` undoes exactly what
`formula_safe` did and an export re-imports unchanged. XLSX cells are written as text, so no
escaping is needed there.
"""

import re

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def formula_safe(text: str) -> str:
    """The text as a CSV cell that no spreadsheet runs as a formula."""
    if text.startswith(FORMULA_STARTS) or (text.startswith("'") and _ESCAPED.match(text)):
        return "'" + text
    return text


def formula_unescaped(text: str) -> str:
    """A CSV cell's text with `formula_safe`'s quote removed (other text is unchanged)."""
    if text.startswith("'") and _ESCAPED.match(text):
        return text[1:]
    return text


def text_cell(sheet, value) -> WriteOnlyCell:
    """A write-only XLSX cell that holds `value` as text, even when it starts with `=`.

    Control characters XLSX cannot hold (stored before inputs refused them) become U+FFFD.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
