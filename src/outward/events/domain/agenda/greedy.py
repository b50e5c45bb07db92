"""A quick first agenda for CP-SAT to start from (its hint), honouring the model's constraints.

Fixed sessions first, then the mandatory ones with the fewest options, then optional ones by
votes while the budget and the max_share limits allow; each goes to the option that adds the
fewest attendee clashes. A short local search then moves and swaps sessions while clashes drop.
The result may miss a min_share or leave a mandatory session out on a tight instance: it is
only a hint, CP-SAT repairs or replaces it.
"""

import time
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from outward.events.domain.agenda.instance import Instance
from outward.events.domain.agenda.model import pool_count_groups
from outward.events.domain.agenda.structure import Option, Structure


@dataclass
class Occupancy:
    """A partial agenda with the counts the model constrains, to test moves quickly."""

    instance: Instance
    structure: Structure
    options: dict[str, list[Option]]
    chosen: dict[str, Option] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.groups = pool_count_groups(self.structure, self.options)
        self.groups_of: dict[tuple[str, Option], list[int]] = defaultdict(list)
        for index, (_rooms, members) in enumerate(self.groups):
            for member in members:
                self.groups_of[member].append(index)
        self.load = [0] * len(self.groups)
        self.speaker_cliques: dict[str, set[int]] = defaultdict(set)
        self.neighbours: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for (first, second), weight in self.instance.pair_weights.items():
            self.neighbours[first].append((second, weight))
            self.neighbours[second].append((first, weight))

    def cliques(self, option: Option) -> tuple[int, ...]:
        return self.structure.cliques_of_slot[option.slot]

    def fits(self, session: str, option: Option) -> bool:
        """Whether the session can take the option next to what is placed."""
        for index in self.groups_of[session, option]:
            if self.load[index] >= self.groups[index][0]:
                return False
        speakers = self.instance.session_by_id[session].speakers
        cliques = set(self.cliques(option))
        return not any(self.speaker_cliques[speaker] & cliques for speaker in speakers)

    def cost(self, session: str, option: Option) -> int:
        """The attendee clashes the session adds in that option."""
        cliques = set(self.cliques(option))
        added = 0
        for other, weight in self.neighbours[session]:
            placed = self.chosen.get(other)
            if placed is not None and cliques & set(self.cliques(placed)):
                added += weight
        return added

    def put(self, session: str, option: Option) -> None:
        self.chosen[session] = option
        for index in self.groups_of[session, option]:
            self.load[index] += 1
        for speaker in self.instance.session_by_id[session].speakers:
            self.speaker_cliques[speaker] |= set(self.cliques(option))

    def take(self, session: str) -> Option:
        option = self.chosen.pop(session)
        for index in self.groups_of[session, option]:
            self.load[index] -= 1
        for speaker in self.instance.session_by_id[session].speakers:
            self.speaker_cliques[speaker] -= set(self.cliques(option))
        return option

    def best(self, session: str, seconds: int | None = None) -> Option | None:
        """The fitting option adding the fewest clashes (ties: the earliest), of that length."""
        slots = self.structure.slots
        fitting = [
            o
            for o in self.options[session]
            if (seconds is None or slots[o.slot].seconds == seconds) and self.fits(session, o)
        ]
        return min(fitting, key=lambda o: self.cost(session, o), default=None)


def _shares_allow(instance: Instance, minutes: dict, kind: str, length: int) -> bool:
    total = sum(minutes.values()) + length
    for limit in instance.kind_limits:
        if limit.max_share is not None:
            of_kind = minutes[limit.kind] + (length if limit.kind == kind else 0)
            if of_kind > limit.max_share * total:
                return False
    return True


def _improve(occupancy: Occupancy, deadline: float) -> None:
    """Move sessions to cheaper options, then swap pairs' slots, while clashes drop."""
    fixed = occupancy.instance.fixed_by_session
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for session in sorted(occupancy.chosen):
            if session in fixed or time.monotonic() >= deadline:
                continue
            current = occupancy.take(session)
            before = occupancy.cost(session, current)
            option = occupancy.best(session, occupancy.structure.slots[current.slot].seconds)
            if option is not None and occupancy.cost(session, option) < before:
                occupancy.put(session, option)
                improved = True
            else:
                occupancy.put(session, current)
        improved = _swap_pass(occupancy, deadline) or improved


