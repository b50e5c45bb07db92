"""Benchmark of the agenda optimiser (shared/spec/agenda.md) against two peers.

    .venv/bin/python bench/agenda.py [--limits 10,60] [--quick]

Three generated instances with fixed seeds — M (60 sessions, 6 rooms, 12 one-hour slots and a
two-hour workshop slot overlapping two of them, 200 attendees × 6 interests, a fixed keynote),
L (150 sessions, 10 rooms, 16 slots, 2,000 attendees × 8 interests) and S+ (25 mandatory and 60
optional candidates for 5 rooms × 12 slots, headline speakers over the budget, product ≤ 25 %
and partner-requested ≥ 35 % of session-minutes) — each solved at each time limit by:

- ours: `solve_agenda` with 2 workers;
- plain: a plain CP-SAT model, one Boolean per session × slot × room, pairwise clash
  indicators, no symmetry breaking, no hint (on S+ two levels: votes, then clashes);
- conference-scheduler (PyPI, PuLP/CBC) on M and L: its Slot/Event model, translated (see
  `conference_scheduler_solve`), once with an attendee-clash objective added in its style
  ("conf-sched clashes") and once with its own capacity objective ("conf-sched own obj"); the
  ratio uses its better agenda. It cannot choose sessions, so it has no S+ figure.

Each run is a child process, so the peak RSS is that run's own. Every agenda is checked with
the engine's independent checker. Goals: fewer clashes than both peers at every limit
(≤ 0.6 × conference-scheduler's), on S+ at least the plain model's votes, and a proven gap that
shrinks with time — on M ≤ 20 % within 60 s.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WORKERS = 2

KIND_MIX = {
    "partner_requested": 0.40,
    "product": 0.22,
    "training": 0.18,
    "networking": 0.10,
    "keynote": 0.10,
}


def _slots(days: int, hours: list[int], long_slot: bool) -> list[dict]:
    slots = []
    first = datetime(2027, 3, 2)
    for day in range(days):
        date = first + timedelta(days=day)
        for hour in hours:
            start = date.replace(hour=hour)
            slots.append(
                {
                    "id": f"d{day + 1}-{hour:02d}00",
                    "start": start.isoformat(timespec="minutes"),
                    "end": (start + timedelta(hours=1)).isoformat(timespec="minutes"),
                }
            )
    if long_slot:
        # A workshop slot on the last afternoon, overlapping its two last one-hour slots.
        date = first + timedelta(days=days - 1)
        start = date.replace(hour=hours[-2])
        slots.append(
            {
                "id": f"d{days}-workshop",
                "start": start.isoformat(timespec="minutes"),
                "end": (start + timedelta(hours=2)).isoformat(timespec="minutes"),
            }
        )
    return slots


def _kinds(rng: random.Random, count: int) -> list[str]:
    kinds = []
    for kind, share in KIND_MIX.items():
        kinds += [kind] * round(share * count)
    while len(kinds) < count:
        kinds.append("partner_requested")
    kinds = kinds[:count]
    rng.shuffle(kinds)
    return kinds


def _speakers(rng: random.Random, sessions: list[dict], share_multi: float) -> list[dict]:
    """Speakers for the sessions: some give two or three, some sessions have two speakers."""
    speakers: list[dict] = []
    pool: list[str] = []
    for session in sessions:
        if pool and rng.random() < share_multi:
            speaker = rng.choice(pool)
            pool.remove(speaker)
        else:
            speaker = f"sp{len(speakers) + 1:03d}"
            speakers.append({"id": speaker, "fee": 0})
            if rng.random() < 0.5:
                pool.append(speaker)
        session["speakers"] = [speaker]
        if rng.random() < 0.1 and len(speakers) > 2:
            other = rng.choice(speakers)["id"]
            if other != speaker:
                session["speakers"].append(other)
    return speakers


def _unavailable(rng: random.Random, speakers: list[dict], slots: list[dict], count: int) -> None:
    for speaker in rng.sample(speakers, count):
        speaker["unavailable"] = sorted(s["id"] for s in rng.sample(slots, rng.randint(1, 3)))


def _interests(
    rng: random.Random, sessions: list[dict], attendees: int, per_attendee: int, tracks: int
) -> list[dict]:
    popularity = {s["id"]: rng.paretovariate(2.5) for s in sessions}
    by_track: dict[int, list[str]] = {}
    for session in sessions:
        by_track.setdefault(session["track"], []).append(session["id"])
    all_ids = [s["id"] for s in sessions]
    track_weights = [rng.uniform(0.5, 1.5) for _ in range(tracks)]
    interests = []
    for index in range(attendees):
        home = rng.choices(range(tracks), weights=track_weights)[0]
        wanted: list[str] = []
        while len(wanted) < per_attendee:
            ids = by_track[home] if len(wanted) < per_attendee * 2 // 3 else all_ids
            pick = rng.choices(ids, weights=[popularity[i] for i in ids])[0]
            if pick not in wanted:
                wanted.append(pick)
        interests.append({"attendee": f"a{index + 1:04d}", "sessions": sorted(wanted)})
    return interests


def _sessions(rng: random.Random, count: int, tracks: int, prefix: str = "s") -> list[dict]:
    sessions = []
    for index, kind in enumerate(_kinds(rng, count)):
        sessions.append(
            {
                "id": f"{prefix}{index + 1:03d}",
                "title": f"{kind.replace('_', ' ').title()} session {index + 1}",
                "kind": kind,
                "track": index % tracks,
            }
        )
    return sessions


def _finish(data: dict) -> dict:
    for session in data["sessions"]:
        session.pop("track", None)
    return data


def _candidates(
    rng: random.Random,
    slots: list[dict],
    count: int,
    tracks: int,
    shape: tuple[float, int],
    votes=None,
) -> tuple[list[dict], list[dict]]:
    """Sessions and their speakers; `shape`: share of repeat speakers, speakers with absences."""
    sessions = _sessions(rng, count, tracks)
    if votes is not None:
        votes(sessions)
    speakers = _speakers(rng, sessions, shape[0])
    _unavailable(rng, speakers, slots, shape[1])
    return sessions, speakers


def _keynote_seats(rng: random.Random, sessions: list[dict], low: int, high: int) -> None:
    for session in sessions:
        if session["kind"] == "keynote":
            session["expected_attendance"] = rng.randint(low, high)


def _rooms(**capacities: int) -> list[dict]:
    return [{"id": room, "capacity": capacity} for room, capacity in capacities.items()]


def instance_m(seed: int = 1) -> dict:
    """60 sessions, 6 rooms, 12 one-hour slots plus a two-hour workshop slot, a fixed keynote."""
    rng = random.Random(seed)
    slots = _slots(2, [9, 10, 11, 13, 14, 15], long_slot=True)
    rooms = _rooms(hall=400, r200=200, r150a=150, r150b=150, r100a=100, r100b=100)
    sessions, speakers = _candidates(rng, slots, 60, 6, (0.35, 4))
    _keynote_seats(rng, sessions, 220, 380)
    keynote = next(s for s in sessions if s["kind"] == "keynote")
    keynote["expected_attendance"] = 380
    fixed = [{"session": keynote["id"], "slot": "d1-0900", "room": "hall"}]
    for speaker in speakers:
        if keynote["speakers"][0] == speaker["id"]:
            speaker.pop("unavailable", None)
    interests = _interests(rng, sessions, 200, 6, 6)
    data = {"slots": slots, "rooms": rooms, "sessions": sessions, "speakers": speakers}
    return _finish({**data, "interests": interests, "fixed": fixed})


def instance_l(seed: int = 2) -> dict:
    """150 sessions, 10 rooms, 16 one-hour slots, 2,000 attendees with 8 interests each."""
    rng = random.Random(seed)
    slots = _slots(2, [9, 10, 11, 12, 13, 14, 15, 16], long_slot=False)
    capacities = [900, 600, 600, 450, 450, 400, 400, 300, 300, 300]
    rooms = [{"id": f"room{i + 1:02d}", "capacity": c} for i, c in enumerate(capacities)]
    sessions, speakers = _candidates(rng, slots, 150, 10, (0.3, 8))
    _keynote_seats(rng, sessions, 300, 850)
    interests = _interests(rng, sessions, 2000, 8, 10)
    data = {"slots": slots, "rooms": rooms, "sessions": sessions, "speakers": speakers}
    return _finish({**data, "interests": interests})


def instance_s_plus(seed: int = 3) -> dict:
    """Selection: 25 mandatory and 60 optional candidates for 5 rooms × 12 slots, fees, shares."""
    rng = random.Random(seed)
    slots = _slots(2, [9, 10, 11, 13, 14, 15], long_slot=False)
    rooms = _rooms(hall=300, r150=150, r120=120, r80a=80, r80b=80)

    def votes(sessions: list[dict]) -> None:
        for index, session in enumerate(sessions):
            session["optional"] = index >= 25
            if session["optional"]:
                session["votes"] = int(rng.paretovariate(1.3) * 8)

    sessions, speakers = _candidates(rng, slots, 85, 5, (0.3, 5), votes)
    optional = sorted((s for s in sessions if s["optional"]), key=lambda s: -s["votes"])
    headline = []
    for session in optional[:12:2]:
        speaker = next(p for p in speakers if p["id"] == session["speakers"][0])
        speaker["fee"] = rng.choice([8000, 12000, 15000, 20000])
        headline.append(speaker["fee"])
    _keynote_seats(rng, sessions, 160, 280)
    interests = _interests(rng, sessions, 300, 6, 5)
    data = {"slots": slots, "rooms": rooms, "sessions": sessions, "speakers": speakers}
    limits = [
        {"kind": "product", "max_share": 0.25},
        {"kind": "partner_requested", "min_share": 0.35},
    ]
    budget = sum(headline) // 2
    return _finish({**data, "interests": interests, "budget": budget, "kind_limits": limits})


INSTANCES = {"M": instance_m, "L": instance_l, "S+": instance_s_plus}


def plain_solve(instance, limit: float) -> dict:
    """The plain CP-SAT model the issue describes, with the same two levels and time split."""
    from ortools.sat.python import cp_model

    from outward.events.domain.agenda.solve import VOTES_SHARE

    started = time.monotonic()
    model = cp_model.CpModel()
    slots, rooms, sessions = instance.slots, instance.rooms, instance.sessions
    x = {
        (s.id, t.id, r.id): model.new_bool_var(f"x_{s.id}_{t.id}_{r.id}")
        for s in sessions
        for t in slots
        for r in rooms
    }

    def at(session: str, slot: str):
        return sum(x[session, slot, r.id] for r in rooms)

    for s in sessions:
        total = sum(at(s.id, t.id) for t in slots)
        if s.optional and s.id not in instance.fixed_by_session:
            model.add(total <= 1)
        else:
            model.add(total == 1)
        for t in slots:
            for r in rooms:
                if r.capacity < instance.demand(s):
                    model.add(x[s.id, t.id, r.id] == 0)
            for p in s.speakers:
                if t.id in instance.speaker_by_id[p].unavailable:
                    model.add(at(s.id, t.id) == 0)
    for f in instance.fixed:
        model.add(x[f.session, f.slot, f.room] == 1)
    clashing = [(a, b) for a in slots for b in slots if a.id <= b.id and a.clashes(b)]
    for r in rooms:
        for a, b in clashing:
            used = sum(x[s.id, a.id, r.id] for s in sessions)
            if a.id != b.id:
                used += sum(x[s.id, b.id, r.id] for s in sessions)
            model.add(used <= 1)
    for i, first in enumerate(sessions):
        for second in sessions[i + 1 :]:
            if set(first.speakers) & set(second.speakers):
                for a in slots:
                    for b in slots:
                        if a.clashes(b):
                            model.add(at(first.id, a.id) + at(second.id, b.id) <= 1)
    placed = {s.id: sum(at(s.id, t.id) for t in slots) for s in sessions}
    if instance.budget is not None:
        paid = {p.id: model.new_bool_var(f"paid_{p.id}") for p in instance.speakers if p.fee}
        for s in sessions:
            for p in s.speakers:
                if p in paid:
                    model.add(placed[s.id] <= paid[p])
        scale = 100
        fees = sum(int(instance.speaker_by_id[p].fee * scale) * v for p, v in paid.items())
        model.add(fees <= int(instance.budget * scale))
    minutes = {
        kind: sum(
            int(t.minutes) * at(s.id, t.id) for s in sessions if s.kind == kind for t in slots
        )
        for kind in {s.kind for s in sessions}
    }
    total = sum(minutes.values())
    for limit_ in instance.kind_limits:
        of_kind = minutes.get(limit_.kind, 0)
        if limit_.min_share is not None:
            model.add(limit_.min_share.denominator * of_kind >= limit_.min_share.numerator * total)
        if limit_.max_share is not None:
            model.add(limit_.max_share.denominator * of_kind <= limit_.max_share.numerator * total)
    clash = {}
    for first, second in instance.pair_weights:
        clash[first, second] = c = model.new_bool_var(f"c_{first}_{second}")
        for a in slots:
            for b in slots:
                if a.clashes(b):
                    model.add(c >= at(first, a.id) + at(second, b.id) - 1)
    clashes = sum(instance.pair_weights[pair] * c for pair, c in clash.items())
    votes = sum(s.votes * placed[s.id] for s in sessions)

    def run(seconds: float):
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, seconds)
        solver.parameters.num_workers = WORKERS
        status = solver.solve(model)
        return solver, status

    if any(s.optional and s.votes for s in sessions):
        model.maximize(votes)
        solver, status = run(VOTES_SHARE * (limit - (time.monotonic() - started)))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return {"error": "no solution in time"}
        model.add(votes >= round(solver.objective_value))
    model.minimize(clashes)
    solver, status = run(limit - (time.monotonic() - started))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {"error": "no solution in time"}
    chosen = [key for key, var in x.items() if solver.boolean_value(var)]
    return {"assignments": chosen, "lower_bound": max(0, int(solver.best_objective_bound + 0.999))}


def conference_scheduler_solve(instance, limit: float, clash_objective: bool = True) -> dict:
    """conference-scheduler's model on PuLP/CBC, translated from the instance.

    Its slots are (venue, time) pairs with a capacity; an event's unavailability lists the
    slots it cannot take (too small, a speaker away, not its fixed place) and the events it
    must not run beside (a shared speaker). Its constraints: every event once, one event per
    slot, availability, no unavailable pair at concurrent slots. What it lacks for overlapping
    slots is added: a venue hosts one event at a time across slots that overlap. Its objective
    functions measure capacity overflow, not attendees; the clash objective is added in its
    style: a pairwise indicator per pair of sessions wanted together, weighted by attendees.
    Without `clash_objective`, its own `efficiency_capacity_demand_difference` is minimised
    instead (it ignores attendees; the clashes of its agenda are measured all the same).
    """
    import pulp
    from conference_scheduler.lp_problem import constraints, objective_functions, utils
    from conference_scheduler.resources import Event, Shape
    from conference_scheduler.resources import Slot as VenueSlot

    venue_slots, keys = [], []
    for t in instance.slots:
        for r in instance.rooms:
            day = t.start.date().isoformat()
            venue_slots.append(VenueSlot(r.id, t.start, int(t.minutes), r.capacity, day))
            keys.append((t, r))
    shortest = min(int(t.minutes) for t in instance.slots)
    events = {s.id: Event(s.id, shortest, instance.demand(s)) for s in instance.sessions}
    for s in instance.sessions:
        fixed = instance.fixed_by_session.get(s.id)
        away = {u for p in s.speakers for u in instance.speaker_by_id[p].unavailable}
        for venue_slot, (t, r) in zip(venue_slots, keys, strict=True):
            wrong = fixed is not None and (t.id, r.id) != (fixed.slot, fixed.room)
            if r.capacity < instance.demand(s) or t.id in away or wrong:
                events[s.id].add_unavailability(venue_slot)
        for other in instance.sessions:
            if other.id != s.id and set(s.speakers) & set(other.speakers):
                events[s.id].add_unavailability(events[other.id])
    ordered = [events[s.id] for s in instance.sessions]
    started = time.monotonic()
    problem = pulp.LpProblem("agenda", pulp.LpMinimize)
    X = utils.variables(Shape(len(ordered), len(venue_slots)))
    for constraint in constraints.all_constraints(ordered, venue_slots, X, None, "lpsum"):
        problem += constraint.condition
    for j, (t, r) in enumerate(keys):
        for k, (u, q) in enumerate(keys):
            if j < k and q.id == r.id and t.id != u.id and t.clashes(u):
                problem += (
                    utils.lpsum(X[e, j] for e in range(len(ordered)))
                    + utils.lpsum(X[e, k] for e in range(len(ordered)))
                    <= 1
                )
    index = {s.id: e for e, s in enumerate(instance.sessions)}
    columns: dict[str, list[int]] = {}
    for j, (t, _r) in enumerate(keys):
        columns.setdefault(t.id, []).append(j)
    at = {
        (s.id, t.id): utils.lpsum(X[index[s.id], j] for j in columns[t.id])
        for s in instance.sessions
        for t in instance.slots
    }
    clashing = [(a.id, b.id) for a in instance.slots for b in instance.slots if a.clashes(b)]
    objective = []
    for (first, second), weight in instance.pair_weights.items() if clash_objective else ():
        z = pulp.LpVariable(f"z_{index[first]}_{index[second]}", cat=pulp.LpBinary)
        for a, b in clashing:
            problem += z >= at[first, a] + at[second, b] - 1
        objective.append(weight * z)
    if clash_objective:
        problem += pulp.lpSum(objective)
    else:
        problem += objective_functions.efficiency_capacity_demand_difference(
            venue_slots, ordered, X
        )
    remaining = max(1, int(limit - (time.monotonic() - started)))
    problem.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=remaining, threads=WORKERS))
    if problem.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return {"error": "no solution in time"}
    chosen = [
        (s.id, keys[j][0].id, keys[j][1].id)
        for s in instance.sessions
        for j in range(len(keys))
        if (X[index[s.id], j].value() or 0) > 0.5
    ]
    return {"assignments": chosen, "lower_bound": 0}


def ours_solve(instance, limit: float) -> dict:
    from outward.events.domain.agenda import solve_agenda

    solution = solve_agenda(instance, time_limit=limit, workers=WORKERS)
    chosen = [(a.session, a.slot, a.room) for a in solution.assignments]
    return {"assignments": chosen, "lower_bound": solution.lower_bound, "status": solution.status}


SOLVERS = {
    "ours": ours_solve,
    "plain": plain_solve,
    "conf-sched clashes": conference_scheduler_solve,
    "conf-sched own obj": lambda instance, limit: conference_scheduler_solve(
        instance, limit, False
    ),
}


def child(solver: str, path: str, limit: float) -> None:
    """One run in this process: print its figures as JSON."""
    from outward.events.domain.agenda import (
        Assignment,
        agenda_violations,
        count_clashes,
        load_instance,
        placed_votes,
    )

    instance = load_instance(path)
    started = time.monotonic()
    result = SOLVERS[solver](instance, limit)
    result["wall"] = time.monotonic() - started
    if "assignments" in result:
        assignments = [Assignment(*row) for row in result.pop("assignments")]
        result["votes"] = placed_votes(instance, assignments)
        result["clashes"] = count_clashes(instance, assignments)
        result["violations"] = [v.message for v in agenda_violations(instance, assignments)]
    print(json.dumps(result))


def run_child(solver: str, path: Path, limit: float) -> dict:
    """Run one solver in a child process; its figures plus its own peak RSS (MiB)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(
            [sys.executable, __file__, "--run", solver, str(path), str(limit)],
            stdout=out,
            stderr=err,
        )
        timer = threading.Timer(limit * 4 + 120, process.kill)
        timer.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = out.read().strip().splitlines()
        if process.returncode != 0 or not lines:
            last = err.read().strip().splitlines()[-1:] or ["killed"]
            result = {"error": f"exit {process.returncode}: {last[0]}"}
        else:
            result = json.loads(lines[-1])
    result["rss"] = usage.ru_maxrss / 1024
    return result


