"""`outward territories assign|coverage [--format table|json|csv]` (spec/territories.md)."""

from outward.core.errors import InputError
from outward.core.reports import Report, ReportCommand, TableColumn
from outward.territories.domain.assignment import (
    assign_accounts,
    assign_unstored,
    reassign_accounts_by_key,
    reassign_after_change,
)
from outward.territories.domain.coverage import coverage_document, parse_crowding
from outward.territories.models import Territory


class Command(ReportCommand):
    help = "Territory mapping: assign accounts to territories, or print the coverage report."
    # The system checks (URL conf, templates, …) would double the start-up time of every run;
    # `outward check` runs them.
    requires_system_checks: list = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        assign = sub.add_parser("assign", help="store and print every account's territory")
        for name, text in (
            ("--territory", "only re-assign the accounts this territory's change may move (key)"),
            ("--account", "only re-assign this account (its key; repeatable)"),
        ):
            assign.add_argument(name, action="append" if name == "--account" else None, help=text)
        coverage = sub.add_parser("coverage", help="accounts and covering partners per territory")
        for name, text in (
            ("--crowded-above", "a territory with more partners than this is crowded"),
            ("--crowded-per-1000", "more partners per 1,000 accounts than this is crowded"),
        ):
            coverage.add_argument(name, help=text)
        for parser_ in (assign, coverage):
            parser_.add_argument("--format", choices=("table", "json", "csv"), default="table")

    def report(self, **options) -> Report:
        if options["action"] == "assign":
            return self._assign(options)
        return self._coverage(options)

    def _assign(self, options) -> Report:
        if options["territory"] and options["account"]:
            raise InputError("--territory and --account: give one or the other")
        if options["territory"]:
            if not Territory.objects.filter(territory_id=options["territory"]).exists():
                raise InputError(f"--territory: unknown territory {options['territory']!r}")
            outcome = reassign_after_change(territory_id=options["territory"])
        elif options["account"]:  # None when not given
            outcome = reassign_accounts_by_key(account_ids=options["account"])
        else:
            outcome = assign_accounts()
        rows = [{"account_id": a, "territory_id": t} for a, t in outcome.assignments]
        rows += [{"account_id": a, "territory_id": None} for a in outcome.unassigned]
        rows.sort(key=lambda row: row["account_id"])
        return Report(
            document=outcome.document(),
            rows=rows,
            csv_columns=("account_id", "territory_id"),
            table=(TableColumn("account", "account_id"), TableColumn("territory", "territory_id")),
            headline=(
                f"{outcome.accounts:,} accounts matched: {len(outcome.assignments):,} assigned, "
                f"{len(outcome.unassigned):,} unassigned, {outcome.moved:,} moved"
            ),
            empty="No accounts yet: import accounts (outward import accounts).",
        )

    def _coverage(self, options) -> Report:
        crowding = parse_crowding(
            partners=options["crowded_above"], per_thousand=options["crowded_per_1000"]
        )
        assign_unstored()  # accounts imported since the last `assign` count too
        document = coverage_document(crowding=crowding)
        white, crowded = set(document["white_space"]), set(document.get("crowded", ()))
        rows = [
            {
                **row,
                "partner_ids": ";".join(row["partner_ids"]),
                "white_space": row["territory_id"] in white,
                "crowded": row["territory_id"] in crowded,
            }
            for row in document["territories"]
        ]
        columns = ["territory_id", "name", "depth", "accounts", "partners", "partner_ids"]
        columns.append("white_space")
        if crowding.checked:
            columns.append("crowded")
        table = [
            TableColumn("territory", "territory_id"),
            TableColumn("name", "name"),
            TableColumn("depth", "depth", numeric=True),
            TableColumn("accounts", "accounts", numeric=True),
            TableColumn("partners", "partners", numeric=True),
            TableColumn("white space", "white_space"),
        ]
        if crowding.checked:
            table.append(TableColumn("crowded", "crowded"))
        table.append(TableColumn("partner ids", "partner_ids"))
        return Report(
            document=document,
            rows=rows,
            csv_columns=columns,
            table=table,
            headline=(
                f"{len(rows):,} territories, {len(white):,} white space"
                + (f", {len(crowded):,} crowded" if crowding.checked else "")
            ),
            empty="No territories yet: import territories (outward import territories).",
        )
