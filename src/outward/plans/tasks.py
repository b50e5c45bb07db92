"""Background work of plans: closing agreed plans at the end of their period (Celery beat)."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from outward.core.tasks import ScopedTask
from outward.plans.domain import close_ended_plans


# typing=False: `scope_partner` is consumed by ScopedTask, not by the function.
@shared_task(base=ScopedTask, name="plans.close_ended_plans", typing=False)
def close_ended_plans_task(date: str | None = None) -> dict:
    """Queue with `scope_partner=None`: plans of every partner close."""
    as_of = dt.date.fromisoformat(date) if date else timezone.localdate()
    return {"closed": [plan.pk for plan in close_ended_plans(as_of=as_of)]}
