"""`outward agenda solve` and `outward agenda composition` on instance files."""

import json

import pytest
from django.core.management import CommandError, call_command

from outward.events.models import AgendaPlacement
from tests.events.agenda_data import data, session
from tests.events.conference import build_conference

INSTANCE = data(
    sessions=[
        session("s1", "product", optional=True, votes=3),
        session("s2"),
    ],
    interests=[{"attendee": "x", "sessions": ["s1", "s2"]}],
)


@pytest.fixture
def instance_file(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(INSTANCE))
    return path


def test_solve_writes_the_solution_and_progress_on_stderr(instance_file, tmp_path, capsys):
    output = tmp_path / "solution.json"
    call_command("agenda", "solve", str(instance_file), "--time-limit", "1", "-o", str(output))
    solution = json.loads(output.read_text())
    assert (
        solution["status"],
        solution["votes"],
        solution["clashes"],
        solution["unscheduled"],
    ) == (
        "optimal",
        3,
        0,
        [],
    )
    assert "votes" in capsys.readouterr().err


def test_solve_malformed_file_exits_2_naming_the_problem(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data(sessions=[session("s1", speakers=["sp9"])])))
    with pytest.raises(CommandError) as caught:
        call_command("agenda", "solve", str(path), "--time-limit", "1")
    assert (caught.value.returncode, str(caught.value)) == (
        2,
        f"{path}: sessions[0].speakers[0]: unknown speaker 'sp9'",
    )


def test_solve_infeasible_exits_2_and_writes_nothing(tmp_path):
    path = tmp_path / "infeasible.json"
    path.write_text(json.dumps(data(sessions=[session("s1", expected_attendance=500)])))
    output = tmp_path / "solution.json"
    with pytest.raises(CommandError) as caught:
        call_command("agenda", "solve", str(path), "-o", str(output), "--time-limit", "1")
    assert (caught.value.returncode, output.exists()) == (2, False)
    assert "s1 cannot fit in any room" in str(caught.value)


def test_solve_bad_time_limit_names_the_option(instance_file):
    with pytest.raises(CommandError) as caught:
        call_command("agenda", "solve", str(instance_file), "--time-limit", "soon")
    assert (caught.value.returncode, str(caught.value)) == (
        2,
        "--time-limit: must be a number of seconds > 0, not 'soon'",
    )


def test_composition_json_reports_minutes_by_kind(instance_file, tmp_path, capsys):
    solution = tmp_path / "solution.json"
    solution.write_text(
        json.dumps(
            {
                "status": "feasible",
                "votes": 0,
                "clashes": 0,
                "lower_bound": 0,
                "unscheduled": ["s1"],
                "assignments": [{"session": "s2", "slot": "h09", "room": "A"}],
            }
        )
    )
    call_command("agenda", "composition", str(solution), str(instance_file), "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert (report["total_minutes"], report["partner_requested_share"]) == (60, 1.0)
    assert report["top_unscheduled"] == [{"session": "s1", "title": "Session s1", "votes": 3}]


def test_event_solves_and_stores_the_agenda_of_an_event(world, capsys):
    conference = build_conference(world)
    call_command("agenda", "event", str(conference.event.pk), "--time-limit", "1")
    out = capsys.readouterr()
    assert out.out.startswith("Partner Summit 2027: agenda stored (optimal), 3 votes, 0 clashes")
    assert "reducing clashes" in out.err
    assert AgendaPlacement.objects.filter(event=conference.event).count() == 4


def test_event_unknown_exits_2(db):
    with pytest.raises(CommandError) as caught:
        call_command("agenda", "event", "99")
    assert (caught.value.returncode, str(caught.value)) == (2, "EVENT_ID: no event '99'")


def test_event_infeasible_exits_2_with_each_reason(world):
    conference = build_conference(world)
    conference.keynote.expected_attendance = 900
    conference.keynote.save()
    with pytest.raises(CommandError) as caught:
        call_command("agenda", "event", str(conference.event.pk), "--time-limit", "1")
    assert (caught.value.returncode, str(caught.value)) == (
        2,
        "“Opening keynote” cannot fit in any room: it needs 900 seats, "
        "the largest room (Auditorium) has 200",
    )
