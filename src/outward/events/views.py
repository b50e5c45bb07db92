"""Pages of partner conferences: events, budget, topic requests, registration, the agenda."""

import datetime as dt

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outward.core.errors import InputError
from outward.core.models import TaskRun
from outward.core.permissions import allows, permission_required
from outward.core.runs import start_run
from outward.events.domain import attendance, exports, planning, requests, solving
from outward.events.domain.review import interest_counts, review_agenda
from outward.events.forms import (
    CommentForm,
    DraftPlacementForm,
    MergeForm,
    SlotGeneratorForm,
    TopicRequestForm,
)
from outward.events.models import AgendaPlacement, Event, Session, SessionKind, TopicRequest

Plan = AgendaPlacement.Plan


def _event(event_id: int) -> Event:
    return get_object_or_404(Event, pk=event_id)


def _topic(event: Event, request_id: int) -> TopicRequest:
    return get_object_or_404(
        TopicRequest.objects.select_related("partner", "author"), event=event, pk=request_id
    )


def _refused(request, message: str, back: str) -> HttpResponse:
    """Bad input on an action: the reason, naming the field, and the way back (HTTP 400)."""
    return render(request, "events/refused.html", {"message": message, "back": back}, status=400)


def _form_problems(form) -> str:
    return "; ".join(
        f"{form.fields[name].label or name if name in form.fields else 'form'}: {' '.join(errs)}"
        for name, errs in form.errors.items()
    )


@permission_required("events.view")
def event_list(request):
    """Every conference, upcoming first."""
    today = dt.date.today()
    events = list(Event.objects.order_by("-starts_on", "name"))
    return render(
        request,
        "events/event_list.html",
        {
            "upcoming": [e for e in events if e.ends_on >= today][::-1],
            "past": [e for e in events if e.ends_on < today],
        },
    )


@permission_required("events.view")
def event_detail(request, event_id: int):
    """One conference: dates, venue, rooms, slots and candidate sessions."""
    event = _event(event_id)
    sessions = event.sessions.prefetch_related("speakers").order_by("kind", "title")
    registration = (
        attendance.registration_for(event=event, user=request.user)
        if request.user.is_partner_user
        else None
    )
    context = {
        "agenda": exports.published_agenda(event=event),
        "mine": set(registration.interests.values_list("pk", flat=True)) if registration else set(),
        "event": event,
        "rooms": event.rooms.all(),
        "slots": event.slots.all(),
        "sessions": sessions,
        "registration": registration,
        "slot_form": SlotGeneratorForm(event=event)
        if allows(request.user, "events.plan")
        else None,
    }
    return render(request, "events/event_detail.html", context)


@require_POST
@permission_required("events.plan")
def generate_slots(request, event_id: int):
    """The slot generator: days × start/end × session length × breaks."""
    event = _event(event_id)
    form = SlotGeneratorForm(request.POST, event=event)
    back = f"{event.pk}"
    if not form.is_valid():
        return _refused(request, _form_problems(form), back)
    data = form.cleaned_data
    try:
        created = planning.generate_slots(
            event=event,
            days=[dt.date.fromisoformat(day) for day in data["days"]],
            start=data["start"],
            end=data["end"],
            length=data["length"],
            gap=data["gap"],
        )
    except InputError as exc:
        return _refused(request, str(exc), back)
    messages.success(request, f"{len(created)} time slot{'s' if len(created) != 1 else ''} added.")
    return redirect("events:detail", event_id=event.pk)


@permission_required("events.plan")
def budget(request, event_id: int):
    """Speaker fees summed against the budget, with a warning before it is exceeded."""
    event = _event(event_id)
    return render(
        request,
        "events/budget.html",
        {"event": event, "summary": planning.budget_summary(event=event)},
    )


def _request_rows(request, event: Event) -> list[dict]:
    voted = requests.votes_of(event=event, user=request.user)
    return [
        {
            "topic": topic,
            "author": requests.author_label(topic=topic, viewer=request.user),
            "voted": topic.pk in voted,
        }
        for topic in requests.requests_with_votes(event)
    ]


@permission_required("events.view")
def topic_requests(request, event_id: int):
    """Topic requests: partner users propose; everyone browses, votes and comments."""
    event = _event(event_id)
    form = TopicRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not allows(request.user, "events.propose"):
            form.add_error(None, "Only partner users propose topics.")
        elif form.is_valid():
            try:
                topic = requests.propose_request(
                    event=event,
                    user=request.user,
                    title=form.cleaned_data["title"],
                    why=form.cleaned_data["why"],
                )
            except InputError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Your topic “{topic.title}” is open for votes.")
                return redirect("events:requests", event_id=event.pk)
        status = 400
    context = {
        "event": event,
        "rows": _request_rows(request, event),
        "form": form,
        "votes_left": (
            requests.votes_left(event=event, user=request.user)
            if request.user.is_partner_user
            else None
        ),
    }
    return render(request, "events/requests.html", context, status=status)


