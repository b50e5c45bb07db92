"""Demo partner conferences, built through the events app's own rules.

One past conference whose partners proposed topics and voted, registered and chose sessions,
with a solved agenda beside the organiser's hand draft (product pitches and executives first,
as the planning meeting usually goes); one upcoming conference still in planning, with more
candidate sessions than places. Attendees are partner users who cannot log in (unusable
password), except the demo's own partner user, who took part in both.
"""

import datetime as dt
from decimal import Decimal
from itertools import cycle
from random import Random

from outward.core.models import Role, User
from outward.events.domain import attendance, planning, requests, solving
from outward.events.models import AgendaPlacement, Event, KindLimit, Room, Session, Speaker
from outward.partners.models import Partner

TOPICS = (
    ("Co-selling in the mid-market", "We lose mid-market deals to direct sales."),
    ("Deal registration that protects us", "Registered deals still get undercut."),
    ("Pricing for managed services", "Monthly pricing would fit our MSP business."),
    ("Certification paths for presales", "Our presales team needs a clear path."),
    ("Joint marketing funds: how to apply", "The MDF process takes months."),
    ("Migrating customers to the cloud suite", "Customers ask for a migration plan."),
    ("Renewals playbook", "Renewals are where we lose margin."),
    ("Security line technical deep dive", "Our engineers want the architecture."),
    ("Partner portal roadmap", "The portal is hard to use."),
    ("Selling to the public sector", "Tenders need references we lack."),
    ("API integrations for resellers", "We want to automate quoting."),
    ("Customer success metrics that matter", "What does the vendor measure?"),
)
VENDOR_SESSIONS = (
    ("Product roadmap 2027", "product", "Product", False),
    ("What's new in the Cloud Suite", "product", "Product", True),
    ("Security line launch", "product", "Product", True),
    ("Analytics add-on demo", "product", "Product", True),
    ("CEO opening keynote", "keynote", "Plenary", False),
    ("Sales chief keynote", "keynote", "Plenary", True),
    ("Headline: the future of the channel", "keynote", "Plenary", True),
    ("Certification lab", "training", "Enablement", True),
    ("Partner portal training", "training", "Enablement", True),
    ("Networking lunch", "networking", "Community", False),
)
_FIRST = ("Ana", "Bo", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jay", "Kim", "Lea")
_LAST = ("Adler", "Brandt", "Chen", "Diaz", "Eriksen", "Fischer", "Gupta", "Haas", "Ivanova")


def _attendees(rng: Random, partners: list[Partner], count: int) -> list[User]:
    """Partner users to propose, vote and attend: the existing ones, then new ones."""
    users = list(User.objects.filter(role=Role.PARTNER, partner__in=partners).order_by("pk"))
    for number, partner in zip(range(len(users), count), cycle(partners), strict=False):
        domain = partner.domains.order_by("pk").first()
        if domain is None:
            continue
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        name = f"{first.lower()}.{last.lower()}{number}@{domain.domain}"
        user = User(
            username=name,
            email=name,
            first_name=first,
            last_name=last,
            role=Role.PARTNER,
            partner=partner,
        )
        user.set_unusable_password()
        user.save()
        users.append(user)
    return users[:count]


def _speakers(event: Event) -> dict[str, Speaker]:
    people = (
        ("ceo", "Clara Voss (CEO)", "internal_executive", 0),
        ("sales", "Marc Okafor (Chief Sales Officer)", "internal_executive", 0),
        ("product", "Priya Nair (VP Product)", "internal_executive", 0),
        ("headline", "Jordan Blake (keynote speaker)", "external_headline", 18000),
        ("trainer", "Sam Rossi (trainer)", "external_headline", 2500),
        ("partner", "Noor Haddad (partner CTO)", "partner", 0),
    )
    return {
        key: Speaker.objects.create(event=event, name=name, kind=kind, fee=Decimal(fee))
        for key, name, kind, fee in people
    }


def _conference(
    *,
    rng: Random,
    name: str,
    start: dt.date,
    days: int,
    rooms: int,
    topics: int,
    attendees: list[User],
    budget: int,
) -> Event:
    event = Event.objects.create(
        name=name,
        starts_on=start,
        ends_on=start + dt.timedelta(days=days - 1),
        venue=rng.choice(("Lisbon Congress Centre", "Berlin Messe", "Amsterdam RAI")),
        speaker_budget=Decimal(budget),
        votes_per_user=3,
        solve_seconds=5,
    )
    for number in range(rooms):
        Room.objects.create(
            event=event,
            name=("Auditorium", "Hall B", "Studio", "Lab")[number],
            capacity=(300, 120, 60, 40)[number],
        )
    planning.generate_slots(
        event=event,
        days=[start + dt.timedelta(days=d) for d in range(days)],
        start=dt.time(9),
        end=dt.time(17),
        length=60,
        gap=30,
    )
    KindLimit.objects.create(event=event, kind="product", max_share=Decimal("0.25"))
    KindLimit.objects.create(event=event, kind="partner_requested", min_share=Decimal("0.35"))
    speakers = _speakers(event)
    by_kind = {"product": "product", "keynote": "sales", "training": "trainer"}
    for title, kind, track, optional in VENDOR_SESSIONS:
        session = Session.objects.create(
            event=event, title=title, kind=kind, track=track, optional=optional
        )
        speaker = speakers["ceo"] if title.startswith("CEO") else speakers.get(by_kind.get(kind))
        if title.startswith("Headline"):
            speaker = speakers["headline"]
        if speaker is not None:
            session.speakers.add(speaker)
    proposers = cycle(attendees)
    for title, why in TOPICS[:topics]:
        topic = requests.propose_request(event=event, user=next(proposers), title=title, why=why)
        for voter in attendees:
            if rng.random() < 0.3 and requests.votes_left(event=event, user=voter):
                requests.cast_vote(request=topic, user=voter)
        if rng.random() < 0.75:
            session = requests.create_session_from_request(request=topic)
            session.track = "Partners asked"
            session.save(update_fields=["track"])
            if rng.random() < 0.3:
                session.speakers.add(speakers["partner"])
        if rng.random() < 0.3:
            requests.add_comment(request=topic, user=rng.choice(attendees), body="Yes, please!")
    sessions = list(event.sessions.values_list("pk", flat=True))
    for user in attendees:
        registration = attendance.register(event=event, user=user)
        attendance.set_interests(registration=registration, session_ids=rng.sample(sessions, 4))
    return event


def _hand_draft(event: Event) -> None:
    """The organiser's first draft: product sessions and executives first, partners last."""
    order = {"keynote": 0, "product": 1, "training": 2, "networking": 3, "partner_requested": 4}
    sessions = sorted(event.sessions.all(), key=lambda s: (order[s.kind], s.pk))
    places = [(slot, room) for slot in event.slots.all() for room in event.rooms.all()]
    AgendaPlacement.objects.bulk_create(
        AgendaPlacement(event=event, plan="draft", session=session, slot=slot, room=room)
        for session, (slot, room) in zip(sessions, places, strict=False)
    )


def write_conferences(*, seed: int, today: dt.date) -> int:
    """A past conference with a solved agenda and an upcoming one in planning; returns 2."""
    rng = Random(f"{seed}:events")
    partners = list(Partner.objects.order_by("partner_id")[:12])
    if not partners:
        return 0
    attendees = _attendees(rng, partners, 30)
    held, coming = today - dt.timedelta(days=150), today + dt.timedelta(days=75)
    past = _conference(
        rng=rng,
        name=f"Partner Summit {held:%B %Y}",
        start=held,
        days=1,
        rooms=3,
        topics=10,
        attendees=attendees,
        budget=20000,
    )
    _hand_draft(past)
    solving.solve_event_agenda(event=past, time_limit=2, workers=1)
    _conference(
        rng=rng,
        name=f"Partner Summit {coming:%B %Y}",
        start=coming,
        days=1,
        rooms=2,
        topics=12,
        attendees=attendees,
        budget=15000,
    )
    return 2
