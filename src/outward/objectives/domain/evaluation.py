"""The one evaluation of an objective (shared/spec/health.md): its value as of a date, its
status and its progress. Every page, export, plan, report and API response reads it.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from outward.core.numbers import number, ratio
from outward.core.periods import Period, last_ended_month
from outward.core.sql import (
    RESULT_DECIMAL,
    MonthStart,
    at_least,
    decimal_reader,
    fetch_rows,
    of_partners,
    to_decimal,
)
from outward.objectives.models import CheckIn, Direction, Objective, Source
from outward.sales.domain import first_won_between
from outward.sales.models import Deal, Stage

MET, MISSED, NO_DATA, IN_PROGRESS = "met", "missed", "no_data", "in_progress"
COUNTED = (MET, MISSED, NO_DATA)
ZERO = Decimal(0)


@dataclass(slots=True)  # not frozen: a frozen one takes 2.5× as long to build
class EvaluatedObjective:
    """One objective of a partner, evaluated as of a date."""

    pk: int
    partner_pk: int
    objective_id: str
    title: str
    period: str
    first_month: int
    last_month: int
    direction: str
    baseline: Decimal | None
    target: Decimal
    weight: Decimal
    value: Decimal | None
    status: str
    progress: Decimal | None


def _deals_in_objective_period(as_of: dt.date) -> QuerySet:
    """Won deals of the objective's partner inside its period, closed up to the as-of date."""
    return Deal.objects.filter(
        partner_id=OuterRef("partner_id"),
        stage=Stage.WON,
        close_date__gte=OuterRef("period_start"),
        close_date__lt=OuterRef("period_after"),
        close_date__lte=as_of,
    ).order_by()


def _one_total(queryset: QuerySet, aggregate) -> Subquery:
    return Subquery(
        queryset.values("partner_id").annotate(total=aggregate).values("total")[:1],
        output_field=RESULT_DECIMAL,
    )


def _value_expression(as_of: dt.date):
    """The objective's value: latest check-in in its period (≤ A), or the vendor's actual."""
    latest_checkin = Subquery(
        CheckIn.objects.filter(
            objective_id=OuterRef("pk"),
            date__gte=OuterRef("period_start"),
            date__lt=OuterRef("period_after"),
            date__lte=as_of,
        )
        .order_by("-date")
        .values("value")[:1],
        output_field=RESULT_DECIMAL,
    )
    deals = _deals_in_objective_period(as_of)
    revenue = _one_total(deals, Sum("amount"))
    deals_won = _one_total(deals, Count("pk"))
    new_customers = _one_total(
        first_won_between(
            start=OuterRef("period_start"), after=OuterRef("period_after"), as_of=as_of
        ).filter(partner_id=OuterRef("partner_id")),
        Count("pk"),
    )
    zero = Value(Decimal(0), output_field=RESULT_DECIMAL)
    return Case(
        When(source=Source.MANUAL, then=latest_checkin),
        When(source=Source.VENDOR_REVENUE, then=Coalesce(revenue, zero)),
        When(source=Source.VENDOR_DEALS_WON, then=Coalesce(deals_won, zero)),
        When(source=Source.VENDOR_NEW_CUSTOMERS, then=Coalesce(new_customers, zero)),
        default=None,
        output_field=RESULT_DECIMAL,
    )


def objective_status(*, direction: str, value: Decimal | None, target: Decimal) -> str:
    """met, missed or no_data for an objective whose period has ended.

    Decimals, or the numbers as the database returns them: compared as their decimals are.
    """
    if value is None:
        return NO_DATA
    if direction == Direction.DECREASE:
        return MET if at_least(target, value) else MISSED
    return MET if at_least(value, target) else MISSED


def objective_progress(
    *, direction: str, value: Decimal | None, target: Decimal, baseline: Decimal | None
) -> Decimal | None:
    """How far from baseline to target the value got; None where that is undefined."""
    if value is None:
        return None
    if baseline is not None and baseline != target:
        return (value - baseline) / (target - baseline)
    if direction == Direction.DECREASE:
        return target / value if value else None
    return value / target if target else None


def with_value(
    objectives: QuerySet,
    *,
    as_of: dt.date,
    only_ended: bool = False,
    months: tuple[int, int] | None = None,
) -> QuerySet:
    """The objectives annotated with `value_as_of`, their value as of the date.

    With `only_ended`, objectives still in progress get no value (NULL, not computed).
    `months` (first, last), where the caller knows the objectives lie within them, speeds up
    the period bounds (see `MonthStart`).
    """
    value = _value_expression(as_of)
    if only_ended:
        value = Case(
            When(last_month__lte=last_ended_month(as_of), then=value),
            default=None,
            output_field=RESULT_DECIMAL,
        )
    return objectives.annotate(
        period_start=MonthStart(F("first_month"), months=months),
        period_after=MonthStart(
            F("last_month") + Value(1), months=months and (months[0] + 1, months[1] + 1)
        ),
    ).annotate(value_as_of=value)


def _objectives_within(*, periods: Sequence[Period], partners: QuerySet) -> QuerySet:
    """The partners' objectives whose period lies within one of `periods`."""
    within = Q()
    for period in periods:
        within |= Q(first_month__gte=period.first, last_month__lte=period.last)
    # The overall range lets the (partner, first_month, last_month) index narrow the search.
    first, last = _months_of(periods)
    overall = Q(first_month__gte=first, last_month__lte=last)
    return of_partners(Objective.objects, partners).filter(overall, within)


