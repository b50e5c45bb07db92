"""Solving an event's agenda and keeping it: the stored placements, pins and the hand draft."""

import re
import threading
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from outward.core.errors import InputError
from outward.events.domain.agenda import (
    Assignment,
    Infeasible,
    InstanceError,
    Solution,
    SolveProgress,
    solve_agenda,
)
from outward.events.domain.instance import (
    event_instance,
    room_key,
    row_pk,
    session_key,
    slot_key,
    speaker_key,
)
from outward.events.models import AgendaPlacement, Event, Room, Session, TimeSlot

Plan = AgendaPlacement.Plan
IDS = re.compile(r"\b[strp]\d+\b")


class AgendaProblem(InputError):
    """The event's data admits no agenda, or is incomplete: one reason per line."""

    def __init__(self, reasons: list[str]):
        super().__init__(
            "No agenda was stored: " + reasons[0]
            if len(reasons) == 1
            else f"No agenda was stored: {len(reasons)} problems.",
            errors=list(reasons),
        )
        self.reasons = reasons


def _missing_parts(event: Event) -> list[str]:
    reasons = []
    if not event.rooms.exists():
        reasons.append("The event has no rooms yet: add at least one.")
    if not event.slots.exists():
        reasons.append("The event has no time slots yet: generate them first.")
    if not event.sessions.exists():
        reasons.append("The event has no candidate sessions yet.")
    return reasons


def solve_event_agenda(
    *,
    event: Event,
    time_limit: float,
    on_progress: Callable[[SolveProgress], None] | None = None,
    workers: int | None = None,
) -> Solution:
    """Choose the event's sessions by partners' votes and place them with the fewest clashes;
    store the agenda. On failure nothing is stored and AgendaProblem names each reason.

    The solver runs in a thread of its own; `on_progress` is called from this thread (so it may
    write to the database) with the latest report, about twice a second.
    """
    reasons = _missing_parts(event)
    if reasons:
        raise AgendaProblem(reasons)
    try:
        instance = event_instance(event=event)
    except InstanceError as exc:
        raise AgendaProblem(_readable(event, exc.reasons)) from exc
    latest: list[SolveProgress] = []
    outcome: dict = {}
    lock = threading.Lock()
    stop = threading.Event()
    Event.objects.filter(pk=event.pk).update(agenda_stop_requested=False)

    def report(progress: SolveProgress) -> None:
        with lock:
            latest[:] = [progress]

    def work() -> None:
        try:
            outcome["solution"] = solve_agenda(
                instance, time_limit=time_limit, on_progress=report, workers=workers, stop=stop
            )
        except Exception as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    solver = threading.Thread(target=work, name=f"agenda-{event.pk}", daemon=True)
    solver.start()
    running = True
    while running:
        solver.join(0.5)
        running = solver.is_alive()
        if running and Event.objects.filter(pk=event.pk, agenda_stop_requested=True).exists():
            stop.set()  # the solver returns the best agenda found so far
        with lock:
            progress = latest.pop() if latest else None
        if progress is not None and on_progress is not None:
            on_progress(progress)  # the last report too, once the solver is done
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, Infeasible):
            raise AgendaProblem(_readable(event, error.reasons)) from error
        raise error
    solution = outcome["solution"]
    store_agenda(event=event, solution=solution)
    return solution


def request_stop(*, event: Event) -> None:
    """Ask a running solve of the event's agenda to stop and store the best agenda so far."""
    Event.objects.filter(pk=event.pk).update(agenda_stop_requested=True)


def _readable(event: Event, reasons: list[str]) -> list[str]:
    """Reasons with the instance's ids (s12, t3, r2, p4) replaced by titles, times and names."""
    names = {session_key(s.pk): f"“{s.title}”" for s in event.sessions.all()}
    names |= {slot_key(t.pk): str(t) for t in event.slots.all()}
    names |= {room_key(r.pk): r.name for r in event.rooms.all()}
    names |= {speaker_key(p.pk): p.name for p in event.speakers.all()}

    def name(match: re.Match) -> str:
        return names.get(match.group(0), match.group(0))

    return [IDS.sub(name, reason) for reason in reasons]


@transaction.atomic
def store_agenda(*, event: Event, solution: Solution) -> None:
    """Replace the event's solved agenda with the solution's placements and figures."""
    AgendaPlacement.objects.filter(event=event, plan=Plan.SOLVED).delete()
    AgendaPlacement.objects.bulk_create(
        AgendaPlacement(
            event=event,
            plan=Plan.SOLVED,
            session_id=row_pk(a.session),
            slot_id=row_pk(a.slot),
            room_id=row_pk(a.room),
        )
        for a in solution.assignments
    )
    event.agenda_status = solution.status
    event.agenda_votes = solution.votes
    event.agenda_clashes = solution.clashes
    event.agenda_lower_bound = solution.lower_bound
    event.agenda_solved_at = timezone.now()
    event.save(
        update_fields=[
            "agenda_status",
            "agenda_votes",
            "agenda_clashes",
            "agenda_lower_bound",
            "agenda_solved_at",
        ]
    )


def pin_session(*, session: Session) -> Session:
    """Keep the session where the solved agenda puts it: the next solve must place it there."""
    placement = session.placements.filter(plan=Plan.SOLVED).first()
    if placement is None:
        raise InputError(f"“{session.title}” is not on the agenda: there is nowhere to pin it.")
    session.fixed_slot_id, session.fixed_room_id = placement.slot_id, placement.room_id
    session.save(update_fields=["fixed_slot", "fixed_room"])
    return session


def unpin_session(*, session: Session) -> Session:
    """Let the optimiser place the session again."""
    session.fixed_slot, session.fixed_room = None, None
    session.save(update_fields=["fixed_slot", "fixed_room"])
    return session


@transaction.atomic
def place_by_hand(
    *, session: Session, slot: TimeSlot | None, room: Room | None
) -> AgendaPlacement | None:
    """The organiser's hand draft: put the session in a slot and room (None: take it out)."""
    AgendaPlacement.objects.filter(session=session, plan=Plan.DRAFT).delete()
    if slot is None or room is None:
        return None
    if slot.event_id != session.event_id or room.event_id != session.event_id:
        raise InputError("slot: the slot and room must belong to the session's event")
    return AgendaPlacement.objects.create(
        event_id=session.event_id, plan=Plan.DRAFT, session=session, slot=slot, room=room
    )


def stored_assignments(*, event: Event, plan: str) -> list[Assignment]:
    """The stored agenda (solved or hand draft) as the optimiser's assignments."""
    return [
        Assignment(session_key(s), slot_key(t), room_key(r))
        for s, t, r in AgendaPlacement.objects.filter(event=event, plan=plan).values_list(
            "session_id", "slot_id", "room_id"
        )
    ]
