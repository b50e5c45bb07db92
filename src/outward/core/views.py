from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render

from outward.core.collector import without_collector
from outward.core.models import TaskRun
from outward.core.permissions import permission_required
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
    return render(request, "core/task_progress.html", {"task": task})
