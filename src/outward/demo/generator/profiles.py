"""Who the demo partners are: tier, country, manager, and the story each one tells.

Every partner gets an archetype — one of the health quadrants — and per period flags saying
whether it meets the vendor's quota and its own objectives. The flags follow the archetype most
of the time, so the quadrants are clearly populated but partners still move between them.
"""

import datetime as dt
from bisect import bisect
from dataclasses import dataclass, field
from itertools import accumulate
from random import Random

from outward.core.periods import month_number
from outward.demo.generator.geography import COUNTRIES, COUNTRY_BY_CODE
from outward.demo.generator.names import partner_name

YEARS = (2024, 2025, 2026)
FIRST_MONTH = 2024 * 12  # month number of 2024-01
MONTHS = 36

TIERS = (("Platinum", 5), ("Gold", 15), ("Silver", 35), ("Registered", 45))
# How much business a tier brings: relative deal volume and the median deal amount.
TIER_DEAL_WEIGHT = {"Platinum": 10.0, "Gold": 4.5, "Silver": 1.6, "Registered": 0.5}
TIER_MEDIAN_AMOUNT = {"Platinum": 48_000, "Gold": 30_000, "Silver": 16_000, "Registered": 9_000}

# archetype: (meets quota, meets own objectives, share of partners)
ARCHETYPES = {
    "thriving": (True, True, 30),
    "mutiny_risk": (True, False, 25),
    "drifting": (False, True, 20),
    "struggling": (False, False, 25),
}
OBJECTIVES_RECORDED = 0.7  # ~30% of partners have no objectives on record
ADHERENCE = 0.8  # how often a period follows the partner's archetype

MANAGERS = (
    ("manager@outward.example", "Morgan", "Manager", 3),
    ("jana.keller@outward.example", "Jana", "Keller", 2),
    ("luis.ortega@outward.example", "Luis", "Ortega", 2),
    ("mei.tanaka@outward.example", "Mei", "Tanaka", 2),
)


@dataclass
class PartnerProfile:
    pk: int
    partner_id: str
    name: str
    tier: str
    country: str
    domains: list[str]
    manager_email: str
    joined_on: dt.date
    archetype: str
    has_objectives: bool
    quarterly_targets: bool
    win_rate: float
    growth: float
    deal_weight: float
    quota_met: dict[str, bool] = field(default_factory=dict)
    objectives_met: dict[str, bool] = field(default_factory=dict)

    @property
    def joined_month(self) -> int:
        return month_number(self.joined_on)


def weighted(rng: Random, options: list, weights: list[float]):
    """One option, chosen with the given weights (a single random draw)."""
    cumulative = list(accumulate(weights))
    return options[bisect(cumulative, rng.random() * cumulative[-1])]


def quarters() -> list[str]:
    return [f"{year}-Q{q}" for year in YEARS for q in range(1, 5)]


def _flags(rng: Random, quota: bool, own: bool) -> tuple[dict[str, bool], dict[str, bool]]:
    quota_met: dict[str, bool] = {}
    objectives_met: dict[str, bool] = {}
    for year in YEARS:
        year_quota = quota if rng.random() < ADHERENCE else not quota
        year_own = own if rng.random() < ADHERENCE else not own
        quota_met[str(year)], objectives_met[str(year)] = year_quota, year_own
        for q in range(1, 5):
            period = f"{year}-Q{q}"
            quota_met[period] = year_quota if rng.random() < ADHERENCE else not year_quota
            objectives_met[period] = year_own if rng.random() < ADHERENCE else not year_own
    return quota_met, objectives_met


def partner_profiles(*, seed: int, count: int, first_pk: int) -> list[PartnerProfile]:
    """The demo's partners, the first one a Gold partner in Germany at risk of mutiny."""
    rng = Random(f"{seed}:partners")
    used_domains: set[str] = set()
    country_codes = [c.code for c in COUNTRIES]
    country_weights = [c.weight for c in COUNTRIES]
    archetypes = list(ARCHETYPES)
    archetype_weights = [share for _, _, share in ARCHETYPES.values()]
    profiles = []
    for index in range(count):
        tier = weighted(rng, [t for t, _ in TIERS], [w for _, w in TIERS])
        country = COUNTRY_BY_CODE[weighted(rng, country_codes, country_weights)]
        archetype = weighted(rng, archetypes, archetype_weights)
        has_objectives = rng.random() < OBJECTIVES_RECORDED
        if index == 0:  # the partner user's company: a story worth looking at
            tier, country, has_objectives = "Gold", COUNTRY_BY_CODE["DE"], True
            archetype = "mutiny_risk"
        name, label, _ = partner_name(rng, country.legal_forms)
        domain = f"{label}.{country.tld}"
        suffix = 2
        while domain in used_domains:
            domain = f"{label}{suffix}.{country.tld}"
            suffix += 1
        used_domains.add(domain)
        domains = [domain]
        if country.tld != "com" and rng.random() < 0.1 and f"{label}.com" not in used_domains:
            domains.append(f"{label}.com")
            used_domains.add(f"{label}.com")
        if tier == "Platinum" or index == 0 or rng.random() < 0.8:
            joined = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(14 * 365))
        else:
            joined = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(640))
        manager = weighted(rng, list(MANAGERS), [m[3] for m in MANAGERS])[0]
        if index == 0:
            manager = MANAGERS[0][0]
        quota, own, _ = ARCHETYPES[archetype]
        quota_met, objectives_met = _flags(rng, quota, own)
        profiles.append(
            PartnerProfile(
                pk=first_pk + index,
                partner_id=f"P{index + 1:05d}",
                name=name,
                tier=tier,
                country=country.code,
                domains=domains,
                manager_email=manager,
                joined_on=joined,
                archetype=archetype,
                has_objectives=has_objectives,
                quarterly_targets=tier in ("Platinum", "Gold"),
                win_rate=rng.uniform(0.4, 0.65),
                # Partners that grow the vendor's numbers grow their deal flow year over year.
                growth=rng.uniform(1.1, 1.4) if quota else rng.uniform(0.8, 1.05),
                deal_weight=TIER_DEAL_WEIGHT[tier] * rng.lognormvariate(0, 0.5),
                quota_met=quota_met,
                objectives_met=objectives_met,
            )
        )
    return profiles


def split_exactly(total: int, weights: list[float]) -> list[int]:
    """Split `total` into whole parts proportional to `weights` (largest remainders)."""
    scale = sum(weights) or 1.0
    raw = [total * w / scale for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts
