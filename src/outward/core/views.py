from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from outward.core.models import TaskRun


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


@login_required
def home(request):
    """A partner user's home is their own partner; vendor staff land on the partner list."""
    if request.user.is_partner_user:
        return redirect("partners:detail", partner_id=request.user.partner.partner_id)
    return redirect("partners:list")


@login_required
def task_progress(request, task_id: int):
    """The progress of one's own background task, polled by htmx until it finishes."""
    task = get_object_or_404(TaskRun, pk=task_id, user=request.user)
    return render(request, "core/task_progress.html", {"task": task})
