import datetime as dt
import random
import time

import pytest

from outward.core.errors import InputError
from outward.events.domain import attendance, planning, solving
from outward.events.domain.instance import event_document, session_key
from outward.events.domain.review import review_agenda
from outward.events.models import AgendaPlacement, Session
from tests import factories
from tests.events.conference import DAY, build_conference


def test_event_document_takes_votes_fees_budget_limits_and_interests(world):
    c = build_conference(world)
    document = event_document(event=c.event)
    sessions = {s["title"]: (s["kind"], s["optional"], s["votes"]) for s in document["sessions"]}
    assert sessions == {
        "Opening keynote": ("keynote", False, 0),
        "Product roadmap": ("product", True, 1),
        "Co-selling in the mid-market": ("partner_requested", True, 2),
        "Hands-on lab": ("training", False, 0),
    }
    assert (document["budget"], document["kind_limits"], len(document["slots"])) == (
        10000,
        [{"kind": "product", "min_share": None, "max_share": 0.5}],
        4,
    )
    assert sorted(len(i["sessions"]) for i in document["interests"]) == [2, 3]
    assert sorted(s["fee"] for s in document["speakers"]) == [0, 8000]


def test_solve_stores_the_agenda_and_its_figures(world):
    c = build_conference(world)
    reports = []
    solution = solving.solve_event_agenda(
        event=c.event, time_limit=1, workers=1, on_progress=reports.append
    )
    c.event.refresh_from_db()
    placed = set(
        AgendaPlacement.objects.filter(event=c.event, plan="solved").values_list(
            "session__title", flat=True
        )
    )
    assert placed == {
        "Opening keynote",
        "Product roadmap",
        "Co-selling in the mid-market",
        "Hands-on lab",
    }
    assert (reports[-1].level, reports[-1].votes, reports[-1].clashes) == ("clashes", 3, 0)
    assert (c.event.agenda_status, c.event.agenda_votes, c.event.agenda_clashes) == (
        solution.status,
        3,
        0,
    )


def test_budget_leaves_the_paid_speaker_out(world):
    c = build_conference(world, budget="5000")
    solution = solving.solve_event_agenda(event=c.event, time_limit=1, workers=1)
    assert solution.unscheduled == (session_key(c.pitch.pk),)


def test_infeasible_event_stores_nothing_and_names_each_reason(world):
    c = build_conference(world)
    solving.solve_event_agenda(event=c.event, time_limit=1, workers=1)
    before = list(AgendaPlacement.objects.values_list("session", "slot", "room"))
    c.keynote.expected_attendance = 500
    c.keynote.save()
    with pytest.raises(solving.AgendaProblem) as caught:
        solving.solve_event_agenda(event=c.event, time_limit=1, workers=1)
    assert caught.value.reasons == [
        "“Opening keynote” cannot fit in any room: it needs 500 seats, "
        "the largest room (Auditorium) has 200"
    ]
    assert list(AgendaPlacement.objects.values_list("session", "slot", "room")) == before


def test_event_without_rooms_says_so(world):
    c = build_conference(world)
    c.event.rooms.all().delete()
    with pytest.raises(InputError) as caught:
        solving.solve_event_agenda(event=c.event, time_limit=1, workers=1)
    assert caught.value.reasons == ["The event has no rooms yet: add at least one."]


def test_pinned_session_stays_where_it_was_pinned_after_a_re_solve(world):
    c = build_conference(world)
    solving.solve_event_agenda(event=c.event, time_limit=1, workers=1)
    moved = c.slots[-1]
    AgendaPlacement.objects.filter(session=c.workshop).update(slot=moved, room=c.small)
    solving.pin_session(session=Session.objects.get(pk=c.workshop.pk))
    solving.solve_event_agenda(event=c.event, time_limit=1, workers=1)
    placement = AgendaPlacement.objects.get(session=c.workshop, plan="solved")
    assert (placement.slot, placement.room) == (moved, c.small)


def test_pin_a_session_off_the_agenda_is_refused(world):
    c = build_conference(world)
    with pytest.raises(InputError) as caught:
        solving.pin_session(session=c.workshop)
    assert str(caught.value) == "“Hands-on lab” is not on the agenda: there is nowhere to pin it."


def test_hand_draft_review_shows_clashes_violations_and_most_affected(world):
    c = build_conference(world)
    first = c.slots[0]
    solving.place_by_hand(session=c.keynote, slot=first, room=c.big)
    solving.place_by_hand(session=c.requested, slot=first, room=c.small)
    solving.place_by_hand(session=c.workshop, slot=first, room=c.small)

    review = review_agenda(event=c.event, plan="draft")

    kinds = sorted({v.kind for v in review.violations})
    assert (review.clashes, kinds) == (3, ["room_double_booked"])
    assert [(a.label, a.clashes) for a in review.most_affected] == [
        (f"{world.user_a.email} (Acme Integration)", 3)
    ]
    assert [s.title for s in review.unscheduled] == ["Product roadmap"]


def test_stop_requested_during_a_solve_stores_the_best_agenda_so_far(world):
    c = build_conference(world)
    rng = random.Random(3)
    for number in range(30):
        session = Session.objects.create(
            event=c.event, title=f"Extra {number}", kind="training", expected_attendance=10
        )
        session.answers.add(c.request)
    planning.generate_slots(
        event=c.event, days=[DAY], start=dt.time(13), end=dt.time(18), length=30
    )
    sessions = list(Session.objects.filter(event=c.event).values_list("pk", flat=True))
    for number in range(40):
        user = factories.UserFactory(
            username=f"a{number}@beta.example", role="partner", partner=world.partner_b
        )
        registration = attendance.register(event=c.event, user=user)
        attendance.set_interests(registration=registration, session_ids=rng.sample(sessions, 12))
    started = time.monotonic()

    def stop_at_once(progress) -> None:
        solving.request_stop(event=c.event)

    solution = solving.solve_event_agenda(
        event=c.event, time_limit=60, workers=1, on_progress=stop_at_once
    )
    # Without the stop it would search for the full minute: the clashes are not proven here.
    assert (solution.status, time.monotonic() - started < 20) == ("feasible", True)
    assert AgendaPlacement.objects.filter(event=c.event, plan="solved").count() == len(
        solution.assignments
    )
