"""Reasons an instance has no agenda, found before solving and named one per line.

Each check is a necessary condition, so a reason here is a proof of infeasibility. Only sessions
that must run (mandatory or fixed) are concerned: an optional session that fits nowhere simply
stays out.
"""

from collections import defaultdict
from fractions import Fraction
from itertools import combinations

from outward.events.domain.agenda.instance import Instance, Session, Slot


class Infeasible(Exception):
    """No agenda satisfies the hard constraints; `reasons` says why, one line each.

    `proven` is False when the solver merely found no agenda within its time limit.
    """

    def __init__(self, reasons: list[str], *, proven: bool = True):
        super().__init__("\n".join(reasons))
        self.reasons = reasons
        self.proven = proven


def must_run(instance: Instance, session: Session) -> bool:
    """Whether every agenda places the session (mandatory, or fixed)."""
    return not session.optional or session.id in instance.fixed_by_session


def allowed_slots(instance: Instance, session: Session) -> list[Slot]:
    """The slots all the session's speakers can make (just the fixed one for a fixed session)."""
    fixed = instance.fixed_by_session.get(session.id)
    if fixed is not None:
        return [instance.slot_by_id[fixed.slot]]
    unavailable = set()
    for speaker in session.speakers:
        unavailable |= instance.speaker_by_id[speaker].unavailable
    return [slot for slot in instance.slots if slot.id not in unavailable]


def disjoint_slot_count(slots: list[Slot]) -> int:
    """The most slots one room (or speaker) can use: pairwise non-clashing, taken by end time."""
    count, end = 0, None
    for slot in sorted(slots, key=lambda s: s.end):
        if end is None or slot.start >= end:
            count, end = count + 1, slot.end
    return count


def _session_reasons(instance: Instance, mandatory: list[Session]) -> list[str]:
    reasons = []
    largest = max(instance.rooms, key=lambda r: r.capacity, default=None)
    for session in mandatory:
        demand = instance.demand(session)
        if largest is None:
            reasons.append(f"{session.id} cannot be placed: there are no rooms")
        elif demand > largest.capacity:
            reasons.append(
                f"{session.id} cannot fit in any room: it needs {demand} seats, "
                f"the largest room ({largest.id}) has {largest.capacity}"
            )
        if session.id not in instance.fixed_by_session and not allowed_slots(instance, session):
            who = ", ".join(session.speakers)
            where = f"its speakers ({who}) can make no slot" if instance.slots else "no slots"
            reasons.append(f"{session.id} cannot be placed in any slot: {where}")
    return reasons


def _fixed_reasons(instance: Instance) -> list[str]:
    reasons = []
    for fixed in instance.fixed:
        session = instance.session_by_id[fixed.session]
        room = instance.room_by_id[fixed.room]
        demand = instance.demand(session)
        if demand > room.capacity:
            reasons.append(
                f"{session.id} is fixed in {room.id}, which has {room.capacity} seats for {demand}"
            )
        for speaker in session.speakers:
            if fixed.slot in instance.speaker_by_id[speaker].unavailable:
                reasons.append(
                    f"{session.id} is fixed in {fixed.slot}, when speaker {speaker} is unavailable"
                )
    for first, second in combinations(instance.fixed, 2):
        slot, other = instance.slot_by_id[first.slot], instance.slot_by_id[second.slot]
        if not slot.clashes(other):
            continue
        if first.room == second.room:
            reasons.append(
                f"{first.session} ({first.slot}) and {second.session} ({second.slot}) "
                f"are both fixed in {first.room} at once"
            )
        shared = set(instance.session_by_id[first.session].speakers)
        shared &= set(instance.session_by_id[second.session].speakers)
        for speaker in sorted(shared):
            reasons.append(
                f"{first.session} and {second.session} are fixed at clashing times "
                f"and share speaker {speaker}"
            )
    return reasons


def _budget_reasons(instance: Instance, mandatory: list[Session]) -> list[str]:
    if instance.budget is None:
        return []
    fees = instance.fee_of(s.id for s in mandatory)
    if fees <= instance.budget:
        return []
    paid = sorted({p for s in mandatory for p in s.speakers if instance.speaker_by_id[p].fee > 0})
    listed = ", ".join(f"{p} {_amount(instance.speaker_by_id[p].fee)}" for p in paid)
    return [
        f"the speakers of the mandatory sessions alone cost {_amount(fees)} ({listed}), "
        f"over the budget of {_amount(instance.budget)}"
    ]


