"""Solving an event's agenda as a tracked background run (core/runs.py)."""

from outward.core.runs import Outcome, tracked_job
from outward.events.domain.progress import progress_line
from outward.events.domain.solving import solve_event_agenda
from outward.events.models import Event


@tracked_job("events.solve_agenda")
def solve_agenda_job(*, progress, user, event_id: int, time_limit: float) -> Outcome:
    """Solve and store the event's agenda; its progress shows the best votes and clashes."""
    event = Event.objects.get(pk=event_id)
    limit = max(1.0, float(time_limit))

    def report(state) -> None:
        done = min(int(state.elapsed * 10), int(limit * 10))
        progress.update(done=done, total=int(limit * 10), message=progress_line(state))

    solution = solve_event_agenda(event=event, time_limit=limit, on_progress=report)
    status = "proven optimal" if solution.status == "optimal" else "best found in the time"
    return Outcome(
        message=(
            f"Agenda stored ({status}): {solution.votes:,} partner votes, "
            f"{solution.clashes:,} attendee clashes (at least {solution.lower_bound:,} proven), "
            f"{len(solution.unscheduled):,} candidates left out, {solution.elapsed:.1f} s."
        ),
        result={
            "status": solution.status,
            "votes": solution.votes,
            "clashes": solution.clashes,
            "lower_bound": solution.lower_bound,
            "unscheduled": len(solution.unscheduled),
        },
    )
