"""`outward agenda solve` and `outward agenda composition` (shared/spec/agenda.md)."""

import csv
import io
import json
import threading
from pathlib import Path

from django.core.management.base import CommandError

from outward.core.commands import OutwardCommand
from outward.events.domain.agenda import (
    Infeasible,
    InstanceError,
    composition,
    composition_rows,
    composition_table,
    load_instance,
    load_solution,
    solution_json,
    solve_agenda,
)
from outward.events.domain.progress import progress_line
from outward.events.domain.solving import AgendaProblem, solve_event_agenda
from outward.events.models import Event


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value != value or value == float("inf"):
        raise CommandError(
            f"--time-limit: must be a number of seconds > 0, not {text!r}", returncode=2
        )
    return value


class Command(OutwardCommand):
    help = (
        "Build a conference agenda from an instance file (solve) or an event (event), "
        "or report how one is made up (composition)."
    )
    requires_schema = False

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        solve = commands.add_parser("solve", help="choose and place the sessions of an instance")
        solve.add_argument("instance", metavar="INSTANCE.json")
        solve.add_argument("--time-limit", default="30", metavar="SECONDS")
        solve.add_argument("-o", "--output", metavar="SOLUTION.json")
        event = commands.add_parser(
            "event", help="solve and store the agenda of an event in the database"
        )
        event.add_argument("event_id", metavar="EVENT_ID")
        event.add_argument("--time-limit", metavar="SECONDS", help="default: the event's")
        report = commands.add_parser("composition", help="session-minutes by kind of an agenda")
        report.add_argument("solution", metavar="SOLUTION.json")
        report.add_argument("instance", metavar="INSTANCE.json")
        report.add_argument("--format", choices=("table", "json", "csv"), default="table")

    def run(self, *args, **options):
        try:
            if options["action"] == "solve":
                self._solve(options)
            elif options["action"] == "event":
                self._check_schema()
                self._event(options)
            else:
                self._composition(options)
        except (InstanceError, Infeasible) as exc:
            # One line per reason, and no agenda written.
            raise CommandError("\n".join(exc.reasons), returncode=2) from exc

    def _solve(self, options) -> None:
        time_limit = _positive(options["time_limit"])
        instance = load_instance(options["instance"])
        lock = threading.Lock()

        def report(progress) -> None:
            # Called from the solver's threads.
            with lock:
                self.stderr.write(progress_line(progress), style_func=str)
                self.stderr.flush()

        solution = solve_agenda(instance, time_limit=time_limit, on_progress=report)
        text = json.dumps(solution_json(solution), indent=2) + "\n"
        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(
                    f"-o: cannot write {options['output']}: {exc.strerror}", returncode=2
                ) from exc
        else:
            self.stdout.write(text, ending="")

    def _event(self, options) -> None:
        event = (
            Event.objects.filter(pk=int(options["event_id"])).first()
            if (options["event_id"].isdigit())
            else None
        )
        if event is None:
            raise CommandError(f"EVENT_ID: no event {options['event_id']!r}", returncode=2)
        limit = options["time_limit"]
        time_limit = _positive(limit) if limit is not None else event.solve_seconds
        lock = threading.Lock()

        def report(progress) -> None:
            with lock:
                self.stderr.write(progress_line(progress), style_func=str)

        try:
            solution = solve_event_agenda(event=event, time_limit=time_limit, on_progress=report)
        except AgendaProblem as exc:
            raise CommandError("\n".join(exc.reasons), returncode=2) from exc
        self.stdout.write(
            f"{event.name}: agenda stored ({solution.status}), {solution.votes:,} votes, "
            f"{solution.clashes:,} clashes (lower bound {solution.lower_bound:,}), "
            f"{len(solution.assignments):,} sessions placed, "
            f"{len(solution.unscheduled):,} left out"
        )

    def _composition(self, options) -> None:
        instance = load_instance(options["instance"])
        solution = load_solution(options["solution"], instance)
        document = composition(instance, solution.assignments)
        if options["format"] == "json":
            self.stdout.write(json.dumps(document, indent=2))
        elif options["format"] == "csv":
            buffer = io.StringIO()
            csv.writer(buffer).writerows(composition_rows(document))
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            self.stdout.write(composition_table(document), ending="")
