import pytest
from django.core.management import call_command


def test_schema_generates_without_warnings_and_validates(tmp_path):
    out = tmp_path / "schema.yaml"

    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(out))

    text = out.read_text()
    for route in (
        "/api/v1/partners/{partner_id}/:",
        "/api/v1/accounts/{account_id}/:",
        "/api/v1/deals/{deal_id}/:",
        "/api/v1/targets/:",
        "/api/v1/objectives/{objective_id}/:",
        "/api/v1/objectives/{objective_id}/checkins/:",
    ):
        assert route in text


@pytest.mark.django_db
def test_schema_endpoint_serves_openapi(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert response.json()["info"]["title"] == "Outward API"
