"""Exports have the import's columns, respect the scope, and re-import unchanged."""

import csv
import io

import pytest
from django_scopes import scope

from outward.exchange.domain import (
    ImportResult,
    export_file,
    export_rows,
    import_file,
    importer_for,
    kinds,
)
from outward.territories.models import Territory
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(world):
    """At least one record of every kind, with optional fields set."""
    factories.PartnerDomainFactory(partner=world.partner_a, domain="acme.example.org")
    account = factories.AccountFactory(account_id="007", employees=12)
    factories.DealFactory(deal_id="D-acc", partner=world.partner_a, account=account)
    factories.TargetFactory(partner=world.partner_a, period="2026-Q1", metric="deals_won")
    factories.ObjectiveFactory(objective_id="O-base", partner=world.partner_b, baseline=-2.5)
    root = factories.TerritoryFactory(territory_id="EMEA", countries=["DE", "FR"])
    factories.TerritoryFactory(
        territory_id="DE", parent=root, priority=-1, postal_prefixes=["8"], max_employees=500
    )
    factories.PartnerTerritoryFactory(partner=world.partner_a, territory=root)
    return world


def _export(kind: str, fmt: str) -> bytes:
    out = io.BytesIO()
    export_file(kind=kind, fmt=fmt, out=out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", kinds())
def test_export_reimports_unchanged(everything, kind, fmt):
    before = list(export_rows(kind=kind))
    assert before, "every kind has data to export"
    result = import_file(kind=kind, file=io.BytesIO(_export(kind, fmt)), filename=f"x.{fmt}")
    assert result == ImportResult(kind, rows=len(before), created=0, updated=len(before))
    assert list(export_rows(kind=kind)) == before


def test_csv_export_has_the_import_columns(everything):
    rows = list(csv.reader(io.StringIO(_export("deals", "csv").decode())))
    assert rows[0] == list(importer_for("deals").column_names())
    assert rows[1:] == [
        ["D-acc", "PA", "007", "25000", "won", "2026-03-15", "Cloud Suite"],
        ["DA", "PA", rows[2][2], "25000", "won", "2026-03-15", "Cloud Suite"],
        ["DB", "PB", rows[3][2], "25000", "won", "2026-03-15", "Cloud Suite"],
    ]


def test_exports_of_lists_and_trees(everything):
    assert list(export_rows(kind="territories")) == [
        {
            "territory_id": "DE",
            "name": Territory.objects.get(territory_id="DE").name,
            "parent_id": "EMEA",
            "priority": "-1",
            "countries": "",
            "subdivisions": "",
            "postal_prefixes": "8",
            "industries": "",
            "min_employees": "",
            "max_employees": "500",
        },
        {
            "territory_id": "EMEA",
            "name": Territory.objects.get(territory_id="EMEA").name,
            "parent_id": "",
            "priority": "0",
            "countries": "DE;FR",
            "subdivisions": "",
            "postal_prefixes": "",
            "industries": "",
            "min_employees": "",
            "max_employees": "",
        },
    ]
    partner_a = next(row for row in export_rows(kind="partners") if row["partner_id"] == "PA")
    assert partner_a["domains"] == "acme.example;acme.example.org"


def test_partner_user_export_is_scoped(everything):
    with scope(partner=everything.partner_a.pk):
        assert [row["deal_id"] for row in export_rows(kind="deals")] == ["D-acc", "DA"]
        assert [row["objective_id"] for row in export_rows(kind="objectives")] == ["OA"]
        assert [row["partner_id"] for row in export_rows(kind="partners")] == ["PA"]


def test_export_of_nothing_is_a_header(db):
    assert _export("checkins", "csv") == b"objective_id,date,value,comment\r\n"


def _records(count: int) -> None:
    for n in range(count):
        partner = factories.PartnerFactory(partner_id=f"PN{n}")
        factories.PartnerDomainFactory(partner=partner, domain=f"pn{n}.example")
        objective = factories.ObjectiveFactory(objective_id=f"ON{n}", partner=partner)
        factories.CheckInFactory(objective=objective)
        factories.DealFactory(deal_id=f"DN{n}", partner=partner)
        factories.TargetFactory(partner=partner)
        territory = factories.TerritoryFactory(territory_id=f"TN{n}")
        factories.PartnerTerritoryFactory(partner=partner, territory=territory)


@pytest.mark.parametrize("count", [1, 5])
@pytest.mark.parametrize("kind", kinds())
def test_export_queries_do_not_grow_with_records(django_assert_num_queries, kind, count):
    _records(count)
    with django_assert_num_queries(2 if kind == "partners" else 1):
        assert len(list(export_rows(kind=kind))) == count
