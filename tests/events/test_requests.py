import pytest

from outward.core.errors import InputError
from outward.core.tenancy import partner_scope
from outward.events.domain import attendance, requests
from outward.events.models import Registration, Vote
from tests import factories
from tests.events.conference import build_conference


def test_partner_users_propose_vendor_staff_do_not(world):
    conference = build_conference(world)
    with pytest.raises(InputError) as caught:
        requests.propose_request(event=conference.event, user=world.manager, title="x", why="y")
    assert str(caught.value) == "Only partner users propose topics."


def test_propose_request_names_the_missing_field(world):
    conference = build_conference(world)
    with pytest.raises(InputError) as caught:
        requests.propose_request(event=conference.event, user=world.user_a, title=" ", why="y")
    assert str(caught.value) == "title: this field is required"


def test_votes_are_limited_per_partner_user(world):
    conference = build_conference(world)  # user_a has used one of two votes
    second = requests.propose_request(event=conference.event, user=world.user_b, title="B", why="b")
    third = requests.propose_request(event=conference.event, user=world.user_b, title="C", why="c")
    requests.cast_vote(request=second, user=world.user_a)
    with pytest.raises(InputError) as caught:
        requests.cast_vote(request=third, user=world.user_a)
    assert str(caught.value) == (
        "You have used all 2 of your votes: withdraw one to vote for this topic."
    )
    requests.withdraw_vote(request=second, user=world.user_a)
    requests.cast_vote(request=third, user=world.user_a)
    assert requests.votes_left(event=conference.event, user=world.user_a) == 0


def test_voting_twice_for_one_request_counts_once(world):
    conference = build_conference(world)
    requests.cast_vote(request=conference.request, user=world.user_a)
    assert Vote.objects.filter(request=conference.request).count() == 2


def test_merge_moves_votes_and_sessions_and_refunds_double_votes(world):
    conference = build_conference(world)
    duplicate = requests.propose_request(
        event=conference.event, user=world.user_b, title="Mid-market co-selling", why="same"
    )
    requests.cast_vote(request=duplicate, user=world.user_a)  # voted for both
    other = factories.UserFactory(
        username="cat@beta.example", role="partner", partner=world.partner_b
    )
    requests.cast_vote(request=duplicate, user=other)

    requests.merge_requests(duplicate=duplicate, into=conference.request)

    duplicate.refresh_from_db()
    voters = set(Vote.objects.filter(request=conference.request).values_list("user", flat=True))
    assert (duplicate.merged_into, voters) == (
        conference.request,
        {world.user_a.pk, world.user_b.pk, other.pk},
    )
    assert [(r.title, r.vote_count) for r in requests.requests_with_votes(conference.event)] == [
        ("Co-selling in the mid-market", 3),
        ("What's next on the roadmap", 1),
    ]
    assert requests.session_votes(conference.event)[conference.requested.pk] == 3


def test_merge_into_itself_is_refused(world):
    conference = build_conference(world)
    with pytest.raises(InputError) as caught:
        requests.merge_requests(duplicate=conference.request, into=conference.request)
    assert str(caught.value) == "into: a request cannot be merged into itself"


def test_request_becomes_an_optional_partner_requested_session(world):
    conference = build_conference(world)
    session = conference.requested
    assert (session.kind, session.optional, list(session.answers.all()), session.title) == (
        "partner_requested",
        True,
        [conference.request],
        "Co-selling in the mid-market",
    )


def test_registrations_are_scoped_to_the_partner(world):
    conference = build_conference(world)
    with partner_scope(world.partner_b.pk):
        seen = list(
            Registration.objects.filter(event=conference.event).values_list("user", flat=True)
        )
    assert seen == [world.user_b.pk]


def test_interests_outside_the_event_are_refused(world):
    conference = build_conference(world)
    other = build_conference(world)
    registration = attendance.registration_for(event=conference.event, user=world.user_a)
    with pytest.raises(InputError) as caught:
        attendance.set_interests(registration=registration, session_ids=[other.pitch.pk])
    assert str(caught.value) == "sessions: some sessions are not part of this event"


def test_requests_left_out_are_the_voted_ones_no_placed_session_answers(world):
    conference = build_conference(world)
    unanswered = requests.propose_request(
        event=conference.event, user=world.user_a, title="Unanswered", why="x"
    )
    requests.cast_vote(request=unanswered, user=world.user_a)
    left_out = requests.requests_left_out(
        event=conference.event, placed_session_ids=[conference.requested.pk]
    )
    assert [topic.title for topic in left_out] == ["Unanswered", "What's next on the roadmap"]
