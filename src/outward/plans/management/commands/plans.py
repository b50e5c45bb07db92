"""`outward plans close-ended [--date YYYY-MM-DD]`: close the agreed plans whose period ended."""

from django.utils import timezone

from outward.core.commands import OutwardCommand
from outward.core.periods import parse_date
from outward.plans.domain import close_ended_plans


class Command(OutwardCommand):
    help = "Plans: `close-ended` closes every agreed plan whose period has ended (run daily)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        close = sub.add_parser("close-ended", help="close agreed plans whose period has ended")
        close.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")

    def run(self, *args, date: str | None = None, **options):
        as_of = parse_date(date, field="--date") if date else timezone.localdate()
        closed = close_ended_plans(as_of=as_of)
        for plan in closed:
            self.stdout.write(f"closed {plan.partner.partner_id} {plan.period}")
        self.stdout.write(f"closed {len(closed)} plan(s) whose period ended before {as_of}")
