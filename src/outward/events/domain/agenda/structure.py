"""The structure the model exploits: slots grouped by overlap, rooms grouped into pools.

**Time points.** Two slots clash when their half-open ranges overlap. The maximal sets of
pairwise-clashing slots ("cliques") are the sets of slots containing some slot start; any
clashing pair lies in one of them (their intersection contains the later start). So "at most
one per clique" (speakers) and "together in a clique" (attendee clashes) say exactly what the
pairwise rules say, with one constraint per clique instead of one per pair of slots.

**Rooms.** Capacity is a threshold: a session needing d seats may use any room with capacity
at least d. A *pool* is a set of rooms whose classes (rooms of equal capacity, sorted from the
largest) are nested by eligibility: a session's *level* in the pool is the last class it fits,
and it may use every class up to its level. The model never picks a room, only a slot and a
pool, under "at each time point, sessions of level ≤ k use at most N_k rooms" (N_k: rooms in
classes 1..k). `rooms.assign_rooms` then names the rooms. That is sufficient when

1. the pool has a single class: identical rooms and intervals, and interval graphs are
   perfect — sessions taken by start time always find a free room (those still busy all cover
   the new start, and there are fewer than N of them); or
2. the slots are laminar (any two slots are disjoint or nested). Proof by induction down the
   laminar tree: place the sessions of an outermost slot first, each in the smallest class that
   is free and that it fits. For every k this puts the fewest sessions possible into classes
   1..k, namely m_k = max over j ≥ k of (P_≤j − (N_j − N_k)), P_≤j the sessions of level ≤ j.
   A nested slot's sessions C then see N_k − m_k free rooms in classes 1..k, and they fit iff
   C_≤k + m_k ≤ N_k for all k, i.e. C_≤k + P_≤j ≤ N_j for all j ≥ k — implied by the time-point
   constraint at any point of the nested slot, C_≤j + P_≤j ≤ N_j, since C_≤k ≤ C_≤j. The free
   rooms are again nested classes, so the induction goes on; disjoint slots do not interact.

Slots that cross (overlap without nesting) with rooms of several capacities break 2 (a chain of
four crossing slots can force two sessions that both need the one large room into different
rooms); there, each class becomes its own pool and the model also picks the class (case 1).

**Fixed placements.** A fixed session occupies its room during its slot. When every slot that
clashes with the fixed slot lies inside it, the room is busy throughout the fixed slot's whole
group of clashing slots, so the fixed session simply counts as a session of its room's class
and the room is taken first. Otherwise (a fixed short slot inside a long slot) the room is
*pinned*: it becomes a pool of its own (one room, case 1), which other sessions may still use
when it is free.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from outward.events.domain.agenda.instance import Instance, Room, Slot


@dataclass(frozen=True)
class Pool:
    """Rooms the model treats as interchangeable up to capacity; `classes` from the largest."""

    classes: tuple[tuple[Room, ...], ...]

    @cached_property
    def capacities(self) -> tuple[int, ...]:
        return tuple(rooms[0].capacity for rooms in self.classes)

    @cached_property
    def prefix(self) -> tuple[int, ...]:
        """N_k: the rooms in classes 1..k."""
        counts, total = [], 0
        for rooms in self.classes:
            total += len(rooms)
            counts.append(total)
        return tuple(counts)

    def level(self, demand: int) -> int | None:
        """The last class with room for `demand` seats, or None when no room here fits."""
        fitting = [k for k, capacity in enumerate(self.capacities) if capacity >= demand]
        return fitting[-1] if fitting else None

    def class_of(self, room_id: str) -> int:
        return next(k for k, rooms in enumerate(self.classes) if room_id in {r.id for r in rooms})


def slot_cliques(slots: list[Slot]) -> list[tuple[int, ...]]:
    """The maximal sets of pairwise-clashing slots (indices into `slots`), by time."""
    found: list[frozenset[int]] = []
    for point in sorted({slot.start for slot in slots}):
        members = frozenset(i for i, slot in enumerate(slots) if slot.start <= point < slot.end)
        found.append(members)
    maximal = [c for c in found if not any(c < other for other in found)]
    unique = sorted(set(maximal), key=lambda c: min(slots[i].start for i in c))
    return [tuple(sorted(c)) for c in unique]


def is_laminar(slots: list[Slot]) -> bool:
    """Whether any two slots are either disjoint or one inside the other."""

    def inside(a: Slot, b: Slot) -> bool:
        return b.start <= a.start and a.end <= b.end

    return all(
        not a.clashes(b) or inside(a, b) or inside(b, a)
        for index, a in enumerate(slots)
        for b in slots[index + 1 :]
    )


def _classes(rooms: list[Room]) -> tuple[tuple[Room, ...], ...]:
    by_capacity: dict[int, list[Room]] = defaultdict(list)
    for room in rooms:
        by_capacity[room.capacity].append(room)
    return tuple(
        tuple(sorted(by_capacity[capacity], key=lambda r: r.id))
        for capacity in sorted(by_capacity, reverse=True)
    )


@dataclass(frozen=True)
class Structure:
    """Slots in time order, their cliques, the room pools, and which pool each room is in."""

    slots: tuple[Slot, ...]
    cliques: tuple[tuple[int, ...], ...]
    pools: tuple[Pool, ...]
    laminar: bool

    @cached_property
    def slot_index(self) -> dict[str, int]:
        return {slot.id: index for index, slot in enumerate(self.slots)}

    @cached_property
    def cliques_of_slot(self) -> tuple[tuple[int, ...], ...]:
        """For each slot, the cliques (indices) it belongs to."""
        found: list[list[int]] = [[] for _ in self.slots]
        for index, clique in enumerate(self.cliques):
            for slot in clique:
                found[slot].append(index)
        return tuple(tuple(cliques) for cliques in found)

    @cached_property
    def pool_of_room(self) -> dict[str, int]:
        return {
            room.id: index
            for index, pool in enumerate(self.pools)
            for rooms in pool.classes
            for room in rooms
        }


def _pinned_rooms(instance: Instance) -> set[str]:
    """Rooms with a fixed session in a slot that some other slot overlaps without lying inside."""
    pinned = set()
    for fixed in instance.fixed:
        slot = instance.slot_by_id[fixed.slot]
        for other in instance.slots:
            inside = slot.start <= other.start and other.end <= slot.end
            if other.clashes(slot) and not inside:
                pinned.add(fixed.room)
    return pinned


def agenda_structure(instance: Instance) -> Structure:
    """Cliques and room pools for the instance, as the module docstring describes."""
    slots = sorted(instance.slots, key=lambda s: (s.start, s.end, s.id))
    laminar = is_laminar(slots)
    pinned = _pinned_rooms(instance)
    free = [room for room in instance.rooms if room.id not in pinned]
    classes = _classes(free)
    if laminar or len(classes) <= 1:
        pools = [Pool(classes)] if classes else []
    else:
        pools = [Pool((rooms,)) for rooms in classes]
    rooms = sorted(instance.rooms, key=lambda r: r.id)
    pools += [Pool(((room,),)) for room in rooms if room.id in pinned]
    return Structure(tuple(slots), tuple(slot_cliques(slots)), tuple(pools), laminar)


@dataclass(frozen=True)
class Option:
    """A place the model may put a session: a slot, a pool, and the session's level there."""

    slot: int
    pool: int
    level: int


