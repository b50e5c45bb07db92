"""The report's objective entries agree with the objectives API's evaluation fields."""

from decimal import Decimal

import pytest

from outward.health.domain.report import objective_json
from outward.objectives.domain.evaluation import (
    IN_PROGRESS,
    MET,
    MISSED,
    NO_DATA,
    EvaluatedObjective,
    evaluation_json,
    objective_progress,
)


def _evaluated(status: str, value, target, baseline=None) -> EvaluatedObjective:
    value = None if value is None else Decimal(value)
    target, baseline = Decimal(target), None if baseline is None else Decimal(baseline)
    return EvaluatedObjective(
        pk=7,
        partner_pk=3,
        objective_id="OBJ-7",
        title="Certified engineers",
        period="2026-Q3",
        first_month=2026 * 12 + 6,
        last_month=2026 * 12 + 8,
        direction="increase",
        baseline=baseline,
        target=target,
        weight=Decimal("1.5"),
        value=value,
        status=status,
        progress=objective_progress(
            direction="increase", value=value, target=target, baseline=baseline
        ),
    )


@pytest.mark.parametrize(
    "objective",
    [
        _evaluated(MET, "12", "10"),
        _evaluated(MISSED, "20", "15", baseline="20"),  # progress 0 / -5: zero, not -0.0
        _evaluated(NO_DATA, None, "10"),
        _evaluated(IN_PROGRESS, "3.3333", "7", baseline="1"),
    ],
)
def test_an_objective_entry_carries_the_evaluation_the_api_gives(objective):
    entry = objective_json(objective)
    assert {key: entry[key] for key in ("status", "value", "progress")} == evaluation_json(
        objective
    )
    assert list(entry) == [
        "objective_id",
        "title",
        "period",
        "status",
        "value",
        "target",
        "progress",
        "weight",
    ]
    assert (entry["objective_id"], entry["target"], entry["weight"]) == (
        "OBJ-7",
        float(objective.target),
        1.5,
    )
