import datetime as dt
from decimal import Decimal

import pytest

from outward.core.errors import InputError
from outward.events.domain import planning
from outward.events.models import Event, Session
from tests.events.conference import DAY, build_conference


@pytest.fixture
def event(db):
    return Event.objects.create(
        name="Summit", starts_on=DAY, ends_on=DAY + dt.timedelta(days=1), venue="Lisbon"
    )


def _times(slots):
    return [(s.day, s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in slots]


def test_generate_slots_days_times_length_and_breaks(event):
    slots = planning.generate_slots(
        event=event,
        days=[DAY, DAY + dt.timedelta(days=1)],
        start=dt.time(9),
        end=dt.time(12),
        length=45,
        gap=15,
    )
    day2 = DAY + dt.timedelta(days=1)
    assert _times(slots) == [
        (DAY, "09:00", "09:45"),
        (DAY, "10:00", "10:45"),
        (DAY, "11:00", "11:45"),
        (day2, "09:00", "09:45"),
        (day2, "10:00", "10:45"),
        (day2, "11:00", "11:45"),
    ]


def test_generate_slots_of_another_length_may_overlap_and_repeats_are_kept(event):
    planning.generate_slots(event=event, days=[DAY], start=dt.time(9), end=dt.time(11), length=60)
    long = planning.generate_slots(
        event=event, days=[DAY], start=dt.time(9), end=dt.time(11), length=120
    )
    again = planning.generate_slots(
        event=event, days=[DAY], start=dt.time(9), end=dt.time(11), length=60
    )
    assert (_times(long), again, event.slots.count()) == ([(DAY, "09:00", "11:00")], [], 3)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"length": 0}, "length: must be at least one minute"),
        ({"end": dt.time(8)}, "end: must be after the start"),
        (
            {"days": [DAY - dt.timedelta(days=1)]},
            "days: 2027-03-01 is not within the event's dates",
        ),
        ({"length": 600}, "length: no slot of that length fits between the start and the end"),
    ],
)
def test_generate_slots_bad_input_names_the_field(event, arguments, message):
    values = {"days": [DAY], "start": dt.time(9), "end": dt.time(12), "length": 60} | arguments
    with pytest.raises(InputError) as caught:
        planning.generate_slots(event=event, **values)
    assert str(caught.value) == message


def test_budget_summary_sums_fees_once_per_speaker_and_warns(world):
    conference = build_conference(world, budget="8500")
    conference.pitch.optional = False
    conference.pitch.save()
    extra = Session.objects.create(event=conference.event, title="Encore", kind="keynote")
    extra.speakers.add(conference.headliner)

    summary = planning.budget_summary(event=conference.event)

    assert (summary.mandatory, summary.candidates, summary.remaining) == (
        Decimal("8000"),
        Decimal("8000"),
        Decimal("500"),
    )
    assert (summary.warning, summary.exceeded) == (True, False)


def test_budget_summary_without_budget_never_warns(world):
    conference = build_conference(world, budget=None)
    summary = planning.budget_summary(event=conference.event)
    assert (summary.budget, summary.warning, summary.exceeded, summary.remaining) == (
        None,
        False,
        False,
        None,
    )
