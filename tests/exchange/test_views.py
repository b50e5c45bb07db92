"""The import page: vendor staff upload, see progress and errors; partner users see nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from outward.core.models import TaskRun
from outward.sales.models import Deal

pytestmark = pytest.mark.django_db

URL = reverse("exchange:upload")
BAD = (
    b"deal_id,partner_id,amount,stage,close_date\n"
    b"DN,PA,-3,open,2026-02-01\nDM,PZ,1,won,2026-01-01\n"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, content: bytes, name: str = "deals.csv", kind: str = "deals"):
    return client.post(URL, {"kind": kind, "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(("persona", "status"), [("user_a", 404), ("anonymous", 302)])
def test_only_vendor_staff_reach_the_page(world, login, persona, status):
    client = login(world.persona(persona))
    assert client.get(URL).status_code == status
    assert _upload(client, BAD).status_code == status
    assert client.get(reverse("exchange:export", args=["deals", "csv"])).status_code == status
    assert TaskRun.objects.count() == 0


def test_empty_state_explains_formats(world, login):
    response = login(world.manager).get(URL)
    assert response.status_code == 200
    assert "No imports yet." in response.text
    assert "docs/import-export.md" not in response.text
    assert "<title>Import and export · Outward</title>" in response.text
    assert '<a href="/import/export/deals.csv" download>CSV</a>' in response.text


def test_manager_upload_with_errors_shows_the_error_table(world, login, tmp_path):
    client = login(world.manager)
    response = _upload(client, BAD)
    run = TaskRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?task={run.pk}"
    assert (run.state, run.kind, run.label, run.user, run.result["total"]) == (
        "failed",
        "exchange.import",
        "deals from deals.csv",
        world.manager,
        2,
    )
    assert run.result["errors"] == [
        {"line": 2, "column": "amount", "message": "-3 is negative; must be ≥ 0"},
        {"line": 3, "column": "partner_id", "message": "unknown partner 'PZ'"},
    ]
    page = client.get(response["Location"]).text
    assert "deals.csv: 2 problems. Nothing was stored; fix the file and upload it again." in page
    assert "<td>2</td><td>amount</td><td>-3 is negative; must be ≥ 0</td>" in page
    assert "<td>3</td><td>partner_id</td><td>unknown partner &#x27;PZ&#x27;</td>" in page
    assert not Deal.objects.filter(deal_id="DN").exists()
    assert list((tmp_path / "imports").iterdir()) == []  # the upload is removed afterwards


def test_admin_upload_succeeds(world, login):
    client = login(world.admin)
    good = b"deal_id,partner_id,amount,stage,close_date\nDN,PA,3,open,2026-02-01\n"
    response = _upload(client, good)
    run = TaskRun.objects.get()
    assert (run.state, run.message, run.result) == (
        "success",
        "deals.csv: imported 1 deals (1 new, 0 updated)",
        {"kind": "deals", "rows": 1, "created": 1, "updated": 0},
    )
    page = client.get(response["Location"]).text
    assert "deals.csv: imported 1 deals (1 new, 0 updated)" in page
    assert Deal.objects.get(deal_id="DN").amount == 3


def test_wrong_file_type_is_a_form_error(world, login):
    response = _upload(login(world.manager), b"hello", name="deals.txt")
    assert response.status_code == 400
    assert "Choose a .csv or .xlsx file." in response.text
    assert TaskRun.objects.count() == 0


def test_another_users_task_is_not_shown(world, login):
    _upload(login(world.admin), BAD)
    run = TaskRun.objects.get()
    page = login(world.manager).get(f"{URL}?task={run.pk}").text
    assert "Nothing was stored" not in page


def test_the_import_button_waits_while_the_shown_import_runs(world, login):
    running = TaskRun.objects.create(
        kind="exchange.import", label="deals from big.csv", user=world.manager, state="running"
    )
    finished = TaskRun.objects.create(
        kind="exchange.import", label="deals from small.csv", user=world.manager, state="success"
    )
    client = login(world.manager)
    waiting = client.get(f"{URL}?task={running.pk}").text
    free = client.get(f"{URL}?task={finished.pk}").text
    assert ("disabled data-wait-for-task" in waiting, "disabled" in free) == (True, False)
    assert "This import is still running" in waiting


def test_export_downloads(world, login):
    client = login(world.manager)
    response = client.get(reverse("exchange:export", args=["targets", "csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="targets.csv"'
    assert b"".join(response.streaming_content) == (
        b"partner_id,period,metric,value\r\nPA,2026,revenue,100000\r\nPB,2026,revenue,100000\r\n"
    )
    response = client.get(reverse("exchange:export", args=["targets", "xlsx"]))
    assert response["Content-Disposition"] == 'attachment; filename="targets.xlsx"'
    assert b"".join(response.streaming_content)[:4] == b"PK\x03\x04"
    assert client.get(reverse("exchange:export", args=["nothing", "csv"])).status_code == 404
