"""The CP-SAT model of an agenda (shared/spec/agenda.md), built on `structure`.

Variables
- `place[s, o]`: session s takes option o = (slot, room pool) — no room variables at all (the
  rooms are named afterwards, see `structure` for why the counts below suffice).
- `inside[s, q]`: s sits in a slot of time-point clique q (the sum of its options there).
- `clash[a, b]`: a and b, wanted together by w_ab > 0 attendees, sit in one clique. Pairs
  sharing a speaker can never clash and get no variable.
- `paid[p]`: speaker p, with a fee, has a placed session.

Constraints
1. each session takes at most one option, exactly one when mandatory or fixed (a fixed session
   has only its fixed option);
2./3. for each pool, clique and level k: sessions of level ≤ k there ≤ N_k rooms;
4. for each speaker and clique, at most one of their sessions (unavailable slots are no option);
6. the fees of the paid speakers ≤ budget (fees and budget scaled to integers exactly);
7. kind minutes × denominator ≥ / ≤ numerator × total minutes, for min_share / max_share.

`clash[a, b] ≥ inside[a, q] + inside[b, q] − 1` for every shared clique q makes the clash sum,
weighted by w_ab, exactly the spec's attendee clashes at any optimum.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from math import gcd, lcm

from ortools.sat.python import cp_model

from outward.events.domain.agenda.instance import Instance, KindLimit
from outward.events.domain.agenda.structure import (
    Option,
    Structure,
    break_symmetry,
    canonical,
    interchangeable_slots,
)


def pool_count_groups(
    structure: Structure, options: dict[str, list[Option]]
) -> list[tuple[int, list[tuple[str, Option]]]]:
    """The room-count constraints: (rooms available, options that use one) per pool/clique/level.

    Groups that can never be over-full (no more options than rooms) are left out.
    """
    by_pool_clique: dict[tuple[int, int], list[tuple[str, Option]]] = defaultdict(list)
    for session, session_options in options.items():
        for option in session_options:
            for clique in structure.cliques_of_slot[option.slot]:
                by_pool_clique[option.pool, clique].append((session, option))
    groups = []
    for (pool_index, _clique), members in sorted(by_pool_clique.items()):
        pool = structure.pools[pool_index]
        for level in sorted({option.level for _, option in members}):
            within = [(s, o) for s, o in members if o.level <= level]
            if len({s for s, _ in within}) > pool.prefix[level]:
                groups.append((pool.prefix[level], within))
    return groups


def _scale(values: list[Fraction]) -> int:
    """The smallest factor turning all the values into integers."""
    return lcm(*(value.denominator for value in values)) if values else 1


@dataclass
class AgendaModel:
    """A built model and the handles the solve needs to read, hint and constrain it.

    `inside` holds only the clique variables of their own (a session with a single option in
    a clique uses that option's variable).
    """

    model: cp_model.CpModel
    structure: Structure
    instance: Instance
    place: dict[tuple[str, Option], cp_model.IntVar]
    inside: dict[tuple[str, int], cp_model.IntVar]
    clash: dict[tuple[str, str], cp_model.IntVar]
    paid: dict[str, cp_model.IntVar]
    votes: cp_model.LinearExpr
    clashes: cp_model.LinearExpr
    weights: dict[tuple[str, str], int] = field(default_factory=dict)
    symmetry: list[list[int]] = field(default_factory=list)

    def hint(self, chosen: dict[str, Option]) -> None:
        """Start the search from this agenda (each placed session's option)."""
        chosen = canonical(chosen, self.symmetry)
        self.model.clear_hints()
        cliques_of = self.structure.cliques_of_slot
        where = {session: set(cliques_of[option.slot]) for session, option in chosen.items()}
        for (session, option), var in self.place.items():
            self.model.add_hint(var, chosen.get(session) == option)
        for (session, clique), var in self.inside.items():
            self.model.add_hint(var, clique in where.get(session, ()))
        for (first, second), var in self.clash.items():
            self.model.add_hint(var, bool(where.get(first, set()) & where.get(second, set())))
        running = {p for session in chosen for p in self.instance.session_by_id[session].speakers}
        for speaker, var in self.paid.items():
            self.model.add_hint(var, speaker in running)

    def chosen(self, is_true: Callable[[cp_model.IntVar], bool]) -> dict[str, Option]:
        """The agenda in a solution: each placed session's option."""
        return {session: option for (session, option), var in self.place.items() if is_true(var)}


def _add_placement(model: cp_model.CpModel, instance: Instance, place: dict) -> dict:
    placed: dict[str, list] = defaultdict(list)
    for (session, _option), var in place.items():
        placed[session].append(var)
    for session in instance.sessions:
        literals = placed[session.id]
        if session.optional and session.id not in instance.fixed_by_session:
            model.add_at_most_one(literals)
        else:
            model.add_exactly_one(literals)
    return placed


def _add_inside(model: cp_model.CpModel, structure: Structure, place: dict) -> tuple[dict, dict]:
    """Per session and clique, a literal "sits there"; also those that are new variables."""
    terms: dict[tuple[str, int], list] = defaultdict(list)
    for (session, option), var in place.items():
        for clique in structure.cliques_of_slot[option.slot]:
            terms[session, clique].append(var)
    inside, own = {}, {}
    for key, literals in terms.items():
        if len(literals) == 1:
            inside[key] = literals[0]
        else:
            inside[key] = own[key] = model.new_bool_var(f"in_{key[0]}_{key[1]}")
            model.add(inside[key] == sum(literals))
    return inside, own


def _add_speakers(model: cp_model.CpModel, instance: Instance, inside: dict) -> None:
    by_clique: dict[tuple[str, int], list] = defaultdict(list)
    for (session, clique), var in inside.items():
        for speaker in instance.session_by_id[session].speakers:
            by_clique[speaker, clique].append(var)
    for literals in by_clique.values():
        if len(literals) > 1:
            model.add_at_most_one(literals)


def _add_budget(model: cp_model.CpModel, instance: Instance, placed: dict) -> dict:
    paid_speakers = [s for s in instance.speakers if s.fee > 0]
    if instance.budget is None or not paid_speakers:
        return {}
    scale = _scale([instance.budget] + [s.fee for s in paid_speakers])
    paid = {speaker.id: model.new_bool_var(f"paid_{speaker.id}") for speaker in paid_speakers}
    for session in instance.sessions:
        for speaker in session.speakers:
            if speaker in paid:
                for literal in placed[session.id]:
                    model.add_implication(literal, paid[speaker])
    fees = sum(int(s.fee * scale) * paid[s.id] for s in paid_speakers)
    model.add(fees <= int(instance.budget * scale))
    return paid


def add_share_limits(
    model: cp_model.CpModel,
    instance: Instance,
    structure: Structure,
    place: dict,
    limits: tuple[KindLimit, ...],
    outside: dict[str, int] | None = None,
) -> None:
    """Kind shares of session-minutes within limits; `outside`: seconds by kind placed elsewhere."""
    if not limits:
        return
    outside = outside or {}
    unit = 0
    for slot in structure.slots:
        unit = gcd(unit, slot.seconds)
    minutes: dict[str, list] = defaultdict(list)
    for (session, option), var in place.items():
        length = structure.slots[option.slot].seconds // unit
        minutes[instance.session_by_id[session].kind].append(length * var)
    for kind, seconds in outside.items():
        minutes[kind].append(seconds // unit)
    total = sum(sum(terms) for terms in minutes.values())
    for limit in limits:
        of_kind = sum(minutes[limit.kind])
        for share, sense in ((limit.min_share, 1), (limit.max_share, -1)):
            if share is not None:
                model.add(sense * share.denominator * of_kind >= sense * share.numerator * total)


def _add_clashes(
    model: cp_model.CpModel, instance: Instance, structure: Structure, inside: dict
) -> dict:
    cliques_of: dict[str, set[int]] = defaultdict(set)
    for session, clique in inside:
        cliques_of[session].add(clique)
    clash = {}
    for (first, second), weight in instance.pair_weights.items():
        shared = cliques_of[first] & cliques_of[second]
        speakers = set(instance.session_by_id[first].speakers)
        if weight <= 0 or not shared or speakers & set(instance.session_by_id[second].speakers):
            continue
        var = model.new_bool_var(f"clash_{first}_{second}")
        for clique in sorted(shared):
            model.add_bool_or([inside[first, clique].Not(), inside[second, clique].Not(), var])
        clash[first, second] = var
    return clash


def build_model(
    instance: Instance, structure: Structure, options: dict[str, list[Option]]
) -> AgendaModel:
    """The agenda's CP-SAT model: hard constraints, with votes and clashes as expressions.

    Interchangeable slots are ordered (`structure.break_symmetry`), so the search does not
    visit the same agenda under permuted slots; hints are relabelled to match.
    """
    symmetry = interchangeable_slots(structure, options)
    options = break_symmetry(options, symmetry)
    model = cp_model.CpModel()
    place = {
        (session, option): model.new_bool_var(f"x_{session}_{option.slot}_{option.pool}")
        for session, session_options in options.items()
        for option in session_options
    }
    placed = _add_placement(model, instance, place)
    for rooms, members in pool_count_groups(structure, options):
        model.add(sum(place[member] for member in members) <= rooms)
    inside, own_inside = _add_inside(model, structure, place)
    _add_speakers(model, instance, inside)
    paid = _add_budget(model, instance, placed)
    add_share_limits(model, instance, structure, place, instance.kind_limits)
    clash = _add_clashes(model, instance, structure, inside)
    weights = {pair: instance.pair_weights[pair] for pair in clash}
    votes = sum(instance.session_by_id[session].votes * var for (session, _o), var in place.items())
    clashes = sum(weights[pair] * var for pair, var in clash.items())
    return AgendaModel(
        model,
        structure,
        instance,
        place,
        own_inside,
        clash,
        paid,
        votes,
        clashes,
        weights,
        symmetry,
    )
