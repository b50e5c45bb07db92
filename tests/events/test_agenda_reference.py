"""The optimiser against brute force: every agenda of tiny random instances, enumerated."""

import random

import pytest

from outward.events.domain.agenda import (
    KINDS,
    Assignment,
    Infeasible,
    Instance,
    agenda_violations,
    count_clashes,
    placed_votes,
    solve_agenda,
)
from tests.events.agenda_data import build, slot

SEEDS = range(40)


def tiny_instance(seed: int) -> Instance:
    rng = random.Random(seed)
    slots = [slot("h09", "09:00", "10:00"), slot("h10", "10:00", "11:00")]
    shape = rng.choice(["flat", "long", "crossing"])
    if shape == "long":
        slots.append(slot("long", "09:00", "11:00"))
    elif shape == "crossing":
        slots.append(slot("mid", "09:30", "10:30"))
    rooms = [{"id": "A", "capacity": 50}, {"id": "B", "capacity": rng.choice([20, 50])}]
    speakers = [
        {
            "id": f"sp{i}",
            "fee": rng.choice([0, 0, 100, 300]),
            "unavailable": rng.sample([s["id"] for s in slots], rng.randint(0, 1)),
        }
        for i in range(3)
    ]
    sessions = []
    for index in range(rng.randint(4, 5)):
        entry = {
            "id": f"s{index}",
            "title": f"Session {index}",
            "kind": rng.choice(KINDS[:3]),
            "speakers": rng.sample([s["id"] for s in speakers], rng.randint(0, 2)),
            "optional": rng.random() < 0.7,
            "votes": rng.randint(0, 5),
        }
        if rng.random() < 0.5:
            entry["expected_attendance"] = rng.choice([10, 30, 40])
        sessions.append(entry)
    ids = [s["id"] for s in sessions]
    interests = [
        {"attendee": f"a{i}", "sessions": rng.sample(ids, rng.randint(2, 3))} for i in range(8)
    ]
    extra: dict = {}
    if rng.random() < 0.5:
        extra["budget"] = rng.choice([100, 300])
    if rng.random() < 0.5:
        extra["kind_limits"] = [
            {"kind": "product", "max_share": 0.5},
            {"kind": "partner_requested", "min_share": 0.25},
        ]
    if rng.random() < 0.3:
        extra["fixed"] = [{"session": "s0", "slot": slots[-1]["id"], "room": "A"}]
    return build(
        slots=slots, rooms=rooms, sessions=sessions, speakers=speakers, interests=interests, **extra
    )


def brute_force_best(instance: Instance) -> tuple[int, int] | None:
    """(votes, clashes) of the best valid agenda, trying every placement of every session."""
    places = [None] + [(s.id, r.id) for s in instance.slots for r in instance.rooms]
    best: tuple[int, int] | None = None

    def visit(index: int, chosen: list[Assignment]) -> None:
        nonlocal best
        if index == len(instance.sessions):
            if not agenda_violations(instance, chosen):
                score = (placed_votes(instance, chosen), -count_clashes(instance, chosen))
                if best is None or score > (best[0], -best[1]):
                    best = (score[0], -score[1])
            return
        session = instance.sessions[index]
        for place in places:
            if place is None:
                visit(index + 1, chosen)
                continue
            candidate = [*chosen, Assignment(session.id, *place)]
            local = [
                v
                for v in agenda_violations(instance, candidate)
                if v.kind not in ("missing", "budget", "kind_share")
            ]
            if not local:
                visit(index + 1, candidate)

    visit(0, [])
    return best


@pytest.mark.parametrize("seed", SEEDS)
def test_solve_agenda_matches_brute_force(seed):
    instance = tiny_instance(seed)
    expected = brute_force_best(instance)
    if expected is None:
        with pytest.raises(Infeasible):
            solve_agenda(instance, time_limit=10, workers=1)
        return
    solution = solve_agenda(instance, time_limit=10, workers=1)
    assert agenda_violations(instance, solution.assignments) == []
    assert (solution.status, solution.votes, solution.clashes) == ("optimal", *expected)
    assert solution.lower_bound == solution.clashes
