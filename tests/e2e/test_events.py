"""Partner conference planning in a real browser: a partner user proposes and votes for a
topic; an organiser turns it into a session, solves the agenda from the page, pins a session
and solves again."""

import pytest
from playwright.sync_api import expect

from outward.events.domain import solving
from outward.events.models import AgendaPlacement, Event, Room, Session, Speaker, TopicRequest
from tests.e2e.test_accessibility import problems, report
from tests.events.conference import build_conference

pytestmark = pytest.mark.e2e


def test_partner_proposes_and_votes_organiser_solves_pins_and_solves_again(
    world, live_server, page, logged_in_page
):
    conference = build_conference(world)
    event = conference.event

    # A partner user proposes a topic and votes for it (their second and last vote).
    logged_in_page(world.user_a)
    page.goto(f"{live_server.url}/events/{event.pk}/requests/")
    page.get_by_role("textbox", name="Topic").fill("Renewals playbook")
    page.get_by_role("textbox", name="Why we need it").fill("Renewals are where we lose margin.")
    page.get_by_role("button", name="Propose").click()
    expect(page.get_by_role("status")).to_contain_text("Your topic “Renewals playbook”")
    page.get_by_role("button", name="Vote for Renewals playbook").click()
    expect(
        page.get_by_role("button", name="Withdraw my vote for Renewals playbook")
    ).to_be_visible()
    expect(page.locator("#vote-" + str(TopicRequest.objects.get(title="Renewals playbook").pk)))
    expect(page.get_by_text("0 votes left").first).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # The organiser turns it into a session.
    logged_in_page(world.manager)
    topic = TopicRequest.objects.get(title="Renewals playbook")
    page.goto(f"{live_server.url}/events/{event.pk}/requests/{topic.pk}/")
    page.get_by_role("button", name="Turn into a session").click()
    expect(page.get_by_role("status")).to_contain_text("Session “Renewals playbook”")
    session = Session.objects.get(title="Renewals playbook")
    assert (session.kind, list(session.answers.all())) == ("partner_requested", [topic])

    # Solve from the agenda page: the run's outcome is shown, and the grid.
    page.goto(f"{live_server.url}/events/{event.pk}/agenda/")
    page.get_by_role("button", name="Solve the agenda").click()
    expect(page.get_by_text("Agenda stored")).to_be_visible()
    grid = page.get_by_role("table", name="Solved agenda")
    expect(grid).to_contain_text("Renewals playbook")

    # Pin the keynote and solve again: it stays where it was pinned.
    before = AgendaPlacement.objects.get(session=conference.keynote, plan="solved")
    page.get_by_role("button", name="Pin Opening keynote").click()
    expect(page.get_by_role("button", name="Unpin Opening keynote")).to_be_visible()
    page.get_by_role("button", name="Solve again").click()
    expect(page.get_by_text("Agenda stored")).to_be_visible()
    after = AgendaPlacement.objects.get(session=conference.keynote, plan="solved")
    assert (after.slot_id, after.room_id) == (before.slot_id, before.room_id)
    expect(page.get_by_role("button", name="Unpin Opening keynote")).to_be_visible()


@pytest.fixture
def solved_conference(world):
    conference = build_conference(world)
    solving.solve_event_agenda(event=conference.event, time_limit=1, workers=1)
    solving.place_by_hand(
        session=conference.keynote, slot=conference.slots[0], room=conference.small
    )
    return conference


EVENT_PAGES = ("/events/", "/events/{e}/", "/events/{e}/requests/", "/events/{e}/requests/{r}/")


