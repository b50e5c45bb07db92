"""The background import behind the upload page."""

import logging
from pathlib import Path

from celery import shared_task
from django.utils import timezone

from outward.core.models import TaskRun
from outward.core.progress import Progress
from outward.core.tasks import ScopedTask
from outward.exchange.domain import ImportFailed, import_file

logger = logging.getLogger(__name__)


# typing=False: `scope_partner` is consumed by ScopedTask, not by the function.
@shared_task(base=ScopedTask, bind=True, name="exchange.import_upload", typing=False)
def import_upload(self, task_run_id: int, path: str, kind: str, filename: str) -> str:
    """Import an uploaded file, reporting progress and the outcome on its TaskRun."""
    run = TaskRun.objects.get(pk=task_run_id)
    run.state, run.message = TaskRun.State.RUNNING, f"Importing {filename}…"
    run.save(update_fields=["state", "message"])
    progress = Progress(task_run=run)
    try:
        result = import_file(
            kind=kind, file=path, filename=filename, user=run.user, progress=progress
        )
    except ImportFailed as exc:
        run.state = TaskRun.State.FAILED
        shown = len(exc.errors)
        more = f"; the first {shown} are listed" if exc.total > shown else ""
        run.message = (
            f"{filename}: {exc.total} problem{'s' if exc.total != 1 else ''}{more}. "
            "Nothing was stored; fix the file and upload it again."
        )
        run.result = {"errors": [error.as_dict() for error in exc.errors], "total": exc.total}
    except Exception:
        logger.exception("import of %s (%s) failed", filename, kind)
        run.state = TaskRun.State.FAILED
        run.message = f"{filename}: the import stopped unexpectedly; nothing was stored."
        run.result = {}
    else:
        run.state = TaskRun.State.SUCCESS
        run.message = f"{filename}: {result}"
        run.done = run.total or run.done
        run.result = {
            "kind": result.kind,
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
        }
    finally:
        progress.close()
        Path(path).unlink(missing_ok=True)
    run.finished_at = timezone.now()
    run.save()
    return run.state
