"""Naming the rooms once the model has chosen each session's slot and pool.

The greedy below is the constructive half of the proofs in `structure`: fixed sessions take
their rooms first; the others, taken by start time (longer slots first on a tie, so a slot
comes before the slots nested in it), each take the free room of the smallest class they fit.
"""

from dataclasses import dataclass

from outward.events.domain.agenda.instance import Assignment, Instance
from outward.events.domain.agenda.structure import Structure


@dataclass(frozen=True)
class Placement:
    """The model's decision for one session: a slot (index) and a room pool (index)."""

    session: str
    slot: int
    pool: int


class RoomAssignmentError(RuntimeError):
    """The placements break a pool's room counts (a bug: the model forbids this)."""


def assign_rooms(
    instance: Instance, structure: Structure, placements: list[Placement]
) -> list[Assignment]:
    """Concrete rooms for placements that satisfy the model's room counts."""
    slots = structure.slots
    busy: dict[str, list[int]] = {room.id: [] for room in instance.rooms}
    rooms: dict[str, str] = {}
    for placement in placements:
        fixed = instance.fixed_by_session.get(placement.session)
        if fixed is not None:
            rooms[placement.session] = fixed.room
            busy[fixed.room].append(placement.slot)
    ordered = sorted(
        (p for p in placements if p.session not in rooms),
        key=lambda p: (slots[p.slot].start, -slots[p.slot].seconds, p.session),
    )
    for placement in ordered:
        pool = structure.pools[placement.pool]
        level = pool.level(instance.demand(instance.session_by_id[placement.session]))
        slot = slots[placement.slot]
        for k in range(level if level is not None else -1, -1, -1):
            free = [
                room
                for room in pool.classes[k]
                if not any(slot.clashes(slots[other]) for other in busy[room.id])
            ]
            if free:
                rooms[placement.session] = free[0].id
                busy[free[0].id].append(placement.slot)
                break
        else:
            raise RoomAssignmentError(f"no room left for {placement.session} in {slot.id}")
    return [Assignment(p.session, slots[p.slot].id, rooms[p.session]) for p in placements]
