"""`outward health`: the channel-health report as a table, JSON or CSV."""

from outward.core.reports import Report, ReportCommand, TableColumn
from outward.core.reports import money_text as money
from outward.core.reports import percent_text as percent
from outward.health.domain import DEFAULT_THRESHOLD, by_severity, check_threshold, health_report

CSV_FIELDS = (
    "partner_id",
    "name",
    "revenue_actual",
    "revenue_target",
    "revenue_target_to_date",
    "quota_attainment",
    "met_quota",
    "objectives_met_share",
    "met_own_objectives",
    "quadrant",
)
TABLE = (
    TableColumn("quadrant", "quadrant"),
    TableColumn("partner", "partner_id"),
    TableColumn("name", "name"),
    TableColumn("revenue", "revenue_actual", money, numeric=True),
    TableColumn("target", "revenue_target", money, numeric=True),
    TableColumn("to date", "revenue_target_to_date", money, numeric=True),
    TableColumn("attainment", "quota_attainment", percent, numeric=True),
    TableColumn("own share", "objectives_met_share", percent, numeric=True),
)


class Command(ReportCommand):
    help = "Channel health: each partner's quota and own objectives, and their quadrant."
    # A read-only report: the system checks (URL conf, templates, …) would double its start-up
    # time on every run; `outward check` runs them.
    requires_system_checks: list = []

    def add_report_arguments(self, parser):
        parser.add_argument("--period", required=True, help="2026, 2026-Q1 or 2026-03")
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--threshold", default=str(DEFAULT_THRESHOLD), help="share of own objectives to meet"
        )

    def report(self, **options) -> Report:
        period = self.period_option(options["period"])
        as_of = self.date_option(options["as_of"], name="--as-of")
        threshold = check_threshold(options["threshold"], field="--threshold")
        document = health_report(period=period.text, as_of=as_of, threshold=float(threshold))
        return Report(
            document=document,
            rows=document["partners"],
            table_rows=by_severity(document["partners"]),
            csv_columns=CSV_FIELDS,
            table=TABLE,
            headline=_headline(document),
            empty="No partners yet: import partners (outward import) or try `outward demo`.",
        )


def _headline(report: dict) -> str:
    summary = report["summary"]
    revenue = summary["revenue"]
    quadrants = ", ".join(f"{name} {count}" for name, count in summary["quadrants"].items())
    return (
        f"Channel health {report['period']} as of {report['as_of']}: "
        f"{summary['partners']} partners, {summary['with_objectives']} with objectives, "
        f"{summary['met_own_objectives']} met their own objectives "
        f"(threshold {report['threshold']:g}), {summary['met_quota']} met quota; "
        f"revenue {money(revenue['actual'])} of target {money(revenue['target'])} "
        f"({money(revenue['target_to_date'])} to date; previous period as of the same day "
        f"{money(revenue['previous_period_actual'])}); {quadrants}"
    )
