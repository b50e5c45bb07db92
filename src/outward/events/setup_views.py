"""The organiser's set-up pages: the event and its limits, rooms, speakers and sessions."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

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
    return render(request, "events/event_form.html", context, status=400 if form.errors else 200)


@permission_required("events.plan")
def event_create(request):
    """A new partner conference."""
    return _event_page(request, None)


@permission_required("events.plan")
def event_edit(request, event_id: int):
    """Change the event: dates, venue, budget, votes, solve time, composition limits."""
    return _event_page(request, _event(event_id))


# --- rooms -------------------------------------------------------------------------------------


def _save_room(event: Event, room: Room | None):
    return lambda data: setup.save_room(
        event=event, room=room, name=data["name"], capacity=data["capacity"]
    )


def _list_page(request, event: Event, template: str, form, extra: dict):
    context = {"event": event, "form": form, **extra}
    return render(request, template, context, status=400 if form.errors else 200)


@permission_required("events.plan")
def rooms(request, event_id: int):
    """The event's rooms with their capacity; add one."""
    event = _event(event_id)
    form = RoomForm(request.POST or None)
    if request.method == "POST" and (room := _stored(form, _save_room(event, None))):
        messages.success(request, f"Room “{room.name}” added.")
        return redirect("events:rooms", event_id=event.pk)
    listed = event.rooms.annotate(placements_count=Count("placements"))
    return _list_page(request, event, "events/rooms.html", form, {"rooms": listed})


@permission_required("events.plan")
def room_edit(request, event_id: int, room_id: int):
    """Rename a room or change its capacity."""
    event = _event(event_id)
    room = get_object_or_404(Room, event=event, pk=room_id)
    form = RoomForm(request.POST or None, instance=room)
    if request.method == "POST" and _stored(form, _save_room(event, room)):
        messages.success(request, f"Room “{room.name}” saved.")
        return redirect("events:rooms", event_id=event.pk)
    return _edit_page(request, event, form, "rooms", Room.objects.get(pk=room.pk).name)


@require_POST
@permission_required("events.plan")
def room_delete(request, event_id: int, room_id: int):
    """Delete a room nothing is placed or pinned in."""
    event = _event(event_id)
    room = get_object_or_404(Room, event=event, pk=room_id)
    try:
        setup.delete_room(room=room)
    except InputError as exc:
        return _refused(request, str(exc), f"/events/{event.pk}/rooms/")
    messages.success(request, f"Room “{room.name}” deleted.")
    return redirect("events:rooms", event_id=event.pk)


def _edit_page(request, event: Event, form, section: str, name: str):
    context = {"event": event, "form": form, "section": section, "name": name}
    return render(request, "events/setup_edit.html", context, status=400 if form.errors else 200)


# --- speakers ----------------------------------------------------------------------------------


def _save_speaker(event: Event, speaker: Speaker | None):
    return lambda data: setup.save_speaker(
        event=event,
        speaker=speaker,
        name=data["name"],
        kind=data["kind"],
        fee=data["fee"],
        unavailable=data["unavailable"],
    )


@permission_required("events.plan")
def speakers(request, event_id: int):
    """The event's speakers, their kind, fee and unavailable slots; add one."""
    event = _event(event_id)
    form = SpeakerForm(request.POST or None, event=event)
    if request.method == "POST" and (speaker := _stored(form, _save_speaker(event, None))):
        messages.success(request, f"Speaker “{speaker.name}” added.")
        return redirect("events:speakers", event_id=event.pk)
    listed = event.speakers.prefetch_related("unavailable").annotate(
        sessions_count=Count("sessions")
    )
    return _list_page(request, event, "events/speakers.html", form, {"speakers": listed})


@permission_required("events.plan")
def speaker_edit(request, event_id: int, speaker_id: int):
    """Change a speaker's name, kind, fee or unavailable slots."""
    event = _event(event_id)
    speaker = get_object_or_404(Speaker, event=event, pk=speaker_id)
    form = SpeakerForm(request.POST or None, instance=speaker, event=event)
    if request.method == "POST" and _stored(form, _save_speaker(event, speaker)):
        messages.success(request, f"Speaker “{speaker.name}” saved.")
        return redirect("events:speakers", event_id=event.pk)
    return _edit_page(request, event, form, "speakers", Speaker.objects.get(pk=speaker.pk).name)


@require_POST
@permission_required("events.plan")
def speaker_delete(request, event_id: int, speaker_id: int):
    """Delete a speaker who speaks in no session."""
    event = _event(event_id)
    speaker = get_object_or_404(Speaker, event=event, pk=speaker_id)
    try:
        setup.delete_speaker(speaker=speaker)
    except InputError as exc:
        return _refused(request, str(exc), f"/events/{event.pk}/speakers/")
    messages.success(request, f"Speaker “{speaker.name}” deleted.")
    return redirect("events:speakers", event_id=event.pk)


# --- sessions ----------------------------------------------------------------------------------


def _save_session(event: Event, session: Session | None):
    return lambda data: setup.save_session(
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
    )


@permission_required("events.plan")
def sessions(request, event_id: int):
    """The event's candidate sessions; add one."""
    event = _event(event_id)
    form = SessionForm(request.POST or None, event=event)
    if request.method == "POST" and (session := _stored(form, _save_session(event, None))):
        messages.success(request, f"Session “{session.title}” added.")
        return redirect("events:sessions", event_id=event.pk)
    listed = event.sessions.order_by("kind", "title").prefetch_related(
        "speakers", Prefetch("answers", queryset=TopicRequest.objects.order_by("title"))
    )
    return _list_page(request, event, "events/sessions.html", form, {"sessions": listed})


@permission_required("events.plan")
def session_edit(request, event_id: int, session_id: int):
    """Change a session: title, abstract, track, kind, speakers, optional, requests answered."""
    event = _event(event_id)
    session = get_object_or_404(Session, event=event, pk=session_id)
    form = SessionForm(request.POST or None, instance=session, event=event)
    if request.method == "POST" and _stored(form, _save_session(event, session)):
        messages.success(request, f"Session “{session.title}” saved.")
        return redirect("events:sessions", event_id=event.pk)
    return _edit_page(request, event, form, "sessions", Session.objects.get(pk=session.pk).title)


@require_POST
@permission_required("events.plan")
def session_delete(request, event_id: int, session_id: int):
    """Delete a candidate session, with its places in the agenda and the draft."""
    event = _event(event_id)
    session = get_object_or_404(Session, event=event, pk=session_id)
    setup.delete_session(session=session)
    messages.success(request, f"Session “{session.title}” deleted.")
    return redirect("events:sessions", event_id=event.pk)
