"""`outward targets suggest --period P [--growth TIER=RATE …] [--default-growth X] [--format …]`."""

import csv
import io

from django.utils import timezone

from outward.core.reports import Report, ReportCommand, TableColumn
from outward.core.reports import money_text as money
from outward.core.reports import percent_text as percent
from outward.targets.domain.suggestions import (
    DEFAULT_GROWTH,
    SUGGESTION_COLUMNS,
    parse_growth,
    parse_tier_growth,
    partners_for_targets,
    suggest_targets,
    suggestion_row,
)


class Command(ReportCommand):
    help = "Suggest next period's revenue targets: last period's actuals × (1 + growth per tier)."
    extra_formats = ("targets-csv",)

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
            choices=("table", "json", "csv", *self.extra_formats),
            default="table",
            help="targets-csv writes a targets.csv for `outward import targets`",
        )

    def report(self, **options) -> Report:
        period = self.period_option(options["period"])
        as_of = self.date_option(options["as_of"], name="--as-of") or timezone.localdate()
        suggestions = suggest_targets(
            period=period,
            partners=partners_for_targets(),
            tier_growth=parse_tier_growth(items=options["growth"]),
            default_growth=parse_growth(text=options["default_growth"], name="--default-growth"),
            as_of=as_of,
        )
        rows = [suggestion_row(suggestion=s, period=period) for s in suggestions]
        previous = period.previous_comparable().text
        return Report(
            document={"period": period.text, "previous_period": previous, "partners": rows},
            rows=rows,
            csv_columns=SUGGESTION_COLUMNS,
            headline=f"Suggested revenue targets for {period.text} ({len(rows)} partners)",
            table=(
                TableColumn("partner", "partner_id"),
                TableColumn("tier", "tier"),
                TableColumn(f"{previous} revenue", "previous_revenue_actual", money, numeric=True),
                TableColumn("attainment", "previous_attainment", percent, numeric=True),
                TableColumn("growth", "growth", percent, numeric=True),
                TableColumn(f"{period.text} suggested", "suggested_revenue_target", money, True),
                TableColumn("current", "current_revenue_target", money, numeric=True),
                TableColumn("objectives", "objectives", numeric=True),
            ),
            formats={"targets-csv": _import_file},
        )


def _import_file(report: Report):
    """A targets.csv of the suggestions, for `outward import targets`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="")
    rows = [("partner_id", "period", "metric", "value")]
    rows += [
        (row["partner_id"], row["period"], "revenue", f"{row['suggested_revenue_target']:.2f}")
        for row in report.rows
        if row["suggested_revenue_target"] is not None
    ]
    for row in rows:
        writer.writerow(row)
        yield out.getvalue()
        out.seek(0)
        out.truncate()
