"""The demo's conferences (demo/generator/events.py)."""

import datetime as dt

from outward.demo.generator.events import write_conferences
from outward.events.models import AgendaPlacement, Event, Vote
from tests import factories


def test_demo_has_a_solved_past_conference_and_one_in_planning(db):
    for number in range(3):
        partner = factories.PartnerFactory(partner_id=f"P{number}", name=f"Partner {number}")
        factories.PartnerDomainFactory(partner=partner, domain=f"p{number}.example")

    assert write_conferences(seed=1, today=dt.date(2026, 12, 2)) == 2

    past, upcoming = Event.objects.order_by("starts_on")
    places = upcoming.rooms.count() * upcoming.slots.count()
    assert (past.agenda_status in ("optimal", "feasible"), upcoming.agenda_status) == (True, "")
    assert AgendaPlacement.objects.filter(event=past, plan="solved").exists()
    assert AgendaPlacement.objects.filter(event=past, plan="draft").exists()
    assert Vote.objects.filter(request__event=past).exists()
    assert upcoming.sessions.count() > places
