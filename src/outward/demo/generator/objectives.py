"""The partners' own demo objectives and their check-ins, met or missed by design."""

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from random import Random

from outward.core.periods import Period, month_days, month_start
from outward.demo.generator.profiles import YEARS, PartnerProfile, quarters
from outward.demo.generator.sales import PartnerStats
from outward.demo.generator.targets import quarter_indexes
from outward.demo.generator.writer import Sink

OBJECTIVE_COLUMNS = (
    "id",
    "objective_id",
    "partner",
    "period",
    "first_month",
    "last_month",
    "title",
    "unit",
    "direction",
    "baseline",
    "target",
    "weight",
    "source",
    "version",
)
CHECKIN_COLUMNS = ("id", "objective", "date", "value", "comment")
VENDOR_SHARE = 0.2  # objectives tracked from Outward's own deal data
LAGGING = 0.3  # share of running objectives whose partner has not checked in lately
LAGGING_DAYS = 40
NO_DATA = 0.06  # manual objectives nobody ever checked in on
WEIGHTS = (1, 1, 1, 1, 2, 2, 3, Decimal("0.5"))


@dataclass(frozen=True)
class Manual:
    title: str
    unit: str
    direction: str
    baseline: tuple[float, float]
    change: tuple[float, float]
    decimals: int


MANUAL = (
    Manual("Certified engineers", "people", "increase", (2, 12), (2, 8), 0),
    Manual("Managed-services share of revenue", "%", "increase", (8, 30), (4, 12), 1),
    Manual("Customer satisfaction score", "points", "increase", (68, 84), (3, 8), 1),
    Manual("Customer churn", "%", "decrease", (7, 16), (2, 5), 1),
    Manual("Time to quote", "days", "decrease", (4, 10), (1, 4), 1),
    Manual("People trained on the vendor's portfolio", "people", "increase", (0, 20), (10, 40), 0),
    Manual("Net promoter score", "NPS", "increase", (10, 40), (5, 15), 0),
    Manual("Own services revenue", "USD", "increase", (200_000, 2_000_000), (50_000, 400_000), -3),
)  # fmt: skip
# source: (title, unit, index into PartnerStats.actual())
VENDOR = {
    "vendor_revenue": ("Revenue with the vendor", "USD", 0),
    "vendor_deals_won": ("Deals won with the vendor", "deals", 1),
    "vendor_new_customers": ("New customers with the vendor", "customers", 2),
}

COMMENTS_BETTER = (
    "On track.",
    "Ahead of plan after the enablement push.",
    "Good month; the new team is up to speed.",
    "Two new managed-services contracts signed.",
    "Survey results came in better than expected.",
    "Training sessions well attended.",
)
COMMENTS_WORSE = (
    "Behind plan: hiring freeze.",
    "Lost two key customers this month.",
    "Slower than expected; customers are cutting budgets.",
    "Team stretched across too many projects.",
    "Delayed: waiting for the vendor's training slots.",
    "Price increase hurt us with smaller customers.",
)
COMMENTS_FLAT = (
    "No change since the last check-in.",
    "Flat; reviewing the plan with our partner manager.",
    "Numbers from the CRM export.",
)


@dataclass(frozen=True)
class Slot:
    """An objective to create: its period and whether it is tracked manually."""

    period: str
    manual: bool


def objective_slots(*, rng: Random, profile: PartnerProfile, count: int) -> list[Slot]:
    """The periods of a partner's objectives: some yearly, the rest spread over recent quarters."""
    years = [str(y) for y in reversed(YEARS) if Period.parse(str(y)).last >= profile.joined_month]
    recent = [q for q in reversed(quarters()) if Period.parse(q).last >= profile.joined_month]
    if not years or count == 0:
        return []
    yearly = min(count, max(1, round(count * 0.4)))
    periods = [years[i % len(years)] for i in range(yearly)]
    rest = count - yearly
    if rest >= len(recent):
        periods += [recent[i % len(recent)] for i in range(rest)]
    else:
        periods += rng.sample(recent[:10] if rest <= 10 else recent, rest)
    return [Slot(period, rng.random() >= VENDOR_SHARE) for period in periods]


def checkin_dates(period: Period, today: dt.date) -> list[dt.date]:
    """When check-ins can have happened: month ends (and mid-months in a quarter), up to today."""
    dates = []
    for month in period.months():
        first = month_start(month)
        if period.kind == "quarter":
            dates.append(first.replace(day=15))
        dates.append(first.replace(day=month_days(month)))
    return [day for day in dates if day <= today]


def _round(value: float, decimals: int) -> Decimal:
    return Decimal(round(value, decimals)).quantize(Decimal(1) / 10 ** max(0, decimals))


