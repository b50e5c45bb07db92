"""Demo accounts and deals: end customers by country, deal flow with seasonality and growth."""

import datetime as dt
import math
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate
from random import Random

from outward.core.periods import month_days
from outward.demo.generator.geography import (
    COUNTRIES,
    INDUSTRIES,
    matching_tree,
    postal_code,
)
from outward.demo.generator.names import account_name
from outward.demo.generator.profiles import (
    FIRST_MONTH,
    MONTHS,
    TIER_MEDIAN_AMOUNT,
    PartnerProfile,
    split_exactly,
)
from outward.demo.generator.writer import Sink
from outward.territories.domain.matching import Account, Matcher

ACCOUNT_COLUMNS = (
    "id",
    "account_id",
    "name",
    "country",
    "subdivision",
    "postal_code",
    "industry",
    "employees",
)
ASSIGNMENT_COLUMNS = ("account", "territory")
DEAL_COLUMNS = (
    "id",
    "deal_id",
    "partner",
    "account",
    "amount",
    "stage",
    "close_date",
    "product_line",
)
PRODUCT_LINES = (
    ("Cloud Suite", 35),
    ("Security", 20),
    ("Analytics", 15),
    ("Networking", 15),
    ("Collaboration", 10),
    ("Managed Backup", 5),
)
STALE_OPEN = 0.03  # past-due deals still open in the pipeline


@dataclass
class AccountBlocks:
    """Accounts are written country by country; a partner's customers come from its block."""

    first_pk: int
    count: int
    ranges: dict[str, tuple[int, int]]

    def pick(self, rng: Random, country: str) -> int:
        start, end = self.ranges.get(country, (0, 0))
        if end <= start or rng.random() < 0.1:  # some customers abroad
            start, end = 0, self.count
        return self.first_pk + rng.randrange(start, end)


def _coprime_step(count: int) -> int:
    step = 7919
    while math.gcd(step, count) != 1:
        step += 2
    return step


def write_accounts(
    *,
    seed: int,
    count: int,
    first_pk: int,
    sink: Sink,
    assignments: Sink,
    territories: dict[str, int],
) -> AccountBlocks:
    """Stream `count` accounts into `sink` and their territories (pks by id) into `assignments`.

    Keys are shuffled so that they don't sort by country.
    """
    rng = Random(f"{seed}:accounts")
    matcher = Matcher(matching_tree())
    industries = [name for name, _ in INDUSTRIES]
    industry_weights = list(accumulate(weight for _, weight in INDUSTRIES))
    step = _coprime_step(count)
    ranges: dict[str, tuple[int, int]] = {}
    index = 0
    for country, size in zip(
        COUNTRIES, split_exactly(count, [c.weight for c in COUNTRIES]), strict=True
    ):
        ranges[country.code] = (index, index + size)
        subdivisions = country.subdivisions
        sub_weights = list(accumulate(weight for _, weight, _ in subdivisions))
        for _ in range(size):
            code, _, prefixes = subdivisions[bisect(sub_weights, rng.random() * sub_weights[-1])]
            industry = industries[bisect(industry_weights, rng.random() * industry_weights[-1])]
            employees = max(1, min(250_000, int(rng.lognormvariate(5.0, 1.4))))
            postal = postal_code(rng, country, rng.choice(prefixes))
            territory = matcher.assign(Account(country.code, code, postal, industry, employees))
            sink.add(
                (
                    first_pk + index,
                    f"A{(index * step + 11) % count + 1:07d}",
                    account_name(rng, industry, country.legal_forms),
                    country.code,
                    code,
                    postal,
                    industry,
                    employees,
                )
            )
            if territory is not None:
                assignments.add((first_pk + index, territories[territory]))
            index += 1
    return AccountBlocks(first_pk=first_pk, count=count, ranges=ranges)


