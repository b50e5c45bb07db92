"""`outward checkins remind [--days N] [--date YYYY-MM-DD] [--base-url URL]`."""

from django.utils import timezone

from outward.core.commands import OutwardCommand
from outward.core.errors import InputError
from outward.core.periods import parse_date
from outward.objectives.domain import send_checkin_reminders
from outward.objectives.queries import REMINDER_DAYS


def add_remind_arguments(parser) -> None:
    parser.add_argument(
        "--days", type=int, default=REMINDER_DAYS, help="days without a check-in (30)"
    )
    parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")
    parser.add_argument("--base-url", help="link prefix in the e-mails (OUTWARD_BASE_URL)")


class Command(OutwardCommand):
    help = "Check-ins: `remind` e-mails partner users whose running objectives went quiet."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add_remind_arguments(
            sub.add_parser("remind", help="e-mail partner users with objectives to check in on")
        )

    def run(self, *args, **options):
        self.remind(**options)

    def remind(self, *, days: int, date: str | None, base_url: str | None, **options) -> None:
        if days < 1:
            raise InputError(f"--days: {days} must be at least 1")
        as_of = parse_date(date, field="--date") if date else timezone.localdate()
        result = send_checkin_reminders(as_of=as_of, days=days, base_url=base_url)
        self.stdout.write(
            f"sent {result.sent} reminder(s) for {as_of.isoformat()}"
            f" ({result.already_reminded} already reminded today, {result.failed} failed)"
        )
        if result.failed:
            raise SystemExit(1)
