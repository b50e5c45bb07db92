"""Setting an event up: its time slots and what its speakers cost against the budget."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction

from outward.core.errors import InputError
from outward.events.models import AgendaPlacement, Event, Session, Speaker, TimeSlot

# The budget page warns once committed fees reach this share of the budget.
BUDGET_WARNING_SHARE = Decimal("0.9")


@transaction.atomic
def generate_slots(
    *, event: Event, days: list[date], start: time, end: time, length: int, gap: int = 0
) -> list[TimeSlot]:
    """Slots of `length` minutes from `start` until `end` on each day, `gap` minutes apart.

    Slots that already exist are kept as they are; other slots (of other lengths) may overlap
    the new ones, as a long workshop slot overlaps two talks.
    """
    problems = []
    if length <= 0:
        problems.append("length: must be at least one minute")
    if gap < 0:
        problems.append("gap: must not be negative")
    if end <= start:
        problems.append("end: must be after the start")
    outside = [day for day in days if not event.starts_on <= day <= event.ends_on]
    if outside:
        problems.append(f"days: {outside[0]:%Y-%m-%d} is not within the event's dates")
    if not days:
        problems.append("days: choose at least one day")
    if problems:
        raise InputError("; ".join(problems))
    existing = set(event.slots.values_list("day", "start", "end"))
    wanted = []
    for day in sorted(set(days)):
        moment = datetime.combine(day, start)
        finish = moment + timedelta(minutes=length)
        while finish.date() == day and finish.time() <= end:
            wanted.append((day, moment.time(), finish.time()))
            moment = finish + timedelta(minutes=gap)
            finish = moment + timedelta(minutes=length)
    if not wanted:
        raise InputError("length: no slot of that length fits between the start and the end")
    created = [
        TimeSlot(event=event, day=day, start=begin, end=finish)
        for day, begin, finish in wanted
        if (day, begin, finish) not in existing
    ]
    return TimeSlot.objects.bulk_create(created)


@dataclass(frozen=True)
class SpeakerCost:
    speaker: Speaker
    mandatory: bool  # speaks in a session that must run
    on_agenda: bool  # speaks in a session of the stored agenda


@dataclass(frozen=True)
class BudgetSummary:
    """Speaker fees against the event's budget: what is committed, what the candidates cost."""

    budget: Decimal | None
    mandatory: Decimal  # fees of the speakers of sessions that must run
    agenda: Decimal  # fees of the speakers of the stored agenda's sessions
    candidates: Decimal  # fees if every candidate session ran
    speakers: list[SpeakerCost]

    @property
    def committed(self) -> Decimal:
        return max(self.mandatory, self.agenda)

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.committed

    @property
    def exceeded(self) -> bool:
        return self.budget is not None and self.committed > self.budget

    @property
    def warning(self) -> bool:
        """Committed fees are close to the budget (or over it)."""
        return self.budget is not None and self.committed >= BUDGET_WARNING_SHARE * self.budget


def budget_summary(*, event: Event) -> BudgetSummary:
    """What the event's speakers cost: each speaker paid once, whatever their sessions."""
    speakers = list(event.speakers.order_by("-fee", "name"))
    mandatory_ids = set(
        Session.objects.filter(event=event, optional=False).values_list("speakers", flat=True)
    ) | set(
        Session.objects.filter(event=event, fixed_slot__isnull=False).values_list(
            "speakers", flat=True
        )
    )
    agenda_ids = set(
        AgendaPlacement.objects.filter(event=event, plan=AgendaPlacement.Plan.SOLVED).values_list(
            "session__speakers", flat=True
        )
    )
    with_sessions = set(Session.objects.filter(event=event).values_list("speakers", flat=True))
    zero = Decimal(0)
    return BudgetSummary(
        budget=event.speaker_budget,
        mandatory=sum((s.fee for s in speakers if s.pk in mandatory_ids), zero),
        agenda=sum((s.fee for s in speakers if s.pk in agenda_ids), zero),
        candidates=sum((s.fee for s in speakers if s.pk in with_sessions), zero),
        speakers=[
            SpeakerCost(s, mandatory=s.pk in mandatory_ids, on_agenda=s.pk in agenda_ids)
            for s in speakers
        ],
    )