def _swap_pass(occupancy: Occupancy, deadline: float) -> bool:
    """Exchange the slots of two sessions when that lowers clashes (rooms may be full).

    Only slots of equal length are exchanged, so the composition stays the same.
    """
    fixed = occupancy.instance.fixed_by_session
    movable = [s for s in sorted(occupancy.chosen) if s not in fixed]
    slots = occupancy.structure.slots
    improved = False
    for index, first in enumerate(movable):
        for second in movable[index + 1 :]:
            if time.monotonic() >= deadline:
                return improved
            a, b = occupancy.chosen[first], occupancy.chosen[second]
            if a.slot == b.slot or slots[a.slot].seconds != slots[b.slot].seconds:
                continue
            occupancy.take(first)
            occupancy.take(second)
            before = _pair_total(occupancy, first, second, a, b)
            swapped = _swapped_options(occupancy, first, second, a, b)
            if swapped and _pair_total(occupancy, first, second, *swapped) < before:
                a, b = swapped
                improved = True
            occupancy.put(first, a)
            occupancy.put(second, b)
    return improved


def _swapped_options(
    occupancy: Occupancy, first: str, second: str, a: Option, b: Option
) -> tuple[Option, Option] | None:
    """Options putting `first` in b's slot and `second` in a's, when both fit (both taken out)."""
    new_a = _option_in_slot(occupancy, first, b.slot)
    if new_a is None:
        return None
    occupancy.put(first, new_a)
    new_b = _option_in_slot(occupancy, second, a.slot)
    occupancy.take(first)
    return None if new_b is None else (new_a, new_b)


def _option_in_slot(occupancy: Occupancy, session: str, slot: int) -> Option | None:
    for option in occupancy.options[session]:
        if option.slot == slot and occupancy.fits(session, option):
            return option
    return None


def _pair_total(occupancy: Occupancy, first: str, second: str, a: Option, b: Option) -> int:
    """The clashes the two sessions cause in options a and b (both currently taken out)."""
    pair = (first, second) if first < second else (second, first)
    weight = occupancy.instance.pair_weights.get(pair, 0)
    together = weight if set(occupancy.cliques(a)) & set(occupancy.cliques(b)) else 0
    return occupancy.cost(first, a) + occupancy.cost(second, b) + together


def greedy_agenda(
    instance: Instance,
    structure: Structure,
    options: dict[str, list[Option]],
    *,
    only: set[str] | None = None,
    seconds: float = 1.0,
) -> dict[str, Option]:
    """A first agenda: each placed session's option. `only`: place exactly these sessions."""
    occupancy = Occupancy(instance, structure, options)
    sessions = instance.sessions
    if only is not None:
        sessions = tuple(s for s in sessions if s.id in only)
    fixed = instance.fixed_by_session

    def order(session) -> tuple:
        mandatory = only is not None or not session.optional or session.id in fixed
        return (
            session.id not in fixed,
            not mandatory,
            -session.votes if not mandatory else len(options[session.id]),
            -instance.demand(session),
            session.id,
        )

    minutes: dict[str, int] = defaultdict(int)
    paid: set[str] = set()
    for session in sorted(sessions, key=order):
        mandatory = only is not None or not session.optional or session.id in fixed
        if not mandatory:
            new_paid = {p for p in session.speakers if instance.speaker_by_id[p].fee > 0} - paid
            budget = instance.budget
            if budget is not None and new_paid and _fees(instance, paid | new_paid) > budget:
                continue
        option = occupancy.best(session.id)
        if option is None:
            continue
        length = structure.slots[option.slot].seconds
        if not mandatory and not _shares_allow(instance, minutes, session.kind, length):
            continue
        occupancy.put(session.id, option)
        minutes[session.kind] += length
        paid |= {p for p in session.speakers if instance.speaker_by_id[p].fee > 0}
    _improve(occupancy, time.monotonic() + seconds)
    return dict(occupancy.chosen)


def _fees(instance: Instance, speakers: set[str]) -> Fraction:
    return sum((instance.speaker_by_id[p].fee for p in speakers), Fraction(0))
