"""Control characters are refused at every input with a 400, and never reach the database."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scope

from outward.core.characters import control_character
from outward.exchange.domain import export_file
from outward.objectives.models import CheckIn
from outward.sales.models import Deal
from tests import factories

pytestmark = pytest.mark.django_db

NEW_DEAL = {
    "deal_id": "DN",
    "partner_id": "PA",
    "amount": "1",
    "stage": "open",
    "close_date": "2026-01-01",
}


@pytest.mark.parametrize(
    ("text", "multiline", "found"),
    [
        ("plain", False, None),
        ("a\x00b", False, "U+0000"),
        ("a\tb", False, "U+0009"),
        ("a\tb\nc\r\n", True, None),
        ("bell\x07", True, "U+0007"),
        ("del\x7f", True, "U+007F"),
    ],
)
def test_control_character_names_the_first_refused_one(text, multiline, found):
    assert control_character(text, multiline=multiline) == found


@pytest.mark.parametrize("field", ["deal_id", "product_line"])
def test_api_json_string_with_nul_is_a_400(world, api, field):
    response = api("manager").post("/api/v1/deals/", {**NEW_DEAL, field: "x\x00y"}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": f"{field} contains the control character U+0000"},
    )
    assert Deal.objects.count() == 2  # the two of the world


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/api/v1/deals/D%00A/", "the address contains the control character U+0000"),
        (
            "/api/v1/deals/?stage=op%00en",
            "the query parameter 'stage' contains the control character U+0000",
        ),
        (
            "/api/v1/deals/?st%01age=open",
            "the query parameter 'st\\x01age' contains the control character U+0001",
        ),
    ],
)
def test_api_address_and_filters_with_control_characters_are_a_400(world, api, url, detail):
    response = api("manager").get(url)
    assert (response.status_code, response.json()) == (400, {"detail": detail})


def test_form_field_with_nul_is_a_400_page(world, login):
    client = login(world.user_a)
    url = reverse("objectives:checkin_add", args=["OA"])
    response = client.post(url, {"value": "4", "date": "2026-03-01", "comment": "a\x00"})
    assert (response.status_code, response.text) == (
        400,
        "Bad request: the field 'comment' contains the control character U+0000.\n",
    )
    assert CheckIn.objects.filter(date="2026-03-01").count() == 0


def test_page_address_with_a_control_character_is_a_400(world, login):
    response = login(world.manager).get("/partners/P%07A/")
    assert (response.status_code, response.text) == (
        400,
        "Bad request: the address contains the control character U+0007.\n",
    )


@pytest.fixture
def bell_comment(world):
    """A comment stored before control characters were refused."""
    return factories.CheckInFactory(objective=world.objective_a, date="2026-04-01", comment="\x07!")


def test_xlsx_export_copes_with_stored_control_characters(bell_comment):
    out = io.BytesIO()
    with scope(partner=None):
        export_file(kind="checkins", fmt="xlsx", out=out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    assert "\ufffd!" in [row[3] for row in sheet.iter_rows(values_only=True)]


def test_cli_xlsx_export_with_stored_control_characters_writes_a_whole_file(bell_comment, tmp_path):
    path = tmp_path / "checkins.xlsx"
    call_command("export", "checkins", "--format", "xlsx", "-o", str(path), stderr=io.StringIO())
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert ("\ufffd!" in [row[3] for row in sheet.iter_rows(values_only=True)]) is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkins.xlsx"]
