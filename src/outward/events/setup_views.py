"""The organiser's set-up pages: the event and its limits, rooms, speakers and sessions."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from outward.core.errors import InputError
from outward.core.permissions import permission_required
from outward.events.domain import setup
from outward.events.forms import EventForm, RoomForm, SessionForm, SpeakerForm
from outward.events.models import Event, Room, Session, Speaker, TopicRequest
from outward.events.views import _event, _refused


def _stored(form, save) -> object | None:
    """Run the domain's `save` on a valid form; its problems go beside their fields."""
    if not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except InputError as exc:
        for field, message in exc.errors:
            form.add_error(field if field in form.fields else None, message)
        return None


def _event_page(request, event: Event | None):
    form = EventForm(
        request.POST or None,
        instance=event,
        limits=setup.event_limits(event) if event else None,
    )
    if request.method == "POST":
        saved = _stored(
            form,
            lambda data: setup.save_event(
                event=event,
                name=data["name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                venue=data["venue"],
                speaker_budget=data["speaker_budget"],
                votes_per_user=data["votes_per_user"],
                solve_seconds=data["solve_seconds"],
                limits=form.limits(),
            ),
        )
        if saved:
            messages.success(request, f"“{saved.name}” is saved.")
            return redirect("events:detail", event_id=saved.pk)
    # The form's model instance takes the posted values; the heading keeps the stored name.
    stored = Event.objects.filter(pk=event.pk).first() if event else None
    context = {"event": stored, "form": form}
    return render(request, "events/event_form.html", context, status=_status(form))


@permission_required("events.plan")
def event_create(request):
    """A new partner conference."""
    return _event_page(request, None)


@permission_required("events.plan")
def event_edit(request, event_id: int):
    """Change the event: dates, venue, budget, votes, solve time, composition limits."""
    return _event_page(request, _event(event_id))


# --- rooms, speakers and sessions: listed with a form to add one, edited, deleted --------------


@dataclass(frozen=True)
class Part:
    """A kind of thing an event is set up with: its form, and how it is listed, saved, deleted."""

    noun: str  # "Room"; the routes are events:rooms, events:room and events:room_delete
    plural: str
    model: type
    form: type
    listed: Callable
    save: Callable  # (event, the thing or None, the form's data) → the thing
    delete: Callable
    label: str = "name"  # the field that names one in messages
    # Shown before a deletion: why it would be refused ("" when it would not), what goes with it.
    refusal: Callable = lambda thing: ""
    effects: Callable = lambda thing: []

    def name(self, thing) -> str:
        return getattr(thing, self.label)


ROOMS = Part(
    "Room",
    "rooms",
    Room,
    RoomForm,
    listed=lambda event: event.rooms.annotate(placements_count=Count("placements")),
    save=lambda event, room, data: setup.save_room(
        event=event, room=room, name=data["name"], capacity=data["capacity"]
    ),
    delete=lambda room: setup.delete_room(room=room),
    refusal=setup.room_use,
)
SPEAKERS = Part(
    "Speaker",
    "speakers",
    Speaker,
    SpeakerForm,
    listed=lambda event: event.speakers.prefetch_related("unavailable").annotate(
        sessions_count=Count("sessions")
    ),
    save=lambda event, speaker, data: setup.save_speaker(
        event=event,
        speaker=speaker,
        name=data["name"],
        kind=data["kind"],
        fee=data["fee"],
        unavailable=data["unavailable"],
    ),
    delete=lambda speaker: setup.delete_speaker(speaker=speaker),
    refusal=setup.speaker_use,
)
SESSIONS = Part(
    "Session",
    "sessions",
    Session,
    SessionForm,
    listed=lambda event: event.sessions.order_by("kind", "title").prefetch_related(
        "speakers", Prefetch("answers", queryset=TopicRequest.objects.order_by("title"))
    ),
    save=lambda event, session, data: setup.save_session(
        event=event,
        session=session,
        title=data["title"],
        kind=data["kind"],
        abstract=data["abstract"],
        track=data["track"],
        optional=data["optional"],
        expected_attendance=data["expected_attendance"],
        speakers=data["speakers"],
        answers=data["answers"],
    ),
    delete=lambda session: setup.delete_session(session=session),
    label="title",
    effects=setup.session_deletion_effects,
)


def _status(form) -> int:
    return 400 if form.errors else 200


def _listing(request, event_id: int, part: Part):
    event = _event(event_id)
    form = part.form(request.POST or None, event=event)
    if request.method == "POST":
        added = _stored(form, lambda data: part.save(event, None, data))
        if added:
            messages.success(request, f"{part.noun} “{part.name(added)}” added.")
            return redirect(f"events:{part.plural}", event_id=event.pk)
    context = {"event": event, "form": form, part.plural: part.listed(event)}
    return render(request, f"events/{part.plural}.html", context, status=_status(form))


def _editing(request, event_id: int, pk: int, part: Part):
    event = _event(event_id)
    thing = get_object_or_404(part.model, event=event, pk=pk)
    stored_name = part.name(thing)  # the form's instance takes the posted values
    form = part.form(request.POST or None, instance=thing, event=event)
    if request.method == "POST" and _stored(form, lambda data: part.save(event, thing, data)):
        messages.success(request, f"{part.noun} “{part.name(thing)}” saved.")
        return redirect(f"events:{part.plural}", event_id=event.pk)
    context = {"event": event, "form": form, "section": part.plural, "name": stored_name}
    return render(request, "events/setup_edit.html", context, status=_status(form))


def _deleting(request, event_id: int, pk: int, part: Part):
    """GET asks for confirmation, saying what goes with it or why it cannot go; POST deletes."""
    event = _event(event_id)
    thing = get_object_or_404(part.model, event=event, pk=pk)
    if request.method != "POST":
        context = {
            "event": event,
            "section": part.plural,
            "noun": part.noun.lower(),
            "name": part.name(thing),
            "refusal": part.refusal(thing),
            "effects": part.effects(thing),
        }
        return render(request, "events/confirm_delete.html", context)
    try:
        part.delete(thing)
    except InputError as exc:
        return _refused(request, str(exc), reverse(f"events:{part.plural}", args=[event.pk]))
    messages.success(request, f"{part.noun} “{part.name(thing)}” deleted.")
    return redirect(f"events:{part.plural}", event_id=event.pk)


@permission_required("events.plan")
def rooms(request, event_id: int):
    """The event's rooms with their capacity; add one."""
    return _listing(request, event_id, ROOMS)


@permission_required("events.plan")
def room_edit(request, event_id: int, room_id: int):
    """Rename a room or change its capacity."""
    return _editing(request, event_id, room_id, ROOMS)


@require_http_methods(["GET", "POST"])
@permission_required("events.plan")
def room_delete(request, event_id: int, room_id: int):
    """Delete a room nothing is placed or pinned in."""
    return _deleting(request, event_id, room_id, ROOMS)


@permission_required("events.plan")
def speakers(request, event_id: int):
    """The event's speakers, their kind, fee and unavailable slots; add one."""
    return _listing(request, event_id, SPEAKERS)


@permission_required("events.plan")
def speaker_edit(request, event_id: int, speaker_id: int):
    """Change a speaker's name, kind, fee or unavailable slots."""
    return _editing(request, event_id, speaker_id, SPEAKERS)


@require_http_methods(["GET", "POST"])
@permission_required("events.plan")
def speaker_delete(request, event_id: int, speaker_id: int):
    """Delete a speaker who speaks in no session."""
    return _deleting(request, event_id, speaker_id, SPEAKERS)


@permission_required("events.plan")
def sessions(request, event_id: int):
    """The event's candidate sessions; add one."""
    return _listing(request, event_id, SESSIONS)


@permission_required("events.plan")
def session_edit(request, event_id: int, session_id: int):
    """Change a session: title, abstract, track, kind, speakers, optional, requests answered."""
    return _editing(request, event_id, session_id, SESSIONS)


@require_http_methods(["GET", "POST"])
@permission_required("events.plan")
def session_delete(request, event_id: int, session_id: int):
    """Delete a candidate session, with its places in the agenda and the draft."""
    return _deleting(request, event_id, session_id, SESSIONS)
