"""`outward demo [--size small|large] [--seed N] [--if-empty] [--today DATE]`."""

import datetime as dt
import time

from outward.core.commands import OutwardCommand
from outward.core.errors import InputError
from outward.demo.generator import (
    DEMO_PASSWORD,
    DEMO_URL,
    SIZES,
    database_has_partners,
    demo_logins,
    load_demo,
    terminal_progress,
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"--today: {text!r} is not a date (use YYYY-MM-DD)") from exc


class Command(OutwardCommand):
    help = "Load realistic demo data (partners, deals, targets, objectives) and print the logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=sorted(SIZES),
            default="small",
            help="small: 120 partners, 20,000 deals (seconds); large: 10,000 partners, "
            "1,000,000 accounts and deals (minutes)",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="the same seed builds the same data (default 1)"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="load only when the database has no partners; print the logins either way",
        )
        parser.add_argument(
            "--today",
            help="the day the data is built around: earlier deals are won or lost, later ones "
            "open (default: today)",
        )

    def run(self, *args, size, seed, if_empty, today, **options):
        day = _date(today) if today else dt.date.today()
        if database_has_partners():
            if not if_empty:
                raise InputError(
                    "The database already has partners; the demo loads only into an empty "
                    "database. Point DATABASE_URL at a new one, or use --if-empty to skip."
                )
            self.stdout.write("The database already has partners: demo data not loaded.")
        else:
            started = time.monotonic()
            counts = load_demo(size=SIZES[size], seed=seed, today=day, progress=terminal_progress())
            summary = ", ".join(f"{count:,} {label}" for label, count in counts.items())
            self.stdout.write(
                f"Loaded the {size} demo (seed {seed}) in {time.monotonic() - started:.1f} s: "
                f"{summary}."
            )
        self._print_logins()

    def _print_logins(self) -> None:
        logins = demo_logins()
        if not logins:
            self.stdout.write(
                "This database has no demo users; log in with your own account "
                "(create one with `outward users create EMAIL --role admin --password-stdin`)."
            )
            return
        width = max(len(login.email) for login in logins)
        self.stdout.write(f"\nOpen {DEMO_URL} and log in with the password {DEMO_PASSWORD!r} as:")
        for login in logins:
            self.stdout.write(f"  {login.email:<{width}}  {login.role}: {login.note}")
