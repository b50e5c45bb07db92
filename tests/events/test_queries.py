"""List pages and exports make the same number of queries for 1 and for 5 records."""

import pytest
from django.urls import reverse

from outward.events.domain import requests, solving
from outward.events.models import Session
from tests import factories
from tests.events.conference import build_conference


def _more_requests(world, conference, count: int) -> None:
    for number in range(count):
        user = factories.UserFactory(
            username=f"u{number}@acme.example", role="partner", partner=world.partner_a
        )
        topic = requests.propose_request(
            event=conference.event, user=user, title=f"Topic {number}", why="w"
        )
        requests.cast_vote(request=topic, user=user)
        requests.add_comment(request=topic, user=user, body="c")
        session = Session.objects.create(
            event=conference.event, title=f"Extra {number}", kind="training"
        )
        session.speakers.add(conference.ceo)


@pytest.mark.parametrize("extra", [0, 4])
def test_requests_page_queries_do_not_grow(world, login, django_assert_num_queries, extra):
    conference = build_conference(world)
    _more_requests(world, conference, extra)
    client = login(world.user_b)
    url = reverse("events:requests", args=[conference.event.pk])
    client.get(url)  # warm the session
    with django_assert_num_queries(7):
        client.get(url)


@pytest.mark.parametrize("extra", [0, 4])
def test_agenda_exports_queries_do_not_grow(world, login, django_assert_num_queries, extra):
    conference = build_conference(world)
    _more_requests(world, conference, extra)
    solving.solve_event_agenda(event=conference.event, time_limit=1, workers=1)
    client = login(world.manager)
    client.get(reverse("events:list"))
    with django_assert_num_queries(6):
        client.get(reverse("events:agenda_csv", args=[conference.event.pk]))
    with django_assert_num_queries(5):
        client.get(reverse("events:calendar", args=[conference.event.pk]))


@pytest.mark.parametrize("extra", [0, 4])
def test_agenda_page_queries_do_not_grow(world, login, django_assert_num_queries, extra):
    conference = build_conference(world)
    _more_requests(world, conference, extra)
    solving.solve_event_agenda(event=conference.event, time_limit=1, workers=1)
    client = login(world.manager)
    client.get(reverse("events:list"))
    with django_assert_num_queries(38):
        client.get(reverse("events:agenda", args=[conference.event.pk]))
