"""Every kind of bad input is reported by line and column, and nothing is stored."""

import io

import pytest

from outward.exchange.domain import ImportFailed, RowError, import_file
from outward.exchange.domain.errors import ErrorCollector
from outward.partners.models import Partner
from outward.sales.models import Deal
from tests import factories
from tests.exchange.conftest import csv_bytes

DEALS = "deal_id,partner_id,account_id,amount,stage,close_date,product_line\n"


def test_row_error_str_names_line_column_and_message():
    assert str(RowError(7, "amount", "is required")) == "line 7: amount: is required"


def test_import_failed_message_counts_and_caps_the_list():
    errors = ErrorCollector(limit=2)
    for line in (4, 2, 3):
        errors.add(line, "stage", "bad")
    failure = errors.failure("deals")
    assert [error.line for error in failure.errors] == [2, 4]
    assert failure.total == 3
    assert str(failure).splitlines() == [
        "deals import failed with 3 problems; nothing was stored:",
        "line 2: stage: bad",
        "line 4: stage: bad",
        "… and 1 more problems",
    ]


@pytest.mark.django_db
def test_unknown_and_missing_columns_are_named(failing_csv):
    assert failing_csv("deals", "deal_id,partner_id,colour,size\nD1,P1,red,3\n") == [
        "line 1: unknown columns: colour, size",
        "line 1: missing required columns: amount, stage, close_date",
    ]


@pytest.mark.django_db
def test_empty_file_is_an_error(failing_csv):
    assert failing_csv("partners", "") == [
        "line 1: the file is empty; the first line must name the columns"
    ]


@pytest.mark.django_db
def test_header_only_is_a_valid_import_of_nothing(import_csv):
    result = import_csv("partners", "partner_id,name\n")
    assert (result.rows, result.created, result.updated) == (0, 0, 0)


@pytest.mark.django_db
def test_non_utf8_file_is_rejected_with_advice():
    data = "partner_id,name\nP1,Müller GmbH\n".encode("latin-1")
    with pytest.raises(ImportFailed) as failure:
        import_file(kind="partners", file=io.BytesIO(data), filename="p.csv")
    assert [str(e) for e in failure.value.errors] == [
        "line 2: the file is not UTF-8 text; save it as “CSV UTF-8”"
    ]
    assert list(Partner.objects.all()) == []


@pytest.mark.django_db
def test_bom_is_accepted():
    result = import_file(
        kind="partners", file=csv_bytes("partner_id,name\nP1,Müller GmbH\n", bom=True), filename="p"
    )
    assert result.created == 1
    assert list(Partner.objects.values_list("partner_id", "name")) == [("P1", "Müller GmbH")]


@pytest.mark.django_db
def test_deal_errors_each_name_line_and_column(failing_csv):
    factories.PartnerFactory(partner_id="P1")
    rows = [
        "D1,P1,,10,won,2026-02-30,",  # no such day
        "D2,P1,,-5,won,2026-01-01,",
        "D3,P1,,ten,open,2026-01-01,",
        "D4,P1,,1,pending,2026-01-01,",
        "D5,P404,,1,won,2026-01-01,",
        "D6,P1,A404,1,won,2026-01-01,",
        "D1,P1,,1,won,2026-01-01,",  # D1 again
        "," + "P1,,1,won,2026-01-01,",
        "x" * 65 + ",P1,,1,won,2026-01-01,",
        "D7,P1,,1.005,won,2026-01-01,",
        "D8,P1,,1,won,2026-01-01,extra,cells",
    ]
    assert failing_csv("deals", DEALS + "\n".join(rows) + "\n") == [
        "line 2: close_date: '2026-02-30' is not a date (use YYYY-MM-DD)",
        "line 3: amount: -5 is negative; must be ≥ 0",
        "line 4: amount: 'ten' is not a number (use digits and . as decimal point)",
        "line 5: stage: 'pending' is not one of open, won, lost",
        "line 6: partner_id: unknown partner 'P404'",
        "line 7: account_id: unknown account 'A404'",
        "line 8: deal_id: duplicate key D1, first on line 2",
        "line 9: deal_id: is required",
        "line 10: deal_id: longer than 64 characters (65)",
        "line 11: amount: 1.005 has more than 2 decimal places",
        "line 12: 8 cells but the header has 7 columns",
    ]
    assert list(Deal.objects.all()) == []


@pytest.mark.django_db
def test_bad_rows_late_in_a_big_file_roll_back_earlier_batches(failing_csv):
    factories.PartnerFactory(partner_id="P1")
    good = "\n".join(f"D{n},P1,,1,won,2026-01-01," for n in range(12_000))
    errors = failing_csv("deals", DEALS + good + "\nDX,P1,,1,won,someday,\n")
    assert errors == ["line 12002: close_date: 'someday' is not a date (use YYYY-MM-DD)"]
    assert Deal.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2026-Q5", "'2026-Q5' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"),
        ("2026-13", "'2026-13' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"),
        ("26", "'26' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"),
    ],
)
def test_bad_period(failing_csv, period, message):
    factories.PartnerFactory(partner_id="P1")
    text = f"partner_id,period,metric,value\nP1,{period},revenue,10\n"
    assert failing_csv("targets", text) == [f"line 2: period: {message}"]


