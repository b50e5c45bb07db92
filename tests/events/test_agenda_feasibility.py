"""Infeasible instances: each reason is named before solving, or by the solver's proof."""

import pytest

from outward.events.domain.agenda import Infeasible, infeasibility_reasons, solve_agenda
from tests.events.agenda_data import build, hour_slots, session, slot


def test_infeasibility_reasons_session_too_large_for_every_room():
    instance = build(sessions=[session("s1", expected_attendance=150), session("s2")])
    assert infeasibility_reasons(instance) == [
        "s1 cannot fit in any room: it needs 150 seats, the largest room (A) has 100"
    ]


def test_infeasibility_reasons_optional_session_that_fits_nowhere_is_no_reason():
    instance = build(sessions=[session("s1", expected_attendance=150, optional=True)])
    assert infeasibility_reasons(instance) == []


def test_infeasibility_reasons_no_slot_the_speakers_can_make():
    instance = build(
        sessions=[session("s1", speakers=["sp1", "sp2"])],
        speakers=[{"id": "sp1", "unavailable": ["h09"]}, {"id": "sp2", "unavailable": ["h10"]}],
    )
    assert infeasibility_reasons(instance) == [
        "s1 cannot be placed in any slot: its speakers (sp1, sp2) can make no slot"
    ]


def test_infeasibility_reasons_fixed_placements_that_break_rules():
    instance = build(
        rooms=[{"id": "A", "capacity": 100}, {"id": "B", "capacity": 10}],
        sessions=[
            session("k1", expected_attendance=50, speakers=["sp1"]),
            session("k2", speakers=["sp1"]),
            session("k3"),
        ],
        speakers=[{"id": "sp1", "unavailable": ["h09"]}],
        fixed=[
            {"session": "k1", "slot": "h09", "room": "B"},
            {"session": "k2", "slot": "h09", "room": "A"},
            {"session": "k3", "slot": "h09", "room": "A"},
        ],
    )
    assert infeasibility_reasons(instance) == [
        "k1 is fixed in B, which has 10 seats for 50",
        "k1 is fixed in h09, when speaker sp1 is unavailable",
        "k2 is fixed in h09, when speaker sp1 is unavailable",
        "k1 and k2 are fixed at clashing times and share speaker sp1",
        "k2 (h09) and k3 (h09) are both fixed in A at once",
    ]


def test_infeasibility_reasons_mandatory_fees_over_budget():
    instance = build(
        sessions=[
            session("s1", speakers=["star"]),
            session("s2", speakers=["star", "guest"]),
            session("s3", speakers=["extra"], optional=True),
        ],
        speakers=[
            {"id": "star", "fee": 9000},
            {"id": "guest", "fee": 2500},
            {"id": "extra", "fee": 99999},
        ],
        budget=10000,
    )
    assert infeasibility_reasons(instance) == [
        "the speakers of the mandatory sessions alone cost 11,500 (guest 2,500, star 9,000), "
        "over the budget of 10,000"
    ]


def test_infeasibility_reasons_mandatory_sessions_break_composition_limits():
    instance = build(
        slots=hour_slots(4),
        sessions=[
            session("p1", "product"),
            session("p2", "product"),
            session("r1", optional=True),
            session("t1", "training"),
        ],
        kind_limits=[
            {"kind": "product", "max_share": 0.25},
            {"kind": "keynote", "min_share": 0.1},
        ],
    )
    assert infeasibility_reasons(instance) == [
        "the mandatory product sessions alone fill at least 120 session-minutes, more than "
        "max_share 0.25 allows even with every other candidate placed (120 minutes)",
        "the mandatory sessions of other kinds fill at least 180 session-minutes, so keynote "
        "cannot reach min_share 0.1 even with every keynote candidate placed (0 minutes)",
    ]


def test_infeasibility_reasons_more_mandatory_sessions_than_places():
    instance = build(
        slots=[*hour_slots(2), slot("long", "09:00", "11:00")],
        rooms=[{"id": "A", "capacity": 100}, {"id": "B", "capacity": 20}],
        sessions=[session(f"s{i}") for i in range(4)]
        + [session("big1", expected_attendance=50), session("big2", expected_attendance=60)]
        + [session("big3", expected_attendance=70, speakers=["sp1"])],
        speakers=[{"id": "sp1"}],
    )
    assert infeasibility_reasons(instance) == [
        "7 mandatory sessions but there are only 4 places "
        "(rooms with 20+ seats × 2 non-clashing slots)",
        "3 mandatory sessions need more than 20 seats but there are only 2 places "
        "(rooms with 100+ seats × 2 non-clashing slots)",
    ]


def test_infeasibility_reasons_speaker_with_too_many_sessions():
    instance = build(
        rooms=[{"id": "A", "capacity": 100}, {"id": "B", "capacity": 100}],
        sessions=[session(f"s{i}", speakers=["sp1"]) for i in range(3)],
        speakers=[{"id": "sp1"}],
    )
    assert infeasibility_reasons(instance) == [
        "speaker sp1 has 3 mandatory sessions but can make only 2 non-clashing slots"
    ]


def test_solve_agenda_raises_the_pre_check_reasons():
    instance = build(sessions=[session("s1", expected_attendance=150)])
    with pytest.raises(Infeasible) as caught:
        solve_agenda(instance, time_limit=5, workers=1)
    assert caught.value.reasons == [
        "s1 cannot fit in any room: it needs 150 seats, the largest room (A) has 100"
    ]
    assert caught.value.proven


def test_solve_agenda_names_infeasibility_no_pre_check_explains():
    # Four crossing slots; two sessions need the one large room, and the chain of overlaps
    # between them forces them into different rooms. Every count per time point is fine.
    slots = [
        slot("a", "09:00", "11:00"),
        slot("b", "10:00", "12:00"),
        slot("c", "11:00", "14:00"),
        slot("d", "12:00", "15:00"),
    ]
    only = {"z1": "a", "y1": "b", "y2": "c", "z2": "d"}
    instance = build(
        slots=slots,
        rooms=[{"id": "big", "capacity": 100}, {"id": "small", "capacity": 10}],
        sessions=[
            session(name, speakers=[name], expected_attendance=50 if name[0] == "z" else 5)
            for name in only
        ],
        speakers=[
            {"id": name, "unavailable": sorted(set("abcd") - {where})}
            for name, where in only.items()
        ],
    )
    assert infeasibility_reasons(instance) == []
    with pytest.raises(Infeasible) as caught:
        solve_agenda(instance, time_limit=10, workers=1)
    assert caught.value.reasons == [
        "no agenda satisfies all constraints together: the solver proved that the 4 mandatory "
        "sessions cannot all be placed within the rooms, speakers' times, budget and "
        "composition limits at once, though none of them alone rules it out"
    ]