def test_event_pages_pass_axe_for_vendor_staff(
    world, solved_conference, live_server, page, logged_in_page
):
    logged_in_page(world.manager)
    paths = (
        *EVENT_PAGES,
        "/events/{e}/budget/",
        "/events/{e}/agenda/",
        "/events/{e}/agenda/?plan=draft",
        "/events/new/",
        "/events/{e}/edit/",
        "/events/{e}/rooms/",
        "/events/{e}/rooms/{room}/",
        "/events/{e}/speakers/",
        "/events/{e}/speakers/{speaker}/",
        "/events/{e}/sessions/",
        "/events/{e}/sessions/{session}/",
    )
    conference = solved_conference
    found = problems(
        page,
        paths,
        e=conference.event.pk,
        r=conference.request.pk,
        room=conference.big.pk,
        speaker=conference.headliner.pk,
        session=conference.requested.pk,
    )
    assert found == {}, report(found)


def test_event_pages_pass_axe_for_partner_users(
    world, solved_conference, live_server, page, logged_in_page
):
    logged_in_page(world.user_b)
    paths = (*EVENT_PAGES, "/events/{e}/registration/")
    found = problems(page, paths, e=solved_conference.event.pk, r=solved_conference.request.pk)
    assert found == {}, report(found)


def test_organiser_sets_up_an_event_with_a_room_a_speaker_and_a_session(
    world, live_server, page, logged_in_page
):
    logged_in_page(world.manager)
    page.goto(f"{live_server.url}/events/")
    page.get_by_role("link", name="New event").click()
    page.locator("#id_name").fill("Partner Days 2028")
    page.locator("#id_starts_on").fill("2028-05-03")
    page.locator("#id_ends_on").fill("2028-05-03")
    page.locator("#id_venue").fill("Porto")
    page.locator("#id_speaker_budget").fill("5000")
    page.locator("#id_max_product").fill("0.25")
    page.get_by_role("button", name="Create the event").click()
    expect(page.get_by_role("status")).to_contain_text("“Partner Days 2028” is saved.")
    event = Event.objects.get(name="Partner Days 2028")

    # Time slots from the generator on the event's page, then a room.
    page.get_by_role("button", name="Add slots").click()
    expect(page.get_by_role("status")).to_contain_text("time slots added")
    page.get_by_role("link", name="Add or change rooms").click()
    page.get_by_label("Name").fill("Auditorium")
    page.get_by_label("Capacity (seats)").fill("120")
    page.get_by_role("button", name="Add the room").click()
    expect(page.get_by_role("status")).to_contain_text("Room “Auditorium” added.")

    # A speaker who cannot make the first slot; a wrong fee is refused first, naming the field.
    page.get_by_role("link", name="Speakers", exact=True).click()
    page.get_by_label("Name").fill("Hedda Headline")
    page.get_by_label("Kind").select_option("external_headline")
    page.get_by_label("Fee").fill("-1")
    first_slot = str(event.slots.first())
    page.get_by_role("checkbox", name=first_slot).check()
    page.get_by_role("button", name="Add the speaker").click()
    expect(page.get_by_role("alert").last).to_contain_text("Fee:")
    page.get_by_label("Fee").fill("2500")
    page.get_by_role("button", name="Add the speaker").click()
    expect(page.get_by_role("status")).to_contain_text("Speaker “Hedda Headline” added.")

    # A mandatory keynote with that speaker.
    page.get_by_role("link", name="Sessions", exact=True).click()
    page.get_by_label("Title").fill("Opening keynote")
    page.get_by_label("Kind").select_option("keynote")
    page.get_by_role("checkbox", name="Optional").uncheck()
    page.get_by_role("checkbox", name="Hedda Headline").check()
    page.get_by_role("button", name="Add the session").click()
    expect(page.get_by_role("status")).to_contain_text("Session “Opening keynote” added.")

    room = Room.objects.get(event=event)
    speaker = Speaker.objects.get(event=event)
    session = Session.objects.get(event=event)
    assert (room.name, room.capacity) == ("Auditorium", 120)
    assert (speaker.kind, list(speaker.unavailable.all())) == (
        "external_headline",
        [event.slots.first()],
    )
    assert (session.kind, session.optional, list(session.speakers.all())) == (
        "keynote",
        False,
        [speaker],
    )
    page.get_by_role("link", name="Budget").click()
    expect(page.locator("dl.headline")).to_contain_text("2,500")
