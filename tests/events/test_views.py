"""The event pages as each persona uses them."""

import icalendar
import pytest
from django.urls import reverse

from outward.core.models import TaskRun
from outward.events.domain import requests, solving
from outward.events.models import AgendaPlacement, Registration, Session, TopicRequest, Vote
from tests.events.conference import build_conference


@pytest.fixture
def conference(world):
    return build_conference(world)


def _body(response) -> str:
    return response.content.decode()


def test_partner_user_proposes_a_topic(world, login, conference):
    url = reverse("events:requests", args=[conference.event.pk])
    response = login(world.user_a).post(url, {"title": "Renewals playbook", "why": "Churn"})
    assert response.status_code == 302
    topic = TopicRequest.objects.get(title="Renewals playbook")
    assert (topic.partner, topic.author, topic.why) == (world.partner_a, world.user_a, "Churn")


def test_propose_without_title_answers_400_naming_the_field(world, login, conference):
    url = reverse("events:requests", args=[conference.event.pk])
    response = login(world.user_a).post(url, {"title": "", "why": "Churn"})
    assert (response.status_code, "Topic: This field is required." in _body(response)) == (
        400,
        True,
    )


def test_other_partners_see_the_topic_but_not_who_asked(world, login, conference):
    body = _body(login(world.user_b).get(reverse("events:requests", args=[conference.event.pk])))
    assert "Co-selling in the mid-market" in body
    assert ("Acme Integration" in body, "ann@acme.example" in body, "Another partner" in body) == (
        False,
        False,
        True,
    )


def test_vendor_sees_who_asked(world, login, conference):
    body = _body(login(world.manager).get(reverse("events:requests", args=[conference.event.pk])))
    assert "ann@acme.example (Acme Integration)" in body


def test_vote_with_htmx_answers_the_vote_control(world, login, conference):
    topic = TopicRequest.objects.get(title="What's next on the roadmap")
    url = reverse("events:vote", args=[conference.event.pk, topic.pk])
    response = login(world.user_a).post(url, headers={"HX-Request": "true"})
    assert (response.status_code, "<strong>2</strong> votes" in _body(response)) == (200, True)
    assert "0 votes left" in _body(response)


def test_vote_over_the_limit_answers_400_with_the_reason(world, login, conference):
    extra = TopicRequest.objects.create(
        event=conference.event, partner=world.partner_a, title="Extra", why="x"
    )
    url = reverse("events:vote", args=[conference.event.pk, extra.pk])
    response = login(world.user_b).post(url, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "You have used all 2 of your votes" in _body(response)
    assert Vote.objects.filter(request=extra).count() == 0


def test_manager_turns_a_request_into_a_session(world, login, conference):
    topic = TopicRequest.objects.get(title="What's next on the roadmap")
    url = reverse("events:make_session", args=[conference.event.pk, topic.pk])
    response = login(world.manager).post(url, {"title": "Roadmap Q&A"})
    session = Session.objects.get(title="Roadmap Q&A")
    assert (response.status_code, session.kind, list(session.answers.all())) == (
        302,
        "partner_requested",
        [topic],
    )


def test_manager_merges_a_duplicate(world, login, conference):
    duplicate = TopicRequest.objects.create(
        event=conference.event, partner=world.partner_b, title="Co-sell", why="x"
    )
    url = reverse("events:merge", args=[conference.event.pk, duplicate.pk])
    response = login(world.manager).post(url, {"into": conference.request.pk})
    duplicate.refresh_from_db()
    assert (response.status_code, duplicate.merged_into) == (302, conference.request)


def test_merge_without_target_answers_400(world, login, conference):
    url = reverse("events:merge", args=[conference.event.pk, conference.request.pk])
    response = login(world.manager).post(url, {"into": "x"})
    assert response.status_code == 400
    assert "Merge into: Select a valid choice." in _body(response)


def test_partner_user_registers_with_interests(world, login, conference):
    Registration.objects.filter(user=world.user_a).delete()
    url = reverse("events:registration", args=[conference.event.pk])
    response = login(world.user_a).post(
        url, {"action": "save", "sessions": [conference.keynote.pk]}
    )
    registration = Registration.objects.get(user=world.user_a)
    assert (response.status_code, list(registration.interests.all())) == (
        302,
        [conference.keynote],
    )


def test_registration_page_shows_only_own_choices(world, login, conference):
    body = _body(
        login(world.user_b).get(reverse("events:registration", args=[conference.event.pk]))
    )
    assert f'value="{conference.pitch.pk}" id="interest-{conference.pitch.pk}" checked' in body
    assert (
        f'value="{conference.keynote.pk}" id="interest-{conference.keynote.pk}" checked' not in body
    )


def test_solve_from_the_page_stores_the_agenda_and_shows_the_grid(world, login, conference):
    client = login(world.manager)
    response = client.post(reverse("events:solve", args=[conference.event.pk]))
    assert response.status_code == 302
    page = client.get(response["Location"])
    body = _body(page)
    assert "Agenda stored" in body
    assert AgendaPlacement.objects.filter(event=conference.event, plan="solved").count() == 4
    assert "kind-keynote" in body and "Pin here" in body


def test_agenda_page_says_when_the_solved_figures_no_longer_hold(world, login, conference):
    solving.solve_event_agenda(event=conference.event, time_limit=1, workers=1)
    client = login(world.manager)
    url = reverse("events:agenda", args=[conference.event.pk])
    assert "changed since" not in _body(client.get(url))
    requests.withdraw_vote(request=conference.request, user=world.user_b)
    body = _body(client.get(url))
    conference.event.refresh_from_db()
    assert f"{conference.event.agenda_votes - 1}</strong> partner votes" in body
    assert "<strong>changed since</strong> by hand moves, votes or interests" in body


def test_solve_with_htmx_answers_the_run(world, login, conference):
    response = login(world.manager).post(
        reverse("events:solve", args=[conference.event.pk]), headers={"HX-Request": "true"}
    )
    run = TaskRun.objects.get(kind="events.solve_agenda")
    assert (response.status_code, response["HX-Redirect"], run.state) == (
        204,
        f"/events/{conference.event.pk}/agenda/?run={run.pk}",
        "success",
    )


def test_pin_then_agenda_shows_pinned(world, login, conference):
    solving.solve_event_agenda(event=conference.event, time_limit=1, workers=1)
    client = login(world.manager)
    url = reverse("events:pin", args=[conference.event.pk, conference.keynote.pk])
    assert client.post(url).status_code == 302
    conference.keynote.refresh_from_db()
    assert conference.keynote.fixed_slot is not None
    body = _body(client.get(reverse("events:agenda", args=[conference.event.pk])))
    assert "Unpin Opening keynote" in body


def test_pin_a_session_not_on_the_agenda_answers_400(world, login, conference):
    url = reverse("events:pin", args=[conference.event.pk, conference.keynote.pk])
    response = login(world.manager).post(url)
    assert response.status_code == 400
    assert "is not on the agenda" in _body(response)


def test_hand_draft_move_shows_the_checks(world, login, conference):
    client = login(world.manager)
    url = reverse("events:place", args=[conference.event.pk, conference.keynote.pk])
    client.post(url, {"slot": conference.slots[0].pk, "room": conference.small.pk})
    client.post(
        reverse("events:place", args=[conference.event.pk, conference.workshop.pk]),
        {"slot": conference.slots[0].pk, "room": conference.small.pk},
    )
    body = _body(client.get(reverse("events:agenda", args=[conference.event.pk]) + "?plan=draft"))
    assert "Studio" in body and 'class="error"' in body


def test_calendars_whole_event_and_own_sessions(world, login, conference):
    solving.solve_event_agenda(event=conference.event, time_limit=1, workers=1)
    whole = login(world.user_a).get(reverse("events:calendar", args=[conference.event.pk]))
    mine = login(world.user_b).get(reverse("events:my_calendar", args=[conference.event.pk]))

    def titles(response):
        calendar = icalendar.Calendar.from_ical(response.content)
        return sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))

    assert titles(whole) == [
        "Co-selling in the mid-market",
        "Hands-on lab",
        "Opening keynote",
        "Product roadmap",
    ]
    assert titles(mine) == ["Co-selling in the mid-market", "Product roadmap"]


