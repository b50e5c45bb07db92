"""The optimiser's answer and its JSON form (shared/spec/agenda.md, "Solution")."""

import json
from dataclasses import dataclass
from pathlib import Path

from outward.events.domain.agenda.instance import Assignment, Instance
from outward.events.domain.agenda.parse import InstanceError, load_json, with_file_name

STATUSES = ("optimal", "feasible", "infeasible")


@dataclass(frozen=True)
class Solution:
    """An agenda with its objective values and what is proven about them.

    `status` is "optimal" when both objective levels are proven, else "feasible".
    `votes_bound` is the proven upper bound on the votes of any agenda, `lower_bound` the proven
    lower bound on the clashes of an agenda with `votes` votes; `elapsed` is in seconds.
    """

    status: str
    votes: int
    clashes: int
    lower_bound: int
    unscheduled: tuple[str, ...]
    assignments: tuple[Assignment, ...]
    votes_bound: int = 0
    elapsed: float = 0.0


def sorted_assignments(instance: Instance, assignments: list[Assignment]) -> list[Assignment]:
    """The agenda in reading order: by slot start, then room, then session."""
    slots = instance.slot_by_id

    def key(assignment: Assignment) -> tuple:
        slot = slots[assignment.slot]
        return (slot.start, slot.end, assignment.room, assignment.session)

    return sorted(assignments, key=key)


def solution_json(solution: Solution) -> dict:
    """The solution document exactly as the spec's "Solution" section shows it."""
    return {
        "status": solution.status,
        "votes": solution.votes,
        "clashes": solution.clashes,
        "lower_bound": solution.lower_bound,
        "unscheduled": sorted(solution.unscheduled),
        "assignments": [
            {"session": a.session, "slot": a.slot, "room": a.room} for a in solution.assignments
        ],
    }


def _count(data: dict, key: str, reasons: list[str]) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        reasons.append(f"{key}: must be an integer ≥ 0, not {json.dumps(value)}")
        return 0
    return value


def _assignments(data: dict, instance: Instance, reasons: list[str]) -> list[Assignment]:
    entries = data.get("assignments")
    if not isinstance(entries, list):
        reasons.append("assignments: must be a list")
        return []
    known = {
        "session": instance.session_by_id,
        "slot": instance.slot_by_id,
        "room": instance.room_by_id,
    }
    found = []
    for index, entry in enumerate(entries):
        path = f"assignments[{index}]"
        if not isinstance(entry, dict):
            reasons.append(f"{path}: must be an object")
            continue
        problems = [
            f"{path}.{key}: unknown {key} {json.dumps(entry.get(key))}"
            for key in ("session", "slot", "room")
            if not isinstance(entry.get(key), str) or entry[key] not in known[key]
        ]
        reasons.extend(problems)
        if not problems:
            found.append(Assignment(entry["session"], entry["slot"], entry["room"]))
    return found


def parse_solution(data: object, instance: Instance) -> Solution:
    """A solution document read against its instance, or InstanceError naming each problem."""
    if not isinstance(data, dict):
        raise InstanceError(["the solution must be a JSON object"])
    reasons: list[str] = []
    status = data.get("status")
    if status not in STATUSES:
        reasons.append(f"status: must be one of {', '.join(STATUSES)}, not {json.dumps(status)}")
    votes, clashes, lower_bound = (
        _count(data, key, reasons) for key in ("votes", "clashes", "lower_bound")
    )
    unscheduled = data.get("unscheduled", [])
    if not isinstance(unscheduled, list) or not all(
        isinstance(s, str) and s in instance.session_by_id for s in unscheduled
    ):
        reasons.append("unscheduled: must be a list of known session ids")
        unscheduled = []
    assignments = _assignments(data, instance, reasons)
    if reasons:
        raise InstanceError(reasons)
    return Solution(
        str(status), votes, clashes, lower_bound, tuple(unscheduled), tuple(assignments)
    )


def load_solution(source: str | Path | dict, instance: Instance) -> Solution:
    """A solution from a file (or already-read JSON data), checked against its instance."""
    if isinstance(source, dict):
        return parse_solution(source, instance)
    return with_file_name(source, lambda: parse_solution(load_json(source), instance))