def session_options(instance: Instance, structure: Structure) -> dict[str, list[Option]]:
    """Each session's options: slots all its speakers can make, pools with a room it fits.

    A fixed session has one option, its fixed slot and room, at the level of its room's class.
    """
    options: dict[str, list[Option]] = {}
    for session in instance.sessions:
        fixed = instance.fixed_by_session.get(session.id)
        if fixed is not None:
            pool = structure.pool_of_room[fixed.room]
            level = structure.pools[pool].class_of(fixed.room)
            options[session.id] = [Option(structure.slot_index[fixed.slot], pool, level)]
            continue
        unavailable = set()
        for speaker in session.speakers:
            unavailable |= instance.speaker_by_id[speaker].unavailable
        demand = instance.demand(session)
        levels = [(index, pool.level(demand)) for index, pool in enumerate(structure.pools)]
        options[session.id] = [
            Option(slot_index, pool, level)
            for slot_index, slot in enumerate(structure.slots)
            if slot.id not in unavailable
            for pool, level in levels
            if level is not None
        ]
    return options


def interchangeable_slots(
    structure: Structure, options: dict[str, list[Option]]
) -> list[list[int]]:
    """Groups of slots that every session sees alike: swapping their contents changes nothing.

    Such slots overlap no other slot, have the same length, and each session has the same
    (pool, level) options in each of them (so no fixed session and no speaker away in one).
    """
    seen: dict[int, set] = {index: set() for index in range(len(structure.slots))}
    for session, session_options in options.items():
        for option in session_options:
            seen[option.slot].add((session, option.pool, option.level))
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, slot in enumerate(structure.slots):
        cliques = structure.cliques_of_slot[index]
        alone = len(cliques) == 1 and structure.cliques[cliques[0]] == (index,)
        if alone and seen[index]:
            groups[slot.seconds, frozenset(seen[index])].append(index)
    return [group for group in groups.values() if len(group) > 1]


def break_symmetry(
    options: dict[str, list[Option]], groups: list[list[int]]
) -> dict[str, list[Option]]:
    """Options with interchangeable slots ordered: the i-th session may use only the first i+1.

    Any agenda can be relabelled so that a group's slots come in the order of the first
    session (by id) each holds; then the i-th session sits in one of the first i+1 slots.
    """
    rank = {slot: (g, r) for g, group in enumerate(groups) for r, slot in enumerate(group)}
    order: dict[tuple[int, str], int] = {}
    counts = [0] * len(groups)
    for session in sorted(options):
        for g in sorted({rank[o.slot][0] for o in options[session] if o.slot in rank}):
            order[g, session] = counts[g]
            counts[g] += 1
    return {
        session: [
            o
            for o in session_options
            if o.slot not in rank or rank[o.slot][1] <= order[rank[o.slot][0], session]
        ]
        for session, session_options in options.items()
    }


def canonical(chosen: dict[str, Option], groups: list[list[int]]) -> dict[str, Option]:
    """The same agenda relabelled to satisfy `break_symmetry` (slot contents swapped)."""
    relabel: dict[int, int] = {}
    for group in groups:
        first = {
            slot: min((s for s, o in chosen.items() if o.slot == slot), default=None)
            for slot in group
        }
        used = sorted((s for s in group if first[s] is not None), key=lambda s: first[s])
        empty = [s for s in group if first[s] is None]
        relabel |= dict(zip(used + empty, group, strict=True))
    return {
        session: Option(relabel.get(option.slot, option.slot), option.pool, option.level)
        for session, option in chosen.items()
    }
