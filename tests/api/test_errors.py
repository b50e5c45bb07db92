"""Every API error is JSON; unparseable or empty input is a 400, never a 500 or a 404."""

import pytest
from django.test import RequestFactory
from django.urls import get_resolver

pytestmark = pytest.mark.django_db

DEAL_FIELDS = ["deal_id", "partner_id", "amount", "stage", "close_date"]


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        pytest.param("[" * 1000, "JSON parse error - nested too deeply", id="1000-deep"),
        pytest.param("[" * 100_000, "JSON parse error - nested too deeply", id="100000-deep"),
        pytest.param(
            '{"a":', "JSON parse error - Expecting value: line 1 column 6 (char 5)", id="cut"
        ),
    ],
)
def test_unparseable_json_is_a_json_400(world, api, body, detail):
    response = api("manager").post("/api/v1/deals/", body, content_type="application/json")
    assert (response.status_code, response["Content-Type"], response.json()) == (
        400,
        "application/json",
        {"detail": detail},
    )


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("/api/v1/deals/", DEAL_FIELDS),
        ("/api/v1/partners/", ["partner_id", "name"]),
        ("/api/v1/targets/", ["partner_id", "period", "metric", "value"]),
    ],
)
def test_post_of_an_empty_object_is_a_400_naming_the_required_fields(world, api, url, fields):
    response = api("manager").post(url, {}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        dict.fromkeys(fields, ["is required"]),
    )


def test_unknown_api_address_is_a_json_404(world, api):
    response = api("manager").get("/api/v1/nothing-here/")
    assert (response.status_code, response["Content-Type"], response.json()) == (
        404,
        "application/json",
        {"detail": "Not found."},
    )


def test_api_server_error_is_json_and_pages_keep_their_template(db):
    handler = get_resolver().resolve_error_handler(500)
    api_answer = handler(RequestFactory().get("/api/v1/deals/"))
    page_answer = handler(RequestFactory().get("/partners/"))
    assert (api_answer.status_code, api_answer["Content-Type"], api_answer.content) == (
        500,
        "application/json",
        b'{"detail": "The server failed to answer; try again later."}',
    )
    assert (page_answer.status_code, page_answer["Content-Type"]) == (
        500,
        "text/html; charset=utf-8",
    )
