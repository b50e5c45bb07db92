"""The dashboard's partner table, and its CSV and XLSX exports (same rows, same order)."""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

from outward.health.domain import QUADRANT_SEVERITY

# (header, key) of every exported column; keys of the engine's partner entries or of the
# partner's own fields added by `table_rows`.
COLUMNS = (
    ("partner_id", "partner_id"),
    ("name", "name"),
    ("tier", "tier"),
    ("country", "country"),
    ("manager_email", "manager_email"),
    ("quadrant", "quadrant"),
    ("revenue_actual", "revenue_actual"),
    ("revenue_target", "revenue_target"),
    ("revenue_target_to_date", "revenue_target_to_date"),
    ("quota_attainment", "quota_attainment"),
    ("met_quota", "met_quota"),
    ("objectives_met_share", "objectives_met_share"),
    ("met_own_objectives", "met_own_objectives"),
)
# A spreadsheet runs cells that start like a formula; partner names come from outside.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def table_rows(report_partners: Iterable[dict], details: dict[str, dict]) -> list[dict]:
    """Report entries with the partner's tier, country and manager, in table order.

    Table order: quadrant severity (mutiny risk first), then revenue (largest first), then
    partner key.
    """
    severity = {quadrant: i for i, quadrant in enumerate(QUADRANT_SEVERITY)}
    rows = [entry | details.get(entry["partner_id"], {}) for entry in report_partners]
    rows.sort(
        key=lambda r: (severity[r["quadrant"]], -(r["revenue_actual"] or 0.0), r["partner_id"])
    )
    return rows


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_cell(value))


def write_csv(rows: Sequence[dict]) -> str:
    """The table as CSV text: a header row, then one row per partner; empty for unknown."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([header for header, _ in COLUMNS])
    for row in rows:
        writer.writerow([_csv_value(row.get(key)) for _, key in COLUMNS])
    return out.getvalue()


def write_xlsx(rows: Sequence[dict], *, title: str) -> bytes:
    """The table as an XLSX workbook (one sheet, numbers as numbers, empty for unknown)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([header for header, _ in COLUMNS])
    for row in rows:
        sheet.append([_cell(row.get(key)) for _, key in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
