"""`outward territories assign`: stored, printed per spec, stable, and incremental."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from outward.territories.domain.assignment import (
    assign_accounts,
    reassign_after_change,
    subtree_pks,
)
from outward.territories.models import Assignment
from tests import factories

pytestmark = pytest.mark.django_db


def _territories(*args: str) -> str:
    out = io.StringIO()
    call_command("territories", *args, stdout=out)
    return out.getvalue()


def _tree():
    world = factories.TerritoryFactory(territory_id="T-WORLD", name="World")
    de = factories.TerritoryFactory(
        territory_id="T-DE", name="Germany", parent=world, countries=["DE"]
    )
    by = factories.TerritoryFactory(
        territory_id="T-DE-BY", name="Bavaria", parent=de, subdivisions=["DE-BY"]
    )
    fr = factories.TerritoryFactory(
        territory_id="T-FR", name="France", parent=world, countries=["FR"]
    )
    return world, de, by, fr


def _accounts():
    return [
        factories.AccountFactory(account_id="A2", country="DE", subdivision="DE-BY"),
        factories.AccountFactory(account_id="A1", country="DE", subdivision="DE-BE"),
        factories.AccountFactory(account_id="A3", country="FR", subdivision=""),
        factories.AccountFactory(account_id="A9", country="US", subdivision=""),
    ]


def _stored() -> dict[str, str]:
    return {
        a.account.account_id: a.territory.territory_id
        for a in Assignment.objects.select_related("account", "territory")
    }


def test_assign_json_is_the_spec_document_sorted_by_account():
    world, *_ = _tree()
    world.countries = ["DE", "FR"]
    world.save()
    _accounts()
    document = json.loads(_territories("assign", "--format", "json"))
    assert document == {
        "assignments": [
            {"account_id": "A1", "territory_id": "T-DE"},
            {"account_id": "A2", "territory_id": "T-DE-BY"},
            {"account_id": "A3", "territory_id": "T-FR"},
        ],
        "unassigned": ["A9"],
    }
    assert _stored() == {"A1": "T-DE", "A2": "T-DE-BY", "A3": "T-FR"}


def test_assign_again_gives_the_same_result_and_moves_nothing():
    _tree()
    _accounts()
    first = assign_accounts()
    second = assign_accounts()
    assert (first.moved, second.moved) == (4, 0)
    assert second.document() == first.document()


def test_assign_table_and_csv():
    _tree()
    _accounts()
    table = _territories("assign")
    assert table.splitlines()[0] == "4 accounts matched: 4 assigned, 0 unassigned, 4 moved"
    assert "A2       T-DE-BY" in table
    assert _territories("assign", "--format", "csv").splitlines() == [
        "account_id,territory_id",
        "A1,T-DE",
        "A2,T-DE-BY",
        "A3,T-FR",
        "A9,T-WORLD",
    ]


def test_a_criteria_change_reassigns_only_the_accounts_it_concerns():
    _, de, by, _ = _tree()
    _accounts()
    assign_accounts()
    by.subdivisions = ["DE-BE"]
    by.save()
    outcome = reassign_after_change(territory_id="T-DE-BY")
    # A3 (France) and A9 (elsewhere) are not even looked at.
    assert (outcome.accounts, outcome.moved) == (2, 2)
    assert _stored() == {"A1": "T-DE-BY", "A2": "T-DE", "A3": "T-FR", "A9": "T-WORLD"}
    assert _stored() == dict(assign_accounts().assignments)


def test_a_move_reassigns_the_accounts_of_the_old_subtree():
    _, de, by, fr = _tree()
    _accounts()
    assign_accounts()
    before = subtree_pks(territory_id="T-DE-BY")
    by.parent = fr
    by.save()
    outcome = reassign_after_change(territory_id="T-DE-BY", before=before)
    assert outcome.moved == 1
    assert _stored()["A2"] == "T-DE"


def test_assign_one_account_from_the_command():
    _tree()
    accounts = _accounts()
    assign_accounts()
    accounts[2].country = "DE"
    accounts[2].save()
    output = _territories("assign", "--account", "A3", "--format", "json")
    assert json.loads(output) == {
        "assignments": [{"account_id": "A3", "territory_id": "T-DE"}],
        "unassigned": [],
    }
    assert _stored()["A3"] == "T-DE"


def test_assign_after_one_territory_from_the_command():
    _, de, *_ = _tree()
    _accounts()
    assign_accounts()
    de.countries = ["AT"]
    de.save()
    table = _territories("assign", "--territory", "T-DE")
    assert table.splitlines()[0] == "2 accounts matched: 2 assigned, 0 unassigned, 2 moved"
    assert _stored()["A2"] == "T-WORLD"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--territory", "T-NOPE"), "--territory: unknown territory 'T-NOPE'"),
        (("--account", "A404"), "--account: unknown account 'A404'"),
    ],
)
def test_assign_refuses_unknown_keys_with_status_2(args, message):
    _tree()
    with pytest.raises(CommandError, match=message) as caught:
        _territories("assign", *args)
    assert caught.value.returncode == 2


def test_unassigned_accounts_lose_their_stored_assignment():
    _, de, *_ = _tree()
    world = de.parent
    world.countries = ["DE"]
    world.save()
    factories.AccountFactory(account_id="A1", country="DE")
    assign_accounts()
    world.countries = ["FR"]
    world.save()
    outcome = assign_accounts()
    assert (outcome.moved, outcome.unassigned, _stored()) == (1, ["A1"], {})


def _import_accounts(tmp_path, text: str) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text(text, encoding="utf-8")
    call_command("import", "accounts", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_an_accounts_file_reassigns_the_accounts_it_writes(tmp_path):
    _tree()
    _accounts()
    assign_accounts()
    _import_accounts(
        tmp_path,
        "account_id,name,country,subdivision\nA1,Moved to Bavaria,DE,DE-BY\nA4,New in France,FR,\n",
    )
    stored = _stored()
    assert (stored["A1"], stored["A4"], stored["A2"]) == ("T-DE-BY", "T-FR", "T-DE-BY")


def test_a_refused_accounts_file_leaves_the_assignments_alone(tmp_path):
    _tree()
    _accounts()
    assign_accounts()
    before = _stored()
    with pytest.raises(CommandError):
        _import_accounts(
            tmp_path,
            "account_id,name,country,subdivision\nA1,Moved to Bavaria,DE,DE-BY\nA5,Nowhere,XX,\n",
        )
    assert _stored() == before
