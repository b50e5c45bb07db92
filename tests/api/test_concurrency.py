"""Concurrent writes through the API: row locks, If-Match, one winner per new key.

The concurrent cases need real concurrent transactions: PostgreSQL (skipped on SQLite, whose
IMMEDIATE transactions take one writer at a time). If-Match is checked on every database.
"""

import io
import threading
from functools import partial

import pytest
from django.db import connection, connections
from django_scopes import scopes_disabled
from rest_framework.test import APIClient

from outward.core.models import ApiToken
from outward.exchange.domain import import_file
from outward.exchange.domain.locking import ImportBusy, import_lock
from outward.objectives.models import Objective
from outward.sales.models import Deal

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL"
)
NEW_DEAL = {"partner_id": "PA", "amount": "10", "stage": "open", "close_date": "2026-09-30"}
NEW_OBJECTIVE = {"partner_id": "PA", "period": "2026", "title": "Grow", "target": "10"}


def _at_once(*calls) -> list:
    """Run the calls in threads released together; their results in order."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            start.wait(timeout=10)
            results[index] = call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _status(send, url: str, body: dict) -> int:
    return send(url, body, format="json").status_code


def _client(user) -> APIClient:
    client = APIClient()
    _, raw = ApiToken.issue(user)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.mark.django_db
def test_patch_with_a_stale_etag_is_a_409_and_stores_nothing(world, api):
    client = api("manager")
    etag = client.get("/api/v1/objectives/OA/")["ETag"]
    url = "/api/v1/objectives/OA/"
    first = client.patch(url, {"title": "A"}, format="json", HTTP_IF_MATCH=etag)
    second = client.patch(url, {"unit": "%"}, format="json", HTTP_IF_MATCH=etag)
    assert (first.status_code, second.status_code, first["ETag"] != etag) == (200, 409, True)
    assert second.json()["detail"].startswith("the record changed since you read it")
    assert Objective.objects.values_list("title", "unit").get(objective_id="OA") == (
        "A",
        world.objective_a.unit,
    )


@pytest.mark.django_db
def test_delete_with_a_stale_etag_is_a_409(world, api):
    client = api("manager")
    response = client.delete("/api/v1/deals/DA/", HTTP_IF_MATCH='"stale"')
    assert (response.status_code, Deal.objects.filter(deal_id="DA").exists()) == (409, True)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_patches_of_different_fields_both_persist(world):
    clients = [_client(world.manager), _client(world.admin)]
    for round_number in range(10):
        title, unit = f"title {round_number}", f"u{round_number}"
        statuses = _at_once(
            partial(_status, clients[0].patch, "/api/v1/objectives/OA/", {"title": title}),
            partial(_status, clients[1].patch, "/api/v1/objectives/OA/", {"unit": unit}),
        )
        stored = Objective.objects.values_list("title", "unit").get(objective_id="OA")
        assert (statuses, stored) == ([200, 200], (title, unit))


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("url", "body", "key"),
    [
        ("/api/v1/deals/", NEW_DEAL, "deal_id"),
        ("/api/v1/objectives/", NEW_OBJECTIVE, "objective_id"),
    ],
)
def test_concurrent_creates_of_one_new_key_give_one_201_and_one_409(world, url, body, key):
    clients = [_client(world.manager), _client(world.admin)]
    for round_number in range(10):
        new = {**body, key: f"NEW-{round_number}"}
        statuses = _at_once(
            partial(_status, clients[0].post, url, {**new, "partner_id": "PA"}),
            partial(_status, clients[1].post, url, {**new, "partner_id": "PB"}),
        )
        assert sorted(statuses) == [201, 409]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_second_import_of_the_same_kind_is_refused_while_one_runs(world):
    csv = b"deal_id,partner_id,amount,stage,close_date\r\nDN,PA,5,open,2026-02-01\r\n"

    def second_import():
        try:
            with scopes_disabled():
                import_file(kind="deals", file=io.BytesIO(csv), filename="deals.csv")
        except ImportBusy as exc:
            return str(exc)
        return "imported"

    with import_lock("deals"):
        (refused,) = _at_once(second_import)
    (other_kind,) = _at_once(second_import)
    ending = "(deals); try again when it has finished"
    assert (refused.split(" since ")[0], refused.endswith(ending)) == (
        "another import is running",
        True,
    )
    assert (other_kind, Deal.objects.filter(deal_id="DN").exists()) == ("imported", True)
