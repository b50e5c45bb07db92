"""The admins' user pages: list and search, create (with an invitation), change the role,
send the invitation again, deactivate, reactivate, delete.

Every change goes through `partners.users`, the functions the command line uses, with `by`
set to the admin so that nobody locks themself out. Each destructive change has a
confirmation step: a GET shows what will happen, only the POST from that page does it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from outward.core.errors import InputError
from outward.core.models import Role, User
from outward.core.permissions import permission_required
from outward.partners import users
from outward.partners.forms import RoleForm, UserCreateForm, UserSearchForm
from outward.partners.picker import picker, search_view

PERMISSION = "partners.manage_users"
PAGE_SIZE = 50
RESULTS_TARGET = "user-results"
partner_search = search_view(PERMISSION)


def _reason(exc: InputError) -> str:
    """The refusal without the argument it names (the page shows it beside that field)."""
    return exc.text if isinstance(exc, users.Refused) else str(exc)


def _show_error(form, exc: InputError) -> None:
    """The domain's refusal beside the field it is about (the whole form for the others)."""
    field = exc.field if isinstance(exc, users.Refused) else None
    form.add_error(field if field in form.fields else None, _reason(exc))


@permission_required(PERMISSION)
def user_list(request: HttpRequest) -> HttpResponse:
    """Every login, searchable by e-mail address or partner, a page at a time."""
    form = UserSearchForm(request.GET)
    filters = form.filters()
    page = Paginator(users.search_users(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filtered": any(filters.values()),
        "query_prefix": f"{query.urlencode()}&" if query else "",
    }
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == RESULTS_TARGET and not htmx.history_restore_request:
        response = render(request, "partners/users/_results.html", context)
    else:
        response = render(request, "partners/users/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _picker(request, form):
    chosen = form["partner"].value() or ""
    return picker(
        request,
        search_url=reverse("users:partner_search"),
        selected_key=chosen if isinstance(chosen, str) else "",
        errors=form.errors.get("partner", ()),
        required=False,
        hint=form.fields["partner"].help_text,
    )


@permission_required(PERMISSION)
def user_create(request: HttpRequest) -> HttpResponse:
    """A new login; without a password, the person is e-mailed a link to choose one."""
    bound = request.method == "POST"
    form = UserCreateForm(request.POST if bound else None, user=request.user, initial=request.GET)
    if bound and form.is_valid():
        try:
            created = users.create_user(
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                partner_id=form.partner_id(),
                invite=form.cleaned_data["invite"],
            )
        except users.InvitationFailed as exc:
            # The account exists; the invitation can be sent again from its page.
            created = users.access_user(form.cleaned_data["email"])
            messages.error(request, f"{created.username} created, but {_reason(exc)}.")
            return redirect("users:detail", user_id=created.pk)
        except InputError as exc:
            _show_error(form, exc)
        else:
            invited = " and e-mailed an invitation" if form.cleaned_data["invite"] else ""
            messages.success(request, f"{created.username} created{invited}.")
            return redirect("users:detail", user_id=created.pk)
    context = {"form": form, "picker": _picker(request, form)}
    return render(
        request, "partners/users/create.html", context, status=400 if form.errors else 200
    )


@permission_required(PERMISSION)
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    """One login: its role and partner (changed after a confirmation) and what can be done."""
    person = get_object_or_404(User.objects.select_related("partner"), pk=user_id)
    initial = {"role": person.role, "partner": person.partner.partner_id if person.partner else ""}
    form = RoleForm(request.POST or None, user=request.user, initial=initial)
    confirming = False
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") == "yes":
            try:
                changed = users.set_role(
                    email=person.username,
                    role=form.cleaned_data["role"],
                    partner_id=form.partner_id(),
                    by=request.user,
                )
            except InputError as exc:
                _show_error(form, exc)
            else:
                messages.success(
                    request, f"{changed.username} is now {changed.get_role_display()}."
                )
                return redirect("users:detail", user_id=changed.pk)
        else:
            confirming = True
    context = {
        "person": person,
        "form": form,
        "picker": _picker(request, form),
        "confirming": confirming,
        "new_role": dict(Role.choices).get(form.cleaned_data.get("role")) if confirming else None,
        "new_partner": form.cleaned_data.get("partner") if confirming else None,
        "is_self": person.pk == request.user.pk,
    }
    return render(
        request, "partners/users/detail.html", context, status=400 if form.errors else 200
    )


@dataclass(frozen=True)
class Action:
    """A change confirmed on a page of its own: what it says, and the domain function."""

    title: str
    explanation: str
    button: str
    done: str
    destructive: bool
    run: Callable[[User, User], object]  # (the person, the admin doing it)


ACTIONS = {
    "invite": Action(
        "Send the invitation to {email}?",
        "They get an e-mail with a link to choose their password. The link works once and "
        "expires in a few days; a password they had stays valid until they choose a new one.",
        "Send the invitation",
        "Invitation sent to {email}.",
        False,
        lambda person, by: users.send_invitation(email=person.username),
    ),
    "deactivate": Action(
        "Deactivate {email}?",
        "They can no longer sign in: their sessions end at once, their API tokens are revoked "
        "and their set-password links stop working. Their records stay. You can reactivate "
        "them later (revoked tokens stay revoked).",
        "Deactivate",
        "{email} is deactivated; their sessions and tokens ended.",
        True,
        lambda person, by: users.deactivate_user(email=person.username, by=by),
    ),
    "reactivate": Action(
        "Reactivate {email}?",
        "They can sign in again with their password; API tokens need to be issued anew.",
        "Reactivate",
        "{email} can sign in again.",
        False,
        lambda person, by: users.reactivate_user(email=person.username),
    ),
    "delete": Action(
        "Delete {email} for good?",
        "The login is removed and cannot be restored; records they changed keep their "
        "history without them. To only stop them signing in, deactivate them instead.",
        "Delete for good",
        "{email} is deleted.",
        True,
        lambda person, by: users.delete_user(email=person.username, by=by),
    ),
}


def _confirm(request: HttpRequest, user_id: int, *, action: str) -> HttpResponse:
    person = get_object_or_404(User.objects.select_related("partner"), pk=user_id)
    about = ACTIONS[action]
    error = None
    if request.method == "POST":
        try:
            about.run(person, request.user)
        except InputError as exc:
            error = _reason(exc)
        else:
            messages.success(request, about.done.format(email=person.username))
            if action == "delete":
                return redirect("users:list")
            return redirect("users:detail", user_id=person.pk)
    context = {
        "person": person,
        "action": action,
        "title": about.title.format(email=person.username),
        "about": about,
        "error": error,
    }
    return render(request, "partners/users/confirm.html", context, status=400 if error else 200)


def _confirm_view(action: str):
    @permission_required(PERMISSION)
    def view(request: HttpRequest, user_id: int) -> HttpResponse:
        return _confirm(request, user_id, action=action)

    view.__name__ = view.__qualname__ = f"user_{action}"
    view.__doc__ = f"Confirm, then {action} the user."
    return view


user_invite = _confirm_view("invite")
user_deactivate = _confirm_view("deactivate")
user_reactivate = _confirm_view("reactivate")
user_delete = _confirm_view("delete")
