"""The organiser sets an event up: the event and its composition limits, rooms, speakers and
candidate sessions. Each function checks the business rules and raises `InputError` whose
`errors` are `(field, message)` pairs, so a page can show each problem beside its field."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction

from outward.core.errors import InputError
from outward.events.models import (
    AgendaPlacement,
    Event,
    KindLimit,
    Room,
    Session,
    SessionKind,
    Speaker,
    SpeakerKind,
    TimeSlot,
    TopicRequest,
)

# A kind's composition limit: (least share, largest share) of the session-minutes, 0–1.
Limits = dict[str, tuple[Decimal | None, Decimal | None]]


def _refuse(problems: list[tuple[str, str]]) -> None:
    if problems:
        raise InputError("; ".join(f"{f}: {m}" for f, m in problems), errors=problems)


def _text(problems: list, field: str, value: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        problems.append((field, "this field is required"))
    elif len(value) > limit:
        problems.append((field, f"at most {limit} characters, not {len(value)}"))
    return value


def _limit_problems(limits: Limits) -> list[tuple[str, str]]:
    problems = []
    kinds = dict(SessionKind.choices)
    for kind, (least, most) in limits.items():
        if kind not in kinds:
            problems.append((f"min_{kind}", f"unknown kind of session {kind!r}"))
            continue
        for field, share in ((f"min_{kind}", least), (f"max_{kind}", most)):
            if share is not None and not Decimal(0) <= share <= Decimal(1):
                problems.append((field, "a share between 0 and 1, e.g. 0.25"))
        if least is not None and most is not None and least > most:
            problems.append((f"max_{kind}", f"{kinds[kind]}: the largest share is below the least"))
    least_total = sum((least for least, _ in limits.values() if least is not None), Decimal(0))
    if least_total > 1:
        first = next(kind for kind, (least, _) in limits.items() if least is not None)
        problems.append((f"min_{first}", f"the least shares add up to {least_total}, over 1"))
    return problems


@transaction.atomic
def save_event(
    *,
    event: Event | None,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    venue: str = "",
    speaker_budget: Decimal | None = None,
    votes_per_user: int = 5,
    solve_seconds: int = 10,
    limits: Limits | None = None,
) -> Event:
    """Create the event (`event=None`) or change it, with its composition limits per kind.

    The dates may not leave out time slots the event already has: they would be unreachable.
    """
    problems: list[tuple[str, str]] = []
    name = _text(problems, "name", name, 200)
    venue = _text(problems, "venue", venue, 200, required=False)
    if ends_on < starts_on:
        problems.append(("ends_on", "the event cannot end before it starts"))
    elif event is not None:
        outside = event.slots.exclude(day__range=(starts_on, ends_on)).order_by("day").first()
        if outside is not None:
            message = f"the time slot {outside} falls outside the new dates; remove it first"
            problems.append(("starts_on", message))
    if speaker_budget is not None and speaker_budget < 0:
        problems.append(("speaker_budget", "must not be negative"))
    if votes_per_user < 0:
        problems.append(("votes_per_user", "must not be negative"))
    if not 1 <= solve_seconds <= 600:
        problems.append(("solve_seconds", "between 1 and 600 seconds"))
    limits = {kind: bounds for kind, bounds in (limits or {}).items() if bounds != (None, None)}
    problems += _limit_problems(limits)
    _refuse(problems)
    event = event or Event()
    event.name, event.starts_on, event.ends_on, event.venue = name, starts_on, ends_on, venue
    event.speaker_budget, event.votes_per_user = speaker_budget, votes_per_user
    event.solve_seconds = solve_seconds
    event.save()
    event.kind_limits.exclude(kind__in=limits).delete()
    for kind, (least, most) in limits.items():
        KindLimit.objects.update_or_create(
            event=event, kind=kind, defaults={"min_share": least, "max_share": most}
        )
    return event


def event_limits(event: Event) -> Limits:
    """The event's composition limits by kind."""
    return {limit.kind: (limit.min_share, limit.max_share) for limit in event.kind_limits.all()}


def save_room(*, event: Event, room: Room | None, name: str, capacity: int) -> Room:
    """Add a room to the event (`room=None`) or rename it and change its capacity."""
    problems: list[tuple[str, str]] = []
    name = _text(problems, "name", name, 100)
    if capacity < 1:
        problems.append(("capacity", "a room needs at least one seat"))
    same = Room.objects.filter(event=event, name=name).exclude(pk=room.pk if room else None)
    if name and same.exists():
        problems.append(("name", f"the event already has a room called {name!r}"))
    _refuse(problems)
    room = room or Room(event=event)
    room.name, room.capacity = name, capacity
    room.save()
    return room


