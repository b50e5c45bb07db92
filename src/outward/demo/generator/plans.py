"""Demo joint business plans, built through the plans app's own rules.

Plans go through `outward.plans.domain` (create, link objectives, add actions, propose, sign by
both sides, close), so their states, sign-offs and frozen revisions are exactly what the app
would have recorded. Each plan partner gets a contact who signed for it; those contacts cannot
log in (unusable password).
"""

import datetime as dt
from random import Random

from outward.core.models import Role, User
from outward.core.periods import Period
from outward.objectives.models import Objective
from outward.partners.models import Partner
from outward.plans import domain

ACTIONS = (
    ("partner", "Certify two more engineers on the Security line"),
    ("partner", "Run a customer event for the Cloud Suite launch"),
    ("partner", "Build a managed-backup service offering"),
    ("partner", "Name a dedicated vendor practice lead"),
    ("partner", "Send the quarterly pipeline review"),
    ("partner", "Publish two joint customer references"),
    ("vendor", "Fund a co-marketing campaign"),
    ("vendor", "Provide training seats for the partner's presales team"),
    ("vendor", "Register the partner's top 10 deals for deal protection"),
    ("vendor", "Introduce the partner to three enterprise accounts"),
    ("vendor", "Review discount levels for the partner's tier"),
    ("vendor", "Share the product roadmap in a briefing"),
)
_FIRST_NAMES = ("Anna", "Ben", "Chloé", "David", "Elif", "Femi", "Greta", "Hugo", "Ines", "Jon")
_LAST_NAMES = ("Berger", "Costa", "Dupont", "Evans", "Frank", "Gomez", "Hill", "Ito", "Jovanic")
# (period, weights of draft, proposed, agreed, closed)
_PERIODS = (
    ("2025", (0, 0, 2, 8)),
    ("2026", (1, 2, 7, 0)),
    ("2027", (6, 4, 0, 0)),
)
_STATES = ("draft", "proposed", "agreed", "closed")


def write_plans(*, seed: int, count: int, today: dt.date) -> int:
    """Create `count` plans in mixed states with actions (some overdue); returns how many."""

    rng = Random(f"{seed}:plans")
    managers = {user.username: user for user in User.objects.filter(role=Role.MANAGER)}
    rank = {"Platinum": 0, "Gold": 1, "Silver": 2}
    with_objectives = Partner.objects.filter(objectives__isnull=False).distinct()
    candidates = sorted(with_objectives, key=lambda p: (rank.get(p.tier, 3), p.partner_id))
    candidates = candidates[:count]
    first = Partner.objects.order_by("partner_id").first()
    if first is not None and first not in candidates:
        candidates.insert(0, first)
    created = 0
    for partner in candidates:
        vendor_user = managers.get(partner.manager_email) or next(iter(managers.values()))
        partner_user = _partner_signer(rng, partner)
        periods = list(_PERIODS) if partner == first else rng.sample(_PERIODS, rng.randint(1, 2))
        for period, weights in periods:
            if created >= count:
                return created
            state = "agreed" if partner == first and period == "2026" else None
            state = state or rng.choices(_STATES, weights)[0]
            plan = domain.create_plan(
                partner=partner, period=period, notes=_notes(rng, period), user=vendor_user
            )
            parsed = Period.parse(period)
            objectives = Objective.objects.filter(
                partner=partner, first_month__gte=parsed.first, last_month__lte=parsed.last
            ).values_list("pk", flat=True)
            if objectives:
                domain.link_objectives(plan=plan, objective_ids=list(objectives)[:4])
            actions = [
                _add_action(rng, plan, parsed, partner, vendor_user, partner_user)
                for _ in range(rng.randint(3, 6))
            ]
            if state != "draft":
                domain.propose_plan(plan=plan)
            if state in ("agreed", "closed"):
                domain.sign_plan(plan=plan, user=vendor_user)
                domain.sign_plan(plan=plan, user=partner_user)
                # The partner user's own agreed plan always shows one overdue action.
                show_overdue = partner == first and state == "agreed"
                for action in actions:
                    status = _progress(rng, action.due_date, today, closing=state == "closed")
                    if show_overdue and action.due_date < today:
                        status, show_overdue = "open", False
                    if status != "open":
                        domain.update_action(action=action, status=status)
            if state == "closed":
                domain.close_plan(plan=plan, user=None)
            created += 1
    return created


def _partner_signer(rng: Random, partner: Partner) -> User:
    existing = User.objects.filter(partner=partner, role=Role.PARTNER).order_by("pk").first()
    if existing is not None:
        return existing
    first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
    domain = partner.domains.order_by("pk").first().domain
    user = User(
        username=f"{first.lower().replace('é', 'e')}.{last.lower()}@{domain}",
        email=f"{first.lower().replace('é', 'e')}.{last.lower()}@{domain}",
        first_name=first,
        last_name=last,
        role=Role.PARTNER,
        partner=partner,
    )
    user.set_unusable_password()
    user.save()
    return user


def _add_action(rng, plan, period: Period, partner, vendor_user, partner_user):
    side, title = rng.choice(ACTIONS)
    owner = vendor_user if side == "vendor" else partner_user
    due = period.start + dt.timedelta(days=rng.randrange((period.end - period.start).days + 1))
    return domain.add_action(
        plan=plan,
        title=title,
        owner_side=side,
        due_date=due,
        owner_name=owner.get_full_name(),
        owner_email=owner.email,
    )


def _progress(rng: Random, due: dt.date, today: dt.date, *, closing: bool) -> str:
    """Done, dropped or still open: past-due actions are mostly done, some overdue."""
    draw = rng.random()
    if due < today or closing:
        return "done" if draw < 0.7 else "dropped" if draw < 0.8 else "open"
    return "done" if draw < 0.15 else "open"


def _notes(rng: Random, period: str) -> str:
    return rng.choice(
        (
            f"Focus for {period}: grow managed services and certify the presales team.",
            f"{period}: expand into mid-market accounts in the partner's home region.",
            f"Agreed in the {period} planning workshop; review every quarter.",
            f"{period} plan: joint go-to-market for the Security line.",
        )
    )
