"""A small conference for the tests: two rooms, four hour slots, speakers, candidate sessions,
partner A's topic request with votes, and registrations with interests."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from outward.events.domain import attendance, planning, requests
from outward.events.models import (
    AgendaPlacement,
    Event,
    KindLimit,
    Room,
    Session,
    Speaker,
    TimeSlot,
)

DAY = dt.date(2027, 3, 2)


@dataclass
class Conference:
    event: Event
    big: Room
    small: Room
    slots: list[TimeSlot]
    keynote: Session
    pitch: Session
    requested: Session
    workshop: Session
    headliner: Speaker
    ceo: Speaker
    request: object

    def place(self, session: Session, room: Room, *, plan: str = "solved") -> AgendaPlacement:
        """Put `session` in `room` at the first slot of the stored agenda or the hand draft."""
        return AgendaPlacement.objects.create(
            event=self.event, plan=plan, session=session, slot=self.slots[0], room=room
        )


def build_conference(world, *, budget: str | None = "10000") -> Conference:
    event = Event.objects.create(
        name="Partner Summit 2027",
        starts_on=DAY,
        ends_on=DAY,
        venue="Lisbon",
        speaker_budget=None if budget is None else Decimal(budget),
        votes_per_user=2,
        solve_seconds=1,
    )
    big = Room.objects.create(event=event, name="Auditorium", capacity=200)
    small = Room.objects.create(event=event, name="Studio", capacity=30)
    slots = planning.generate_slots(
        event=event, days=[DAY], start=dt.time(9), end=dt.time(13), length=60
    )
    ceo = Speaker.objects.create(event=event, name="Cleo CEO", kind="internal_executive")
    headliner = Speaker.objects.create(
        event=event, name="Hedda Headline", kind="external_headline", fee=Decimal("8000")
    )
    keynote = Session.objects.create(
        event=event, title="Opening keynote", kind="keynote", optional=False
    )
    keynote.speakers.add(ceo)
    pitch = Session.objects.create(event=event, title="Product roadmap", kind="product")
    pitch.speakers.add(headliner)
    request = requests.propose_request(
        event=event, user=world.user_a, title="Co-selling in the mid-market", why="We lose deals"
    )
    requests.cast_vote(request=request, user=world.user_a)
    requests.cast_vote(request=request, user=world.user_b)
    requested = requests.create_session_from_request(request=request)
    roadmap = requests.propose_request(
        event=event, user=world.user_b, title="What's next on the roadmap", why="Planning"
    )
    requests.cast_vote(request=roadmap, user=world.user_b)
    pitch.answers.add(roadmap)
    workshop = Session.objects.create(
        event=event, title="Hands-on lab", kind="training", optional=False
    )
    KindLimit.objects.create(event=event, kind="product", max_share=Decimal("0.5"))
    registration_a = attendance.register(event=event, user=world.user_a)
    attendance.set_interests(
        registration=registration_a, session_ids=[keynote.pk, requested.pk, workshop.pk]
    )
    registration_b = attendance.register(event=event, user=world.user_b)
    attendance.set_interests(registration=registration_b, session_ids=[requested.pk, pitch.pk])
    return Conference(
        event, big, small, slots, keynote, pitch, requested, workshop, headliner, ceo, request
    )
