"""Strict CSV: a quote left open is an error naming its line, not rows swallowed into a cell."""

import io

import pytest
from django.core.management import CommandError, call_command

from outward.exchange.domain import import_file
from outward.objectives.models import CheckIn
from outward.sales.models import Deal

pytestmark = pytest.mark.django_db

DEALS = "deal_id,partner_id,amount,stage,close_date,product_line\n"
ROWS = "D2,PA,2,open,2026-01-01,x\nD3,PA,3,won,2026-01-01,y"


def test_unclosed_quote_is_an_error_naming_its_line(world, failing_csv):
    text = DEALS + 'D1,PA,1,open,2026-01-01,"oops\n' + ROWS
    assert failing_csv("deals", text) == [
        'line 2: a quoted field opens on this line and is never closed (a " is missing)'
    ]
    assert not Deal.objects.filter(deal_id__in=["D1", "D2", "D3"]).exists()


def test_quote_closed_rows_later_puts_a_line_break_in_a_single_line_field(world, failing_csv):
    text = DEALS + 'D1,PA,1,open,2026-01-01,"oops\n' + ROWS.replace(",x", ',x"')
    assert failing_csv("deals", text) == [
        "line 2: product_line: holds a line break, which this column cannot"
    ]
    assert not Deal.objects.filter(deal_id__in=["D1", "D2", "D3"]).exists()


def test_multi_line_comment_is_kept(world):
    text = 'objective_id,date,value,comment\r\nOA,2026-03-01,4,"one\ntwo"\r\n'
    import_file(kind="checkins", file=io.BytesIO(text.encode()), filename="checkins.csv")
    assert CheckIn.objects.get(objective__objective_id="OA", date="2026-03-01").comment == (
        "one\ntwo"
    )


def test_unclosed_quote_exits_2_from_the_command_line(world, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text(DEALS + 'D1,PA,1,open,2026-01-01,"oops\nD2,PA,2,open,2026-01-01,x\n')
    with pytest.raises(CommandError) as failure:
        call_command("import", "deals", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert (failure.value.returncode, str(failure.value).splitlines()[1:]) == (
        2,
        ['line 2: a quoted field opens on this line and is never closed (a " is missing)'],
    )
    assert not Deal.objects.filter(deal_id__in=["D1", "D2"]).exists()


def test_line_break_in_an_api_field_is_a_400(world, api):
    values = ["DN", "PA", "1", "open", "2026-01-01", "a\nb"]
    body = dict(zip(DEALS.strip().split(","), values, strict=True))
    response = api("manager").post("/api/v1/deals/", body, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"product_line": ["holds a line break, which this column cannot"]},
    )
    assert not Deal.objects.filter(deal_id="DN").exists()


def test_import_cells_name_line_column_and_character(world, failing_csv):
    text = (
        "objective_id,date,value,comment\n"
        "OA,2026-03-01,4,bell\x07\n"
        "OA,2026-03-02,4,tab\tand\nline is fine\n"
        "O\x00A,2026-03-03,4,\n"
    )
    assert failing_csv("checkins", text.replace("\nline", " line")) == [
        "line 2: comment: holds the control character U+0007",
        "line 4: objective_id: holds the control character U+0000",
    ]
    assert CheckIn.objects.filter(date__lt="2026-04-01").count() == 0


def test_tab_in_a_single_line_column_is_refused(world, failing_csv):
    text = "deal_id,partner_id,amount,stage,close_date,product_line\nDN,PA,1,open,2026-01-01,a\tb"
    assert failing_csv("deals", text) == [
        "line 2: product_line: holds the control character U+0009"
    ]


def test_header_after_blank_lines_is_the_header(world, import_csv):
    result = import_csv("deals", "\n,,\n" + DEALS + "DN,PA,1,open,2026-01-01,x")
    assert (result.rows, Deal.objects.filter(deal_id="DN").exists()) == (1, True)


def test_only_blank_lines_is_an_empty_file(world, failing_csv):
    assert failing_csv("deals", "\n,,\n\n") == [
        "line 1: the file is empty; the first line must name the columns"
    ]


def test_import_of_a_directory_says_so(world, tmp_path):
    with pytest.raises(CommandError) as failure:
        call_command("import", "deals", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert (failure.value.returncode, str(failure.value)) == (
        2,
        f"{tmp_path}: is a directory; name the file to import",
    )
