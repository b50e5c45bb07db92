"""The agenda outside Outward: iCalendar (the whole event, or one attendee's own sessions) and
CSV. Times are the venue's local times, written as floating times."""

import csv
import io
from datetime import datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from outward.events.models import AgendaPlacement, Event, Registration

CSV_HEADER = ["day", "start", "end", "room", "session", "kind", "track", "speakers", "votes"]


def _placements(event: Event, registration: Registration | None, only_registration: bool):
    placements = (
        AgendaPlacement.objects.filter(event=event, plan=AgendaPlacement.Plan.SOLVED)
        .select_related("session", "slot", "room")
        .prefetch_related("session__speakers")
        .order_by("slot__day", "slot__start", "room__name")
    )
    if registration is not None:
        placements = placements.filter(session__in=registration.interests.all())
    elif only_registration:
        placements = placements.none()
    return placements


def agenda_calendar(
    *, event: Event, registration: Registration | None = None, only_registration: bool = False
) -> bytes:
    """The stored agenda as an iCalendar file: every session, or only the attendee's
    (`only_registration`: nothing when there is no registration)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Outward//Partner conference agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.name)
    for placement in _placements(event, registration, only_registration):
        entry = CalendarEvent()
        entry.add("uid", f"outward-event{event.pk}-session{placement.session_id}")
        entry.add("summary", placement.session.title)
        entry.add("dtstart", datetime.combine(placement.slot.day, placement.slot.start))
        entry.add("dtend", datetime.combine(placement.slot.day, placement.slot.end))
        entry.add("location", ", ".join(filter(None, [placement.room.name, event.venue])))
        speakers = ", ".join(s.name for s in placement.session.speakers.all())
        description = placement.session.abstract
        if speakers:
            description = f"{speakers}\n\n{description}".strip()
        entry.add("description", description)
        entry.add("categories", [placement.session.get_kind_display()])
        calendar.add_component(entry)
    return calendar.to_ical()


def agenda_csv(*, event: Event, votes: dict[int, int]) -> str:
    """The stored agenda as CSV, one row per session in slot order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for placement in _placements(event, None, False):
        session = placement.session
        writer.writerow(
            [
                placement.slot.day.isoformat(),
                f"{placement.slot.start:%H:%M}",
                f"{placement.slot.end:%H:%M}",
                placement.room.name,
                session.title,
                session.kind,
                session.track,
                "; ".join(s.name for s in session.speakers.all()),
                votes.get(session.pk, 0),
            ]
        )
    return buffer.getvalue()


def published_agenda(*, event: Event) -> list[AgendaPlacement]:
    """The stored agenda in reading order, for everyone's event page."""
    return list(_placements(event, None, False))
