"""Tracked background runs: the lifecycle of a `TaskRun` for any long job.

An area declares a job once:

    @tracked_job("territories.assign")
    def assign_job(*, progress: Progress, user, **arguments) -> Outcome:
        ...
        return Outcome(message="1,000,000 accounts assigned", result={...})

and starts it from a page with `start_run("territories.assign", user=..., label=..., **args)`
or runs it in the foreground from a command with `run_here(...)`. A started run goes to Celery
when a broker is configured; without one, `outward serve` runs it in a small pool of threads
of the server process (`run_in_server_threads`), so the page answers at once and shows its
progress; elsewhere (tests, a shell) it runs inline. Either way the run goes pending → running
→ success or failed, its progress is written as it goes (the page polls `core:task_progress`),
bad input fails it with the message and the rows at fault, and anything unexpected fails it
without a trace.
"""

import logging
import os
import socket
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TextIO

from celery import shared_task
from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from outward.core.errors import InputError
from outward.core.models import TaskRun
from outward.core.progress import Progress
from outward.core.tasks import ScopedTask
from outward.core.tenancy import partner_scope, scope_for_user

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What a job did: a sentence for the user and plain values for the page."""

    message: str
    result: dict = field(default_factory=dict)


Job = Callable[..., Outcome]
_JOBS: dict[str, Job] = {}
_CLEANUPS: dict[str, Callable[[], None]] = {}
ACTIVE = (TaskRun.State.PENDING, TaskRun.State.RUNNING)
ABANDONED = (
    "The work stopped when its process ended (the server was stopped or restarted); "
    "nothing was stored. Start it again."
)


def tracked_job(name: str, *, cleanup: Callable[[], None] | None = None) -> Callable[[Job], Job]:
    """Decorator: a job that runs under a TaskRun; it takes `progress` and `user` keywords.

    `cleanup` removes what abandoned runs of the job left behind (an upload); it is called
    when runs are found abandoned and no run of the job is still active.
    """

    def register(job: Job) -> Job:
        _JOBS[name] = job
        if cleanup is not None:
            _CLEANUPS[name] = cleanup
        return job

    return register


def _worker() -> dict:
    return {"host": socket.gethostname(), "pid": os.getpid()}


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def is_abandoned(run: TaskRun, *, at_start: bool = False) -> bool:
    """An active run whose worker process on this machine has gone (or, at the server's
    start without a broker, one that never started: nothing else would run it)."""
    if run.state not in ACTIVE:
        return False
    worker = run.result.get("worker") if isinstance(run.result, dict) else None
    if worker:
        return worker.get("host") == socket.gethostname() and not _process_alive(worker["pid"])
    return at_start and not settings.CELERY_BROKER_URL


def fail_abandoned_runs(*, at_start: bool = False) -> int:
    """Mark runs whose worker is gone as failed, then clean up after their jobs; how many."""
    active = TaskRun.objects.filter(state__in=ACTIVE)
    abandoned = [run for run in active if is_abandoned(run, at_start=at_start)]
    for run in abandoned:
        _fail_abandoned(run)
    still_active = set(TaskRun.objects.filter(state__in=ACTIVE).values_list("kind", flat=True))
    for kind in {run.kind for run in abandoned} | (set(_CLEANUPS) if at_start else set()):
        if kind in _CLEANUPS and kind not in still_active:
            _CLEANUPS[kind]()
    return len(abandoned)


def _fail_abandoned(run: TaskRun) -> None:
    run.state, run.message, run.result = TaskRun.State.FAILED, ABANDONED, {}
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "message", "result", "finished_at"])


class _ServerThreads:
    """Without a broker, the server's own threads run started jobs (see `start_run`)."""

    enabled = False
    pool: ThreadPoolExecutor | None = None
    owner = 0  # the process that made the pool: a forked server worker makes its own


def run_in_server_threads() -> None:
    """From now on, runs started in this process (and its forks) run in its threads.

    `outward serve` calls it when no broker is configured.
    """
    _ServerThreads.enabled = True


def _server_pool() -> ThreadPoolExecutor:
    if _ServerThreads.pool is None or _ServerThreads.owner != os.getpid():
        workers = settings.OUTWARD_BACKGROUND_THREADS
        _ServerThreads.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="run")
        _ServerThreads.owner = os.getpid()
    return _ServerThreads.pool


def start_run(job: str, *, user, label: str, **arguments) -> TaskRun:
    """Queue a job in the user's scope; the returned run shows its progress and outcome."""
    if job not in _JOBS:
        raise KeyError(f"no tracked job {job!r}")
    run = TaskRun.objects.create(
        kind=job, label=label, user=user, message=f"{label}: waiting to start…"
    )
    scope = scope_for_user(user)
    if _ServerThreads.enabled and not settings.CELERY_BROKER_URL:
        # This process will run it: if it dies first, the run is known to be abandoned.
        run.result = {"worker": _worker()}
        run.save(update_fields=["result"])
        # Once the run is committed, so the thread's own connection sees it.
        submit = _server_pool().submit
        transaction.on_commit(lambda: submit(_run_in_thread, run.pk, arguments, scope))
    else:
        execute_run.delay(run.pk, arguments, scope_partner=scope)
    return run


def _run_in_thread(run_id: int, arguments: dict, scope) -> None:
    """A server thread's side of `start_run`: the run in its scope, then its connection closed."""
    try:
        with partner_scope(scope):
            _execute(TaskRun.objects.get(pk=run_id), arguments)
    except Exception:  # _execute records a job's failures; this is the machinery's own
        log.exception("run %s could not be executed", run_id)
    finally:
        connections.close_all()  # this thread's connections only


def run_here(job: str, *, user=None, label: str, stream: TextIO | None = None, **arguments):
    """Run a job now, in this process and scope (the command line), with progress on `stream`
    too (pass it only when it is a terminal); returns its run."""
    run = TaskRun.objects.create(kind=job, label=label, user=user, message=label)
    _execute(run, arguments, stream=stream)
    return run


@shared_task(base=ScopedTask, name="core.execute_run", typing=False)
def execute_run(run_id: int, arguments: dict) -> str:
    """The worker's side of `start_run`: queue with `scope_partner=` (ScopedTask)."""
    run = TaskRun.objects.get(pk=run_id)
    _execute(run, arguments)
    return run.state


def _execute(run: TaskRun, arguments: dict, *, stream=None) -> None:
    job = _JOBS[run.kind]
    run.state, run.started_at = TaskRun.State.RUNNING, timezone.now()
    run.result = {"worker": _worker()}  # so a run whose process died can be told apart
    run.save(update_fields=["state", "started_at", "result"])
    progress = Progress(task_run=run, stream=stream)
    try:
        outcome = job(progress=progress, user=run.user, **arguments)
    except InputError as exc:
        run.state, run.message = TaskRun.State.FAILED, str(exc).splitlines()[0]
        errors = [e.as_dict() if hasattr(e, "as_dict") else {"message": str(e)} for e in exc.errors]
        run.result = {"errors": errors, "total": exc.total}
    except Exception:
        log.exception("run %s (%s) failed", run.pk, run.kind)
        run.state = TaskRun.State.FAILED
        run.message = "The work stopped unexpectedly; nothing was stored."
        run.result = {}
    else:
        run.state, run.message, run.result = TaskRun.State.SUCCESS, outcome.message, outcome.result
        run.done = run.total or run.done
    finally:
        progress.close()
    run.finished_at = timezone.now()
    run.save()
