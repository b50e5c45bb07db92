"""Exports: the same columns as the imports, read through the scoped managers, streamed."""

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import BinaryIO

from django.db.models import F

from outward.exchange.domain.errors import ImportFailed, RowError
from outward.exchange.domain.importing import COLUMNS, KINDS
from outward.objectives.models import CheckIn, Objective
from outward.partners.models import Partner
from outward.sales.models import Account, Deal
from outward.targets.models import Target
from outward.territories.models import PartnerTerritory, Territory

CHUNK = 5000
FORMATS = ("csv", "xlsx")


def cell_text(value) -> str:
    """A stored value as the text of an import cell (so an export re-imports unchanged)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list):
        return ";".join(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _querysets() -> dict:
    """Per kind: a scoped queryset of value tuples in the kind's column order."""
    return {
        "partners": None,  # domains need a join, see _partners()
        "accounts": Account.objects.order_by("account_id").values_list(*COLUMNS["accounts"]),
        "deals": Deal.objects.order_by("deal_id").values_list(
            "deal_id",
            "partner__partner_id",
            "account__account_id",
            "amount",
            "stage",
            "close_date",
            "product_line",
        ),
        "targets": Target.objects.order_by("partner__partner_id", "period", "metric").values_list(
            "partner__partner_id", "period", "metric", "value"
        ),
        "objectives": Objective.objects.order_by("objective_id").values_list(
            "objective_id",
            "partner__partner_id",
            "period",
            "title",
            "unit",
            "direction",
            "baseline",
            "target",
            "weight",
            "source",
        ),
        "checkins": CheckIn.objects.order_by("objective__objective_id", "date").values_list(
            "objective__objective_id", "date", "value", "comment"
        ),
        "territories": Territory.objects.order_by("territory_id").values_list(
            "territory_id",
            "name",
            F("parent__territory_id"),
            "priority",
            "countries",
            "subdivisions",
            "postal_prefixes",
            "industries",
            "min_employees",
            "max_employees",
        ),
        "partner-territories": PartnerTerritory.objects.order_by(
            "partner__partner_id", "territory__territory_id"
        ).values_list("partner__partner_id", "territory__territory_id"),
    }


def _partners() -> Iterator[tuple]:
    partners = Partner.objects.order_by("partner_id").prefetch_related("domains")
    for partner in partners.iterator(chunk_size=CHUNK):
        domains = sorted(d.domain for d in partner.domains.all())
        yield (
            partner.partner_id,
            partner.name,
            partner.tier,
            partner.country,
            domains,
            partner.manager_email,
            partner.joined_on,
        )


def export_rows(*, kind: str) -> Iterator[dict[str, str]]:
    """Every record of a kind the current scope may see, as import-ready rows."""
    if kind not in KINDS:
        raise ImportFailed(
            [RowError(1, "", f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")]
        )
    columns = COLUMNS[kind]
    records = _partners() if kind == "partners" else _querysets()[kind].iterator(chunk_size=CHUNK)
    for record in records:
        yield {name: cell_text(value) for name, value in zip(columns, record, strict=True)}


def export_file(*, kind: str, fmt: str, out: BinaryIO) -> int:
    """Write a kind's export as CSV or XLSX to a binary stream; returns the number of rows."""
    if fmt not in FORMATS:
        raise ImportFailed([RowError(1, "", f"unknown format {fmt!r}; use csv or xlsx")])
    rows = export_rows(kind=kind)
    if fmt == "xlsx":
        return _write_xlsx(kind, rows, out)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        writer = csv.DictWriter(text, fieldnames=COLUMNS[kind], lineterminator="\r\n")
        writer.writeheader()
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
        text.flush()
        return count
    finally:
        text.detach()


def _write_xlsx(kind: str, rows: Iterator[dict[str, str]], out: BinaryIO) -> int:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(kind)
    sheet.append(list(COLUMNS[kind]))
    count = 0
    for row in rows:
        # Text cells, so keys such as 007 and values such as 1.10 come back exactly as written.
        sheet.append(list(row.values()))
        count += 1
    workbook.save(out)
    return count
