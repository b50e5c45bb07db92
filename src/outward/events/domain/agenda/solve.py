"""The two-level solve: first the most partner votes, then the fewest clashes at that level.

Level 1 (skipped when no optional session has votes: then the votes are constant) maximises
votes for up to a third of the time; it usually proves its optimum far sooner, and the rest of
its share passes to level 2. Level 2 fixes votes ≥ the level-1 best and minimises clashes: the
block search (`lns`) for LNS_SHARE of the remaining time, then the full model, hinted with the
best agenda so far, for the rest (it may still change which sessions run within the votes
level, and it proves the bound). If level 1 found nothing in its share, level 2 optimises both
at once with votes weighted above every possible clash count (still lexicographic), proving
nothing about votes. The first hint is the greedy agenda; level 2 starts from the better of
level 1's agenda and the greedy agenda re-built on level 1's chosen sessions.

`status` is "optimal" only when both levels are proven. Progress goes to `on_progress` from the
solver's threads (at most every `PROGRESS_INTERVAL` seconds, plus a last report per level); a
`stop` event ends the search early with the best agenda found so far."""

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from math import ceil, floor

from ortools.sat.python import cp_model

from outward.events.domain.agenda.check import agenda_violations, count_clashes, placed_votes
from outward.events.domain.agenda.feasibility import Infeasible, infeasibility_reasons, must_run
from outward.events.domain.agenda.greedy import greedy_agenda
from outward.events.domain.agenda.instance import Instance
from outward.events.domain.agenda.lns import ClashSearch, clashes_of
from outward.events.domain.agenda.model import AgendaModel, build_model
from outward.events.domain.agenda.rooms import Placement, assign_rooms
from outward.events.domain.agenda.solution import Solution, sorted_assignments
from outward.events.domain.agenda.structure import (
    Option,
    Structure,
    agenda_structure,
    session_options,
)

PROGRESS_INTERVAL = 0.5
VOTES_SHARE = 1 / 3
LNS_SHARE = 0.65


@dataclass(frozen=True)
class SolveProgress:
    """Where a solve stands: the level ("votes" or "clashes"), the best values and the bound.

    `bound` is the proven upper bound on votes at level "votes", the proven lower bound on
    clashes at level "clashes".
    """

    level: str
    votes: int | None
    clashes: int | None
    bound: float
    elapsed: float


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Forwards CP-SAT's solutions and bounds to `on_progress`, throttled, thread-safe."""

    def __init__(
        self, level: str, model: AgendaModel, on_progress, started: float, votes: int | None
    ):
        super().__init__()
        self.level, self.model, self.on_progress = level, model, on_progress
        self.started, self.fixed_votes = started, votes
        self.lock = threading.Lock()
        self.last = 0.0
        self.best: tuple[int | None, int | None] = (votes, None)
        self.bound = 0.0

    def on_solution_callback(self) -> None:
        votes = int(self.value(self.model.votes)) if self.fixed_votes is None else self.fixed_votes
        clashes = int(self.value(self.model.clashes))
        with self.lock:
            self.best = (votes, clashes)
            self.bound = self.best_objective_bound
        self.report()

    def external(self, votes: int, clashes: int) -> None:
        """A better agenda found outside CP-SAT (the block search)."""
        with self.lock:
            self.best = (votes, clashes)
        self.report()

    def on_bound(self, bound: float) -> None:
        with self.lock:
            self.bound = bound
        self.report()

    def report(self, final: bool = False) -> None:
        if self.on_progress is None:
            return
        with self.lock:
            now = time.monotonic()
            if not final and now - self.last < PROGRESS_INTERVAL:
                return
            self.last = now
            votes, clashes = self.best
            bound = abs(self.bound)
            progress = SolveProgress(self.level, votes, clashes, bound, now - self.started)
        self.on_progress(progress)


