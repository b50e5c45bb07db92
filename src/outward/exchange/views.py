"""The import page (upload, progress, errors) and export downloads, for vendor staff."""

import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename

from outward.core.downloads import csv_download
from outward.core.models import TaskRun
from outward.core.permissions import permission_required
from outward.core.progress import current_progress
from outward.core.runs import start_run
from outward.exchange.domain import FORMATS, export_file, export_rows, importer_for, kinds
from outward.exchange.forms import UploadForm, too_large

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@permission_required("exchange.upload")
def upload(request):
    """Upload a file to import in the background; show its progress and outcome."""
    if request.method == "POST" and too_large(int(request.META.get("CONTENT_LENGTH") or 0)):
        # Refused before the body is read: a huge upload costs nothing.
        form = UploadForm()
        form.cleaned_data = {}
        form.add_error(None, too_large(int(request.META["CONTENT_LENGTH"])))
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            run = _queue_import(request, form.cleaned_data["kind"], form.cleaned_data["file"])
            return redirect(f"{request.path}?task={run.pk}")
    else:
        form = UploadForm()
    runs = TaskRun.objects.filter(user=request.user, kind="exchange.import")
    task = None
    if request.GET.get("task", "").isdigit():
        task = runs.filter(pk=int(request.GET["task"])).first()
    context = {
        "form": form,
        "task": task and current_progress(task),
        "recent": [current_progress(run) for run in runs.order_by("-created_at")[:10]],
        "columns": [(kind, _columns(kind)) for kind in kinds()],
        "kinds": kinds(),
        "formats": FORMATS,
    }
    return render(request, "exchange/upload.html", context, status=400 if form.errors else 200)


def _columns(kind: str) -> list[tuple[str, bool]]:
    """The kind's columns, each with whether it is required."""
    importer = importer_for(kind)
    return [(name, name in importer.required_names()) for name in importer.column_names()]


def _queue_import(request, kind: str, upload) -> TaskRun:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}-{get_valid_filename(upload.name)}"
    with open(path, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return start_run(
        "exchange.import",
        user=request.user,
        label=f"{kind} from {upload.name}",
        path=str(path),
        kind=kind,
        filename=upload.name,
    )


@permission_required("exchange.export")
def export(request, kind: str, fmt: str):
    """Download every record of a kind, in the columns its import takes."""
    if kind not in kinds() or fmt not in FORMATS:
        raise Http404
    filename = f"{kind}.{fmt}"
    if fmt == "csv":
        rows = (row.values() for row in export_rows(kind=kind, for_csv=True))
        header = importer_for(kind).column_names()
        return csv_download(filename=filename, header=header, rows=rows, escaped=True)
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    export_file(kind=kind, fmt="xlsx", out=spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
