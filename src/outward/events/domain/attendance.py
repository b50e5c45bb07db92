"""Partner users register for the event and mark the sessions they want to attend."""

from django.db import transaction

from outward.core.errors import InputError
from outward.events.models import Event, Registration, Session


def registration_for(*, event: Event, user) -> Registration | None:
    """The user's own registration for the event, if any."""
    return Registration.objects.filter(event=event, user=user).first()


def register(*, event: Event, user) -> Registration:
    """A partner user registers for the event (again: nothing changes)."""
    if not user.is_partner_user:
        raise InputError("Only partner users register for the event.")
    registration, _ = Registration.objects.get_or_create(
        event=event, user=user, defaults={"partner_id": user.partner_id}
    )
    return registration


@transaction.atomic
def set_interests(*, registration: Registration, session_ids: list[int]) -> list[Session]:
    """The sessions the registered user wants to attend (replacing the earlier choice)."""
    sessions = list(Session.objects.filter(event_id=registration.event_id, pk__in=session_ids))
    if len(sessions) != len(set(session_ids)):
        raise InputError("sessions: some sessions are not part of this event")
    registration.interests.set(sessions)
    return sessions


def unregister(*, event: Event, user) -> None:
    """The user no longer attends; their interests go with the registration."""
    Registration.objects.filter(event=event, user=user).delete()
