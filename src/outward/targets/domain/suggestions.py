"""Target setting: next period's revenue targets from last period's actuals and tier growth."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import QuerySet

from outward.core.errors import InputError
from outward.core.numbers import plain_number
from outward.core.periods import Period
from outward.exchange.domain import ImportFailed, import_rows
from outward.objectives.models import Objective
from outward.partners.models import Partner
from outward.partners.queries import filter_partners
from outward.sales.domain import ZERO, revenue_by_partner
from outward.targets.domain.prorating import targets_by_partner
from outward.targets.models import Metric, Target

DEFAULT_GROWTH = Decimal("0.10")
SUGGESTION_COLUMNS = (
    "partner_id",
    "name",
    "tier",
    "period",
    "previous_period",
    "previous_revenue_actual",
    "previous_revenue_target",
    "previous_attainment",
    "basis",
    "base_revenue",
    "objectives",
    "growth",
    "suggested_revenue_target",
    "current_revenue_target",
)
CENT = Decimal("0.01")
FULL_PERIOD = "full period"
RUN_RATE = "run rate"


@dataclass
class TargetSuggestion:
    """One partner's row of the target-setting sheet."""

    partner_id: str
    name: str
    tier: str
    revenue_actual: Decimal  # previous comparable period, as of the as-of date
    revenue_target: Decimal | None  # the vendor's target then (pro-rated), None if unknown
    attainment: Decimal | None  # against the target to date (on pace while the period runs)
    basis: str  # FULL_PERIOD, or RUN_RATE while the previous period is still running
    base_revenue: Decimal | None  # what growth applies to: the actual, or the run-rate
    growth: Decimal
    suggested: Decimal | None  # None: no revenue last period, nothing to grow from
    current: Decimal | None  # a revenue target already stored for the coming period
    objectives: list[str] = field(default_factory=list)  # their own, for the coming period