@pytest.mark.django_db
def test_target_metric_value_and_duplicate_key(failing_csv):
    factories.PartnerFactory(partner_id="P1")
    text = (
        "partner_id,period,metric,value\n"
        "P1,2026,profit,10\n"
        "P1,2026,revenue,-1\n"
        "P1,2026-Q1,revenue,5\n"
        "P1,2026-Q1,revenue,6\n"
    )
    assert failing_csv("targets", text) == [
        "line 2: metric: 'profit' is not one of revenue, deals_won, new_customers",
        "line 3: value: -1 is negative; must be ≥ 0",
        "line 5: partner_id: duplicate key P1 / 2026-Q1 / revenue, first on line 4",
    ]


@pytest.mark.django_db
def test_objective_value_checks(failing_csv):
    factories.PartnerFactory(partner_id="P1")
    head = "objective_id,partner_id,period,title,direction,target,weight,source\n"
    text = head + (
        "O1,P1,2026,Grow,up,10,1,manual\n"
        "O2,P1,2026,Grow,increase,10,0,manual\n"
        "O3,P1,2026,Grow,increase,10,-2,manual\n"
        "O4,P1,2026,Grow,increase,10,1,crm\n"
        "O5,P1,2026,,increase,,1,manual\n"
    )
    assert failing_csv("objectives", text) == [
        "line 2: direction: 'up' is not one of increase, decrease",
        "line 3: weight: 0 must be greater than 0",
        "line 4: weight: -2 must be greater than 0",
        "line 5: source: 'crm' is not one of manual, vendor_revenue, vendor_deals_won, "
        "vendor_new_customers",
        "line 6: title: is required",
        "line 6: target: is required",
    ]


@pytest.mark.django_db
def test_checkin_unknown_objective_and_bad_value(failing_csv, world):
    text = "objective_id,date,value\nOA,2026-07-01,abc\nNOPE,2026-07-01,1\n"
    assert failing_csv("checkins", text) == [
        "line 2: value: 'abc' is not a number (use digits and . as decimal point)",
        "line 3: objective_id: unknown objective 'NOPE'",
    ]


@pytest.mark.django_db
def test_account_country_subdivision_and_whole_numbers(failing_csv):
    text = (
        "account_id,name,country,subdivision,employees\n"
        "A1,One,XX,,10\n"
        "A2,Two,DE,DE-XX,10\n"
        "A3,Three,FR,DE-BY,10\n"
        "A4,Four,DE,DE-BY,12.5\n"
        "A5,Five,DE,DE-BY,-3\n"
    )
    assert failing_csv("accounts", text) == [
        "line 2: country: 'XX' is not an ISO 3166-1 alpha-2 country code",
        "line 3: subdivision: 'DE-XX' is not an ISO 3166-2 subdivision code (e.g. DE-BY)",
        "line 4: subdivision: DE-BY does not lie in country FR",
        "line 5: employees: '12.5' is not a whole number",
        "line 6: employees: -3 must be ≥ 0",
    ]


@pytest.mark.django_db
def test_partner_domain_owned_by_another_partner(failing_csv, world):
    text = "partner_id,name,domains\nPN,Newco,newco.example;ACME.example\nPM,Other,newco.example\n"
    assert failing_csv("partners", text) == [
        "line 2: domains: acme.example already belongs to partner PA",
        "line 4: domains: newco.example is also given to PN on line 2",
    ][:1] + ["line 3: domains: newco.example is also given to PN on line 2"]
    assert sorted(Partner.objects.values_list("partner_id", flat=True)) == ["PA", "PB"]


@pytest.mark.django_db
def test_partner_email_and_domain_syntax(failing_csv):
    text = "partner_id,name,domains,manager_email,joined_on\nP1,One,not a domain,cam,2026-1-1\n"
    assert failing_csv("partners", text) == [
        "line 2: domains: 'not a domain' is not a domain name (e.g. acme.com)",
        "line 2: manager_email: 'cam' is not an e-mail address",
        "line 2: joined_on: '2026-1-1' is not a date (use YYYY-MM-DD)",
    ]


@pytest.mark.django_db
def test_more_errors_than_listed_are_still_counted(failing_csv):
    factories.PartnerFactory(partner_id="P1")
    bad = "\n".join(f"D{n},P1,,1,won,never," for n in range(1500))
    with pytest.raises(ImportFailed) as failure:
        import_file(kind="deals", file=csv_bytes(DEALS + bad + "\n"), filename="d.csv")
    assert (len(failure.value.errors), failure.value.total) == (1000, 1500)
    assert str(failure.value).splitlines()[-1] == "… and 500 more problems"


@pytest.mark.django_db
def test_non_utf8_byte_deep_in_a_file_names_its_line():
    good = "".join(f"P{n},Partner {n}\n" for n in range(2000))
    data = ("partner_id,name\n" + good).encode() + "PX,Café\n".encode("cp1252")
    with pytest.raises(ImportFailed) as failure:
        import_file(kind="partners", file=io.BytesIO(data), filename="p.csv")
    assert [str(e) for e in failure.value.errors] == [
        "line 2002: the file is not UTF-8 text; save it as “CSV UTF-8”"
    ]
    assert Partner.objects.count() == 0


@pytest.mark.django_db
def test_territory_whole_numbers_and_codes(failing_csv):
    text = (
        "territory_id,name,priority,countries,subdivisions,min_employees\n"
        "T1,One,1.5,DE;XX,DE-BY,ten\n"
    )
    assert failing_csv("territories", text) == [
        "line 2: priority: '1.5' is not a whole number",
        "line 2: countries: 'XX' is not an ISO 3166-1 alpha-2 country code",
        "line 2: min_employees: 'ten' is not a whole number",
    ]
