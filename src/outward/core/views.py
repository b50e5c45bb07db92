from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from outward.core.hooks import existing_hooks
from outward.core.models import TaskRun
from outward.partners.queries import partners_for_user, search_partners
from outward.partners.queries import portfolio as portfolio_of


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


# Sections other areas add to the manager home (see core/hooks.py).
HOME_HOOKS = {"overdue_plan_actions": "plans/hooks/home_overdue_actions.html"}


@login_required
def home(request):
    """A partner user's home is their own partner; vendor staff get their portfolio."""
    if request.user.is_partner_user:
        return redirect("partners:detail", partner_id=request.user.partner.partner_id)
    portfolio = search_partners(portfolio_of(request.user), sort="name")
    context = {
        "portfolio": list(portfolio.prefetch_related("domains")),
        "partner_count": partners_for_user(request.user).count(),
        "hooks": existing_hooks(HOME_HOOKS),
    }
    return render(request, "core/home_manager.html", context)


@login_required
def task_progress(request, task_id: int):
    """The progress of one's own background task, polled by htmx until it finishes."""
    task = get_object_or_404(TaskRun, pk=task_id, user=request.user)
    return render(request, "core/task_progress.html", {"task": task})
