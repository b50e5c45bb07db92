"""The conference agenda optimiser (shared/spec/agenda.md), pure Python on OR-Tools CP-SAT.

`parse_instance`/`load_instance` read an instance, `solve_agenda` builds the agenda,
`solution_json` writes it, `agenda_violations` checks any agenda (hand-edited too), and
`composition` reports its make-up. See docs/agenda-engine.md for the model.
"""

from outward.events.domain.agenda.check import (
    Violation,
    agenda_violations,
    count_clashes,
    placed_votes,
)
from outward.events.domain.agenda.composition import (
    composition,
    composition_rows,
    composition_table,
)
from outward.events.domain.agenda.feasibility import Infeasible, infeasibility_reasons
from outward.events.domain.agenda.instance import (
    KINDS,
    Assignment,
    Fixed,
    Instance,
    Interest,
    KindLimit,
    Room,
    Session,
    Slot,
    Speaker,
)
from outward.events.domain.agenda.parse import InstanceError, load_instance, parse_instance
from outward.events.domain.agenda.solution import (
    Solution,
    load_solution,
    parse_solution,
    solution_json,
)
from outward.events.domain.agenda.solve import SolveProgress, solve_agenda

__all__ = [
    "KINDS",
    "Assignment",
    "Fixed",
    "Infeasible",
    "Instance",
    "InstanceError",
    "Interest",
    "KindLimit",
    "Room",
    "Session",
    "Slot",
    "SolveProgress",
    "Solution",
    "Speaker",
    "Violation",
    "agenda_violations",
    "composition",
    "composition_rows",
    "composition_table",
    "count_clashes",
    "infeasibility_reasons",
    "load_instance",
    "load_solution",
    "parse_instance",
    "parse_solution",
    "placed_votes",
    "solution_json",
    "solve_agenda",
]