def _amount(value: Fraction) -> str:
    return f"{int(value):,}" if value.denominator == 1 else f"{float(value):,.2f}"


def _share_reasons(instance: Instance, mandatory: list[Session]) -> list[str]:
    """Composition limits that the must-run sessions alone break, whatever else runs."""
    lengths = {
        s.id: [slot.seconds for slot in allowed_slots(instance, s)] for s in instance.sessions
    }
    placeable = [s for s in instance.sessions if lengths[s.id]]
    must = [s for s in mandatory if lengths[s.id]]
    reasons = []
    for limit in instance.kind_limits:
        kind = limit.kind
        least_of_kind = sum(min(lengths[s.id]) for s in must if s.kind == kind)
        most_of_kind = sum(max(lengths[s.id]) for s in placeable if s.kind == kind)
        least_others = sum(min(lengths[s.id]) for s in must if s.kind != kind)
        most_others = sum(max(lengths[s.id]) for s in placeable if s.kind != kind)
        high, low = limit.max_share, limit.min_share
        if high is not None and (1 - high) * least_of_kind > high * most_others:
            reasons.append(
                f"the mandatory {kind} sessions alone fill at least {least_of_kind // 60} "
                f"session-minutes, more than max_share {float(high):g} allows even with every "
                f"other candidate placed ({most_others // 60} minutes)"
            )
        if low is not None and (1 - low) * most_of_kind < low * least_others:
            reasons.append(
                f"the mandatory sessions of other kinds fill at least {least_others // 60} "
                f"session-minutes, so {kind} cannot reach min_share {float(low):g} even with "
                f"every {kind} candidate placed ({most_of_kind // 60} minutes)"
            )
    return reasons


def _place_reasons(instance: Instance, mandatory: list[Session]) -> list[str]:
    """More must-run sessions than rooms × non-clashing slots, overall, by size or per speaker."""
    reasons = []
    per_room = disjoint_slot_count(list(instance.slots))
    capacities = sorted({room.capacity for room in instance.rooms})
    for index, capacity in enumerate(capacities):
        smaller = capacities[index - 1] if index else -1
        needing = [s for s in mandatory if instance.demand(s) > smaller]
        places = per_room * sum(1 for room in instance.rooms if room.capacity >= capacity)
        if len(needing) > places:
            verb = "needs" if len(needing) == 1 else "need"
            seats = f" {verb} more than {smaller} seats" if index else ""
            noun = "session" if len(needing) == 1 else "sessions"
            reasons.append(
                f"{len(needing)} mandatory {noun}{seats} but there are only {places} places "
                f"(rooms with {capacity}+ seats × {per_room} non-clashing slots)"
            )
    by_speaker: dict[str, list[Session]] = defaultdict(list)
    for session in mandatory:
        for speaker in session.speakers:
            by_speaker[speaker].append(session)
    for speaker, sessions in sorted(by_speaker.items()):
        allowed = [allowed_slots(instance, s) for s in sessions]
        fixed = [
            instance.slot_by_id[f.slot]
            for s in sessions
            if (f := instance.fixed_by_session.get(s.id))
        ]
        if not all(allowed) or any(a.clashes(b) for a, b in combinations(fixed, 2)):
            continue  # named already: a session with no slot, or fixed sessions that clash
        usable = {slot.id: slot for slots in allowed for slot in slots}
        most = disjoint_slot_count(list(usable.values()))
        if len(sessions) > most:
            reasons.append(
                f"speaker {speaker} has {len(sessions)} mandatory sessions "
                f"but can make only {most} non-clashing slots"
            )
    return reasons


def infeasibility_reasons(instance: Instance) -> list[str]:
    """Every reason the pre-checks find why no agenda exists; empty when none is found."""
    mandatory = [s for s in instance.sessions if must_run(instance, s)]
    return (
        _session_reasons(instance, mandatory)
        + _fixed_reasons(instance)
        + _budget_reasons(instance, mandatory)
        + _share_reasons(instance, mandatory)
        + _place_reasons(instance, mandatory)
    )
