"""The agenda instance of an event (shared/spec/agenda.md), built from its rows.

Ids are the rows' primary keys with a letter for their kind (slot t12, room r3, session s40,
speaker p7, attendee a91: a registration), so the solution maps straight back to the rows.
"""

from django.db.models import Prefetch

from outward.events.domain.agenda import Instance, parse_instance
from outward.events.domain.requests import session_votes
from outward.events.models import Event, Registration, Session, Speaker


def slot_key(pk: int) -> str:
    return f"t{pk}"


def room_key(pk: int) -> str:
    return f"r{pk}"


def session_key(pk: int) -> str:
    return f"s{pk}"


def speaker_key(pk: int) -> str:
    return f"p{pk}"


def attendee_key(pk: int) -> str:
    return f"a{pk}"


def row_pk(key: str) -> int:
    """The primary key behind an instance id."""
    return int(key[1:])


def _number(value):
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def event_document(*, event: Event) -> dict:
    """The event as the optimiser's instance document: votes from topic requests, fees from
    speakers, the budget and composition limits from the event."""
    votes = session_votes(event)
    sessions = list(Session.objects.filter(event=event).prefetch_related("speakers").order_by("pk"))
    speakers = Speaker.objects.filter(event=event).prefetch_related("unavailable").order_by("pk")
    registrations = (
        Registration.objects.filter(event=event)
        .prefetch_related(Prefetch("interests", queryset=Session.objects.only("pk")))
        .order_by("pk")
    )
    document = {
        "slots": [
            {
                "id": slot_key(slot.pk),
                "start": f"{slot.day.isoformat()}T{slot.start:%H:%M:%S}",
                "end": f"{slot.day.isoformat()}T{slot.end:%H:%M:%S}",
            }
            for slot in event.slots.order_by("day", "start", "end", "pk")
        ],
        "rooms": [
            {"id": room_key(room.pk), "capacity": room.capacity}
            for room in event.rooms.order_by("pk")
        ],
        "sessions": [
            {
                "id": session_key(session.pk),
                "title": session.title,
                "kind": session.kind,
                "speakers": [speaker_key(s.pk) for s in session.speakers.all()],
                "expected_attendance": session.expected_attendance,
                "optional": session.optional,
                "votes": votes.get(session.pk, 0),
            }
            for session in sessions
        ],
        "speakers": [
            {
                "id": speaker_key(speaker.pk),
                "unavailable": [slot_key(slot.pk) for slot in speaker.unavailable.all()],
                "fee": _number(speaker.fee),
            }
            for speaker in speakers
        ],
        "interests": [
            {
                "attendee": attendee_key(registration.pk),
                "sessions": [session_key(s.pk) for s in registration.interests.all()],
            }
            for registration in registrations
        ],
        "fixed": [
            {
                "session": session_key(session.pk),
                "slot": slot_key(session.fixed_slot_id),
                "room": room_key(session.fixed_room_id),
            }
            for session in sessions
            if session.fixed_slot_id is not None
        ],
        "kind_limits": [
            {
                "kind": limit.kind,
                "min_share": None if limit.min_share is None else _number(limit.min_share),
                "max_share": None if limit.max_share is None else _number(limit.max_share),
            }
            for limit in event.kind_limits.order_by("kind")
        ],
    }
    if event.speaker_budget is not None:
        document["budget"] = _number(event.speaker_budget)
    return document


def event_instance(*, event: Event) -> Instance:
    """The event's agenda instance; raises InstanceError naming what is wrong with the data."""
    return parse_instance(event_document(event=event))
