"""`outward health`: the JSON document, the table, the CSV and the exit codes."""

import datetime as dt
import io
import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from outward.health.domain import health_report
from tests import factories

pytestmark = pytest.mark.django_db


def _health(*args: str) -> str:
    out = io.StringIO()
    call_command("health", *args, stdout=out)
    return out.getvalue()


def _channel():
    """Three partners in three quadrants, entered out of severity order."""
    for key, name, revenue, value in [
        ("P1", "Thriving Ltd", "200", "10"),
        ("P2", "Mutiny GmbH", "200", "1"),
        ("P3", "Unknown SA", "50", None),
    ]:
        partner = factories.PartnerFactory(partner_id=key, name=name)
        factories.TargetFactory(partner=partner, period="2026", value=Decimal("100"))
        factories.DealFactory(partner=partner, close_date=dt.date(2026, 2, 1), amount=revenue)
        if value is not None:
            objective = factories.ObjectiveFactory(
                partner=partner, objective_id=f"O{key}", target=Decimal("10")
            )
            factories.CheckInFactory(objective=objective, date=dt.date(2026, 11, 1), value=value)


def test_json_is_exactly_the_report_document():
    _channel()
    output = _health("--period", "2026", "--as-of", "2027-01-15", "--format", "json")
    assert output.count("\n") == 1
    assert json.loads(output) == health_report(period="2026", as_of=dt.date(2027, 1, 15))
    assert [p["partner_id"] for p in json.loads(output)["partners"]] == ["P1", "P2", "P3"]


def test_json_threshold_option_is_used():
    _channel()
    output = _health(
        "--period", "2026", "--as-of", "2027-01-15", "--threshold", "0", "--format", "json"
    )
    report = json.loads(output)
    assert (report["threshold"], report["summary"]["met_own_objectives"]) == (0.0, 2)


def test_table_has_summary_line_then_partners_by_severity():
    _channel()
    lines = _health("--period", "2026", "--as-of", "2027-01-15").splitlines()
    assert lines[0] == (
        "Channel health 2026 as of 2027-01-15: 3 partners, 2 with objectives, 1 met their own "
        "objectives (threshold 0.75), 2 met quota; revenue 450.00 of target 300.00 (300.00 to "
        "date; previous period as of the same day 0.00); thriving 1, mutiny_risk 1, drifting 0, "
        "struggling 0, "
        "objectives_unknown 1, no_target 0"
    )
    assert lines[1].split() == [
        "quadrant",
        "partner",
        "name",
        "revenue",
        "target",
        "to",
        "date",
        "attainment",
        "own",
        "share",
    ]
    assert [line.split()[:2] for line in lines[2:]] == [
        ["mutiny_risk", "P2"],
        ["objectives_unknown", "P3"],
        ["thriving", "P1"],
    ]
    assert lines[2].split()[-5:] == ["200.00", "100.00", "100.00", "200.0%", "0.0%"]
    assert lines[3].split()[-5:] == ["50.00", "100.00", "100.00", "50.0%", "—"]


def test_table_without_partners_says_what_to_do():
    lines = _health("--period", "2026").splitlines()
    assert lines[1] == ("No partners yet: import partners (outward import) or try `outward demo`.")


def test_csv_has_one_row_per_partner_with_partner_fields():
    _channel()
    rows = _health("--period", "2026", "--as-of", "2027-01-15", "--format", "csv").splitlines()
    assert rows == [
        "partner_id,name,revenue_actual,revenue_target,revenue_target_to_date,quota_attainment,"
        "met_quota,"
        "objectives_met_share,met_own_objectives,quadrant",
        "P1,Thriving Ltd,200.0,100.0,100.0,2.0,true,1.0,true,thriving",
        "P2,Mutiny GmbH,200.0,100.0,100.0,2.0,true,0.0,false,mutiny_risk",
        "P3,Unknown SA,50.0,100.0,100.0,0.5,false,,,objectives_unknown",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--period", "2026-13"],
            "--period: '2026-13' is not a period (use YYYY, YYYY-Qn or YYYY-MM)",
        ),
        (
            ["--period", "2026", "--as-of", "15.01.2027"],
            "--as-of: '15.01.2027' is not a date (use YYYY-MM-DD)",
        ),
        (["--period", "2026", "--threshold", "abc"], "--threshold: 'abc' is not a number"),
        (["--period", "2026", "--threshold", "1.2"], "--threshold: 1.2 is not between 0 and 1"),
        (["--period", "2026", "--threshold", "nan"], "--threshold: nan is not between 0 and 1"),
    ],
)
def test_bad_input_exits_2_with_message(args, message):
    with pytest.raises(CommandError) as raised:
        _health(*args)
    assert (raised.value.returncode, str(raised.value)) == (2, message)


def _run_outward(*args: str, db) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "outward", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_command_line_exit_codes_and_one_json_document(tmp_path):
    db = tmp_path / "health.sqlite3"
    assert _run_outward("migrate", "--noinput", "-v0", db=db).returncode == 0
    bad = _run_outward("health", "--period", "2026-Q7", db=db)
    missing = _run_outward("health", db=db)
    good = _run_outward(
        "health", "--period", "2026", "--as-of", "2027-01-01", "--format", "json", db=db
    )
    assert (bad.returncode, bad.stdout) == (2, "")
    assert "--period: '2026-Q7' is not a period" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert missing.returncode == 2
    assert "--period" in missing.stderr
    assert good.returncode == 0
    assert json.loads(good.stdout)["summary"]["partners"] == 0
