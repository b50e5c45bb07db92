"""An agenda as the organiser reviews it: the grid, the checks, clashes, most affected attendees
and the composition, for the solved agenda and the hand draft alike."""

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from outward.events.domain.agenda import (
    Instance,
    InstanceError,
    Violation,
    agenda_violations,
    composition,
    count_clashes,
    parse_instance,
    placed_votes,
)
from outward.events.domain.instance import (
    attendee_key,
    event_document,
    room_key,
    session_key,
    slot_key,
)
from outward.events.domain.solving import stored_assignments
from outward.events.models import Event, Registration, Room, Session, TimeSlot

MOST_AFFECTED = 10


@dataclass(frozen=True)
class Cell:
    session: Session | None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Affected:
    """A registered attendee and how many pairs of their sessions clash."""

    label: str
    clashes: int


@dataclass
class AgendaReview:
    plan: str
    slots: list[TimeSlot]
    rooms: list[Room]
    grid: list[tuple[TimeSlot, list[Cell]]]
    placed: dict[int, tuple[int, int]]  # session pk → (slot pk, room pk)
    votes: int = 0
    clashes: int = 0
    violations: list[Violation] = field(default_factory=list)
    general_problems: list[str] = field(default_factory=list)
    composition: dict | None = None
    most_affected: list[Affected] = field(default_factory=list)
    unscheduled: list[Session] = field(default_factory=list)
    instance_problems: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.placed


def _instance(event: Event) -> tuple[Instance | None, list[str]]:
    try:
        return parse_instance(event_document(event=event)), []
    except InstanceError as exc:
        return None, exc.reasons


def _most_affected(instance: Instance, slot_of: dict[str, str], labels: dict[str, str]):
    slots = instance.slot_by_id
    found = []
    for interest in instance.interests:
        placed = [s for s in interest.sessions if s in slot_of]
        clashes = sum(
            1 for a, b in combinations(placed, 2) if slots[slot_of[a]].clashes(slots[slot_of[b]])
        )
        if clashes:
            found.append(Affected(labels.get(interest.attendee, interest.attendee), clashes))
    found.sort(key=lambda a: (-a.clashes, a.label))
    return found[:MOST_AFFECTED]


def review_agenda(*, event: Event, plan: str, instance: Instance | None = None) -> AgendaReview:
    """The stored agenda `plan` ("solved" or "draft") with every check the page shows."""
    slots = list(event.slots.order_by("day", "start", "end"))
    rooms = list(event.rooms.order_by("-capacity", "name"))
    sessions = {s.pk: s for s in Session.objects.filter(event=event)}
    assignments = stored_assignments(event=event, plan=plan)
    problems: list[str] = []
    if instance is None:
        instance, problems = _instance(event)
    review = AgendaReview(plan, slots, rooms, [], {}, instance_problems=problems)
    key_to_session = {session_key(pk): s for pk, s in sessions.items()}
    by_cell: dict[tuple[str, str], Session] = {}
    for a in assignments:
        session = key_to_session[a.session]
        by_cell[a.slot, a.room] = session
        review.placed[session.pk] = (int(a.slot[1:]), int(a.room[1:]))
    per_session: dict[str, list[str]] = {}
    if instance is not None:
        review.violations = agenda_violations(instance, assignments)
        for violation in review.violations:
            if violation.session is None:
                review.general_problems.append(violation.message)
            else:
                per_session.setdefault(violation.session, []).append(violation.message)
        review.votes = placed_votes(instance, assignments)
        review.clashes = count_clashes(instance, assignments)
        review.composition = composition(instance, assignments)
        labels = _attendee_labels(event)
        review.most_affected = _most_affected(
            instance, {a.session: a.slot for a in assignments}, labels
        )
    for slot in slots:
        cells = []
        for room in rooms:
            session = by_cell.get((slot_key(slot.pk), room_key(room.pk)))
            found = per_session.get(session_key(session.pk), []) if session else []
            cells.append(Cell(session, tuple(found)))
        review.grid.append((slot, cells))
    review.unscheduled = [s for pk, s in sorted(sessions.items()) if pk not in review.placed]
    return review


def _attendee_labels(event: Event) -> dict[str, str]:
    """Who each registration is, as vendor staff see it (the page is theirs)."""
    return {
        attendee_key(pk): f"{email or name} ({partner})"
        for pk, email, name, partner in Registration.objects.filter(event=event).values_list(
            "pk", "user__email", "user__username", "partner__name"
        )
    }


def interest_counts(event: Event) -> Counter:
    """How many registered partner users want each session."""
    return Counter(
        Registration.interests.through.objects.filter(registration__event=event).values_list(
            "session_id", flat=True
        )
    )