def _cell(result: dict, key: str, fmt: str = "{}") -> str:
    value = result.get(key)
    return "—" if value is None else fmt.format(value)


def _gap(result: dict) -> str:
    clashes, bound = result.get("clashes"), result.get("lower_bound")
    if clashes is None or bound is None:
        return "—"
    return "0.0%" if clashes == 0 else f"{100 * (clashes - bound) / clashes:.1f}%"


def _ratio(ours: dict, peer: dict | None, key: str) -> str:
    if peer is None or ours.get(key) is None:
        return "—"
    if peer.get(key) is None:
        return "peer: no solution"
    return "—" if not peer[key] else f"{ours[key] / peer[key]:.2f}"


def _best_peer(results: dict) -> dict | None:
    """conference-scheduler's better run (either objective) that found an agenda."""
    runs = [r for name, r in results.items() if name.startswith("conf-sched")]
    found = [r for r in runs if r.get("clashes") is not None]
    return min(found, key=lambda r: r["clashes"]) if found else (runs[0] if runs else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limits", default="10,60", help="time limits in seconds, e.g. 10,60")
    parser.add_argument("--quick", action="store_true", help="one short limit (5 s), a smoke run")
    parser.add_argument(
        "--run", nargs=3, metavar=("SOLVER", "INSTANCE", "LIMIT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.run:
        solver, path, limit = args.run
        child(solver, path, float(limit))
        return
    limits = [5.0] if args.quick else [float(v) for v in args.limits.split(",")]
    header = (
        f"{'instance':<8} {'limit':>5} {'solver':<21} {'votes':>6} {'clashes':>8} {'bound':>6} "
        f"{'gap':>7} {'wall s':>7} {'RSS MiB':>8}  status / violations"
    )
    ratios = []
    with tempfile.TemporaryDirectory() as folder:
        print(header)
        for name, generate in INSTANCES.items():
            path = Path(folder) / f"{name}.json"
            path.write_text(json.dumps(generate()), encoding="utf-8")
            for limit in limits:
                results = {}
                for solver in SOLVERS:
                    if solver.startswith("conf-sched") and name == "S+":
                        continue
                    result = results[solver] = run_child(solver, path, limit)
                    notes = result.get("error") or result.get("status", "")
                    if result.get("violations"):
                        notes += f" VIOLATIONS: {'; '.join(result['violations'][:3])}"
                    print(
                        f"{name:<8} {limit:>5g} {solver:<21} {_cell(result, 'votes'):>6} "
                        f"{_cell(result, 'clashes'):>8} {_cell(result, 'lower_bound'):>6} "
                        f"{_gap(result):>7} {_cell(result, 'wall', '{:.1f}'):>7} "
                        f"{result['rss']:>8.0f}  {notes}",
                        flush=True,
                    )
                ours = results["ours"]
                ratios.append(
                    (
                        name,
                        limit,
                        _ratio(ours, _best_peer(results), "clashes"),
                        _ratio(ours, results["plain"], "clashes"),
                        _cell(ours, "votes") + " vs " + _cell(results["plain"], "votes"),
                    )
                )
    print()
    print(
        f"{'instance':<8} {'limit':>5} {'ours/conference-scheduler':>26} {'ours/plain':>11}"
        "  votes ours vs plain"
    )
    for name, limit, versus_cs, versus_plain, votes in ratios:
        print(f"{name:<8} {limit:>5g} {versus_cs:>26} {versus_plain:>11}  {votes}")


if __name__ == "__main__":
    sys.path.insert(0, str(PROJECT / "src"))
    main()
