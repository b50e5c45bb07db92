"""The independent checker on hand-made agendas: each hard constraint, clashes, votes."""

from outward.events.domain.agenda import (
    Violation,
    agenda_violations,
    count_clashes,
    placed_votes,
)
from tests.events.agenda_data import agenda, build, hour_slots, session, slot

ROOMS = [{"id": "A", "capacity": 100}, {"id": "B", "capacity": 20}]


def test_agenda_violations_empty_for_a_valid_agenda():
    instance = build(rooms=ROOMS, sessions=[session("s1"), session("s2")])
    assert agenda_violations(instance, agenda(("s1", "h09", "A"), ("s2", "h09", "B"))) == []


def test_agenda_violations_names_a_missing_mandatory_and_a_missing_fixed_session():
    instance = build(
        sessions=[session("s1"), session("s2", optional=True), session("s3", optional=True)],
        fixed=[{"session": "s3", "slot": "h10", "room": "A"}],
    )
    assert agenda_violations(instance, []) == [
        Violation("missing", "s1", "s1 is mandatory but not placed"),
        Violation("missing", "s3", "s3 is fixed but not placed"),
    ]


def test_agenda_violations_names_a_session_placed_twice():
    instance = build(sessions=[session("s1")])
    assert agenda_violations(instance, agenda(("s1", "h09", "A"), ("s1", "h10", "A"))) == [
        Violation("placed_twice", "s1", "s1 is placed more than once")
    ]


def test_agenda_violations_names_a_double_booked_room_across_overlapping_slots():
    slots = [*hour_slots(2), slot("long", "09:00", "11:00")]
    instance = build(slots=slots, sessions=[session("s1"), session("s2"), session("s3")])
    found = agenda_violations(
        instance, agenda(("s1", "h09", "A"), ("s2", "long", "A"), ("s3", "h10", "A"))
    )
    assert found == [
        Violation("room_double_booked", "s2", "room A has s1 (h09) and s2 (long) at once", ("s1",)),
        Violation("room_double_booked", "s3", "room A has s2 (long) and s3 (h10) at once", ("s2",)),
    ]


def test_agenda_violations_back_to_back_slots_do_not_clash():
    instance = build(sessions=[session("s1"), session("s2")])
    assert agenda_violations(instance, agenda(("s1", "h09", "A"), ("s2", "h10", "A"))) == []


def test_agenda_violations_names_capacity_from_attendance_and_from_interests():
    instance = build(
        rooms=ROOMS,
        sessions=[session("s1", expected_attendance=30), session("s2")],
        interests=[{"attendee": f"a{i}", "sessions": ["s2"]} for i in range(21)],
    )
    assert agenda_violations(instance, agenda(("s1", "h09", "B"), ("s2", "h10", "B"))) == [
        Violation("capacity", "s1", "s1 needs 30 seats; B has 20"),
        Violation("capacity", "s2", "s2 needs 21 seats; B has 20"),
    ]


def test_agenda_violations_names_speaker_clash_and_unavailability():
    instance = build(
        rooms=ROOMS,
        sessions=[session("s1", speakers=["sp1"]), session("s2", speakers=["sp1", "sp2"])],
        speakers=[{"id": "sp1"}, {"id": "sp2", "unavailable": ["h09"]}],
    )
    assert agenda_violations(instance, agenda(("s1", "h09", "A"), ("s2", "h09", "B"))) == [
        Violation("speaker_unavailable", "s2", "s2: speaker sp2 is unavailable in h09"),
        Violation("speaker_clash", "s2", "speaker sp1 has s1 (h09) and s2 (h09) at once", ("s1",)),
    ]


def test_agenda_violations_names_a_moved_fixed_session():
    instance = build(
        rooms=ROOMS, sessions=[session("s1")], fixed=[{"session": "s1", "slot": "h09", "room": "A"}]
    )
    assert agenda_violations(instance, agenda(("s1", "h09", "B"))) == [
        Violation("fixed_moved", "s1", "s1 is fixed to h09 in A")
    ]


def test_agenda_violations_names_the_budget_once_per_speaker():
    instance = build(
        rooms=ROOMS,
        sessions=[
            session("s1", speakers=["star"]),
            session("s2", speakers=["star"]),
            session("s3", speakers=["guest"], optional=True),
        ],
        speakers=[{"id": "star", "fee": 600}, {"id": "guest", "fee": 500}],
        budget=1000,
    )
    # The star is paid once for two sessions: 600 fits; the guest's 500 on top does not.
    assert agenda_violations(instance, agenda(("s1", "h09", "A"), ("s2", "h10", "A"))) == []
    found = agenda_violations(
        instance, agenda(("s1", "h09", "A"), ("s2", "h10", "A"), ("s3", "h09", "B"))
    )
    assert found == [
        Violation("budget", None, "speaker fees 1100 exceed the budget 1000", ("s1", "s2", "s3"))
    ]


def test_agenda_violations_names_kind_shares_by_session_minutes():
    slots = [slot("h09", "09:00", "10:00"), slot("long", "10:00", "12:00")]
    instance = build(
        slots=slots,
        rooms=ROOMS,
        sessions=[session("p1", "product"), session("r1"), session("r2", optional=True)],
        kind_limits=[
            {"kind": "product", "max_share": 0.5},
            {"kind": "partner_requested", "min_share": 0.5},
        ],
    )
    # product 120 of 180 minutes: over 50 %, and partner-requested 60 of 180 under 50 %.
    found = agenda_violations(instance, agenda(("p1", "long", "A"), ("r1", "h09", "A")))
    assert found == [
        Violation("kind_share", None, "product has 66.7% of session-minutes, above 50.0%", ("p1",)),
        Violation(
            "kind_share",
            None,
            "partner_requested has 33.3% of session-minutes, below 50.0%",
            ("r1",),
        ),
    ]
    assert agenda_violations(instance, agenda(("p1", "h09", "A"), ("r1", "long", "A"))) == []


def test_agenda_violations_names_unknown_references():
    instance = build(sessions=[session("s1")])
    assert agenda_violations(instance, agenda(("s1", "h11", "A"), ("zz", "h09", "A"))) == [
        Violation("unknown", "s1", "s1: unknown slot 'h11'"),
        Violation("unknown", "zz", "unknown session 'zz'"),
        Violation("missing", "s1", "s1 is mandatory but not placed"),
    ]


def test_count_clashes_counts_attendee_pairs_of_placed_sessions_in_clashing_slots():
    slots = [*hour_slots(2), slot("long", "09:00", "11:00")]
    instance = build(
        slots=slots,
        rooms=ROOMS,
        sessions=[session(s, optional=True, votes=v) for s, v in [("s1", 1), ("s2", 2), ("s3", 4)]],
        interests=[
            {"attendee": "a1", "sessions": ["s1", "s2", "s3"]},
            {"attendee": "a2", "sessions": ["s1", "s3"]},
            {"attendee": "a3", "sessions": ["s2"]},
        ],
    )
    # s3 in the long slot clashes with s1 (h09) and s2 (h10); s1 and s2 do not clash.
    full = agenda(("s1", "h09", "A"), ("s2", "h10", "A"), ("s3", "long", "B"))
    assert count_clashes(instance, full) == 3
    assert placed_votes(instance, full) == 7
    # An unplaced session clashes with nobody.
    partial = agenda(("s1", "h09", "A"), ("s2", "h09", "B"))
    assert count_clashes(instance, partial) == 1
    assert placed_votes(instance, partial) == 3