def _counted(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def room_use(room: Room) -> str:
    """Why the room cannot be deleted: the sessions placed or pinned in it ("" when none)."""
    placed = AgendaPlacement.objects.filter(room=room).count()
    pinned = Session.objects.filter(fixed_room=room).count()
    uses = []
    if placed:
        uses.append(f"{_counted(placed, 'placement')} of the agenda or draft")
    if pinned:
        uses.append(_counted(pinned, "pinned session"))
    return f"{room.name} is used by {' and '.join(uses)}; move them first" if uses else ""


def delete_room(*, room: Room) -> None:
    """Delete a room no agenda, draft or pinned session uses."""
    reason = room_use(room)
    if reason:
        _refuse([("room", reason)])
    room.delete()


@transaction.atomic
def save_speaker(
    *,
    event: Event,
    speaker: Speaker | None,
    name: str,
    kind: str,
    fee: Decimal = Decimal(0),
    unavailable: Iterable[TimeSlot] = (),
) -> Speaker:
    """Add a speaker (`speaker=None`) or change one: what kind, what fee, which slots they
    cannot make (slots of this event only)."""
    problems: list[tuple[str, str]] = []
    name = _text(problems, "name", name, 200)
    if kind not in SpeakerKind.values:
        problems.append(("kind", f"unknown kind of speaker {kind!r}"))
    if fee is None or fee < 0:
        problems.append(("fee", "must be zero or more"))
    unavailable = list(unavailable)
    if any(slot.event_id != event.pk for slot in unavailable):
        problems.append(("unavailable", "only the event's own time slots"))
    _refuse(problems)
    speaker = speaker or Speaker(event=event)
    speaker.name, speaker.kind, speaker.fee = name, kind, fee
    speaker.save()
    speaker.unavailable.set(unavailable)
    return speaker


def speaker_use(speaker: Speaker) -> str:
    """Why the speaker cannot be deleted: the sessions they speak in ("" when none)."""
    titles = list(speaker.sessions.order_by("title").values_list("title", flat=True))
    if not titles:
        return ""
    shown = ", ".join(f"“{title}”" for title in titles[:3])
    more = f" and {len(titles) - 3} more" if len(titles) > 3 else ""
    return f"{speaker.name} speaks in {shown}{more}; remove them there first"


def delete_speaker(*, speaker: Speaker) -> None:
    """Delete a speaker who speaks in no session."""
    reason = speaker_use(speaker)
    if reason:
        _refuse([("speaker", reason)])
    speaker.delete()


@transaction.atomic
def save_session(
    *,
    event: Event,
    session: Session | None,
    title: str,
    kind: str,
    abstract: str = "",
    track: str = "",
    optional: bool = True,
    expected_attendance: int | None = None,
    speakers: Iterable[Speaker] = (),
    answers: Iterable[TopicRequest] = (),
) -> Session:
    """Add a candidate session (`session=None`) or change one: its speakers (of this event)
    and the partners' open topic requests it answers, whose votes become its votes."""
    problems: list[tuple[str, str]] = []
    title = _text(problems, "title", title, 200)
    track = _text(problems, "track", track, 100, required=False)
    if kind not in SessionKind.values:
        problems.append(("kind", f"unknown kind of session {kind!r}"))
    if expected_attendance is not None and expected_attendance < 0:
        problems.append(("expected_attendance", "must not be negative"))
    speakers, answers = list(speakers), list(answers)
    if any(speaker.event_id != event.pk for speaker in speakers):
        problems.append(("speakers", "only the event's own speakers"))
    if any(request.event_id != event.pk for request in answers):
        problems.append(("answers", "only the event's own topic requests"))
    merged = [request.title for request in answers if request.merged_into_id]
    if merged:
        problems.append(("answers", f"“{merged[0]}” was merged into another request"))
    _refuse(problems)
    session = session or Session(event=event)
    session.title, session.abstract, session.track = title, (abstract or "").strip(), track
    session.kind, session.optional = kind, optional
    session.expected_attendance = expected_attendance
    session.save()
    session.speakers.set(speakers)
    session.answers.set(answers)
    return session


def session_deletion_effects(session: Session) -> list[str]:
    """What deleting the session takes with it, for the organiser to confirm."""
    effects = []
    placed = session.placements.count()
    if placed:
        effects.append(f"its {_counted(placed, 'place')} in the agenda or the draft")
    interested = session.interested.count()
    if interested:
        effects.append(f"the interest of {_counted(interested, 'registered attendee')}")
    answered = session.answers.count()
    if answered:
        effects.append(
            f"its link to {_counted(answered, 'topic request')} (the requests and their votes stay)"
        )
    return effects


def delete_session(*, session: Session) -> None:
    """Delete a candidate session, with its places in the agenda and the draft and the
    partners' interest in it."""
    session.delete()
