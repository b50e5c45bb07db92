"""`outward health`: the channel-health report as a table, JSON or CSV."""

import csv
import datetime as dt
import json
import math

from outward.core.commands import OutwardCommand
from outward.core.errors import InputError
from outward.core.periods import parse_period
from outward.health.domain import by_severity, health_report

CSV_FIELDS = (
    "partner_id",
    "name",
    "revenue_actual",
    "revenue_target",
    "quota_attainment",
    "met_quota",
    "objectives_met_share",
    "met_own_objectives",
    "quadrant",
)


def _as_of(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(f"--as-of: {text!r} is not a date (use YYYY-MM-DD)") from exc


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise InputError(f"--threshold: {text!r} is not a number") from exc
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise InputError(f"--threshold: {text} is not between 0 and 1")
    return value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Command(OutwardCommand):
    help = "Channel health: each partner's quota and own objectives, and their quadrant."
    # A read-only report: the system checks (URL conf, templates, …) would double its start-up
    # time on every run; `outward check` runs them.
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="2026, 2026-Q1 or 2026-03")
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--threshold", default="0.75", help="share of own objectives to meet")
        parser.add_argument("--format", choices=("table", "json", "csv"), default="table")

    def run(self, *args, **options):
        parse_period(options["period"], field="--period")
        report = health_report(
            period=options["period"],
            as_of=_as_of(options["as_of"]),
            threshold=_threshold(options["threshold"]),
        )
        {"json": self._json, "csv": self._csv, "table": self._table}[options["format"]](report)

    def _json(self, report: dict) -> None:
        self.stdout.write(json.dumps(report, ensure_ascii=False))

    def _csv(self, report: dict) -> None:
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        for partner in report["partners"]:
            writer.writerow([_cell(partner[name]) for name in CSV_FIELDS])

    def _table(self, report: dict) -> None:
        summary = report["summary"]
        revenue = summary["revenue"]
        quadrants = ", ".join(f"{name} {count}" for name, count in summary["quadrants"].items())
        self.stdout.write(
            f"Channel health {report['period']} as of {report['as_of']}: "
            f"{summary['partners']} partners, {summary['with_objectives']} with objectives, "
            f"{summary['met_own_objectives']} met their own objectives "
            f"(threshold {report['threshold']:g}), {summary['met_quota']} met quota; "
            f"revenue {_money(revenue['actual'])} of target {_money(revenue['target'])} "
            f"(previous period {_money(revenue['previous_period_actual'])}); {quadrants}"
        )
        if not report["partners"]:
            self.stdout.write(
                "No partners yet: import partners (outward import) or try `outward demo`."
            )
            return
        header = ("quadrant", "partner", "name", "revenue", "target", "attainment", "own share")
        rows = [
            (
                p["quadrant"],
                p["partner_id"],
                p["name"],
                _money(p["revenue_actual"]),
                _money(p["revenue_target"]),
                _percent(p["quota_attainment"]),
                _percent(p["objectives_met_share"]),
            )
            for p in by_severity(report["partners"])
        ]
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
        numeric = {3, 4, 5, 6}
        for row in [header, *rows]:
            cells = [
                str(c).rjust(w) if i in numeric else str(c).ljust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ]
            self.stdout.write("  ".join(cells).rstrip())


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
