"""The solution document and the composition report."""

import json

import pytest

from outward.events.domain.agenda import (
    InstanceError,
    Solution,
    composition,
    composition_rows,
    composition_table,
    load_solution,
    solution_json,
    solve_agenda,
)
from tests.events.agenda_data import agenda, build, hour_slots, session, slot

ROOMS = [{"id": "A", "capacity": 100}, {"id": "B", "capacity": 50}]


def test_solution_json_has_the_spec_keys_sorted():
    instance = build(
        rooms=ROOMS,
        sessions=[
            session("s2"),
            session("s1"),
            session("o9", optional=True),
            session("o1", optional=True),
        ],
    )
    solution = solve_agenda(instance, time_limit=5, workers=1)
    document = solution_json(solution)
    assert list(document) == [
        "status",
        "votes",
        "clashes",
        "lower_bound",
        "unscheduled",
        "assignments",
    ]
    assert document["unscheduled"] == ["o1", "o9"]
    starts = [instance.slot_by_id[a["slot"]].start for a in document["assignments"]]
    assert starts == sorted(starts)
    assert sorted(a["session"] for a in document["assignments"]) == ["s1", "s2"]


def test_load_solution_reads_back_what_solution_json_wrote(tmp_path):
    instance = build(rooms=ROOMS, sessions=[session("s1"), session("o1", optional=True)])
    solution = Solution("feasible", 0, 0, 0, ("o1",), tuple(agenda(("s1", "h09", "A"))))
    path = tmp_path / "solution.json"
    path.write_text(json.dumps(solution_json(solution)), encoding="utf-8")
    assert load_solution(path, instance) == solution


def test_load_solution_names_each_problem():
    instance = build(sessions=[session("s1")])
    with pytest.raises(InstanceError) as caught:
        load_solution(
            {
                "status": "great",
                "votes": -1,
                "clashes": 0,
                "unscheduled": ["nope"],
                "assignments": [{"session": "s1", "slot": "h99", "room": "A"}, 3],
            },
            instance,
        )
    assert caught.value.reasons == [
        'status: must be one of optimal, feasible, infeasible, not "great"',
        "votes: must be an integer ≥ 0, not -1",
        "lower_bound: must be an integer ≥ 0, not null",
        "unscheduled: must be a list of known session ids",
        'assignments[0].slot: unknown slot "h99"',
        "assignments[1]: must be an object",
    ]


def composition_instance():
    return build(
        slots=[*hour_slots(2), slot("long", "11:00", "13:00")],
        rooms=ROOMS,
        sessions=[
            session("r1", votes=1),
            session("p1", "product"),
            session("k1", "keynote"),
            session("o1", optional=True, votes=9),
            session("o2", "training", optional=True, votes=9),
            session("o3", optional=True, votes=4),
        ],
    )


def test_composition_reports_minutes_and_shares_by_kind():
    instance = composition_instance()
    report = composition(
        instance, agenda(("r1", "long", "A"), ("p1", "h09", "A"), ("k1", "h10", "A"))
    )
    assert report == {
        "total_minutes": 240,
        "kinds": [
            {"kind": "partner_requested", "minutes": 120, "share": 0.5},
            {"kind": "product", "minutes": 60, "share": 0.25},
            {"kind": "keynote", "minutes": 60, "share": 0.25},
            {"kind": "training", "minutes": 0, "share": 0.0},
            {"kind": "networking", "minutes": 0, "share": 0.0},
        ],
        "partner_requested_share": 0.5,
        "top_unscheduled": [
            {"session": "o1", "title": "Session o1", "votes": 9},
            {"session": "o2", "title": "Session o2", "votes": 9},
            {"session": "o3", "title": "Session o3", "votes": 4},
        ],
    }


def test_composition_table_and_rows_render_the_report():
    instance = composition_instance()
    report = composition(instance, agenda(("r1", "long", "A"), ("p1", "h09", "A")))
    assert composition_table(report).splitlines()[:8] == [
        "kind                   minutes   share",
        "partner_requested          120   66.7%",
        "product                     60   33.3%",
        "keynote                      0    0.0%",
        "training                     0    0.0%",
        "networking                   0    0.0%",
        "total                      180  100.0%",
        "",
    ]
    rows = composition_rows(report)
    assert rows[0] == ["section", "key", "title", "minutes", "share", "votes"]
    assert rows[1] == ["kind", "partner_requested", "", "120", "0.6667", ""]
    assert rows[6] == ["total", "", "", "180", "1.0000", ""]
    assert rows[7:] == [
        ["unscheduled", "o1", "Session o1", "", "", "9"],
        ["unscheduled", "o2", "Session o2", "", "", "9"],
        ["unscheduled", "o3", "Session o3", "", "", "4"],
        ["unscheduled", "k1", "Session k1", "", "", "0"],
    ]


def test_composition_of_an_empty_agenda_has_zero_shares():
    report = composition(build(sessions=[session("s1")]), [])
    assert report["total_minutes"] == 0
    assert {entry["share"] for entry in report["kinds"]} == {0.0}
    assert report["top_unscheduled"] == [{"session": "s1", "title": "Session s1", "votes": 0}]
