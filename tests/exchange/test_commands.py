"""`outward import` and `outward export`: messages, exit statuses, files."""

import io

import pytest
from django.core.management import CommandError, call_command

from outward.exchange.domain import export_rows
from outward.sales.models import Deal
from outward.targets.models import Target

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_counts(world, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text(
        "deal_id,partner_id,amount,stage,close_date\n"
        "DA,PA,10,won,2026-01-01\nDN,PB,5,open,2026-02-01\n"
    )
    assert _run("import", "deals", str(path)) == (
        "imported 2 deals (1 new, 1 updated)\n",
        "",
    )


def test_import_errors_exit_2_and_name_file_line_and_column(world, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text("deal_id,partner_id,amount,stage,close_date\nDN,PZ,5,open,2026-02-30\n")
    with pytest.raises(CommandError) as failure:
        _run("import", "deals", str(path))
    assert failure.value.returncode == 2
    assert str(failure.value).splitlines() == [
        f"{path}: deals import failed with 1 problem; nothing was stored:",
        "line 2: close_date: '2026-02-30' is not a date (use YYYY-MM-DD)",
    ]
    assert not Deal.objects.filter(deal_id="DN").exists()


def test_import_of_a_missing_file_exits_2(db, tmp_path):
    with pytest.raises(CommandError) as failure:
        _run("import", "deals", str(tmp_path / "nope.csv"))
    assert (failure.value.returncode, str(failure.value)) == (
        2,
        f"{tmp_path / 'nope.csv'}: no such file",
    )


def test_export_csv_to_stdout(world):
    out, _ = _run("export", "targets")
    assert (
        out
        == "partner_id,period,metric,value\r\nPA,2026,revenue,100000\r\nPB,2026,revenue,100000\r\n"
    )


def test_export_xlsx_to_file_reimports(world, tmp_path):
    path = tmp_path / "objectives.xlsx"
    before = list(export_rows(kind="objectives"))
    assert _run("export", "objectives", "--format", "xlsx", "-o", str(path)) == (
        "",
        f"exported 2 objectives to {path}\n",
    )
    assert _run("import", "objectives", str(path)) == (
        "imported 2 objectives (0 new, 2 updated)\n",
        "",
    )
    assert list(export_rows(kind="objectives")) == before


def test_export_xlsx_needs_a_file(world):
    with pytest.raises(CommandError) as failure:
        _run("export", "deals", "--format", "xlsx")
    assert (failure.value.returncode, str(failure.value)) == (2, "an XLSX export needs -o FILE")


def test_import_records_history_as_the_named_user(world, tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("partner_id,period,metric,value\nPA,2027,revenue,5\n")
    _run("import", "targets", str(path), "--user", world.manager.username)
    target = Target.objects.get(partner=world.partner_a, period="2027")
    assert [h.history_user for h in target.history.all()] == [world.manager]
    with pytest.raises(CommandError) as failure:
        _run("import", "targets", str(path), "--user", "nobody")
    assert (failure.value.returncode, str(failure.value)) == (2, "--user: no user named 'nobody'")
