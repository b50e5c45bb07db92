"""Loading the demo: territories, partners, accounts, deals, targets, objectives and logins."""

import datetime as dt
from dataclasses import dataclass
from random import Random

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from outward.core.bulk import next_pk
from outward.core.models import Role, User
from outward.core.periods import Period
from outward.demo.generator.events import write_conferences
from outward.demo.generator.geography import territory_tree
from outward.demo.generator.objectives import (
    CHECKIN_COLUMNS,
    NO_DATA,
    OBJECTIVE_COLUMNS,
    ObjectiveWriter,
    checkin_dates,
    objective_slots,
)
from outward.demo.generator.plans import write_plans
from outward.demo.generator.profiles import (
    FIRST_MONTH,
    MANAGERS,
    MONTHS,
    PartnerProfile,
    partner_profiles,
    split_exactly,
)
from outward.demo.generator.sales import (
    ACCOUNT_COLUMNS,
    ASSIGNMENT_COLUMNS,
    DEAL_COLUMNS,
    write_accounts,
    write_partner_deals,
)
from outward.demo.generator.sizes import DemoSize
from outward.demo.generator.targets import TARGET_COLUMNS, write_partner_targets
from outward.demo.generator.writer import BulkWriter, Progress
from outward.objectives.models import CheckIn, Objective
from outward.partners.models import Partner, PartnerDomain
from outward.sales.models import Account, Deal
from outward.targets.models import Target
from outward.territories.models import Assignment, PartnerTerritory, Territory

DEMO_PASSWORD = "outward-demo"
DEMO_URL = "http://127.0.0.1:8000"
ADMIN_EMAIL = "admin@outward.example"
MANAGER_EMAIL = "manager@outward.example"
PARTNER_USER_NAME = "partner"


_TREE = {node.territory_id: node for node in territory_tree()}


@dataclass(frozen=True)
class Login:
    email: str
    role: str
    note: str


def database_has_partners() -> bool:
    """Whether the database already holds partners (the demo only loads into an empty one)."""
    return Partner.objects.exists()


def demo_logins() -> list[Login]:
    """The demo's logins, when this database holds the demo: admin, manager, partner user."""
    admin = User.objects.filter(username=ADMIN_EMAIL, role=Role.ADMIN).first()
    if admin is None:
        return []
    logins = [Login(admin.username, "vendor admin", "sees and manages everything")]
    manager = User.objects.filter(username=MANAGER_EMAIL, role=Role.MANAGER).first()
    if manager is not None:
        portfolio = Partner.objects.filter(manager_email=manager.username).count()
        logins.append(Login(manager.username, "partner manager", f"manages {portfolio:,} partners"))
    first = Partner.objects.order_by("partner_id").first()
    partner_user = (
        User.objects.filter(
            partner=first, role=Role.PARTNER, username__startswith=f"{PARTNER_USER_NAME}@"
        ).first()
        if first is not None
        else None
    )
    if partner_user is not None:
        note = f"sees only {first.name} ({first.partner_id})"
        logins.append(Login(partner_user.username, "partner user", note))
    return logins


def _territories(writer: BulkWriter) -> dict[str, int]:
    # Explicit keys, like every other demo row, so a seed gives the same rows on any database.
    pks: dict[str, int] = {}
    writer.models.add(Territory)
    for number, node in enumerate(territory_tree(), start=next_pk(Territory)):
        territory = Territory.objects.create(
            pk=number,
            territory_id=node.territory_id,
            name=node.name,
            parent_id=pks.get(node.parent_id) if node.parent_id else None,
            priority=node.priority,
            countries=list(node.countries),
            subdivisions=list(node.subdivisions),
            postal_prefixes=list(node.postal_prefixes),
            industries=list(node.industries),
            min_employees=node.min_employees,
        )
        pks[node.territory_id] = territory.pk
    return pks


def _coverage(rng: Random, profile: PartnerProfile, territories: dict[str, int]) -> list[int]:
    """What a partner covers: its country, a region for the big ones, a state for some."""
    nodes = _TREE
    country = f"T-{profile.country}"
    below = [n.territory_id for n in nodes.values() if n.parent_id == country]
    if profile.tier == "Platinum":
        covered = [nodes[country].parent_id]
    elif below and profile.tier == "Registered" and rng.random() < 0.5:
        covered = [rng.choice(below)]
    else:
        covered = [country]
    return [territories[territory_id] for territory_id in covered]


def _users(profiles: list[PartnerProfile]) -> None:
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    people = [(ADMIN_EMAIL, "Alex", "Admin", Role.ADMIN, None)]
    people += [(email, first, last, Role.MANAGER, None) for email, first, last, _ in MANAGERS]
    first = profiles[0]
    people.append(
        (f"{PARTNER_USER_NAME}@{first.domains[0]}", "Pat", "Partner", Role.PARTNER, first)
    )
    for email, first_name, last_name, role, partner in people:
        if User.objects.filter(username=email).exists():
            continue  # never overwrite someone's account or password
        User.objects.create(
            username=email,
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=role,
            partner_id=partner.pk if partner else None,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
            password=password,
        )


