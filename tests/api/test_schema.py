import re

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


@pytest.mark.django_db
def test_docs_page_renders_without_inline_script_or_style(client):
    response = client.get("/api/v1/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<style" not in html
    assert "style=" not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts == [
        ' src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"',
        ' src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js"',
        ' src="/api/v1/docs/?script="',
    ]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_docs_script_and_assets_are_served_locally(client):
    script = client.get("/api/v1/docs/?script")
    bundle = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")

    assert (script.status_code, script["Content-Type"]) == (200, "application/javascript")
    assert 'url: "/api/v1/schema/"' in script.content.decode()
    bundle.close()
    assert bundle.status_code == 200