def _months_of(periods: Sequence[Period]) -> tuple[int, int]:
    """The first and the last month of some periods."""
    return min(period.first for period in periods), max(period.last for period in periods)


def evaluate(
    objectives: QuerySet, *, as_of: dt.date, months: tuple[int, int] | None = None
) -> list[EvaluatedObjective]:
    """Each objective of the queryset evaluated as of a date, in key order, in one query.

    `months`: the range the objectives lie within, if known (see `with_value`).
    """
    queryset = (
        with_value(objectives, as_of=as_of, months=months)
        .order_by()
        .values_list(
            "pk",
            "partner_id",
            "objective_id",
            "title",
            "period",
            "first_month",
            "last_month",
            "direction",
            "baseline",
            "target",
            "weight",
            "value_as_of",
        )
    )
    evaluated = []
    last_ended = last_ended_month(as_of)
    # Seventeen thousand objectives on a large channel: convert the numbers here, once, and
    # the baselines, targets and weights (of which few differ) once per different number.
    exact = decimal_reader()
    for row in fetch_rows(queryset):
        (
            pk,
            partner_pk,
            key,
            title,
            text,
            first,
            last,
            direction,
            baseline,
            target,
            weight,
            value,
        ) = row
        baseline, target, weight, value = (
            exact(baseline),
            exact(target),
            exact(weight),
            to_decimal(value),
        )
        # In progress while the period runs (its last month after the last ended one).
        status = (
            IN_PROGRESS
            if last > last_ended
            else objective_status(direction=direction, value=value, target=target)
        )
        progress = objective_progress(
            direction=direction, value=value, target=target, baseline=baseline
        )
        evaluated.append(
            EvaluatedObjective(
                pk,
                partner_pk,
                key,
                title,
                text,
                first,
                last,
                direction,
                baseline,
                target,
                weight,
                value,
                status,
                progress,
            )  # positional: 17,000 objectives on a large channel
        )
    # Sorted here, not in SQL: PostgreSQL's collation would order `O-10`/`o2` unlike SQLite.
    evaluated.sort(key=lambda objective: objective.objective_id)
    return evaluated


def evaluation_json(objective: EvaluatedObjective) -> dict:
    """The evaluation as the health report and the API give it: status, value, progress."""
    return {
        "status": objective.status,
        "value": number(objective.value),
        "progress": ratio(objective.progress),
    }


def evaluate_one(objective: Objective, *, as_of: dt.date) -> EvaluatedObjective:
    """One objective evaluated as of a date."""
    (evaluated,) = evaluate(Objective.objects.filter(pk=objective.pk), as_of=as_of)
    return evaluated


def evaluate_objectives(
    *, periods: Sequence[Period], as_of: dt.date, partners: QuerySet
) -> list[EvaluatedObjective]:
    """The objectives of the partners whose period lies within one of `periods`, evaluated."""
    within = _objectives_within(periods=periods, partners=partners)
    return evaluate(within, as_of=as_of, months=_months_of(periods))


@dataclass(frozen=True)
class ObjectiveTally:
    """Per period (in the order asked): each partner's objective weights and who has any."""

    weights: list[dict[int, tuple[Decimal, Decimal]]]  # partner pk → (weight met, counted)
    recorded: list[set[int]]  # partner pks with an objective in the period, whatever its status


def objective_weights(
    *, periods: Sequence[Period], as_of: dt.date, partners: QuerySet
) -> ObjectiveTally:
    """Per period and partner: the weight of its objectives met and counted, and whether it has
    objectives on record at all.

    The same query and rules as `evaluate_objectives`, for figures that need only the
    partners' shares (the dashboard, the trend): objectives still in progress count in no share,
    so their values are not computed, and no per-objective entry is built.
    """
    last_ended = last_ended_month(as_of)
    within = _objectives_within(periods=periods, partners=partners)
    queryset = (
        with_value(within, as_of=as_of, only_ended=True, months=_months_of(periods))
        .order_by()
        .values_list(
            "partner_id",
            "first_month",
            "last_month",
            "direction",
            "target",
            "weight",
            "value_as_of",
        )
    )
    recorded: list[set[int]] = [set() for _ in periods]
    weights: list[dict[int, tuple[Decimal, Decimal]]] = [{} for _ in periods]
    # Objectives share few periods and weights: each is looked up once (20,000 objectives).
    periods_of: dict[tuple[int, int], list[int]] = {}
    exact = decimal_reader()
    no_weights = (ZERO, ZERO)
    for partner_pk, first, last, direction, target, weight, value in fetch_rows(queryset):
        if (indexes := periods_of.get((first, last))) is None:
            indexes = periods_of[first, last] = [
                index
                for index, period in enumerate(periods)
                if period.first <= first and last <= period.last
            ]
        for index in indexes:
            recorded[index].add(partner_pk)
        if last > last_ended:  # still in progress: in no share
            continue
        weight = exact(weight)
        met = objective_status(direction=direction, value=value, target=target) == MET
        for index in indexes:
            partner_weights = weights[index]
            met_weight, counted_weight = partner_weights.get(partner_pk, no_weights)
            partner_weights[partner_pk] = (
                met_weight + weight if met else met_weight,
                counted_weight + weight,
            )
    return ObjectiveTally(weights=weights, recorded=recorded)
