"""Business rules of objectives: objectives, check-ins, reminders and target setting."""

from outward.objectives.domain.objectives import (
    Change,
    StaleObjective,
    checkin_not_counted,
    create_objective,
    objective_history,
    objective_row,
    record_checkin,
    update_objective,
)
from outward.objectives.domain.reminders import ReminderRun, send_checkin_reminders

__all__ = [
    "Change",
    "ReminderRun",
    "StaleObjective",
    "checkin_not_counted",
    "create_objective",
    "objective_history",
    "objective_row",
    "record_checkin",
    "send_checkin_reminders",
    "update_objective",
]