def test_agenda_csv(world, login, conference):
    solving.solve_event_agenda(event=conference.event, time_limit=1, workers=1)
    response = login(world.manager).get(reverse("events:agenda_csv", args=[conference.event.pk]))
    lines = response.content.decode().splitlines()
    assert lines[0] == "day,start,end,room,session,kind,track,speakers,votes"
    assert len(lines) == 5


def test_budget_page_warns_before_the_budget_is_exceeded(world, login, conference):
    conference.pitch.optional = False
    conference.pitch.save()
    conference.event.speaker_budget = 8500
    conference.event.save()
    body = _body(login(world.manager).get(reverse("events:budget", args=[conference.event.pk])))
    assert "only 500 remain" in body


def test_slot_generator_bad_input_answers_400_naming_the_field(world, login, conference):
    url = reverse("events:slots", args=[conference.event.pk])
    response = login(world.manager).post(
        url, {"days": ["2027-03-02"], "start": "09:00", "end": "08:00", "length": 60, "gap": 0}
    )
    assert (response.status_code, "end: must be after the start" in _body(response)) == (400, True)


def test_event_pages_open(world, login, conference):
    client = login(world.user_a)
    assert client.get(reverse("events:list")).status_code == 200
    detail = client.get(reverse("events:detail", args=[conference.event.pk]))
    assert "Partner Summit 2027" in _body(detail)
    topic = client.get(reverse("events:request", args=[conference.event.pk, conference.request.pk]))
    assert "We lose deals" in _body(topic)


def test_infeasible_solve_from_the_page_names_each_reason_and_keeps_the_agenda(
    world, login, conference
):
    solving.solve_event_agenda(event=conference.event, time_limit=1, workers=1)
    conference.workshop.expected_attendance = 999
    conference.workshop.save()
    client = login(world.manager)
    response = client.post(reverse("events:solve", args=[conference.event.pk]))
    body = _body(client.get(response["Location"]))
    assert "No agenda was stored: “Hands-on lab” cannot fit in any room" in body
    assert AgendaPlacement.objects.filter(event=conference.event, plan="solved").count() == 4


def test_event_page_shows_the_agenda_with_the_partner_users_own_choices(world, login, conference):
    solving.solve_event_agenda(event=conference.event, time_limit=1, workers=1)
    body = _body(login(world.user_b).get(reverse("events:detail", args=[conference.event.pk])))
    assert "4 sessions; ★ marks the ones you chose" in body
    assert body.count('aria-label="chosen by you"') == 2


def test_stop_asks_the_running_solve_to_keep_the_best(world, login, conference):
    response = login(world.manager).post(
        reverse("events:stop", args=[conference.event.pk]), headers={"HX-Request": "true"}
    )
    conference.event.refresh_from_db()
    assert (response.status_code, conference.event.agenda_stop_requested) == (200, True)
    assert "the best agenda found so far will be stored" in _body(response)
