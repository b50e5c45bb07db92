"""`outward targets suggest --period P [--growth TIER=RATE …] [--default-growth X] [--format …]`."""

import csv
import datetime as dt
import json

from django.utils import timezone

from outward.core.commands import OutwardCommand
from outward.core.errors import InputError
from outward.core.periods import Period, PeriodError
from outward.targets.domain.suggestions import (
    DEFAULT_GROWTH,
    SUGGESTION_COLUMNS,
    parse_growth,
    parse_tier_growth,
    partners_for_targets,
    suggest_targets,
    suggestion_row,
)

FORMATS = ("table", "json", "csv", "targets-csv")


class Command(OutwardCommand):
    help = "Suggest next period's revenue targets: last period's actuals × (1 + growth per tier)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        suggest = sub.add_parser("suggest", help="print suggested targets")
        suggest.add_argument("--period", required=True, help="the coming period, e.g. 2027")
        suggest.add_argument(
            "--growth",
            action="append",
            default=[],
            metavar="TIER=RATE",
            help="growth for a tier as a fraction, e.g. Gold=0.15 (repeatable)",
        )
        suggest.add_argument(
            "--default-growth", default=str(DEFAULT_GROWTH), help="growth for other tiers (0.10)"
        )
        suggest.add_argument("--as-of", help="actuals as of this date (default: today)")
        suggest.add_argument(
            "--format",
            choices=FORMATS,
            default="table",
            help="targets-csv writes a targets.csv for `outward import targets`",
        )

    def run(self, *args, **options):
        try:
            period = Period.parse(options["period"])
        except PeriodError as exc:
            raise InputError(f"--period: {exc}") from None
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else None
        except ValueError:
            raise InputError(f"--as-of: {options['as_of']!r} is not a date (YYYY-MM-DD)") from None
        suggestions = suggest_targets(
            period=period,
            partners=partners_for_targets(),
            tier_growth=parse_tier_growth(items=options["growth"]),
            default_growth=parse_growth(text=options["default_growth"], name="--default-growth"),
            as_of=as_of or timezone.localdate(),
        )
        rows = [suggestion_row(suggestion=s, period=period) for s in suggestions]
        getattr(self, "_" + options["format"].replace("-", "_"))(rows, period)

    def _json(self, rows, period):
        document = {
            "period": period.text,
            "previous_period": period.previous_comparable().text,
            "partners": rows,
        }
        self.stdout.write(json.dumps(document, ensure_ascii=False))

    def _csv(self, rows, period):
        writer = csv.DictWriter(self.stdout, fieldnames=SUGGESTION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)

    def _targets_csv(self, rows, period):
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["partner_id", "period", "metric", "value"])
        for row in rows:
            if row["suggested_revenue_target"] is not None:
                value = f"{row['suggested_revenue_target']:.2f}"
                writer.writerow([row["partner_id"], period.text, "revenue", value])

    def _table(self, rows, period):
        previous = period.previous_comparable().text
        header = (
            f"{'partner':<12} {'tier':<10} {previous + ' revenue':>16} {'attainment':>10} "
            f"{'growth':>7} {period.text + ' suggested':>18} {'current':>14} objectives"
        )
        self.stdout.write(f"Suggested revenue targets for {period.text} ({len(rows)} partners)")
        self.stdout.write(header)
        for row in rows:
            self.stdout.write(
                f"{row['partner_id']:<12} {row['tier'][:10]:<10} "
                f"{_money(row['previous_revenue_actual']):>16} "
                f"{_pct(row['previous_attainment']):>10} {_pct(row['growth']):>7} "
                f"{_money(row['suggested_revenue_target']):>18} "
                f"{_money(row['current_revenue_target']):>14} {row['objectives']}"
            )


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
