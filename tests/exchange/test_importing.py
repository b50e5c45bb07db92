"""Imports store what the files say: upserts, references, scope, history, trees."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django_scopes import scope

from outward.exchange.domain import ImportFailed, ImportResult, import_file, import_rows
from outward.objectives.models import CheckIn, Objective
from outward.partners.models import Partner, PartnerDomain
from outward.sales.models import Account, Deal
from outward.targets.models import Target
from outward.territories.models import PartnerTerritory, Territory
from tests import factories

pytestmark = pytest.mark.django_db

DEALS = (
    "deal_id,partner_id,account_id,amount,stage,close_date,product_line\n"
    "D1,P1,A1,1200.50,won,2026-03-31,Cloud\n"
    "D2,P1,,0,open,2026-06-30,\n"
)


@pytest.fixture
def p1():
    partner = factories.PartnerFactory(partner_id="P1")
    factories.AccountFactory(account_id="A1")
    return partner


def test_deals_import_then_reimport_updates(import_csv, p1):
    assert import_csv("deals", DEALS) == ImportResult("deals", rows=2, created=2, updated=0)
    assert import_csv("deals", DEALS) == ImportResult("deals", rows=2, created=0, updated=2)
    assert list(
        Deal.objects.values_list("deal_id", "partner__partner_id", "account__account_id", "amount")
    ) == [("D1", "P1", "A1", Decimal("1200.50")), ("D2", "P1", None, Decimal("0.00"))]


def test_deal_update_changes_only_present_columns(import_csv, p1):
    import_csv("deals", DEALS)
    changed = "deal_id,partner_id,amount,stage,close_date\nD1,P1,99,lost,2026-04-01\n"
    assert import_csv("deals", changed) == ImportResult("deals", 1, 0, 1)
    deal = Deal.objects.get(deal_id="D1")
    assert (
        deal.amount,
        deal.stage,
        deal.close_date,
        deal.account.account_id,
        deal.product_line,
    ) == (
        Decimal("99.00"),
        "lost",
        dt.date(2026, 4, 1),
        "A1",
        "Cloud",
    )


def test_xlsx_with_the_same_data_imports_the_same(p1):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["deal_id", "partner_id", "account_id", "amount", "stage", "close_date"])
    sheet.append(["D1", "P1", "A1", 1200.5, "won", dt.datetime(2026, 3, 31)])
    sheet.append(["D2", "P1", None, 0, "open", "2026-06-30"])
    sheet.append([None, None, None, None, None, None])
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    result = import_file(kind="deals", file=data, filename="upload.bin")
    assert result == ImportResult("deals", rows=2, created=2, updated=0)
    assert list(Deal.objects.values_list("deal_id", "amount", "close_date")) == [
        ("D1", Decimal("1200.50"), dt.date(2026, 3, 31)),
        ("D2", Decimal("0.00"), dt.date(2026, 6, 30)),
    ]


def test_not_a_workbook_named_xlsx_is_rejected(p1):
    with pytest.raises(ImportFailed) as failure:
        import_file(kind="deals", file=io.BytesIO(b"hello"), filename="deals.xlsx")
    assert [str(e) for e in failure.value.errors] == ["line 1: not a readable XLSX workbook"]


def test_partners_domains_lowercased_and_replaced(import_csv):
    import_csv("partners", "partner_id,name,domains\nP1,Acme,Acme.com; acme.DE\n")
    assert list(PartnerDomain.objects.values_list("domain", flat=True)) == ["acme.com", "acme.de"]
    import_csv("partners", "partner_id,name,domains\nP1,Acme,acme.fr\n")
    assert list(PartnerDomain.objects.values_list("domain", flat=True)) == ["acme.fr"]


def test_partner_domain_moves_when_both_partners_are_in_the_file(import_csv):
    import_csv("partners", "partner_id,name,domains\nP1,One,shared.com\nP2,Two,\n")
    import_csv("partners", "partner_id,name,domains\nP1,One,\nP2,Two,shared.com\n")
    assert list(PartnerDomain.objects.values_list("domain", "partner__partner_id")) == [
        ("shared.com", "P2")
    ]


def test_partner_import_keeps_domains_when_the_column_is_absent(import_csv):
    import_csv("partners", "partner_id,name,domains,tier\nP1,Acme,acme.com,Gold\n")
    import_csv("partners", "partner_id,name\nP1,Acme Inc\n")
    partner = Partner.objects.get()
    assert (partner.name, partner.tier, [d.domain for d in partner.domains.all()]) == (
        "Acme Inc",
        "Gold",
        ["acme.com"],
    )


def test_targets_store_months_and_record_history(import_csv, p1, world):
    text = "partner_id,period,metric,value\nP1,2026-Q2,revenue,50000\n"
    import_csv("targets", text, user=world.manager)
    import_csv("targets", text.replace("50000", "60000"), user=world.manager)
    import_csv("targets", text.replace("50000", "60000"), user=world.manager)  # no change
    target = Target.objects.get(partner=p1)
    assert (target.first_month, target.last_month, target.value) == (
        2026 * 12 + 3,
        2026 * 12 + 5,
        Decimal("60000"),
    )
    assert [(h.history_type, h.value, h.history_user) for h in target.history.order_by("pk")] == [
        ("+", Decimal("50000"), world.manager),
        ("~", Decimal("60000"), world.manager),
    ]


def test_objectives_defaults_update_version_and_history(import_csv, p1, world):
    head = "objective_id,partner_id,period,title,target\n"
    import_csv("objectives", head + "O1,P1,2026,Grow,10\n", user=world.admin)
    objective = Objective.objects.get(objective_id="O1")
    assert (objective.direction, objective.weight, objective.source, objective.version) == (
        "increase",
        Decimal("1"),
        "manual",
        1,
    )
    import_csv("objectives", head + "O1,P1,2026-Q3,Grow more,12.5\n", user=world.admin)
    objective.refresh_from_db()
    assert (objective.period, objective.first_month, objective.target, objective.version) == (
        "2026-Q3",
        2026 * 12 + 6,
        Decimal("12.5"),
        2,
    )
    assert [
        (h.history_type, h.title, h.history_user) for h in objective.history.order_by("pk")
    ] == [
        ("+", "Grow", world.admin),
        ("~", "Grow more", world.admin),
    ]


def test_checkins_upsert_on_objective_and_date_with_history(import_csv, world):
    text = "objective_id,date,value,comment\nOA,2026-09-30,12,Q3\nOA,2026-12-31,-1.5,\n"
    assert import_csv("checkins", text, user=world.user_a) == ImportResult("checkins", 2, 2, 0)
    text = "objective_id,date,value\nOA,2026-09-30,13\n"
    assert import_csv("checkins", text, user=world.user_a) == ImportResult("checkins", 1, 0, 1)
    checkin = CheckIn.objects.get(objective=world.objective_a, date=dt.date(2026, 9, 30))
    assert (checkin.value, checkin.comment) == (Decimal("13"), "Q3")
    assert [(h.history_type, h.value) for h in checkin.history.order_by("pk")] == [
        ("+", Decimal("12")),
        ("~", Decimal("13")),
    ]


def test_partner_user_cannot_touch_another_partners_objective(world):
    row = {
        "objective_id": "OB",
        "partner_id": "PA",
        "period": "2026",
        "title": "Take over",
        "target": "1",
    }
    with scope(partner=world.partner_a.pk), pytest.raises(ImportFailed) as failure:
        import_rows(kind="objectives", rows=[row], user=world.user_a)
    assert [str(e) for e in failure.value.errors] == [
        "line 2: objective_id: the key 'OB' is already taken"
    ]
    with scope(partner=world.partner_a.pk), pytest.raises(ImportFailed) as failure:
        import_rows(kind="objectives", rows=[{**row, "objective_id": "ON", "partner_id": "PB"}])
    assert [str(e) for e in failure.value.errors] == ["line 2: partner_id: unknown partner 'PB'"]
    world.objective_b.refresh_from_db()
    assert (world.objective_b.title, world.objective_b.partner) == (
        "Grow managed-services revenue",
        world.partner_b,
    )
    assert not Objective.objects.filter(objective_id="ON").exists()


def test_partner_user_checkin_on_another_partners_objective_is_unknown(world):
    with scope(partner=world.partner_a.pk), pytest.raises(ImportFailed) as failure:
        import_rows(
            kind="checkins", rows=[{"objective_id": "OB", "date": "2026-10-01", "value": "3"}]
        )
    assert [str(e) for e in failure.value.errors] == [
        "line 2: objective_id: unknown objective 'OB'"
    ]


def test_partner_user_deal_keys_of_other_partners_are_refused(world):
    row = {"deal_id": "DB", "partner_id": "PA", "amount": "1", "stage": "won"}
    row["close_date"] = "2026-01-01"
    with scope(partner=world.partner_a.pk), pytest.raises(ImportFailed) as failure:
        import_rows(kind="deals", rows=[row])
    assert [str(e) for e in failure.value.errors] == [
        "line 2: deal_id: the key 'DB' is already taken"
    ]
    assert Deal.objects.get(deal_id="DB").partner == world.partner_b


def test_partner_user_may_not_import_vendor_data(world):
    with scope(partner=world.partner_a.pk), pytest.raises(PermissionDenied):
        import_rows(kind="targets", rows=[], user=world.user_a)


def test_import_rows_single_record_like_the_api(world):
    result = import_rows(
        kind="deals",
        rows=[
            {
                "deal_id": "NEW",
                "partner_id": "PA",
                "amount": 5,
                "stage": "open",
                "close_date": "2026-05-01",
            }
        ],
    )
    assert result == ImportResult("deals", rows=1, created=1, updated=0)
    with pytest.raises(ImportFailed) as failure:
        import_rows(kind="deals", rows=[{"deal_id": "X", "colour": "red"}], first_line=1)
    assert [str(e) for e in failure.value.errors] == [
        "line 1: unknown columns: colour",
        "line 1: missing required columns: partner_id, amount, stage, close_date",
    ]


def test_accounts_upsert(import_csv):
    text = "account_id,name,country,subdivision,employees\nA1,One,de,de-by,250\n"
    assert import_csv("accounts", text) == ImportResult("accounts", 1, 1, 0)
    assert import_csv("accounts", text) == ImportResult("accounts", 1, 0, 1)
    assert list(
        Account.objects.values_list("account_id", "country", "subdivision", "employees")
    ) == [("A1", "DE", "DE-BY", 250)]


TREE = (
    "territory_id,name,parent_id,priority,countries,postal_prefixes,min_employees\n"
    "DE,Germany,DACH,1,DE,,\n"
    "DACH,DACH,EMEA,0,DE;AT;CH,,\n"
    "EMEA,EMEA,,0,,,\n"
    "DE-S,South,DE,2,,8;9,100\n"
)


def test_territories_accept_parents_defined_later(import_csv):
    assert import_csv("territories", TREE) == ImportResult("territories", 4, 4, 0)
    assert list(Territory.objects.values_list("territory_id", "parent__territory_id")) == [
        ("DACH", "EMEA"),
        ("DE", "DACH"),
        ("DE-S", "DE"),
        ("EMEA", None),
    ]
    south = Territory.objects.get(territory_id="DE-S")
    assert (south.priority, south.postal_prefixes, south.min_employees, south.countries) == (
        2,
        ["8", "9"],
        100,
        [],
    )
    assert import_csv("territories", TREE) == ImportResult("territories", 4, 0, 4)


def test_territory_cycles_and_unknown_parents_are_refused(import_csv, failing_csv):
    import_csv("territories", TREE)
    text = "territory_id,name,parent_id\nEMEA,EMEA,DE\nX,X,NOWHERE\n"
    assert failing_csv("territories", text) == [
        "line 2: parent_id: makes a cycle: EMEA → DE → DACH → EMEA",
        "line 3: parent_id: unknown territory 'NOWHERE'",
    ]
    assert Territory.objects.get(territory_id="EMEA").parent is None


def test_territory_employee_range(failing_csv):
    text = "territory_id,name,min_employees,max_employees\nT,T,500,10\n"
    assert failing_csv("territories", text) == [
        "line 2: max_employees: 10 is below min_employees 500"
    ]


def test_partner_territories(import_csv, failing_csv, world):
    import_csv("territories", TREE)
    text = "partner_id,territory_id\nPA,DE\nPB,DACH\n"
    assert import_csv("partner-territories", text) == ImportResult("partner-territories", 2, 2, 0)
    assert import_csv("partner-territories", text) == ImportResult("partner-territories", 2, 0, 2)
    assert list(
        PartnerTerritory.objects.values_list("partner__partner_id", "territory__territory_id")
    ) == [("PA", "DE"), ("PB", "DACH")]
    assert failing_csv("partner-territories", "partner_id,territory_id\nPA,MARS\n") == [
        "line 2: territory_id: unknown territory 'MARS'"
    ]
