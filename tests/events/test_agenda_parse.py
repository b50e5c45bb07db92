"""Reading instance files: every malformation is named with its path, never a traceback."""

import json
from fractions import Fraction

import pytest

from outward.events.domain.agenda import (
    InstanceError,
    KindLimit,
    Session,
    load_instance,
    parse_instance,
)
from tests.events.agenda_data import data, session, slot


def reasons_for(document: object) -> list[str]:
    with pytest.raises(InstanceError) as caught:
        parse_instance(document)
    return caught.value.reasons


def test_parse_instance_reads_every_field():
    instance = parse_instance(
        data(
            sessions=[
                session("s1", speakers=["sp1"], expected_attendance=40, optional=True, votes=7),
                session("s2", "product"),
            ],
            speakers=[{"id": "sp1", "unavailable": ["h09"], "fee": 1500.5}],
            interests=[{"attendee": "a1", "sessions": ["s1", "s2"]}],
            fixed=[{"session": "s2", "slot": "h10", "room": "A"}],
            budget=2000,
            kind_limits=[{"kind": "product", "max_share": 0.25, "min_share": 0.1}],
        )
    )
    assert instance.sessions == (
        Session("s1", "Session s1", "partner_requested", ("sp1",), 40, True, 7),
        Session("s2", "Session s2", "product", (), None, False, 0),
    )
    assert instance.speakers[0].fee == Fraction(3001, 2)
    assert instance.speakers[0].unavailable == frozenset({"h09"})
    assert instance.budget == 2000
    assert instance.kind_limits == (KindLimit("product", Fraction(1, 10), Fraction(1, 4)),)
    assert instance.pair_weights == {("s1", "s2"): 1}
    assert [instance.demand(s) for s in instance.sessions] == [40, 1]


def test_parse_instance_optional_parts_may_be_absent():
    instance = parse_instance(data(sessions=[session("s1")]))
    assert (instance.speakers, instance.interests, instance.fixed) == ((), (), ())
    assert (instance.budget, instance.kind_limits) == (None, ())


def test_parse_instance_names_unknown_references():
    reasons = reasons_for(
        data(
            sessions=[session("s1", speakers=["nobody"])],
            speakers=[{"id": "sp1", "unavailable": ["h99"]}],
            interests=[{"attendee": "a1", "sessions": ["s9"]}],
            fixed=[{"session": "s1", "slot": "x", "room": "Z"}],
        )
    )
    assert reasons == [
        "speakers[0].unavailable[0]: unknown slot 'h99'",
        "sessions[0].speakers[0]: unknown speaker 'nobody'",
        "interests[0].sessions[0]: unknown session 's9'",
        "fixed[0].slot: unknown slot 'x'",
        "fixed[0].room: unknown room 'Z'",
    ]


def test_parse_instance_names_duplicates():
    reasons = reasons_for(
        data(
            rooms=[{"id": "A", "capacity": 10}, {"id": "A", "capacity": 20}],
            sessions=[session("s1"), session("s1"), session("s2")],
            interests=[
                {"attendee": "a1", "sessions": ["s1", "s1"]},
                {"attendee": "a1", "sessions": []},
            ],
            fixed=[
                {"session": "s2", "slot": "h09", "room": "A"},
                {"session": "s2", "slot": "h10", "room": "A"},
            ],
        )
    )
    assert reasons == [
        "rooms[1].id: duplicate room 'A' (also rooms[0])",
        "sessions[1].id: duplicate session 's1' (also sessions[0])",
        "interests[1].attendee: duplicate attendee 'a1' (also interests[0])",
        "interests[0].sessions[1]: session 's1' is listed twice",
        "fixed[1].session: session 's2' is fixed twice (also fixed[0])",
    ]


def test_parse_instance_names_bad_types_and_numbers():
    reasons = reasons_for(
        data(
            rooms=[{"id": "A", "capacity": -5}, {"id": 7, "capacity": "big"}],
            sessions=[
                session("s1", kind="lecture", votes=-1),
                session("s2", optional="yes", expected_attendance=2.5, votes=True),
            ],
            speakers=[{"id": "sp1", "fee": -100}],
            budget="lots",
        )
    )
    assert reasons == [
        "rooms[1].id: must be a non-empty string",
        "rooms[0].capacity: must not be negative (-5)",
        'rooms[1].capacity: must be an integer, not "big"',
        "speakers[0].fee: must not be negative (-100)",
        'sessions[0].kind: unknown kind "lecture" (one of partner_requested, product, keynote, '
        "training, networking)",
        "sessions[0].votes: must not be negative (-1)",
        "sessions[1].optional: must be true or false",
        "sessions[1].expected_attendance: must be an integer, not 2.5",
        "sessions[1].votes: must be an integer, not true",
        'instance.budget: must be a number, not "lots"',
    ]


def test_parse_instance_names_bad_times():
    reasons = reasons_for(
        data(
            slots=[
                slot("a", "10:00", "09:00"),
                {"id": "b", "start": "tomorrow", "end": "2027-03-02T10:00"},
                {"id": "c", "start": "2027-03-02T09:00"},
                {"id": "d", "start": "2027-03-02T09:00+01:00", "end": "2027-03-02T10:00"},
            ]
        )
    )
    assert reasons == [
        "slots[0]: end 2027-03-02T09:00 is not after start 2027-03-02T10:00",
        'slots[1].start: not an ISO 8601 date and time: "tomorrow"',
        "slots[2]: missing 'end'",
        "slots[3]: start and end must both have a UTC offset, or neither",
    ]


def test_parse_instance_names_bad_kind_limits():
    reasons = reasons_for(
        data(
            kind_limits=[
                {"kind": "product", "max_share": 1.5},
                {"kind": "training", "min_share": 0.6, "max_share": 0.4},
                {"kind": "product", "max_share": 0.2},
                {"kind": "keynote"},
                {"kind": "panel", "min_share": 0.1},
            ]
        )
    )
    assert reasons == [
        "kind_limits[0].max_share: must be between 0 and 1 (1.5)",
        "kind_limits[1]: min_share 0.6 exceeds max_share 0.4",
        "kind_limits[2].kind: kind 'product' is limited twice (also kind_limits[0])",
        "kind_limits[3]: needs a min_share or a max_share",
        'kind_limits[4].kind: unknown kind "panel"',
    ]


def test_parse_instance_names_missing_and_misshapen_parts():
    assert reasons_for([]) == ["the instance must be a JSON object"]
    assert reasons_for({"slots": {}, "sessions": [3]}) == [
        "slots: must be a list",
        "rooms: missing (a list is required)",
        "sessions[0]: must be an object",
    ]


def test_load_instance_names_the_json_error_position(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"slots": [\n  {"id": "a",}\n]}', encoding="utf-8")
    with pytest.raises(InstanceError) as caught:
        load_instance(path)
    assert caught.value.reasons == [
        f"{path}: line 2 column 14: "
        "invalid JSON (Expecting property name enclosed in double quotes)"
    ]


def test_load_instance_names_an_unreadable_file(tmp_path):
    path = tmp_path / "missing.json"
    with pytest.raises(InstanceError) as caught:
        load_instance(path)
    assert caught.value.reasons == [f"{path}: cannot read: No such file or directory"]


def test_load_instance_prefixes_problems_with_the_file(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(data(sessions=[session("s1", kind="talk")])), encoding="utf-8")
    with pytest.raises(InstanceError) as caught:
        load_instance(path)
    assert caught.value.reasons == [
        f'{path}: sessions[0].kind: unknown kind "talk" (one of partner_requested, product, '
        "keynote, training, networking)"
    ]
