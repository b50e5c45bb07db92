"""The vendor's targets for a period, in SQL: pro-rated by months (shared/spec/health.md)."""

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Greatest, Least

from outward.core.periods import Period
from outward.core.sql import RESULT_DECIMAL, ProRated, fetch_rows, to_decimal
from outward.targets.models import Target


def _overlap(period: Period):
    """Months a target shares with the period (may be ≤ 0 for targets outside it)."""
    return (
        Least(F("last_month"), Value(period.last))
        - Greatest(F("first_month"), Value(period.first))
        + Value(1)
    )


def targets_by_partner(
    *, periods: Sequence[Period], metric: str, partners: QuerySet
) -> dict[int, list[Decimal | None]]:
    """Per partner pk: the pro-rated target of each period, None where no target overlaps it."""
    aggregates = {}
    for index, period in enumerate(periods):
        overlapping = Q(first_month__lte=period.last, last_month__gte=period.first)
        share = ProRated(
            F("value"), _overlap(period), F("last_month") - F("first_month") + Value(1)
        )
        aggregates[f"target_{index}"] = Sum(share, filter=overlapping, output_field=RESULT_DECIMAL)
        aggregates[f"rows_{index}"] = Count("pk", filter=overlapping)
    queryset = (
        Target.objects.filter(
            partner_id__in=partners.values("pk"),
            metric=metric,
            first_month__lte=max(p.last for p in periods),
            last_month__gte=min(p.first for p in periods),
        )
        .order_by()
        .values("partner_id")
        .annotate(**aggregates)
    )
    # Columns: partner, then per period the pro-rated sum and the number of overlapping rows.
    return {
        row[0]: [
            to_decimal(row[1 + 2 * i]) if row[2 + 2 * i] else None for i in range(len(periods))
        ]
        for row in fetch_rows(queryset)
    }
