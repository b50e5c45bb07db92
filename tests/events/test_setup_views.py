"""The organiser's set-up pages: valid and invalid input, and partner users refused."""

from decimal import Decimal

import pytest
from django.urls import reverse

from outward.events.models import Event, KindLimit, Room, Session, Speaker
from tests.events.conference import build_conference


@pytest.fixture
def conference(world):
    return build_conference(world)


def _body(response) -> str:
    return response.content.decode()


EVENT = {
    "name": "Partner Summit 2028",
    "starts_on": "2028-05-03",
    "ends_on": "2028-05-04",
    "venue": "Porto",
    "speaker_budget": "12000",
    "votes_per_user": "4",
    "solve_seconds": "15",
    "max_product": "0.25",
    "min_partner_requested": "0.4",
}


def test_organiser_creates_an_event_with_limits(world, login):
    response = login(world.manager).post(reverse("events:create"), EVENT)
    event = Event.objects.get(name="Partner Summit 2028")
    assert response.status_code == 302
    assert response["Location"] == reverse("events:detail", args=[event.pk])
    assert (event.venue, event.votes_per_user, event.solve_seconds) == ("Porto", 4, 15)
    assert sorted(KindLimit.objects.values_list("kind", "min_share", "max_share")) == sorted(
        [("product", None, Decimal("0.25")), ("partner_requested", Decimal("0.4"), None)]
    )


def test_event_form_shows_the_stored_limits(world, login, conference):
    body = _body(login(world.manager).get(reverse("events:edit", args=[conference.event.pk])))
    assert 'name="max_product" value="0.5000"' in body
    assert 'value="Partner Summit 2027"' in body


def test_event_with_a_share_over_one_answers_400_naming_the_field(world, login):
    data = {**EVENT, "ends_on": "2028-05-01", "max_product": "1.5"}
    response = login(world.manager).post(reverse("events:create"), data)
    body = _body(response)
    assert response.status_code == 400
    assert "Product: at most: Ensure this value is less than or equal to 1." in body
    assert Event.objects.count() == 0


def test_event_dates_out_of_order_answers_400_naming_the_field(world, login):
    data = {**EVENT, "ends_on": "2028-05-01"}
    response = login(world.manager).post(reverse("events:create"), data)
    assert response.status_code == 400
    assert "Last day: the event cannot end before it starts" in _body(response)
    assert Event.objects.count() == 0


def test_organiser_edits_the_event(world, login, conference):
    url = reverse("events:edit", args=[conference.event.pk])
    data = {**EVENT, "starts_on": "2027-03-02", "ends_on": "2027-03-02", "max_product": ""}
    response = login(world.manager).post(url, data)
    conference.event.refresh_from_db()
    assert (response.status_code, conference.event.name) == (302, "Partner Summit 2028")
    assert list(KindLimit.objects.filter(event=conference.event).values_list("kind")) == [
        ("partner_requested",)
    ]


def test_organiser_adds_edits_and_deletes_a_room(world, login, conference):
    client = login(world.manager)
    url = reverse("events:rooms", args=[conference.event.pk])
    assert client.post(url, {"name": "Terrace", "capacity": "40"}).status_code == 302
    room = Room.objects.get(name="Terrace")
    edit = reverse("events:room", args=[conference.event.pk, room.pk])
    assert client.post(edit, {"name": "Roof", "capacity": "45"}).status_code == 302
    room.refresh_from_db()
    assert (room.name, room.capacity) == ("Roof", 45)
    delete = reverse("events:room_delete", args=[conference.event.pk, room.pk])
    assert client.post(delete).status_code == 302
    assert list(Room.objects.filter(event=conference.event).values_list("name", flat=True)) == [
        "Auditorium",
        "Studio",
    ]


def test_room_with_a_taken_name_answers_400_and_stores_nothing(world, login, conference):
    url = reverse("events:rooms", args=[conference.event.pk])
    response = login(world.manager).post(url, {"name": "Studio", "capacity": "0"})
    body = _body(response)
    assert response.status_code == 400
    assert "Name: the event already has a room called &#x27;Studio&#x27;" in body
    assert "Capacity (seats): a room needs at least one seat" in body
    assert Room.objects.filter(event=conference.event).count() == 2