def _active_share(profile: PartnerProfile) -> float:
    start = max(0, profile.joined_month - FIRST_MONTH)
    return max(0, MONTHS - start) / MONTHS


def load_demo(*, size: DemoSize, seed: int, today: dt.date, progress: Progress) -> dict[str, int]:
    """Build the demo data set in one transaction; returns how many rows of each kind."""
    with transaction.atomic():
        writer = BulkWriter(progress)
        adapt_date = connection.ops.adapt_datefield_value
        territories = _territories(writer)
        profiles = partner_profiles(seed=seed, count=size.partners, first_pk=next_pk(Partner))
        _write_partners(writer, profiles, territories, seed=seed, adapt_date=adapt_date)
        accounts = write_accounts(
            seed=seed,
            count=size.accounts,
            first_pk=next_pk(Account),
            sink=writer.sink(Account, ACCOUNT_COLUMNS, label="accounts", total=size.accounts),
            assignments=writer.sink(Assignment, ASSIGNMENT_COLUMNS, label="territory assignments"),
            territories=territories,
        )
        deal_counts = split_exactly(
            size.deals, [p.deal_weight * _active_share(p) for p in profiles]
        )
        slots = _objective_slots(profiles, seed=seed, total=size.objectives)
        manual_dates = sum(
            len(checkin_dates(Period.parse(slot.period), today))
            for partner_slots in slots
            for slot in partner_slots
            if slot.manual
        )
        fill = min(1.0, size.checkins / ((1 - NO_DATA) * manual_dates)) if manual_dates else 1
        deals = writer.sink(Deal, DEAL_COLUMNS, label="deals", total=size.deals)
        targets = writer.sink(Target, TARGET_COLUMNS, label="targets")
        objectives = ObjectiveWriter(
            objectives=writer.sink(
                Objective, OBJECTIVE_COLUMNS, label="objectives", total=size.objectives
            ),
            checkins=writer.sink(CheckIn, CHECKIN_COLUMNS, label="check-ins"),
            objective_pk=next_pk(Objective),
            checkin_pk=next_pk(CheckIn),
            fill=fill,
            today=today,
            adapt_date=adapt_date,
        )
        deal_pk, target_pk, deal_number = next_pk(Deal), next_pk(Target), 1
        for number, (profile, count, partner_slots) in enumerate(
            zip(profiles, deal_counts, slots, strict=True), start=1
        ):
            progress.report("partners' deals, targets and objectives", number, len(profiles))
            rng = Random(f"{seed}:partner:{profile.partner_id}")
            stats = write_partner_deals(
                rng=rng,
                profile=profile,
                count=count,
                first_pk=deal_pk,
                first_number=deal_number,
                accounts=accounts,
                today=today,
                sink=deals,
                adapt_date=adapt_date,
            )
            deal_pk, deal_number = deal_pk + count, deal_number + count
            target_pk += write_partner_targets(
                rng=rng, profile=profile, stats=stats, first_pk=target_pk, sink=targets
            )
            objectives.write(rng=rng, profile=profile, stats=stats, slots=partner_slots)
        writer.close()
        _users(profiles)
        counts = {sink.label: sink.count for sink in writer.sinks}
        counts["territories"] = len(territories)
        if size.plans:
            counts["plans"] = write_plans(seed=seed, count=size.plans, today=today)
            progress.done("joint business plans", counts["plans"])
        if size.conferences:
            counts["conferences"] = write_conferences(seed=seed, today=today)
            progress.done("partner conferences", counts["conferences"])
        return counts


def _objective_slots(profiles: list[PartnerProfile], *, seed: int, total: int) -> list[list]:
    rng = Random(f"{seed}:objectives")
    recorded = [i for i, profile in enumerate(profiles) if profile.has_objectives]
    weights = [rng.uniform(0.5, 1.5) for _ in recorded]
    per_partner = dict(zip(recorded, split_exactly(total, weights), strict=True))
    return [
        objective_slots(rng=rng, profile=profile, count=per_partner.get(i, 0))
        for i, profile in enumerate(profiles)
    ]


def _write_partners(writer, profiles, territories, *, seed: int, adapt_date) -> None:
    rng = Random(f"{seed}:coverage")
    partners = writer.sink(
        Partner,
        ("id", "partner_id", "name", "tier", "country", "manager_email", "joined_on"),
        label="partners",
        total=len(profiles),
    )
    domains = writer.sink(PartnerDomain, ("id", "partner", "domain"), label="partner domains")
    links = writer.sink(PartnerTerritory, ("id", "partner", "territory"), label="coverage")
    domain_pk, link_pk = next_pk(PartnerDomain), next_pk(PartnerTerritory)
    for p in profiles:
        row = (p.pk, p.partner_id, p.name, p.tier, p.country, p.manager_email)
        partners.add((*row, adapt_date(p.joined_on)))
    partners.flush()
    for p in profiles:
        for domain in p.domains:
            domains.add((domain_pk, p.pk, domain))
            domain_pk += 1
        for territory_pk in _coverage(rng, p, territories):
            links.add((link_pk, p.pk, territory_pk))
            link_pk += 1
