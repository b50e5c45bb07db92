"""The structure the model relies on: cliques, pools, room naming, slot symmetry, blocks."""

from outward.events.domain.agenda import Assignment
from outward.events.domain.agenda.lns import slot_blocks
from outward.events.domain.agenda.rooms import Placement, assign_rooms
from outward.events.domain.agenda.structure import (
    Option,
    agenda_structure,
    break_symmetry,
    canonical,
    interchangeable_slots,
    session_options,
)
from tests.events.agenda_data import build, hour_slots, session, slot

LONG_DAY = [*hour_slots(3), slot("long", "10:00", "12:00")]
ROOMS = [
    {"id": "big", "capacity": 100},
    {"id": "mid1", "capacity": 50},
    {"id": "mid2", "capacity": 50},
]


def test_agenda_structure_groups_slots_by_time_point():
    structure = agenda_structure(build(slots=LONG_DAY, rooms=ROOMS))
    names = [[structure.slots[i].id for i in clique] for clique in structure.cliques]
    assert names == [["h09"], ["h10", "long"], ["long", "h11"]]
    assert structure.laminar
    assert [[r.id for r in rooms] for rooms in structure.pools[0].classes] == [
        ["big"],
        ["mid1", "mid2"],
    ]
    assert structure.pools[0].prefix == (1, 3)
    assert [[structure.slots[i].id for i in b] for b in slot_blocks(structure)] == [
        ["h09"],
        ["h10", "long", "h11"],
    ]


def test_agenda_structure_crossing_slots_give_one_pool_per_capacity():
    slots = [slot("a", "09:00", "11:00"), slot("b", "10:00", "12:00")]
    structure = agenda_structure(build(slots=slots, rooms=ROOMS))
    assert not structure.laminar
    assert [pool.capacities for pool in structure.pools] == [(100,), (50,)]


def test_agenda_structure_pins_a_room_fixed_inside_a_long_slot():
    instance = build(
        slots=LONG_DAY,
        rooms=ROOMS,
        sessions=[session("k1")],
        fixed=[{"session": "k1", "slot": "h10", "room": "mid2"}],
    )
    structure = agenda_structure(instance)
    assert [[[r.id for r in rooms] for rooms in pool.classes] for pool in structure.pools] == [
        [["big"], ["mid1"]],
        [["mid2"]],
    ]


def test_assign_rooms_puts_the_long_slot_first_in_the_smallest_room_it_fits():
    instance = build(
        slots=LONG_DAY,
        rooms=ROOMS,
        sessions=[
            session("w1", expected_attendance=40),
            session("s1", expected_attendance=90),
            session("s2", expected_attendance=40),
            session("s3", expected_attendance=90),
            session("s4", expected_attendance=45),
        ],
    )
    structure = agenda_structure(instance)
    index = structure.slot_index
    placements = [
        Placement("w1", index["long"], 0),
        Placement("s1", index["h10"], 0),
        Placement("s2", index["h10"], 0),
        Placement("s3", index["h11"], 0),
        Placement("s4", index["h11"], 0),
    ]
    # A greedy that gave the workshop the big room would leave s1 and s3 without one.
    assert assign_rooms(instance, structure, placements) == [
        Assignment("w1", "long", "mid1"),
        Assignment("s1", "h10", "big"),
        Assignment("s2", "h10", "mid2"),
        Assignment("s3", "h11", "big"),
        Assignment("s4", "h11", "mid2"),
    ]


def test_break_symmetry_orders_interchangeable_slots_and_canonical_relabels_agendas():
    instance = build(
        slots=hour_slots(3),
        rooms=ROOMS,
        sessions=[session("a"), session("b"), session("c", speakers=["sp1"])],
        speakers=[{"id": "sp1", "unavailable": ["h11"]}],
    )
    structure = agenda_structure(instance)
    options = session_options(instance, structure)
    # h11 differs (c's speaker is away), so only h09 and h10 are interchangeable.
    groups = interchangeable_slots(structure, options)
    assert groups == [[0, 1]]
    ordered = break_symmetry(options, groups)
    assert sorted({o.slot for o in ordered["a"]}) == [0, 2]
    assert sorted({o.slot for o in ordered["b"]}) == [0, 1, 2]
    agenda = {"a": Option(1, 0, 1), "b": Option(0, 0, 1), "c": Option(1, 0, 1)}
    assert canonical(agenda, groups) == {
        "a": Option(0, 0, 1),
        "b": Option(1, 0, 1),
        "c": Option(0, 0, 1),
    }