def _solve(
    model: AgendaModel,
    seconds: float,
    workers: int,
    seed: int,
    reporter: _Reporter,
    stop: threading.Event | None,
) -> tuple[int, dict[str, Option] | None, float, float]:
    """One CP-SAT run: status, agenda (None if none found), objective value and bound."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.best_bound_callback = reporter.on_bound
    done = threading.Event()
    if stop is not None:

        def watch() -> None:
            while not done.wait(0.05):
                if stop.is_set():
                    solver.stop_search()
                    return

        threading.Thread(target=watch, daemon=True).start()
    try:
        status = solver.solve(model.model, reporter)
    finally:
        done.set()
    reporter.report(final=True)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None, 0.0, solver.best_objective_bound
    chosen = model.chosen(solver.boolean_value)
    return status, chosen, solver.objective_value, solver.best_objective_bound


def _greedy_seconds(time_limit: float) -> float:
    return min(2.0, 0.1 * time_limit)


def _unexplained(instance: Instance) -> str:
    mandatory = sum(1 for s in instance.sessions if must_run(instance, s))
    return (
        "no agenda satisfies all constraints together: the solver proved that the "
        f"{mandatory} mandatory sessions cannot all be placed within the rooms, speakers' "
        "times, budget and composition limits at once, though none of them alone rules it out"
    )


@dataclass
class _Level:
    """What the votes level leaves for the clashes level."""

    start: dict[str, Option]
    proven: bool
    bound: int
    lexicographic: bool = False


def _votes_level(
    instance: Instance,
    structure: Structure,
    options: dict[str, list[Option]],
    model: AgendaModel,
    greedy: dict[str, Option],
    run: Callable[..., tuple],
) -> _Level:
    """Maximise votes; then constrain them to the best found and set the clash objective."""
    model.model.maximize(model.votes)
    model.hint(greedy)
    status, found, value, bound = run("votes", None, VOTES_SHARE)
    if status == cp_model.INFEASIBLE:
        raise Infeasible([_unexplained(instance)])
    bound = floor(bound + 1e-6)
    if found is None:
        # Nothing found in the share: one lexicographic objective, votes above any clash count.
        weight = sum(model.weights.values()) + 1
        model.model.minimize(model.clashes - weight * model.votes)
        return _Level(greedy, False, bound, lexicographic=True)
    model.model.add(model.votes >= round(value))
    model.model.minimize(model.clashes)
    selected = set(found)
    rebuilt = greedy_agenda(instance, structure, options, only=selected, seconds=0.5)
    start = found
    if set(rebuilt) == selected and clashes_of(instance, structure, rebuilt) < clashes_of(
        instance, structure, found
    ):
        start = rebuilt
    return _Level(start, status == cp_model.OPTIMAL, bound)


def solve_agenda(
    instance: Instance,
    *,
    time_limit: float,
    workers: int | None = None,
    on_progress: Callable[[SolveProgress], None] | None = None,
    stop: threading.Event | None = None,
    seed: int = 0,
) -> Solution:
    """The agenda with the most partner votes and, among those, the fewest attendee clashes.

    Raises Infeasible with one reason per line when no agenda exists (or, with `proven` False,
    when none was found within `time_limit` seconds). `workers` defaults to the CPU count.
    """
    started = time.monotonic()
    reasons = infeasibility_reasons(instance)
    if reasons:
        raise Infeasible(reasons)
    workers = workers or os.cpu_count() or 1
    structure = agenda_structure(instance)
    options = session_options(instance, structure)
    model = build_model(instance, structure, options)
    greedy = greedy_agenda(instance, structure, options, seconds=_greedy_seconds(time_limit))

    def run(level: str, votes: int | None, share: float) -> tuple:
        remaining = time_limit - (time.monotonic() - started)
        reporter = _Reporter(level, model, on_progress, started, votes)
        return _solve(model, share * remaining, workers, seed, reporter, stop)

    constant_votes = sum(s.votes for s in instance.sessions if must_run(instance, s))
    if any(s.optional and s.votes > 0 for s in instance.sessions):
        level = _votes_level(instance, structure, options, model, greedy, run)
        votes = None
    else:
        model.model.minimize(model.clashes)
        level = _Level(greedy, True, constant_votes)
        votes = constant_votes
    start = level.start
    if _usable(instance, structure, start):
        start = _search(
            instance,
            structure,
            options,
            start,
            time_limit - (time.monotonic() - started),
            workers,
            seed,
            stop,
            _Reporter("clashes", model, on_progress, started, votes),
        )
    model.hint(start)
    status, found, _value, bound = run("clashes", votes, 1.0)
    if status == cp_model.INFEASIBLE:
        raise Infeasible([_unexplained(instance)])
    if level.lexicographic:
        bound = 0.0
    if found is None or clashes_of(instance, structure, found) > clashes_of(
        instance, structure, start
    ):
        if not _usable(instance, structure, start):
            raise Infeasible(
                [f"no agenda found within {time_limit:g} s (try a longer time limit)"], proven=False
            )
        found = start
        bound = bound if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else 0.0
    optimal = status == cp_model.OPTIMAL and level.proven and not level.lexicographic
    return _solution(instance, structure, found, optimal, bound, level.bound, started)


def _search(
    instance: Instance,
    structure: Structure,
    options: dict[str, list[Option]],
    start: dict[str, Option],
    remaining: float,
    workers: int,
    seed: int,
    stop: threading.Event | None,
    reporter: "_Reporter",
) -> dict[str, Option]:
    """Block-by-block search (lns) for LNS_SHARE of the remaining time; the best agenda."""
    search = ClashSearch(instance, structure, options, start, seed)
    votes = sum(instance.session_by_id[s].votes for s in start)

    def improved(clashes: int) -> None:
        reporter.external(votes, clashes)

    deadline = time.monotonic() + LNS_SHARE * remaining
    search.run(deadline, workers, lambda: stop is not None and stop.is_set(), improved)
    return search.chosen


def _agenda(instance: Instance, structure: Structure, chosen: dict[str, Option]) -> list:
    placements = [Placement(s, o.slot, o.pool) for s, o in sorted(chosen.items())]
    return sorted_assignments(instance, assign_rooms(instance, structure, placements))


def _usable(instance: Instance, structure: Structure, chosen: dict[str, Option]) -> bool:
    """Whether a start agenda (greedy or level 1) satisfies every hard constraint."""
    return not agenda_violations(instance, _agenda(instance, structure, chosen))


def _solution(
    instance: Instance,
    structure: Structure,
    chosen: dict[str, Option],
    optimal: bool,
    bound: float,
    votes_bound: int,
    started: float,
) -> Solution:
    assignments = _agenda(instance, structure, chosen)
    violations = agenda_violations(instance, assignments)
    if violations:
        raise RuntimeError("the optimiser built an invalid agenda: " + violations[0].message)
    clashes = count_clashes(instance, assignments)
    votes = placed_votes(instance, assignments)
    return Solution(
        status="optimal" if optimal else "feasible",
        votes=votes,
        clashes=clashes,
        lower_bound=min(clashes, max(0, ceil(bound - 1e-6))),
        unscheduled=tuple(sorted(s.id for s in instance.sessions if s.id not in chosen)),
        assignments=tuple(assignments),
        votes_bound=max(votes_bound, votes),
        elapsed=time.monotonic() - started,
    )
