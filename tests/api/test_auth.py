from django.core.management import call_command

from outward.core.models import ApiToken


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
    from django.test import Client

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
