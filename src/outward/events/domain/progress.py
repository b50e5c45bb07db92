"""How a running solve reads for people: one line of best votes, clashes, bound and time."""

from outward.events.domain.agenda import SolveProgress


def progress_line(progress: SolveProgress) -> str:
    """The solve's state in one line, for standard error and the agenda page."""
    votes = "—" if progress.votes is None else f"{progress.votes:,}"
    clashes = "—" if progress.clashes is None else f"{progress.clashes:,}"
    if progress.level == "votes":
        bound = f"at most {progress.bound:,.0f} votes possible"
    else:
        bound = f"at least {progress.bound:,.0f} clashes proven"
    return (
        "choosing sessions by votes" if progress.level == "votes" else "reducing clashes"
    ) + f": best {votes} votes, {clashes} clashes, {bound}, {progress.elapsed:.1f} s"
