"""The optimiser on small instances: hard constraints, the two objective levels, statuses."""

import threading

import pytest

from outward.events.domain.agenda import (
    Infeasible,
    Solution,
    SolveProgress,
    agenda_violations,
    count_clashes,
    solve_agenda,
)
from tests.events.agenda_data import build, hour_slots, placed, session, slot

TWO_ROOMS = [{"id": "A", "capacity": 100}, {"id": "B", "capacity": 100}]


def solve(instance, **options) -> Solution:
    """Solve and hold the result against the independent checker."""
    solution = solve_agenda(instance, time_limit=10, workers=1, **options)
    assert agenda_violations(instance, solution.assignments) == []
    assert solution.clashes == count_clashes(instance, solution.assignments)
    return solution


def interests(*groups: list[str]) -> list[dict]:
    return [{"attendee": f"a{i}", "sessions": group} for i, group in enumerate(groups)]


def test_solve_agenda_places_every_mandatory_session_with_fewest_clashes():
    instance = build(
        rooms=TWO_ROOMS,
        sessions=[session(s) for s in ("s1", "s2", "s3", "s4")],
        interests=interests(["s1", "s2"], ["s1", "s2"], ["s3", "s4"], ["s1", "s3"]),
    )
    solution = solve(instance)
    # s1/s2 and s3/s4 must be apart; then s1 meets s3 or s4, and s1-s4 costs nothing.
    assert (solution.status, solution.votes, solution.clashes, solution.lower_bound) == (
        "optimal",
        0,
        0,
        0,
    )
    where = {s: at[0] for s, at in placed(solution).items()}
    assert where["s1"] != where["s2"] and where["s3"] != where["s4"]
    assert where["s1"] == where["s4"]


def test_solve_agenda_reports_unavoidable_clashes_as_proven():
    instance = build(
        rooms=TWO_ROOMS,
        sessions=[session(s) for s in ("s1", "s2", "s3", "s4")],
        interests=interests(["s1", "s2", "s3", "s4"]),
    )
    solution = solve(instance)
    assert (solution.status, solution.clashes, solution.lower_bound) == ("optimal", 2, 2)


def test_solve_agenda_votes_come_before_clashes():
    instance = build(
        rooms=TWO_ROOMS,
        slots=hour_slots(1),
        sessions=[session("s1"), session("o1", optional=True, votes=1)],
        interests=interests(["s1", "o1"], ["s1", "o1"]),
    )
    solution = solve(instance)
    assert (solution.votes, solution.clashes, solution.unscheduled) == (1, 2, ())


def test_solve_agenda_leaves_out_optional_sessions_without_votes_that_clash():
    instance = build(
        rooms=TWO_ROOMS,
        slots=hour_slots(1),
        sessions=[session("s1"), session("o1", optional=True)],
        interests=interests(["s1", "o1"]),
    )
    solution = solve(instance)
    assert (solution.status, solution.votes, solution.clashes, solution.unscheduled) == (
        "optimal",
        0,
        0,
        ("o1",),
    )


def test_solve_agenda_drops_the_top_voted_session_over_budget_and_pays_a_speaker_once():
    instance = build(
        sessions=[
            session("o1", optional=True, votes=10, speakers=["star"]),
            session("o2", optional=True, votes=6, speakers=["guest"]),
            session("o3", optional=True, votes=5, speakers=["guest"]),
            session("o4", optional=True, votes=0),
        ],
        speakers=[{"id": "star", "fee": 800}, {"id": "guest", "fee": 400}],
        budget=700,
    )
    solution = solve(instance)
    # The guest costs 400 once for both sessions; the star alone would be over the budget.
    assert (solution.status, solution.votes, solution.votes_bound) == ("optimal", 11, 11)
    assert solution.unscheduled == ("o1", "o4")


def test_solve_agenda_min_share_forces_a_lower_voted_session_in():
    instance = build(
        sessions=[
            session("p1", "product"),
            session("t1", "training", optional=True, votes=9),
            session("r1", optional=True, votes=2),
        ],
        kind_limits=[{"kind": "partner_requested", "min_share": 0.5}],
    )
    solution = solve(instance)
    assert (solution.votes, sorted(placed(solution)), solution.unscheduled) == (
        2,
        ["p1", "r1"],
        ("t1",),
    )


def test_solve_agenda_max_share_keeps_product_pitches_down():
    instance = build(
        slots=hour_slots(4),
        sessions=[
            session("r1"),
            session("p1", "product", optional=True, votes=5),
            session("p2", "product", optional=True, votes=4),
            session("t1", "training", optional=True, votes=1),
            session("t2", "training", optional=True, votes=1),
        ],
        kind_limits=[{"kind": "product", "max_share": 0.25}],
    )
    solution = solve(instance)
    assert (solution.votes, sorted(placed(solution))) == (7, ["p1", "r1", "t1", "t2"])


def test_solve_agenda_keeps_fixed_placements():
    instance = build(
        rooms=TWO_ROOMS,
        sessions=[session("k1", optional=True), session("s1"), session("s2")],
        interests=interests(["k1", "s1"], ["k1", "s2"]),
        fixed=[{"session": "k1", "slot": "h10", "room": "B"}],
    )
    solution = solve(instance)
    assert placed(solution)["k1"] == ("h10", "B")
    assert (solution.status, solution.clashes) == ("optimal", 0)
    assert {placed(solution)["s1"][0], placed(solution)["s2"][0]} == {"h09"}