def parse_growth(*, text: str, name: str = "growth") -> Decimal:
    """A growth rate written as a fraction (0.1 = 10 %); -1 < growth ≤ 10."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        raise InputError(f"{name}: {text!r} is not a number (write 10 % as 0.1)") from None
    if not value.is_finite() or value <= -1 or value > 10:
        raise InputError(f"{name}: {text} must lie above -1 and at most 10 (10 % is 0.1)")
    return value


def parse_tier_growth(*, items: list[str]) -> dict[str, Decimal]:
    """`TIER=RATE` items (as the command line takes them) as a tier → growth mapping."""
    growth = {}
    for item in items:
        tier, sep, rate = item.partition("=")
        if not sep or not tier.strip():
            raise InputError(f"--growth: {item!r} is not TIER=RATE, e.g. Gold=0.1")
        growth[tier.strip()] = parse_growth(text=rate, name=f"--growth {tier.strip()}")
    return growth


@dataclass(frozen=True)
class SuggestionBasis:
    """What the suggestions of a coming period grow from: the whole previous comparable
    period once it has ended by the as-of date, else its run-rate so far."""

    previous: Period
    elapsed: Decimal  # share of the previous period used up by the as-of date, 0 to 1
    kind: str  # FULL_PERIOD or RUN_RATE


def suggestion_basis(*, period: Period, as_of: dt.date) -> SuggestionBasis:
    """The basis of the suggestions for `period` with actuals as of `as_of`."""
    previous = period.previous_comparable()
    elapsed = previous.elapsed_share(as_of)
    return SuggestionBasis(
        previous=previous, elapsed=elapsed, kind=FULL_PERIOD if elapsed == 1 else RUN_RATE
    )


def suggest_targets(
    *,
    period: Period,
    partners: QuerySet,
    tier_growth: dict[str, Decimal],
    default_growth: Decimal = DEFAULT_GROWTH,
    as_of: dt.date,
) -> list[TargetSuggestion]:
    """Per partner: last comparable period's revenue, attainment, and a target grown from it.

    Growth applies to the previous period's revenue where that period has ended by the as-of
    date; while it still runs, to its run-rate (revenue to date ÷ the share of the period
    elapsed, month by month), so next year never rests on eleven months taken for twelve.
    """
    basis = suggestion_basis(period=period, as_of=as_of)
    previous, elapsed = basis.previous, basis.elapsed
    rows = list(partners.order_by("partner_id").values_list("pk", "partner_id", "name", "tier"))
    revenue = revenue_by_partner(windows=[(previous, as_of)], partners=partners)
    targets = targets_by_partner(
        periods=[previous], as_of=as_of, metric=Metric.REVENUE, partners=partners
    )
    current = dict(
        Target.objects.filter(partner__in=partners, metric=Metric.REVENUE)
        .exactly(period)
        .values_list("partner_id", "value")
    )
    own = defaultdict(list)
    coming = Objective.objects.filter(partner__in=partners).within(period)
    for pk, title in coming.order_by("first_month", "objective_id").values_list(
        "partner_id", "title"
    ):
        own[pk].append(title)

    suggestions = []
    for pk, partner_id, name, tier in rows:
        growth = tier_growth.get(tier, default_growth)
        actual = revenue[pk][0] if pk in revenue else ZERO
        target, to_date = targets.get(pk, [None])[0] or (None, None)
        base = actual / elapsed if elapsed else None
        suggested = (base * (1 + growth)).quantize(CENT, ROUND_HALF_EVEN) if base else None
        suggestions.append(
            TargetSuggestion(
                partner_id=partner_id,
                name=name,
                tier=tier,
                revenue_actual=actual,
                revenue_target=target,
                attainment=actual / to_date if to_date else None,
                basis=basis.kind,
                base_revenue=base,
                growth=growth,
                suggested=suggested,
                current=current.get(pk),
                objectives=own[pk],
            )
        )
    return suggestions


def save_targets(*, period: Period, values: dict[str, str], user=None):
    """Store revenue targets for the period (partner key → value; blanks skipped), with history.

    Validated and upserted by the targets import, so one bad value stores nothing; its error
    names the partner.
    """
    keys = [key for key, value in values.items() if value.strip()]
    rows = [
        {"partner_id": key, "period": period.text, "metric": "revenue", "value": values[key]}
        for key in keys
    ]
    try:
        with transaction.atomic():
            return import_rows(kind="targets", rows=rows, user=user, first_line=0)
    except ImportFailed as exc:
        by_partner: dict[str, list[str]] = defaultdict(list)
        for error in exc.errors:
            key = keys[error.line] if 0 <= error.line < len(keys) else ""
            by_partner[key].append(f"{error.column}: {error.message}")
        raise TargetsRefused(by_partner=dict(by_partner)) from exc


class TargetsRefused(InputError):
    """Some target values were bad; nothing was saved. `.by_partner`: key → messages."""

    def __init__(self, *, by_partner: dict[str, list[str]]):
        self.by_partner = by_partner
        lines = [f"partner {key or '?'}: {'; '.join(msgs)}" for key, msgs in by_partner.items()]
        super().__init__("No targets were saved:\n" + "\n".join(lines))


def suggestion_row(*, suggestion: TargetSuggestion, period: Period) -> dict[str, object]:
    """The suggestion as plain values (CSV and JSON): money rounded to 2, ratios to 4 decimals."""
    return {
        "partner_id": suggestion.partner_id,
        "name": suggestion.name,
        "tier": suggestion.tier,
        "period": period.text,
        "previous_period": period.previous_comparable().text,
        "previous_revenue_actual": _float(suggestion.revenue_actual),
        "previous_revenue_target": _float(suggestion.revenue_target),
        "previous_attainment": _float(suggestion.attainment, "0.0001"),
        "basis": suggestion.basis,
        "base_revenue": _float(suggestion.base_revenue),
        "objectives": len(suggestion.objectives),
        "growth": _float(suggestion.growth, "0.0001"),
        "suggested_revenue_target": _float(suggestion.suggested),
        "current_revenue_target": _float(suggestion.current),
    }


def _float(value: Decimal | None, places: str = "0.01") -> float | None:
    return None if value is None else float(value.quantize(Decimal(places), ROUND_HALF_EVEN))


def partners_for_targets(*, tier: str = "", country: str = "", manager_email: str = "") -> QuerySet:
    """The partners in the caller's scope matching the filters (empty: any), in key order."""
    partners = Partner.objects.order_by("partner_id")
    return filter_partners(partners, tier=tier, country=country, manager_email=manager_email)


def changed_values(*, values: dict[str, str], shown: dict[str, str]) -> dict[str, str]:
    """The values a user changed on the sheet: those that differ from what it showed them.

    A pre-filled suggestion or stored target left as it was is not a decision to store it;
    "120000" for a shown "120000.00" is no change either. Blanks are never stored.
    """
    return {
        key: value
        for key, value in values.items()
        if value.strip() and not _same_number(value, shown.get(key, ""))
    }


def accepted_suggestions(*, suggestions: list[TargetSuggestion]) -> dict[str, str]:
    """The values stored when the user accepts every suggestion of a selection (partner key →
    suggested target): partners with a suggestion and no stored target for the period yet."""
    return {
        s.partner_id: plain_number(s.suggested)
        for s in suggestions
        if s.suggested is not None and s.current is None
    }


def _same_number(first: str, second: str) -> bool:
    try:
        return Decimal(first.strip()) == Decimal(second.strip())
    except InvalidOperation:
        return first.strip() == second.strip()
