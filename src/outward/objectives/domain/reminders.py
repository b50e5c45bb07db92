"""Check-in reminders: one e-mail a day per partner user whose running objectives went quiet."""

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse

from outward.core.models import Role, User
from outward.objectives.models import CheckInReminder
from outward.objectives.queries import REMINDER_DAYS, objectives_needing_checkin

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderRun:
    """What a reminder run did: e-mails sent, users skipped (already reminded today), failures."""

    sent: int
    already_reminded: int
    failed: int


def send_checkin_reminders(
    *, as_of: dt.date, days: int = REMINDER_DAYS, base_url: str | None = None
) -> ReminderRun:
    """E-mail each partner user the running objectives with no check-in for `days` days."""
    if days < 1:
        raise ValueError("days must be at least 1")
    base_url = (base_url or settings.OUTWARD_BASE_URL).rstrip("/")
    by_partner = defaultdict(list)
    quiet = (
        objectives_needing_checkin(as_of=as_of, days=days)
        .select_related("partner")
        .annotate(last_checkin_on=Max("checkins__date"))
    )
    for objective in quiet.order_by("partner_id", "first_month", "objective_id"):
        by_partner[objective.partner_id].append(objective)
    if not by_partner:
        return ReminderRun(sent=0, already_reminded=0, failed=0)
    users = User.objects.filter(
        role=Role.PARTNER, is_active=True, partner_id__in=by_partner
    ).exclude(email="")
    reminded = set(
        CheckInReminder.objects.filter(sent_on=as_of, user__in=users).values_list(
            "user_id", flat=True
        )
    )
    sent = failed = 0
    for user in users.order_by("pk"):
        if user.pk in reminded:
            continue
        objectives = by_partner[user.partner_id]
        items = [
            (o, base_url + reverse("objectives:objective", args=[o.objective_id]))
            for o in objectives
        ]
        context = {"user": user, "items": items, "days": days, "as_of": as_of}
        try:
            # The reminder row is the day's idempotency key; it is rolled back if sending fails.
            with transaction.atomic():
                CheckInReminder.objects.create(user=user, sent_on=as_of, objectives=len(objectives))
                send_mail(
                    subject=f"Outward: {len(objectives)} objective(s) waiting for a check-in",
                    message=render_to_string("objectives/email/checkin_reminder.txt", context),
                    from_email=None,
                    recipient_list=[user.email],
                )
        except Exception:
            log.exception("Could not send the check-in reminder to %s", user.email)
            failed += 1
        else:
            sent += 1
    return ReminderRun(sent=sent, already_reminded=len(reminded), failed=failed)
