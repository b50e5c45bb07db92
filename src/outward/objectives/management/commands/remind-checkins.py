"""`outward remind-checkins`: the older name of `outward checkins remind`, kept for cron jobs."""

from outward.objectives.management.commands.checkins import Command as CheckinsCommand
from outward.objectives.management.commands.checkins import add_remind_arguments


class Command(CheckinsCommand):
    help = "Same as `outward checkins remind` (kept under its older name)."

    def add_arguments(self, parser):
        add_remind_arguments(parser)
