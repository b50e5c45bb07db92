"""Partner conference planning in a real browser: a partner user proposes and votes for a
topic; an organiser turns it into a session, solves the agenda from the page, pins a session
and solves again."""

import pytest
from playwright.sync_api import expect

from outward.events.domain import solving
from outward.events.models import AgendaPlacement, Session, TopicRequest
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
    )
    found = problems(page, paths, e=solved_conference.event.pk, r=solved_conference.request.pk)
    assert found == {}, report(found)


def test_event_pages_pass_axe_for_partner_users(
    world, solved_conference, live_server, page, logged_in_page
):
    logged_in_page(world.user_b)
    paths = (*EVENT_PAGES, "/events/{e}/registration/")
    found = problems(page, paths, e=solved_conference.event.pk, r=solved_conference.request.pk)
    assert found == {}, report(found)