@permission_required("events.view")
def topic_detail(request, event_id: int, request_id: int):
    """One topic request with its comments; everyone signed in may comment."""
    event = _event(event_id)
    topic = _topic(event, request_id)
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            requests.add_comment(request=topic, user=request.user, body=form.cleaned_data["body"])
            return redirect("events:request", event_id=event.pk, request_id=topic.pk)
        status = 400
    comments = [
        (comment, requests.author_label(topic=comment, viewer=request.user))
        for comment in topic.comments.select_related("author", "partner")
    ]
    context = {
        "event": event,
        "topic": topic,
        "author": requests.author_label(topic=topic, viewer=request.user),
        "comments": comments,
        "form": form,
        "vote_count": requests.vote_count(topic),
        "voted": topic.pk in requests.votes_of(event=event, user=request.user),
        "sessions": topic.sessions.all(),
        "merge_form": (
            MergeForm(request_obj=topic) if allows(request.user, "events.plan") else None
        ),
    }
    return render(request, "events/request_detail.html", context, status=status)


@require_POST
@permission_required("events.vote")
def vote(request, event_id: int, request_id: int):
    """Cast or withdraw the partner user's vote (htmx: the row's vote control answers)."""
    event = _event(event_id)
    topic = _topic(event, request_id)
    error = None
    try:
        if request.POST.get("withdraw"):
            requests.withdraw_vote(request=topic, user=request.user)
        else:
            requests.cast_vote(request=topic, user=request.user)
    except InputError as exc:
        error = str(exc)
    if request.htmx:
        context = {
            "event": event,
            "topic": topic,
            "vote_count": requests.vote_count(topic),
            "voted": topic.pk in requests.votes_of(event=event, user=request.user),
            "votes_left": requests.votes_left(event=event, user=request.user),
            "error": error,
        }
        return render(request, "events/_vote.html", context, status=400 if error else 200)
    if error:
        return _refused(request, error, reverse("events:requests", args=[event.pk]))
    return redirect("events:requests", event_id=event.pk)


@require_POST
@permission_required("events.plan")
def merge(request, event_id: int, request_id: int):
    """A manager merges a duplicate request into another one."""
    event = _event(event_id)
    topic = _topic(event, request_id)
    form = MergeForm(request.POST, request_obj=topic)
    back = reverse("events:request", args=[event.pk, topic.pk])
    if not form.is_valid():
        return _refused(request, _form_problems(form), back)
    try:
        into = requests.merge_requests(duplicate=topic, into=form.cleaned_data["into"])
    except InputError as exc:
        return _refused(request, str(exc), back)
    messages.success(request, f"“{topic.title}” merged into “{into.title}”.")
    return redirect("events:request", event_id=event.pk, request_id=into.pk)


@require_POST
@permission_required("events.plan")
def make_session(request, event_id: int, request_id: int):
    """Turn a topic request into a partner-requested session that answers it."""
    event = _event(event_id)
    topic = _topic(event, request_id)
    try:
        session = requests.create_session_from_request(
            request=topic, title=request.POST.get("title", "")
        )
    except InputError as exc:
        return _refused(request, str(exc), reverse("events:request", args=[event.pk, topic.pk]))
    messages.success(request, f"Session “{session.title}” is now a candidate for the agenda.")
    return redirect("events:request", event_id=event.pk, request_id=topic.pk)


@permission_required("events.register")
def registration(request, event_id: int):
    """A partner user registers and marks the sessions they want to attend."""
    event = _event(event_id)
    mine = attendance.registration_for(event=event, user=request.user)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "unregister":
                attendance.unregister(event=event, user=request.user)
                messages.success(request, "You are no longer registered.")
            else:
                with transaction.atomic():
                    mine = attendance.register(event=event, user=request.user)
                    ids = [int(value) for value in request.POST.getlist("sessions")]
                    attendance.set_interests(registration=mine, session_ids=ids)
                messages.success(request, "Your registration and interests are saved.")
        except ValueError:
            return _refused(
                request,
                "sessions: not a list of sessions",
                reverse("events:detail", args=[event.pk]),
            )
        except InputError as exc:
            return _refused(request, str(exc), reverse("events:registration", args=[event.pk]))
        return redirect("events:registration", event_id=event.pk)
    chosen = set(mine.interests.values_list("pk", flat=True)) if mine else set()
    context = {
        "event": event,
        "registration": mine,
        "sessions": event.sessions.prefetch_related("speakers").order_by("kind", "title"),
        "chosen": chosen,
    }
    return render(request, "events/registration.html", context, status=status)


