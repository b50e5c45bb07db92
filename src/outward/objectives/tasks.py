"""Background work of objectives: the daily check-in reminders (for a Celery beat schedule)."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from outward.core.tasks import ScopedTask
from outward.objectives.domain import send_checkin_reminders
from outward.objectives.queries import REMINDER_DAYS


# typing=False: `scope_partner` is consumed by ScopedTask, not by the function.
@shared_task(base=ScopedTask, name="objectives.send_checkin_reminders", typing=False)
def send_checkin_reminders_task(days: int = REMINDER_DAYS, date: str | None = None) -> dict:
    """Queue with `scope_partner=None`: reminders span every partner."""
    as_of = dt.date.fromisoformat(date) if date else timezone.localdate()
    result = send_checkin_reminders(as_of=as_of, days=days)
    return {
        "sent": result.sent,
        "already_reminded": result.already_reminded,
        "failed": result.failed,
    }
