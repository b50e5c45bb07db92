"""The upload page's import, as a tracked background run (core/runs.py)."""

from pathlib import Path

from django.conf import settings

from outward.core.errors import InputError
from outward.core.runs import Outcome, tracked_job
from outward.exchange.domain import ImportFailed, import_file


def remove_stale_uploads() -> None:
    """Delete uploads no run needs any more (their runs were abandoned)."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    if folder.is_dir():
        for upload in folder.iterdir():
            if upload.is_file():
                upload.unlink(missing_ok=True)


@tracked_job("exchange.import", cleanup=remove_stale_uploads)
def import_upload(*, progress, user, path: str, kind: str, filename: str) -> Outcome:
    """Import an uploaded file; the upload is removed whatever the outcome."""
    try:
        result = import_file(kind=kind, file=path, filename=filename, user=user, progress=progress)
    except ImportFailed as exc:
        shown = len(exc.errors)
        more = f"; the first {shown} are listed" if exc.total > shown else ""
        message = (
            f"{filename}: {exc.total} problem{'s' if exc.total != 1 else ''}{more}. "
            "Nothing was stored; fix the file and upload it again."
        )
        raise InputError(message, errors=exc.errors, total=exc.total) from exc
    finally:
        Path(path).unlink(missing_ok=True)
    return Outcome(
        message=f"{filename}: {result}",
        result={
            "kind": result.kind,
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
        },
    )