def _agenda_context(request, event: Event, plan: str) -> dict:
    solved = review_agenda(event=event, plan=Plan.SOLVED)
    draft = review_agenda(event=event, plan=Plan.DRAFT)
    shown = draft if plan == Plan.DRAFT else solved
    run = None
    if request.GET.get("run", "").isdigit():
        run = TaskRun.objects.filter(pk=int(request.GET["run"]), user=request.user).first()
    return {
        "event": event,
        "plan": plan,
        "review": shown,
        "solved": solved,
        "draft": draft,
        "kinds": SessionKind.choices,
        "interest": interest_counts(event),
        "votes": requests.session_votes(event),
        "task": run,
        "left_out": requests.requests_left_out(event=event, placed_session_ids=shown.placed.keys()),
        "draft_rows": [
            (session, *draft.placed.get(session.pk, (None, None)))
            for session in event.sessions.order_by("kind", "title")
        ],
        "pinned": set(event.sessions.filter(fixed_slot__isnull=False).values_list("pk", flat=True)),
    }


@permission_required("events.plan")
def agenda(request, event_id: int):
    """The agenda grid (rooms × slots), its checks, clashes and composition, solve and pin."""
    event = _event(event_id)
    plan = Plan.DRAFT if request.GET.get("plan") == Plan.DRAFT else Plan.SOLVED
    return render(request, "events/agenda.html", _agenda_context(request, event, plan))


@require_POST
@permission_required("events.plan")
def solve(request, event_id: int):
    """Solve the agenda as a tracked run; the page shows its progress and outcome."""
    event = _event(event_id)
    run = start_run(
        "events.solve_agenda",
        user=request.user,
        label=f"Solving the agenda of {event.name}",
        event_id=event.pk,
        time_limit=event.solve_seconds,
    )
    run.refresh_from_db()  # it ran inline when no broker is configured
    page = f"{reverse('events:agenda', args=[event.pk])}?run={run.pk}"
    if request.htmx:
        if run.finished:
            # The grid, the figures and the composition all change: show the whole page.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = page
            return response
        return render(request, "core/task_progress.html", {"task": run})
    return redirect(page)


@require_POST
@permission_required("events.plan")
def stop(request, event_id: int):
    """Stop a running solve; it stores the best agenda found so far."""
    event = _event(event_id)
    solving.request_stop(event=event)
    message = "Stopping: the best agenda found so far will be stored."
    if request.htmx:
        return HttpResponse(f'<p class="ok">{message}</p>')
    messages.success(request, message)
    return redirect("events:agenda", event_id=event.pk)


def _session(event: Event, session_id: int) -> Session:
    return get_object_or_404(Session, event=event, pk=session_id)


@require_POST
@permission_required("events.plan")
def pin(request, event_id: int, session_id: int):
    """Pin a session where the agenda has it (or unpin it); the next solve keeps pins."""
    event = _event(event_id)
    session = _session(event, session_id)
    try:
        if request.POST.get("unpin"):
            solving.unpin_session(session=session)
            messages.success(request, f"“{session.title}” is no longer pinned.")
        else:
            solving.pin_session(session=session)
            messages.success(request, f"“{session.title}” is pinned: solve again to keep it there.")
    except InputError as exc:
        return _refused(request, str(exc), reverse("events:agenda", args=[event.pk]))
    return redirect("events:agenda", event_id=event.pk)


@require_POST
@permission_required("events.plan")
def place(request, event_id: int, session_id: int):
    """Move a session by hand in the organiser's draft; the page shows the checks at once."""
    event = _event(event_id)
    session = _session(event, session_id)
    form = DraftPlacementForm(request.POST, event=event)
    back = f"{reverse('events:agenda', args=[event.pk])}?plan=draft"
    if not form.is_valid():
        return _refused(request, _form_problems(form), back)
    try:
        solving.place_by_hand(
            session=session, slot=form.cleaned_data["slot"], room=form.cleaned_data["room"]
        )
    except InputError as exc:
        return _refused(request, str(exc), back)
    return redirect(back)


@permission_required("events.view")
def calendar(request, event_id: int):
    """The whole agenda as an iCalendar file."""
    event = _event(event_id)
    response = HttpResponse(
        exports.agenda_calendar(event=event), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@permission_required("events.register")
def my_calendar(request, event_id: int):
    """The partner user's own sessions (their interests on the agenda) as iCalendar."""
    event = _event(event_id)
    # Not registered: an empty calendar, which fills as soon as they choose sessions.
    mine = attendance.registration_for(event=event, user=request.user)
    response = HttpResponse(
        exports.agenda_calendar(event=event, registration=mine, only_registration=True),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="my-event-{event.pk}.ics"'
    return response


@permission_required("events.plan")
def agenda_csv(request, event_id: int):
    """The stored agenda as CSV."""
    event = _event(event_id)
    body = exports.agenda_csv(event=event, votes=requests.session_votes(event))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{event.pk}.csv"'
    return response
