"""The organiser's set-up rules: the event and its limits, rooms, speakers and sessions."""

import datetime as dt
from decimal import Decimal

import pytest

from outward.core.errors import InputError
from outward.events.domain import planning, setup
from outward.events.models import AgendaPlacement, Event, KindLimit, Room, Session, Speaker
from tests.events.conference import DAY, build_conference


@pytest.fixture
def conference(world):
    return build_conference(world)


def _errors(call) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value.errors


def test_save_event_creates_the_event_with_its_limits(db):
    event = setup.save_event(
        event=None,
        name=" Summit ",
        starts_on=DAY,
        ends_on=DAY + dt.timedelta(days=1),
        venue="Porto",
        speaker_budget=Decimal("5000"),
        votes_per_user=3,
        solve_seconds=20,
        limits={"product": (None, Decimal("0.25")), "keynote": (None, None)},
    )
    stored = Event.objects.get()
    assert (stored.name, stored.venue, stored.speaker_budget, stored.votes_per_user) == (
        "Summit",
        "Porto",
        Decimal("5000"),
        3,
    )
    assert list(KindLimit.objects.values_list("kind", "min_share", "max_share")) == [
        ("product", None, Decimal("0.25"))
    ]
    assert setup.event_limits(event) == {"product": (None, Decimal("0.25"))}


def test_save_event_replaces_and_removes_limits(conference):
    event = conference.event
    setup.save_event(
        event=event,
        name=event.name,
        starts_on=event.starts_on,
        ends_on=event.ends_on,
        limits={"partner_requested": (Decimal("0.4"), None), "product": (None, None)},
    )
    assert setup.event_limits(event) == {"partner_requested": (Decimal("0.4000"), None)}


def test_save_event_names_each_wrong_field_and_stores_nothing(db):
    errors = _errors(
        lambda: setup.save_event(
            event=None,
            name="",
            starts_on=DAY,
            ends_on=DAY - dt.timedelta(days=1),
            solve_seconds=0,
            limits={"product": (Decimal("0.5"), Decimal("0.2"))},
        )
    )
    assert [field for field, _ in errors] == ["name", "ends_on", "solve_seconds", "max_product"]
    assert Event.objects.count() == 0


def test_save_event_refuses_least_shares_over_one(db):
    errors = _errors(
        lambda: setup.save_event(
            event=None,
            name="Summit",
            starts_on=DAY,
            ends_on=DAY,
            limits={"product": (Decimal("0.6"), None), "keynote": (Decimal("0.6"), None)},
        )
    )
    assert errors == [("min_product", "the least shares add up to 1.2, over 1")]


def test_save_event_refuses_dates_that_leave_out_slots(conference):
    event = conference.event
    errors = _errors(
        lambda: setup.save_event(
            event=event,
            name=event.name,
            starts_on=DAY + dt.timedelta(days=1),
            ends_on=DAY + dt.timedelta(days=1),
        )
    )
    assert errors == [
        (
            "starts_on",
            f"the time slot {conference.slots[0]} falls outside the new dates; remove it first",
        )
    ]
    event.refresh_from_db()
    assert event.starts_on == DAY


def test_save_room_adds_and_changes_a_room(conference):
    room = setup.save_room(event=conference.event, room=None, name="Terrace", capacity=40)
    setup.save_room(event=conference.event, room=room, name="Roof terrace", capacity=45)
    room.refresh_from_db()
    assert (room.name, room.capacity) == ("Roof terrace", 45)


def test_save_room_refuses_a_taken_name_and_no_seats(conference):
    errors = _errors(
        lambda: setup.save_room(event=conference.event, room=None, name="Studio", capacity=0)
    )
    assert errors == [
        ("capacity", "a room needs at least one seat"),
        ("name", "the event already has a room called 'Studio'"),
    ]
    assert Room.objects.filter(event=conference.event).count() == 2


def test_save_room_keeps_its_own_name(conference):
    small = conference.small
    room = setup.save_room(event=conference.event, room=small, name="Studio", capacity=35)
    assert (room.name, room.capacity) == ("Studio", 35)


def test_delete_room_refuses_a_room_the_agenda_uses(conference):
    conference.place(conference.keynote, conference.big, plan="draft")
    errors = _errors(lambda: setup.delete_room(room=conference.big))
    assert errors == [
        ("room", "Auditorium is used by 1 placement of the agenda or draft; move them first")
    ]
    setup.delete_room(room=conference.small)
    assert list(Room.objects.filter(event=conference.event)) == [conference.big]


def test_save_speaker_with_unavailable_slots_follows_in_the_budget(conference):
    speaker = setup.save_speaker(
        event=conference.event,
        speaker=None,
        name="Gia Guest",
        kind="external_headline",
        fee=Decimal("1500"),
        unavailable=conference.slots[:2],
    )
    conference.keynote.speakers.add(speaker)
    assert list(speaker.unavailable.all()) == conference.slots[:2]
    assert planning.budget_summary(event=conference.event).mandatory == Decimal("1500")


def test_save_speaker_refuses_another_events_slot_and_a_negative_fee(conference, world):
    other = build_conference(world)
    errors = _errors(
        lambda: setup.save_speaker(
            event=conference.event,
            speaker=conference.ceo,
            name="Cleo CEO",
            kind="internal_executive",
            fee=Decimal("-1"),
            unavailable=[other.slots[0]],
        )
    )
    assert errors == [
        ("fee", "must be zero or more"),
        ("unavailable", "only the event's own time slots"),
    ]
    conference.ceo.refresh_from_db()
    assert (conference.ceo.fee, list(conference.ceo.unavailable.all())) == (Decimal(0), [])


def test_delete_speaker_refuses_one_who_speaks(conference):
    errors = _errors(lambda: setup.delete_speaker(speaker=conference.ceo))
    assert errors == [("speaker", "Cleo CEO speaks in “Opening keynote”; remove them there first")]
    idle = Speaker.objects.create(event=conference.event, name="Idle", kind="partner")
    setup.delete_speaker(speaker=idle)
    assert Speaker.objects.filter(pk=idle.pk).exists() is False


def test_save_session_with_speakers_and_requests(conference):
    session = setup.save_session(
        event=conference.event,
        session=None,
        title="Partner panel",
        kind="partner_requested",
        abstract="Partners on stage",
        track="Business",
        optional=False,
        speakers=[conference.ceo],
        answers=[conference.request],
    )
    assert (session.title, session.optional, session.track) == ("Partner panel", False, "Business")
    assert (list(session.speakers.all()), list(session.answers.all())) == (
        [conference.ceo],
        [conference.request],
    )


def test_save_session_refuses_other_events_speakers_and_unknown_kind(conference, world):
    other = build_conference(world)
    errors = _errors(
        lambda: setup.save_session(
            event=conference.event,
            session=None,
            title="",
            kind="party",
            speakers=[other.ceo],
            answers=[other.request],
        )
    )
    assert errors == [
        ("title", "this field is required"),
        ("kind", "unknown kind of session 'party'"),
        ("speakers", "only the event's own speakers"),
        ("answers", "only the event's own topic requests"),
    ]


def test_delete_session_removes_its_placements(conference):
    conference.place(conference.pitch, conference.big)
    setup.delete_session(session=conference.pitch)
    left = Session.objects.filter(pk=conference.pitch.pk).exists()
    assert (left, AgendaPlacement.objects.count()) == (False, 0)
