"""An independent check of an agenda against the hard constraints, and its two objective values.

It reads the spec directly, sharing nothing with the optimiser's model, so the tests and the
benchmark can hold every agenda the solver (or a peer, or a person editing by hand) produces
against it. A partial or hand-edited agenda is fine: each problem names the session it
concerns, and `others` the sessions it conflicts with.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from outward.events.domain.agenda.instance import Assignment, Instance


@dataclass(frozen=True)
class Violation:
    """One broken hard constraint; `session` is None for agenda-wide ones (budget, shares)."""

    kind: str
    session: str | None
    message: str
    others: tuple[str, ...] = ()


def placements(instance: Instance, assignments: Iterable[Assignment]) -> dict[str, Assignment]:
    """Each placed, known session's first assignment (a repeat is a violation, not a second run)."""
    placed: dict[str, Assignment] = {}
    for assignment in assignments:
        if assignment.session in instance.session_by_id:
            placed.setdefault(assignment.session, assignment)
    return placed


def placed_votes(instance: Instance, assignments: Iterable[Assignment]) -> int:
    """The partner votes of the sessions the agenda runs."""
    placed = placements(instance, assignments)
    return sum(instance.session_by_id[session].votes for session in placed)


def count_clashes(instance: Instance, assignments: Iterable[Assignment]) -> int:
    """Over attendees, the pairs of placed sessions they want that sit in clashing slots."""
    placed = placements(instance, assignments)
    slots = instance.slot_by_id
    clashes = 0
    for (first, second), weight in instance.pair_weights.items():
        both = first in placed and second in placed
        if both and slots[placed[first].slot].clashes(slots[placed[second].slot]):
            clashes += weight
    return clashes


def _reference_violations(instance: Instance, assignments: Sequence[Assignment]) -> list[Violation]:
    found = []
    seen: set[str] = set()
    for assignment in assignments:
        session = assignment.session
        if session not in instance.session_by_id:
            found.append(Violation("unknown", session, f"unknown session {session!r}"))
            continue
        if session in seen:
            found.append(Violation("placed_twice", session, f"{session} is placed more than once"))
        seen.add(session)
        for what, known in (("slot", instance.slot_by_id), ("room", instance.room_by_id)):
            ref = getattr(assignment, what)
            if ref not in known:
                found.append(Violation("unknown", session, f"{session}: unknown {what} {ref!r}"))
    return found


def _placement_violations(instance: Instance, placed: dict[str, Assignment]) -> list[Violation]:
    found = []
    for session in instance.sessions:
        fixed = instance.fixed_by_session.get(session.id)
        assignment = placed.get(session.id)
        if assignment is None:
            if not session.optional or fixed is not None:
                why = "fixed" if fixed is not None else "mandatory"
                message = f"{session.id} is {why} but not placed"
                found.append(Violation("missing", session.id, message))
            continue
        if fixed is not None and (assignment.slot, assignment.room) != (fixed.slot, fixed.room):
            message = f"{session.id} is fixed to {fixed.slot} in {fixed.room}"
            found.append(Violation("fixed_moved", session.id, message))
        room = instance.room_by_id[assignment.room]
        demand = instance.demand(session)
        if room.capacity < demand:
            message = f"{session.id} needs {demand} seats; {room.id} has {room.capacity}"
            found.append(Violation("capacity", session.id, message))
        for speaker in session.speakers:
            if assignment.slot in instance.speaker_by_id[speaker].unavailable:
                message = f"{session.id}: speaker {speaker} is unavailable in {assignment.slot}"
                found.append(Violation("speaker_unavailable", session.id, message))
    return found


def _overlap_violations(instance: Instance, placed: dict[str, Assignment]) -> list[Violation]:
    """Room double-bookings and speaker clashes: pairs of placed sessions in clashing slots."""
    slots = instance.slot_by_id
    found = []
    by_room: dict[str, list[str]] = defaultdict(list)
    by_speaker: dict[str, list[str]] = defaultdict(list)
    for session, assignment in placed.items():
        by_room[assignment.room].append(session)
        for speaker in instance.session_by_id[session].speakers:
            by_speaker[speaker].append(session)
    groups = [("room_double_booked", "room", room, ids) for room, ids in by_room.items()]
    groups += [("speaker_clash", "speaker", speaker, ids) for speaker, ids in by_speaker.items()]
    for kind, what, name, ids in groups:
        for first, second in combinations(sorted(ids), 2):
            slot, other_slot = slots[placed[first].slot], slots[placed[second].slot]
            if slot.clashes(other_slot):
                message = (
                    f"{what} {name} has {first} ({slot.id}) and {second} ({other_slot.id}) at once"
                )
                found.append(Violation(kind, second, message, (first,)))
    return found


def _agenda_wide_violations(instance: Instance, placed: dict[str, Assignment]) -> list[Violation]:
    found = []
    if instance.budget is not None:
        fees = instance.fee_of(placed)
        if fees > instance.budget:
            paid = tuple(sorted(s for s in placed if instance.fee_of([s]) > 0))
            message = f"speaker fees {_number(fees)} exceed the budget {_number(instance.budget)}"
            found.append(Violation("budget", None, message, paid))
    minutes: dict[str, int] = defaultdict(int)
    for session, assignment in placed.items():
        kind = instance.session_by_id[session].kind
        minutes[kind] += instance.slot_by_id[assignment.slot].seconds
    total = sum(minutes.values())
    for limit in instance.kind_limits:
        share = Fraction(minutes[limit.kind], total) if total else Fraction(0)
        of_kind = tuple(sorted(s for s in placed if instance.session_by_id[s].kind == limit.kind))
        has = f"{limit.kind} has {_percent(share)} of session-minutes"
        if limit.min_share is not None and minutes[limit.kind] < limit.min_share * total:
            message = f"{has}, below {_percent(limit.min_share)}"
            found.append(Violation("kind_share", None, message, of_kind))
        if limit.max_share is not None and minutes[limit.kind] > limit.max_share * total:
            message = f"{has}, above {_percent(limit.max_share)}"
            found.append(Violation("kind_share", None, message, of_kind))
    return found


def _number(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):.2f}"


def _percent(share: Fraction) -> str:
    return f"{float(share) * 100:.1f}%"


def agenda_violations(instance: Instance, assignments: Iterable[Assignment]) -> list[Violation]:
    """Every hard constraint (spec "Hard constraints" 1-7) the agenda breaks; empty when valid."""
    assignments = list(assignments)
    found = _reference_violations(instance, assignments)
    valid = [
        a for a in assignments if a.slot in instance.slot_by_id and a.room in instance.room_by_id
    ]
    placed = placements(instance, valid)
    found += _placement_violations(instance, placed)
    found += _overlap_violations(instance, placed)
    found += _agenda_wide_violations(instance, placed)
    return found
