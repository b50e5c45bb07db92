"""Large-neighbourhood search on the clashes: re-solve a few time blocks exactly, keep the rest.

On large instances CP-SAT's own neighbourhoods hardly move (each one re-presolves a model of
~10^5 constraints). These are cheap and exact: a *block* is a connected group of clashing
slots (one slot, or a long slot with the short ones it overlaps). Sessions in different blocks
never clash, share no room at once and free each other's speakers, so freeing the sessions of
a few blocks and re-placing them among those blocks' slots is a small model of its own (built
by `build_model` on the sub-instance, with the fixed sessions there as they are). The set of
placed sessions stays the same, so votes and the budget do not move; the composition limits are
re-imposed with the minutes placed outside the blocks as constants.
"""

import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from ortools.sat.python import cp_model

from outward.events.domain.agenda.instance import Instance, Interest
from outward.events.domain.agenda.model import add_share_limits, build_model
from outward.events.domain.agenda.structure import Option, Structure

SMALLEST, LARGEST = 8, 40
SUB_SOLVE_SECONDS = 1.0
PATIENCE = 60


def slot_blocks(structure: Structure) -> list[list[int]]:
    """The connected groups of clashing slots (indices), in time order."""
    blocks: list[list[int]] = []
    end = None
    for index, slot in enumerate(structure.slots):  # slots are sorted by start
        if end is None or slot.start >= end:
            blocks.append([])
            end = slot.end
        blocks[-1].append(index)
        end = max(end, slot.end)
    return blocks


def clashes_of(instance: Instance, structure: Structure, chosen: dict[str, Option]) -> int:
    """The attendee clashes of an agenda given as each placed session's option."""
    slots = structure.slots
    return sum(
        weight
        for (first, second), weight in instance.pair_weights.items()
        if first in chosen
        and second in chosen
        and slots[chosen[first].slot].clashes(slots[chosen[second].slot])
    )


class ClashSearch:
    """Improves an agenda's clashes block by block; `chosen` is always a valid agenda."""

    def __init__(
        self,
        instance: Instance,
        structure: Structure,
        options: dict[str, list[Option]],
        chosen: dict[str, Option],
        seed: int = 0,
    ):
        self.instance, self.structure, self.options = instance, structure, options
        self.chosen = dict(chosen)
        self.clashes = clashes_of(instance, structure, chosen)
        self.blocks = slot_blocks(structure)
        self.block_of = {slot: b for b, block in enumerate(self.blocks) for slot in block}
        self.random = random.Random(seed)
        # Sessions to free at once: grows while sub-models are solved to optimality, shrinks
        # when they time out (adaptive neighbourhood size).
        self.size = 20

    def _neighbourhood(self) -> set[int]:
        """Blocks to free: a random one, then others until about `size` sessions."""
        load: dict[int, int] = defaultdict(int)
        for option in self.chosen.values():
            load[self.block_of[option.slot]] += 1
        order = list(range(len(self.blocks)))
        self.random.shuffle(order)
        picked: set[int] = set()
        freed = 0
        for block in order:
            if len(picked) >= 2 and freed + load[block] > self.size:
                break
            picked.add(block)
            freed += load[block]
        return picked

    def _resolve(self, blocks: set[int], seconds: float, workers: int) -> tuple[bool, bool]:
        """Re-place the sessions of these blocks optimally; (improved, proven optimal)."""
        inside = {s for s, o in self.chosen.items() if self.block_of[o.slot] in blocks}
        if not inside:
            return False, True
        instance = self.instance
        sessions = tuple(replace(s, optional=False) for s in instance.sessions if s.id in inside)
        interests = tuple(
            Interest(i.attendee, tuple(s for s in i.sessions if s in inside))
            for i in instance.interests
        )
        fixed = tuple(f for f in instance.fixed if f.session in inside)
        sub = replace(
            instance,
            sessions=sessions,
            interests=interests,
            fixed=fixed,
            budget=None,
            kind_limits=(),
        )
        options = {
            s: [o for o in self.options[s] if self.block_of[o.slot] in blocks] for s in inside
        }
        model = build_model(sub, self.structure, options)
        outside: dict[str, int] = defaultdict(int)
        for session, option in self.chosen.items():
            if session not in inside:
                kind = instance.session_by_id[session].kind
                outside[kind] += self.structure.slots[option.slot].seconds
        add_share_limits(
            model.model, sub, self.structure, model.place, instance.kind_limits, outside
        )
        before = clashes_of(sub, self.structure, {s: self.chosen[s] for s in inside})
        model.model.minimize(model.clashes)
        model.hint({s: self.chosen[s] for s in inside})
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = self.random.randrange(1 << 20)
        status = solver.solve(model.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False, False
        found = model.chosen(solver.boolean_value)
        after = clashes_of(sub, self.structure, found)
        if after < before:
            self.chosen.update(found)
            self.clashes -= before - after
            return True, status == cp_model.OPTIMAL
        return False, status == cp_model.OPTIMAL

    def run(
        self,
        deadline: float,
        workers: int,
        stop: Callable[[], bool],
        on_improve: Callable[[int], None],
    ) -> bool:
        """Search until the deadline, `stop`, or PATIENCE fruitless tries; True if proven.

        Proven means one neighbourhood held every block and was solved to optimality: the
        agenda is then the best for its set of placed sessions.
        """
        idle = 0
        while idle < PATIENCE and not stop():
            seconds = min(SUB_SOLVE_SECONDS, deadline - time.monotonic())
            if seconds <= 0.05:
                break
            blocks = self._neighbourhood()
            improved, optimal = self._resolve(blocks, seconds, workers)
            if optimal and len(blocks) == len(self.blocks):
                return True
            step = 2 if optimal else 0 if improved else -2
            self.size = max(SMALLEST, min(LARGEST, self.size + step))
            idle = 0 if improved else idle + 1
            if improved:
                on_improve(self.clashes)
        return False
