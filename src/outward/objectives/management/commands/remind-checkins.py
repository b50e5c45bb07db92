"""`outward remind-checkins [--days N] [--date YYYY-MM-DD]`: the daily check-in reminders."""

import datetime as dt

from django.utils import timezone

from outward.core.commands import OutwardCommand
from outward.core.errors import InputError
from outward.objectives.domain import send_checkin_reminders
from outward.objectives.queries import REMINDER_DAYS


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--date: {text!r} is not a date (YYYY-MM-DD)") from None


class Command(OutwardCommand):
    help = "E-mail partner users whose running objectives had no check-in for N days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=REMINDER_DAYS, help="days without a check-in (30)"
        )
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")
        parser.add_argument("--base-url", help="link prefix in the e-mails (OUTWARD_BASE_URL)")

    def run(self, *args, **options):
        if options["days"] < 1:
            raise InputError(f"--days: {options['days']} must be at least 1")
        as_of = _date(options["date"]) if options["date"] else timezone.localdate()
        result = send_checkin_reminders(
            as_of=as_of, days=options["days"], base_url=options["base_url"]
        )
        self.stdout.write(
            f"sent {result.sent} reminder(s) for {as_of.isoformat()}"
            f" ({result.already_reminded} already reminded today, {result.failed} failed)"
        )
        if result.failed:
            raise SystemExit(1)