@dataclass
class PartnerStats:
    """A partner's won and still-open business per quarter of 2024–2026 (index 0–11)."""

    won_revenue: list[float] = field(default_factory=lambda: [0.0] * 12)
    won_deals: list[int] = field(default_factory=lambda: [0] * 12)
    new_customers: list[int] = field(default_factory=lambda: [0] * 12)
    open_revenue: list[float] = field(default_factory=lambda: [0.0] * 12)
    open_deals: list[int] = field(default_factory=lambda: [0] * 12)
    open_new: list[int] = field(default_factory=lambda: [0] * 12)

    def actual(self, quarter_indexes: range) -> tuple[float, int, int]:
        """Revenue, deals won and new customers already won in these quarters."""
        return (
            sum(self.won_revenue[i] for i in quarter_indexes),
            sum(self.won_deals[i] for i in quarter_indexes),
            sum(self.new_customers[i] for i in quarter_indexes),
        )

    def expected(self, quarter_indexes: range, win_rate: float) -> tuple[float, float, float]:
        """The actuals plus the open pipeline weighted by the partner's win rate."""
        revenue, won, new = self.actual(quarter_indexes)
        return (
            revenue + win_rate * sum(self.open_revenue[i] for i in quarter_indexes),
            won + win_rate * sum(self.open_deals[i] for i in quarter_indexes),
            new + win_rate * sum(self.open_new[i] for i in quarter_indexes),
        )


def _season(month_index: int) -> float:
    """Quarter-end months peak, and the fourth quarter is the year's strongest."""
    weight = (1.0, 1.15, 1.7)[month_index % 3]
    return weight * (1.3 if month_index % 12 >= 9 else 1.0)


def write_partner_deals(
    *,
    rng: Random,
    profile: PartnerProfile,
    count: int,
    first_pk: int,
    first_number: int,
    accounts: AccountBlocks,
    today: dt.date,
    sink: Sink,
    adapt_date: Callable,
) -> PartnerStats:
    """Write one partner's `count` deals (in close-date order) and return its quarterly stats."""
    stats = PartnerStats()
    if count == 0:
        return stats
    start = max(0, profile.joined_month - FIRST_MONTH)
    weights = [0.0 if m < start else profile.growth ** (m / 12) * _season(m) for m in range(MONTHS)]
    if not any(weights):
        weights[-1] = 1.0
    cumulative = list(accumulate(weights))
    pool = [accounts.pick(rng, profile.country) for _ in range(max(2, int(count * 0.45)))]
    products = [name for name, _ in PRODUCT_LINES]
    product_weights = list(accumulate(weight for _, weight in PRODUCT_LINES))
    mu = math.log(TIER_MEDIAN_AMOUNT[profile.tier])
    deals = []
    for _ in range(count):
        month = bisect(cumulative, rng.random() * cumulative[-1])
        year, month_of_year = divmod(FIRST_MONTH + month, 12)
        last_day = month_days(FIRST_MONTH + month)
        if month % 3 == 2 and rng.random() < 0.5:  # the quarter-end push
            day = rng.randint(last_day - 9, last_day)
        else:
            day = rng.randint(1, last_day)
        close = dt.date(year, month_of_year + 1, day)
        # Repeat customers: earlier accounts in the pool are drawn more often.
        account = pool[int(len(pool) * rng.random() ** 1.6)]
        amount = max(500, round(rng.lognormvariate(mu, 0.85), -1))
        if close > today:
            stage = "open"
        else:
            draw = rng.random()
            stage = "open" if draw < STALE_OPEN else "won" if draw < profile.win_rate else "lost"
        product = products[bisect(product_weights, rng.random() * product_weights[-1])]
        deals.append((close, account, amount, stage, product, month // 3))
    deals.sort(key=lambda deal: deal[0])
    won_accounts: set[int] = set()
    for offset, (close, account, amount, stage, product, quarter) in enumerate(deals):
        sink.add(
            (
                first_pk + offset,
                f"D{first_number + offset:07d}",
                profile.pk,
                account,
                Decimal(f"{int(amount)}.00"),
                stage,
                adapt_date(close),
                product,
            )
        )
        if stage == "won":
            stats.won_revenue[quarter] += amount
            stats.won_deals[quarter] += 1
            if account not in won_accounts:
                won_accounts.add(account)
                stats.new_customers[quarter] += 1
        elif stage == "open" and close > today:
            stats.open_revenue[quarter] += amount
            stats.open_deals[quarter] += 1
            stats.open_new[quarter] += account not in won_accounts
    return stats