def test_deleting_a_used_room_answers_400_with_the_reason(world, login, conference):
    conference.place(conference.keynote, conference.big)
    url = reverse("events:room_delete", args=[conference.event.pk, conference.big.pk])
    response = login(world.manager).post(url)
    assert response.status_code == 400
    assert "Auditorium is used by 1 placement of the agenda or draft" in _body(response)
    assert Room.objects.filter(pk=conference.big.pk).exists()


def test_deleting_a_session_asks_first_and_names_what_goes_with_it(world, login, conference):
    conference.place(conference.pitch, conference.big)
    client = login(world.manager)
    url = reverse("events:session_delete", args=[conference.event.pk, conference.pitch.pk])
    listing = _body(client.get(reverse("events:sessions", args=[conference.event.pk])))
    body = _body(client.get(url))
    assert f'href="{url}"' in listing
    assert "its 1 place in the agenda or the draft" in body
    assert f"Delete “{conference.pitch.title}”</button>" in body
    assert Session.objects.filter(pk=conference.pitch.pk).exists()
    assert client.post(url).status_code == 302
    assert Session.objects.filter(pk=conference.pitch.pk).exists() is False


def test_asking_to_delete_a_used_room_says_why_it_cannot_go(world, login, conference):
    Session.objects.filter(pk=conference.keynote.pk).update(
        fixed_room=conference.big, fixed_slot=conference.slots[0]
    )
    url = reverse("events:room_delete", args=[conference.event.pk, conference.big.pk])
    body = _body(login(world.manager).get(url))
    assert "It cannot be deleted: Auditorium is used by 1 pinned session; move them first." in body
    assert "<h1>The room “Auditorium” stays" in body
    assert "</button>" not in body.split("<main", 1)[-1].split("</main>", 1)[0]


def test_organiser_adds_a_speaker_and_the_budget_follows(world, login, conference):
    client = login(world.manager)
    url = reverse("events:speakers", args=[conference.event.pk])
    data = {
        "name": "Gia Guest",
        "kind": "external_headline",
        "fee": "1500",
        "unavailable": [conference.slots[0].pk],
    }
    assert client.post(url, data).status_code == 302
    speaker = Speaker.objects.get(name="Gia Guest")
    assert list(speaker.unavailable.all()) == [conference.slots[0]]
    session = reverse("events:session", args=[conference.event.pk, conference.workshop.pk])
    client.post(session, {"title": "Hands-on lab", "kind": "training", "speakers": [speaker.pk]})
    budget = _body(client.get(reverse("events:budget", args=[conference.event.pk])))
    assert "Gia Guest" in budget
    assert list(conference.workshop.speakers.all()) == [speaker]


def test_speaker_with_a_bad_fee_and_another_events_slot_answers_400(world, login, conference):
    other = build_conference(world)
    url = reverse("events:speaker", args=[conference.event.pk, conference.ceo.pk])
    data = {"name": "Cleo", "kind": "boss", "fee": "-5", "unavailable": [other.slots[0].pk]}
    response = login(world.manager).post(url, data)
    body = _body(response)
    assert response.status_code == 400
    assert "Kind: Select a valid choice. boss is not one of the available choices." in body
    assert "Slots they cannot make: Select a valid choice." in body
    conference.ceo.refresh_from_db()
    assert conference.ceo.name == "Cleo CEO"


def test_deleting_a_speaker_who_speaks_answers_400(world, login, conference):
    url = reverse("events:speaker_delete", args=[conference.event.pk, conference.ceo.pk])
    response = login(world.manager).post(url)
    assert (response.status_code, Speaker.objects.filter(pk=conference.ceo.pk).count()) == (400, 1)
    assert "Cleo CEO speaks in “Opening keynote”" in _body(response)


def test_organiser_adds_edits_and_deletes_a_session(world, login, conference):
    client = login(world.manager)
    url = reverse("events:sessions", args=[conference.event.pk])
    data = {
        "title": "Partner panel",
        "abstract": "On stage",
        "track": "Business",
        "kind": "partner_requested",
        "speakers": [conference.ceo.pk],
        "answers": [conference.request.pk],
    }
    assert client.post(url, data).status_code == 302
    session = Session.objects.get(title="Partner panel")
    assert (session.optional, list(session.answers.all())) == (False, [conference.request])
    edit = reverse("events:session", args=[conference.event.pk, session.pk])
    assert client.post(edit, {**data, "optional": "on", "title": "Panel"}).status_code == 302
    session.refresh_from_db()
    assert (session.title, session.optional) == ("Panel", True)
    delete = reverse("events:session_delete", args=[conference.event.pk, session.pk])
    assert client.post(delete).status_code == 302
    assert Session.objects.filter(pk=session.pk).exists() is False


def test_session_without_title_answers_400_naming_the_field(world, login, conference):
    url = reverse("events:sessions", args=[conference.event.pk])
    response = login(world.manager).post(url, {"title": "", "kind": "product"})
    assert response.status_code == 400
    assert "Title: This field is required." in _body(response)
    assert Session.objects.filter(event=conference.event).count() == 4


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("events:create", []),
        ("events:edit", ["event"]),
        ("events:rooms", ["event"]),
        ("events:room_delete", ["event", "room"]),
        ("events:speakers", ["event"]),
        ("events:speaker_delete", ["event", "speaker"]),
        ("events:sessions", ["event"]),
        ("events:session", ["event", "session"]),
        ("events:session_delete", ["event", "session"]),
    ],
)
def test_partner_user_cannot_set_up(world, login, conference, name, args):
    values = {
        "event": conference.event.pk,
        "room": conference.small.pk,
        "speaker": conference.headliner.pk,
        "session": conference.pitch.pk,
    }
    before = (Event.objects.count(), Room.objects.count(), Speaker.objects.count())
    url = reverse(name, args=[values[arg] for arg in args])
    assert login(world.user_a).get(url).status_code == 404
    response = login(world.user_a).post(url, {"name": "Hijack", "title": "Hijack", "capacity": 1})
    after = (Event.objects.count(), Room.objects.count(), Speaker.objects.count())
    assert (response.status_code, after, Session.objects.filter(title="Hijack").count()) == (
        404,
        before,
        0,
    )


def _more_of_everything(conference, extra: int) -> None:
    event = conference.event
    for number in range(extra):
        Room.objects.create(event=event, name=f"Room {number}", capacity=10)
        speaker = Speaker.objects.create(event=event, name=f"S {number}", kind="partner")
        speaker.unavailable.add(conference.slots[number % 4])
        session = Session.objects.create(event=event, title=f"T {number}", kind="product")
        session.speakers.add(speaker)
        session.answers.add(conference.request)


@pytest.mark.parametrize("extra", [0, 4])
@pytest.mark.parametrize(("name", "queries"), [("rooms", 4), ("speakers", 7), ("sessions", 10)])
def test_set_up_lists_queries_do_not_grow(
    world, login, conference, django_assert_num_queries, extra, name, queries
):
    _more_of_everything(conference, extra)
    client = login(world.manager)
    url = reverse(f"events:{name}", args=[conference.event.pk])
    client.get(url)  # warm the session
    with django_assert_num_queries(queries):
        client.get(url)


def test_event_page_links_the_set_up_pages_for_organisers_only(world, login, conference):
    url = reverse("events:detail", args=[conference.event.pk])
    links = [
        reverse(name, args=[conference.event.pk])
        for name in ("events:edit", "events:rooms", "events:speakers", "events:sessions")
    ]
    organiser = _body(login(world.manager).get(url))
    partner = _body(login(world.user_a).get(url))
    assert [f'href="{link}"' in organiser for link in links] == [True] * 4
    assert [f'href="{link}"' in partner for link in links] == [False] * 4