def test_solve_agenda_long_slot_blocks_its_room_for_both_short_slots():
    slots = [*hour_slots(2), slot("workshop", "09:00", "11:00")]
    instance = build(
        slots=slots,
        rooms=[{"id": "A", "capacity": 100}, {"id": "B", "capacity": 30}],
        sessions=[
            session("w1", "training", expected_attendance=80, speakers=["sp1"]),
            session("s2", expected_attendance=20),
            session("s3", expected_attendance=20),
        ],
        speakers=[{"id": "sp1", "unavailable": ["h09", "h10"]}],
        interests=interests(["w1", "s2"], ["s2", "s3"]),
    )
    solution = solve(instance)
    # A is taken 9-11 by the workshop, so both small sessions need B, one per hour.
    where = placed(solution)
    assert where["w1"] == ("workshop", "A")
    assert sorted([where["s2"], where["s3"]]) == [("h09", "B"), ("h10", "B")]
    assert (solution.status, solution.clashes, solution.lower_bound) == ("optimal", 1, 1)


def test_solve_agenda_uses_rooms_of_equal_capacity_interchangeably():
    instance = build(
        slots=hour_slots(1),
        rooms=[{"id": r, "capacity": 50} for r in ("A", "B", "C")],
        sessions=[session(s) for s in ("s1", "s2", "s3")],
    )
    solution = solve(instance)
    assert sorted(placed(solution).values()) == [("h09", "A"), ("h09", "B"), ("h09", "C")]


def test_solve_agenda_demand_from_expected_attendance_or_else_interests():
    instance = build(
        rooms=[{"id": "A", "capacity": 100}, {"id": "B", "capacity": 10}],
        sessions=[
            session("s1", expected_attendance=50),
            session("s2"),
            session("s3", expected_attendance=5),
        ],
        # s2 has 11 interested attendees and no expected attendance: it needs A as well.
        # s3's expected attendance (5) wins over its 11 interested attendees.
        interests=[{"attendee": f"a{i}", "sessions": ["s2", "s3"]} for i in range(11)],
    )
    solution = solve(instance)
    where = placed(solution)
    assert where["s1"][1] == where["s2"][1] == "A"
    assert where["s1"][0] != where["s2"][0]
    assert where["s3"][1] == "B"
    assert where["s3"][0] != where["s2"][0]
    assert solution.clashes == 0


def test_solve_agenda_fixed_short_slot_inside_a_long_one_pins_its_room():
    slots = [*hour_slots(2), slot("long", "09:00", "11:00")]
    instance = build(
        slots=slots,
        rooms=[{"id": "A", "capacity": 100}, {"id": "B", "capacity": 100}],
        sessions=[
            session("f1", optional=True),
            session("f2", optional=True),
            session("x1", speakers=["sp1"]),
            session("x2"),
        ],
        speakers=[{"id": "sp1", "unavailable": ["h09", "h10"]}],
        fixed=[
            {"session": "f1", "slot": "h09", "room": "A"},
            {"session": "f2", "slot": "h10", "room": "B"},
        ],
    )
    # x1 must take the long slot, but A is busy at 9 and B at 10: no room is free throughout,
    # though each hour alone has a room for it.
    with pytest.raises(Infeasible) as caught:
        solve(instance)
    assert caught.value.reasons[0].startswith("no agenda satisfies all constraints together")


def test_solve_agenda_pinned_room_is_used_around_its_fixed_session():
    slots = [*hour_slots(2), slot("long", "09:00", "11:00")]
    instance = build(
        slots=slots,
        rooms=[{"id": "A", "capacity": 100}, {"id": "B", "capacity": 100}],
        sessions=[session("f1"), session("x1", speakers=["sp1"]), session("x2")],
        speakers=[{"id": "sp1", "unavailable": ["h09", "h10"]}],
        fixed=[{"session": "f1", "slot": "h09", "room": "A"}],
        interests=interests(["x1", "x2"]),
    )
    solution = solve(instance)
    assert placed(solution) == {"f1": ("h09", "A"), "x1": ("long", "B"), "x2": ("h10", "A")}
    assert (solution.status, solution.clashes) == ("optimal", 1)


def test_solve_agenda_reports_progress_for_each_level():
    reports: list[SolveProgress] = []
    instance = build(
        rooms=TWO_ROOMS,
        sessions=[session("s1"), session("o1", optional=True, votes=3), session("s2")],
        interests=interests(["s1", "o1"]),
    )
    solution = solve(instance, on_progress=reports.append)
    assert {report.level for report in reports} == {"votes", "clashes"}
    last = reports[-1]
    assert (last.level, last.votes, last.clashes, last.bound) == ("clashes", 3, 0, 0)
    assert (solution.status, solution.votes) == ("optimal", 3)


def test_solve_agenda_stops_early_on_request():
    stop = threading.Event()
    stop.set()
    instance = build(rooms=TWO_ROOMS, sessions=[session("s1"), session("s2")])
    solution = solve(instance, stop=stop)
    assert sorted(placed(solution)) == ["s1", "s2"]
