"""Assignment of every account as a tracked background run (started from the tree page)."""

from outward.core.runs import Outcome, tracked_job
from outward.territories.domain.assignment import assign_accounts


@tracked_job("territories.assign")
def assign_job(*, progress, user) -> Outcome:
    """Assign every account; the run's message says how many moved."""
    outcome = assign_accounts(progress=progress)
    return Outcome(
        message=(
            f"{outcome.accounts:,} accounts matched: {len(outcome.assignments):,} assigned, "
            f"{len(outcome.unassigned):,} unassigned, {outcome.moved:,} moved"
        ),
        result={
            "accounts": outcome.accounts,
            "assigned": len(outcome.assignments),
            "unassigned": len(outcome.unassigned),
            "moved": outcome.moved,
        },
    )