class ObjectiveWriter:
    """Writes objectives and check-ins, numbering them across partners."""

    def __init__(
        self,
        *,
        objectives: Sink,
        checkins: Sink,
        objective_pk: int,
        checkin_pk: int,
        fill: float,
        today: dt.date,
        adapt_date: Callable,
    ):
        self.objectives, self.checkins = objectives, checkins
        self.next_objective, self.next_checkin = objective_pk, checkin_pk
        self.number = 1
        self.fill = fill
        self.today = today
        self.adapt_date = adapt_date

    def write(self, *, rng: Random, profile: PartnerProfile, stats: PartnerStats, slots) -> None:
        """Write the partner's objectives for these slots, with check-ins for manual ones."""
        used: dict[str, set[str]] = {}
        for slot in slots:
            period = Period.parse(slot.period)
            titles = used.setdefault(slot.period, set())
            if slot.manual:
                self._manual(rng, profile, period, titles)
            else:
                self._vendor(rng, profile, stats, period, titles)

    def _objective_row(self, profile, period: Period, title, unit, direction, baseline, target, *,
                       rng: Random, source: str) -> int:  # fmt: skip
        pk = self.next_objective
        self.objectives.add(
            (
                pk,
                f"O{self.number:06d}",
                profile.pk,
                period.text,
                period.first,
                period.last,
                title,
                unit,
                direction,
                baseline,
                target,
                Decimal(rng.choice(WEIGHTS)),
                source,
                1,
            )
        )
        self.next_objective += 1
        self.number += 1
        return pk

    def _vendor(self, rng, profile, stats, period: Period, titles: set[str]) -> None:
        source = rng.choice([s for s in VENDOR if VENDOR[s][0] not in titles] or list(VENDOR))
        title, unit, index = VENDOR[source]
        titles.add(title)
        quarters_of = quarter_indexes(period)
        done = period.end < self.today
        reference = (
            stats.actual(quarters_of)[index]
            if done
            else stats.expected(quarters_of, profile.win_rate)[index]
        )
        met = profile.quota_met[period.text] and reference > 0
        grain = 1000 if index == 0 else 1
        if met:
            target = math.floor(reference * rng.uniform(0.8, 0.97) / grain) * grain
        else:
            target = math.ceil(max(reference, 5 * grain) * rng.uniform(1.1, 1.5) / grain) * grain
        baseline = None
        if period.first - 12 >= Period.parse("2024").first:
            previous = stats.actual(range(quarters_of.start - 4, quarters_of.stop - 4))[index]
            baseline = Decimal(round(previous / grain) * grain)
        self._objective_row(profile, period, title, unit, "increase", baseline, Decimal(target),
                            rng=rng, source=source)  # fmt: skip

    def _manual(self, rng, profile, period: Period, titles: set[str]) -> None:
        choices = [m for m in MANUAL if m.title not in titles] or list(MANUAL)
        spec = rng.choice(choices)
        titles.add(spec.title)
        step = 10.0**-spec.decimals
        scale = 1.0 if period.kind == "year" else 0.4
        baseline = float(_round(rng.uniform(*spec.baseline), spec.decimals))
        change = max(step, float(_round(rng.uniform(*spec.change) * scale, spec.decimals)))
        sign = 1 if spec.direction == "increase" else -1
        if sign < 0:
            change = min(change, baseline - step) if baseline > step else 0
        target = baseline + sign * change
        if change <= 0:  # nothing left to decrease: aim for zero and keep it
            target = 0.0
        rate = 0.92 if profile.objectives_met[period.text] else 0.2
        met = rng.random() < rate
        if met:
            final = target + sign * change * rng.uniform(0, 0.25)
        else:
            final = baseline + (target - baseline) * rng.uniform(-0.2, 0.85)
        final = max(0.0, float(_round(final, spec.decimals)))
        reached = final >= target if sign > 0 else final <= target
        if met and not reached:
            final = target
        elif not met and reached:
            final = target - sign * step
            if final < 0:
                final, met = target, True
        pk = self._objective_row(
            profile,
            period,
            spec.title,
            spec.unit,
            spec.direction,
            _round(baseline, spec.decimals),
            _round(target, spec.decimals),
            rng=rng,
            source="manual",
        )
        self._checkins(rng, pk, period, spec, baseline, target, final)

    def _checkins(self, rng, objective_pk, period: Period, spec: Manual, baseline, target, final):
        candidates = checkin_dates(period, self.today)
        if period.end > self.today and rng.random() < LAGGING:
            # A partner behind with its check-ins: the running objective waits for one.
            recent = self.today - dt.timedelta(days=LAGGING_DAYS)
            candidates = [day for day in candidates if day <= recent]
        if not candidates or rng.random() < NO_DATA:
            return
        wanted = round(len(candidates) * self.fill * rng.uniform(0.7, 1.3))
        wanted = max(1, min(len(candidates), wanted))
        # The latest possible date always gets one, so a finished period ends on its result.
        dates = sorted(rng.sample(candidates[:-1], wanted - 1)) + [candidates[-1]]
        span = (period.end - period.start).days or 1
        complete = period.end <= self.today
        noise = abs(target - baseline) * 0.05
        previous = baseline
        for day in dates:
            progress = (day - period.start).days / span
            value = baseline + (final - baseline) * progress + rng.gauss(0, noise)
            if complete and day == dates[-1]:
                value = final
            stored = _round(max(0.0, value), spec.decimals)
            value = float(stored)
            better = (value - previous) * (1 if spec.direction == "increase" else -1)
            if rng.random() < 0.25:
                comment = ""
            elif better > noise / 4:
                comment = rng.choice(COMMENTS_BETTER)
            elif better < -noise / 4:
                comment = rng.choice(COMMENTS_WORSE)
            else:
                comment = rng.choice(COMMENTS_FLAT)
            self.checkins.add(
                (self.next_checkin, objective_pk, self.adapt_date(day), stored, comment)
            )
            self.next_checkin += 1
            previous = value
