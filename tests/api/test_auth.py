import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from outward.core.api import Pagination
from outward.core.api_errors import field_errors
from outward.core.errors import InputError
from outward.core.models import ApiToken
from outward.exchange.domain import RowError
from outward.objectives.models import CheckIn
from outward.partners.models import Partner
from outward.sales.models import Deal


def test_no_credentials_is_401_with_bearer_challenge(world, client):
    response = client.get("/api/v1/deals/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_wrong_token_is_401(world, client):
    response = client.get("/api/v1/deals/", HTTP_AUTHORIZATION="Bearer ow_not-a-token")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked token."}


def test_revoked_token_is_401(world, client, capsys):
    call_command("tokens", "create", world.user_a.email)
    raw = capsys.readouterr().out.strip()
    ok = client.get("/api/v1/deals/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    call_command("tokens", "revoke", world.user_a.email)

    revoked = client.get("/api/v1/deals/", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert ok.status_code == 200
    assert [d["deal_id"] for d in ok.json()["results"]] == ["DA"]
    assert revoked.status_code == 401


def test_token_of_deactivated_user_is_401(world, client):
    _, raw = ApiToken.issue(world.manager)
    world.manager.is_active = False
    world.manager.save()

    response = client.get("/api/v1/deals/", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 401


def test_token_scope_is_its_users_even_with_another_session(world, login):
    client = login(world.admin)
    _, raw = ApiToken.issue(world.user_b)

    response = client.get("/api/v1/deals/", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert [d["deal_id"] for d in response.json()["results"]] == ["DB"]


def test_session_auth_reads_in_the_users_scope(world, login):
    response = login(world.user_a).get("/api/v1/objectives/")

    assert [o["objective_id"] for o in response.json()["results"]] == ["OA"]


def test_session_write_needs_csrf(world, client):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(world.admin, backend="django.contrib.auth.backends.ModelBackend")

    response = csrf_client.post(
        "/api/v1/accounts/",
        {"account_id": "AX", "name": "X"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF Failed: CSRF cookie not set."}


def test_token_records_last_use(world, client):
    token, raw = ApiToken.issue(world.manager)

    client.get("/api/v1/partners/", HTTP_AUTHORIZATION=f"Bearer {raw}")

    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/v1/partners/"),
        ("patch", "/api/v1/partners/PA/"),
        ("delete", "/api/v1/partners/PA/"),
        ("post", "/api/v1/accounts/"),
        ("post", "/api/v1/deals/"),
        ("put", "/api/v1/deals/DA/"),
        ("delete", "/api/v1/deals/DA/"),
        ("post", "/api/v1/targets/"),
        ("post", "/api/v1/objectives/"),
        ("patch", "/api/v1/objectives/OA/"),
        ("post", "/api/v1/objectives/OA/checkins/"),
    ],
)
def test_anonymous_writes_are_401_and_store_nothing(world, api, method, url):
    body = {"partner_id": "PA", "name": "X", "stage": "lost", "date": "2026-12-31", "value": "1"}

    response = getattr(api("anonymous"), method)(url, body, format="json")

    assert response.status_code == 401
    assert (Partner.objects.count(), Deal.objects.count(), CheckIn.objects.count()) == (2, 2, 2)
    assert Partner.objects.get(partner_id="PA").name == "Acme Integration"
    assert Deal.objects.get(deal_id="DA").stage == "won"


def test_malformed_json_is_400(world, api):
    response = api("admin").generic(
        "POST", "/api/v1/deals/", '{"deal_id": ', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


@pytest.mark.parametrize(
    ("query", "size"), [("", 100), ("?page_size=7", 7), ("?page_size=9999", 1000)]
)
def test_page_size_default_and_cap(query, size):
    request = Request(APIRequestFactory().get(f"/api/v1/deals/{query}"))

    assert Pagination().get_page_size(request) == size


def test_input_error_becomes_field_errors():
    rows = InputError("bad", errors=[RowError(2, "amount", "is required"), RowError(2, "", "x")])

    assert field_errors(rows) == {"amount": ["is required"], "non_field_errors": ["x"]}
    assert field_errors(InputError("period: bad")) == {"non_field_errors": ["period: bad"]}


def test_bearer_scheme_is_case_insensitive(world, client):
    _, raw = ApiToken.issue(world.user_b)

    response = client.get("/api/v1/deals/", HTTP_AUTHORIZATION=f"bearer {raw}")

    assert [d["deal_id"] for d in response.json()["results"]] == ["DB"]


def test_empty_bearer_token_is_401(world, client):
    response = client.get("/api/v1/deals/", HTTP_AUTHORIZATION="Bearer ")

    assert response.status_code == 401


def test_last_use_is_recorded_at_most_once_a_minute(world, client):
    token, raw = ApiToken.issue(world.manager)
    client.get("/api/v1/partners/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    token.refresh_from_db()
    first_use = token.last_used_at

    client.get("/api/v1/partners/", HTTP_AUTHORIZATION=f"Bearer {raw}")

    token.refresh_from_db()
    assert token.last_used_at == first_use
