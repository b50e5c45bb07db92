"""Small inputs, large costs: every input is bounded by a setting, each refusal names it."""

import io
import re
import time
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from outward.core.models import TaskRun
from outward.exchange.domain import ImportFailed, import_file
from outward.sales.models import Deal

pytestmark = pytest.mark.django_db

HEADER = ["deal_id", "partner_id", "amount", "stage", "close_date"]


def _workbook(rows: list[list[str]], *, dimension: str | None = None, far: str = "") -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    if far:  # one blank cell far away: every row and column before it exists for openpyxl
        workbook.active[far] = " "
    out = io.BytesIO()
    workbook.save(out)
    if dimension is None:
        return out.getvalue()
    original, patched = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    with zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in original.infolist():
            data = original.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                tag = f'<dimension ref="{dimension}"/>'.encode()
                data = re.sub(rb'<dimension ref="[^"]*" ?/>', tag, data)
            archive.writestr(member, data)
    return patched.getvalue()


def _errors(data: bytes, filename: str) -> list[str]:
    with pytest.raises(ImportFailed) as failure:
        import_file(kind="deals", file=io.BytesIO(data), filename=filename)
    return [str(error) for error in failure.value.errors]


def test_xlsx_declaring_the_whole_sheet_is_read_as_stored(world):
    data = _workbook(
        [HEADER, ["DX", "PA", "5", "open", "2026-02-01"]],
        dimension="A1:XFD1048576",
        far="XFD1048576",
    )
    started = time.perf_counter()
    result = import_file(kind="deals", file=io.BytesIO(data), filename="deals.xlsx")
    elapsed = time.perf_counter() - started
    assert (len(data) < 6000, result.rows, elapsed < 15) == (True, 1, True)
    assert Deal.objects.filter(deal_id="DX").exists()


def test_xlsx_that_unpacks_beyond_the_limit_is_refused(world, settings):
    settings.OUTWARD_XLSX_MAX_UNZIPPED_BYTES = 20_000
    data = _workbook([HEADER, *[["D", "PA", "1", "open", "2026-01-01"]] * 2000])
    [error] = _errors(data, "deals.xlsx")
    assert re.sub(r"[0-9]+ MB", "N MB", error) == (
        "line 1: the workbook unpacks to N MB, more than N MB "
        "(OUTWARD_XLSX_MAX_UNZIPPED_BYTES); save it as CSV or split it"
    )


def test_rows_beyond_the_limit_are_refused(world, settings):
    settings.OUTWARD_IMPORT_MAX_ROWS = 3
    rows = "".join(f"D{n},PA,1,open,2026-01-01\r\n" for n in range(5))
    assert _errors((",".join(HEADER) + "\r\n" + rows).encode(), "deals.csv") == [
        "line 5: more than 3 rows (OUTWARD_IMPORT_MAX_ROWS); split the file"
    ]
    assert not Deal.objects.filter(deal_id="D0").exists()


@pytest.mark.parametrize("filename", ["deals.csv", "deals.xlsx"])
def test_a_header_of_100000_columns_is_refused_at_once(world, filename):
    header = HEADER + [f"x{n}" for n in range(100_000)]
    data = (",".join(header) + "\r\n").encode() if filename.endswith("csv") else None
    if data is None:
        data = _workbook([header[:200]])
    started = time.perf_counter()
    [error] = _errors(data, filename)
    elapsed = time.perf_counter() - started
    count = "100,005" if filename.endswith("csv") else "101"
    assert (error, elapsed < 5) == (
        f"line 1: {count} columns, more than 100 (OUTWARD_IMPORT_MAX_COLUMNS)",
        True,
    )


def test_api_body_with_50000_names_is_refused_quickly(world, api):
    body = "{" + ",".join(f'"k{n}": 1' for n in range(50_000)) + "}"
    started = time.perf_counter()
    response = api("manager").post("/api/v1/deals/", body, content_type="application/json")
    elapsed = time.perf_counter() - started
    assert (response.status_code, response.json(), elapsed < 5) == (
        400,
        {"detail": "the body has more than 1000 names (OUTWARD_API_MAX_KEYS)"},
        True,
    )


def test_upload_beyond_the_limit_is_refused_before_it_is_stored(world, login, settings, tmp_path):
    settings.OUTWARD_UPLOAD_MAX_BYTES = 1024
    settings.MEDIA_ROOT = tmp_path
    data = (",".join(HEADER) + "\r\n" + "D1,PA,1,open,2026-01-01\r\n" * 100).encode()
    response = login(world.manager).post(
        reverse("exchange:upload"), {"kind": "deals", "file": SimpleUploadedFile("d.csv", data)}
    )
    assert (response.status_code, TaskRun.objects.count(), list(tmp_path.iterdir())) == (400, 0, [])
    assert "larger than 0 MB (OUTWARD_UPLOAD_MAX_BYTES)" in response.text
