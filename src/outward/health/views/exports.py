"""The dashboard's partner table as CSV and XLSX, with the current filters."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from outward.core.permissions import permission_required
from outward.health import exports
from outward.health.domain.report import partner_json
from outward.health.forms import HealthFilterForm
from outward.health.selection import select


def _export_rows(request: HttpRequest) -> tuple[HealthFilterForm, list[dict]] | HttpResponse:
    form = HealthFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "health/dashboard.html", {"form": form}, status=400)
    partners = form.partners()
    selection = select(partners=partners, **form.selection())
    entries = [
        partner_json(h, objectives=False)
        for h in sorted(selection.healths.values(), key=lambda h: h.partner_id)
    ]
    details = {
        row["partner_id"]: row
        for row in partners.values("partner_id", "tier", "country", "manager_email")
    }
    return form, exports.table_rows(entries, details)


def _export_name(form: HealthFilterForm, extension: str) -> str:
    data = form.cleaned_data
    return f"health-{data['period']}-as-of-{data['as_of'].isoformat()}.{extension}"


@permission_required("health.view_channel")
def export_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's partner table as CSV, with the current filters."""
    result = _export_rows(request)
    if isinstance(result, HttpResponse):
        return result
    form, rows = result
    response = HttpResponse(exports.write_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(form, "csv")}"'
    return response


@permission_required("health.view_channel")
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """The dashboard's partner table as an XLSX workbook, with the current filters."""
    result = _export_rows(request)
    if isinstance(result, HttpResponse):
        return result
    form, rows = result
    response = HttpResponse(
        exports.write_xlsx(rows, title=f"Health {form.cleaned_data['period']}"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(form, "xlsx")}"'
    return response
