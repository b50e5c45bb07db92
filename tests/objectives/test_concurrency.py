"""Two editors saving the same objective at the same moment: exactly one save wins."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django_scopes import scopes_disabled

from outward.objectives.domain import StaleObjective, update_objective
from outward.objectives.models import Objective
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="real concurrent transactions need PostgreSQL (CI runs the suite on it too)",
)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_from_the_same_version_let_exactly_one_through():
    objective = factories.ObjectiveFactory(objective_id="OC", target=Decimal("15"))
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def edit(target: str) -> None:
        try:
            with scopes_disabled():
                opened = Objective.objects.select_related("partner").get(pk=objective.pk)
                start.wait(timeout=10)
                update_objective(objective=opened, fields={"target": target}, expected_version=1)
            outcomes[target] = "saved"
        except StaleObjective:
            outcomes[target] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=(t,)) for t in ("20", "30")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(t for t, outcome in outcomes.items() if outcome == "saved")
    assert Objective.objects.values_list("target", "version").get(pk=objective.pk) == (
        Decimal(winner),
        2,
    )
    assert objective.history.count() == 2
