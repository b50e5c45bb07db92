"""`outward territories coverage`: subtree accounts, covering partners, white space, crowding."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from outward.core.tenancy import partner_scope
from outward.territories.domain.assignment import assign_accounts
from outward.territories.domain.coverage import Crowding, coverage_document
from tests import factories

pytestmark = pytest.mark.django_db


def _coverage(*args: str) -> str:
    out = io.StringIO()
    call_command("territories", "coverage", *args, stdout=out)
    return out.getvalue()


def _map():
    """World > DE > BY and World > FR; P1 covers the world, P2 Bavaria; France has accounts."""
    world = factories.TerritoryFactory(territory_id="T-WORLD", name="World")
    de = factories.TerritoryFactory(territory_id="T-DE", name="DE", parent=world, countries=["DE"])
    by = factories.TerritoryFactory(
        territory_id="T-DE-BY", name="BY", parent=de, subdivisions=["DE-BY"]
    )
    fr = factories.TerritoryFactory(territory_id="T-FR", name="FR", parent=world, countries=["FR"])
    p1, p2, p3 = (factories.partner(key) for key in ("P1", "P2", "P3"))
    factories.PartnerTerritoryFactory(partner=p1, territory=de)
    factories.PartnerTerritoryFactory(partner=p2, territory=by)
    factories.PartnerTerritoryFactory(partner=p3, territory=by)
    factories.AccountFactory(account_id="A1", country="DE", subdivision="DE-BY")
    factories.AccountFactory(account_id="A2", country="DE", subdivision="DE-BE")
    factories.AccountFactory(account_id="A3", country="FR", subdivision="")
    assign_accounts()
    return world, de, by, fr


def _row(key, name, depth, accounts, partner_ids):
    return {
        "territory_id": key,
        "name": name,
        "depth": depth,
        "accounts": accounts,
        "partners": len(partner_ids),
        "partner_ids": partner_ids,
    }


def test_coverage_json_counts_subtrees_and_inherited_partners():
    _map()
    assert json.loads(_coverage("--format", "json")) == {
        "territories": [
            _row("T-DE", "DE", 1, 2, ["P1"]),
            _row("T-DE-BY", "BY", 2, 1, ["P1", "P2", "P3"]),
            _row("T-FR", "FR", 1, 1, []),
            _row("T-WORLD", "World", 0, 3, []),
        ],
        "white_space": ["T-FR", "T-WORLD"],
    }


def test_a_territory_without_accounts_is_not_white_space():
    world = factories.TerritoryFactory(territory_id="T-WORLD", name="World")
    assert coverage_document() == {
        "territories": [_row("T-WORLD", "World", 0, 0, [])],
        "white_space": [],
    }
    assert world.pk


@pytest.mark.parametrize(
    ("crowding", "crowded"),
    [
        (Crowding(partners=2), ["T-DE-BY"]),
        (Crowding(partners=3), []),
        # BY: 3 partners for 1 account = 3,000 per 1,000; DE: 1 for 2 = 500 per 1,000.
        (Crowding(per_thousand=500), ["T-DE-BY"]),
        (Crowding(per_thousand=499), ["T-DE", "T-DE-BY"]),
    ],
)
def test_crowding_by_partners_or_per_thousand_accounts(crowding, crowded):
    _map()
    assert coverage_document(crowding=crowding)["crowded"] == crowded


def test_coverage_table_and_csv_mark_white_space_and_crowding():
    _map()
    csv_lines = _coverage("--format", "csv", "--crowded-above", "2").splitlines()
    assert csv_lines[0].split(",") == [
        *("territory_id", "name", "depth", "accounts", "partners", "partner_ids"),
        *("white_space", "crowded"),
    ]
    assert csv_lines[2] == "T-DE-BY,BY,2,1,3,P1;P2;P3,false,true"
    table = _coverage("--crowded-above", "2")
    assert table.splitlines()[0] == "4 territories, 2 white space, 1 crowded"


def test_coverage_refuses_a_bad_threshold_with_status_2():
    with pytest.raises(CommandError, match="crowding threshold") as caught:
        _coverage("--crowded-above", "many")
    assert caught.value.returncode == 2


def test_a_partner_sees_only_the_territories_it_covers_and_no_other_partner():
    _map()
    p2 = factories.PartnerFactory._meta.model.objects.get(partner_id="P2")
    with partner_scope(p2.pk):
        document = coverage_document()
    # The partner has no deals, so it sees none of the vendor's accounts either.
    assert document == {"territories": [_row("T-DE-BY", "BY", 2, 0, ["P2"])], "white_space": []}


def test_coverage_counts_accounts_imported_since_the_last_assign():
    _map()
    factories.AccountFactory(account_id="A4", country="FR", subdivision="")
    rows = json.loads(_coverage("--format", "json"))["territories"]
    assert [(row["territory_id"], row["accounts"]) for row in rows] == [
        ("T-DE", 2),
        ("T-DE-BY", 1),
        ("T-FR", 2),
        ("T-WORLD", 4),
    ]
