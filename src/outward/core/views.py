import sys

from django.contrib.auth import views as auth_views
from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.views import defaults

from outward.core.collector import without_collector
from outward.core.models import TaskRun
from outward.core.permissions import permission_required
from outward.core.progress import current_progress
from outward.core.runs import fail_abandoned_runs, is_abandoned
from outward.core.sections import render_slot


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


@permission_required("core.signed_in")
@without_collector
def home(request):
    """A partner user's home is their own partner's page; vendor staff get their sections."""
    if request.user.is_partner_user:
        return redirect("partners:detail", partner_id=request.user.partner.partner_id)
    context = {"sections": render_slot("home.vendor", request)}
    return render(request, "core/home_manager.html", context)


@permission_required("core.signed_in")
def task_progress(request, task_id: int):
    """The progress of one's own background task, polled by htmx until it finishes."""
    task = get_object_or_404(TaskRun, pk=task_id, user=request.user)
    if is_abandoned(task):  # its process has gone: say so instead of "running" forever
        fail_abandoned_runs()
        task.refresh_from_db()
    return render(request, "core/task_progress.html", {"task": current_progress(task)})


# Error pages: the API answers every error in JSON, the pages with their templates. ------------


def _api(request) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request, exception):
    if _api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _api(request):
        return JsonResponse({"detail": "You do not have permission to do that."}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if _api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


RETRY_AFTER = 5  # seconds: a busy SQLite database is usually free again by then


def database_busy(exc: BaseException | None) -> bool:
    """The exception is SQLite's "database is locked" (its busy timeout ran out)."""
    return isinstance(exc, OperationalError) and "locked" in str(exc)


def server_error(request):
    # Django calls this while handling the exception, so it is still the current one.
    if database_busy(sys.exc_info()[1]):
        if _api(request):
            response = JsonResponse(
                {"detail": "The database is busy; try again in a few seconds."}, status=503
            )
        else:
            # Rendered without the request: nothing on this page reads the database.
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    if _api(request):
        return JsonResponse({"detail": "The server failed to answer; try again later."}, status=500)
    return defaults.server_error(request)
