"""The territory pages: tree, coverage, editing, testing an account, conflicts, assignment."""

import csv
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from outward.core.models import TaskRun
from outward.territories.domain.assignment import assign_accounts
from outward.territories.models import Assignment, Territory
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped(world):
    """World > DE (partner A) and World > FR (partner B); one account in each."""
    root = factories.TerritoryFactory(territory_id="T-WORLD", name="World")
    de, fr = (
        factories.TerritoryFactory(territory_id=f"T-{c}", name=n, parent=root, countries=[c])
        for c, n in (("DE", "Germany"), ("FR", "France"))
    )
    factories.PartnerTerritoryFactory(partner=world.partner_a, territory=de)
    factories.PartnerTerritoryFactory(partner=world.partner_b, territory=fr)
    world.deal_a.account.country = "DE"
    world.deal_a.account.save()
    world.deal_b.account.country = "FR"
    world.deal_b.account.save()
    factories.AccountFactory(account_id="A-IT", country="IT")
    assign_accounts()
    return world


def test_tree_shows_counts_and_white_space_to_vendor_staff(mapped, login):
    body = login(mapped.manager).get(reverse("territories:tree")).content.decode()
    assert 'World</span> <span class="muted">T-WORLD</span>' in body
    assert "· 3 accounts · 0 partners" in body  # the world: every account, nobody covers it all
    assert body.count("white space</span>") == 1
    assert "Assign all accounts" in body


def test_a_partner_user_sees_only_the_territories_it_covers(mapped, login):
    body = login(mapped.user_a).get(reverse("territories:tree")).content.decode()
    assert "Germany" in body
    assert tuple(
        marker for marker in ("France", "T-WORLD", "Beta Systems", "PB") if marker not in body
    ) == ("France", "T-WORLD", "Beta Systems", "PB")
    assert "Assign all accounts" not in body


def test_coverage_table_marks_crowding_by_threshold(mapped, login):
    response = login(mapped.manager).get(reverse("territories:coverage") + "?crowded_above=0")
    body = response.content.decode()
    assert (response.status_code, body.count("crowded</span>")) == (200, 2)


def test_a_bad_threshold_is_a_400_naming_it(mapped, login):
    response = login(mapped.manager).get(reverse("territories:tree") + "?crowded_above=x")
    assert response.status_code == 400
    assert "crowding threshold" in response.content.decode()


def test_create_a_territory_reassigns_and_says_how_many_moved(mapped, login):
    response = login(mapped.manager).post(
        reverse("territories:create"),
        {"territory_id": "T-IT", "name": "Italy", "parent_id": "T-WORLD", "countries": "it"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("territories:tree") + "?moved=1")
    assert Assignment.objects.get(account__account_id="A-IT").territory.territory_id == "T-IT"
    assert Territory.objects.get(territory_id="T-IT").countries == ["IT"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("countries", "DE; XX", "&#x27;XX&#x27; is not an ISO 3166-1 alpha-2 country code"),
        ("subdivisions", "DE-ZZ", "&#x27;DE-ZZ&#x27; is not an ISO 3166-2 subdivision code"),
        ("min_employees", "many", "&#x27;many&#x27; is not a whole number"),
        ("parent_id", "T-DE", "a territory cannot move below itself"),
        ("priority", "99999999999999999999", "must lie between -2,147,483,648 and 2,147,483,647"),
        ("max_employees", "-1", "must lie between 0 and 2,147,483,647"),
        ("postal_prefixes", "1" * 40, "&#x27;11111111111111111111&#x27;… is longer than 32"),
    ],
)
def test_edit_refuses_bad_criteria_with_a_400_naming_it(mapped, login, field, value, message):
    form = {"name": "Germany", "parent_id": "T-WORLD", "countries": "DE", field: value}
    response = login(mapped.manager).post(reverse("territories:edit", args=["T-DE"]), form)
    body = response.content.decode()
    assert response.status_code == 400
    assert f'<p class="error" id="e-{field}">{message}' in body
    assert Territory.objects.get(territory_id="T-DE").countries == ["DE"]


def test_move_and_rename_a_territory(mapped, login):
    form = {"name": "Deutschland", "parent_id": "T-FR", "countries": "DE"}
    response = login(mapped.manager).post(reverse("territories:edit", args=["T-DE"]), form)
    de = Territory.objects.get(territory_id="T-DE")
    assert (response.status_code, de.name, de.parent.territory_id) == (302, "Deutschland", "T-FR")
    # Below France, Germany admits nobody: its account goes back to the world.
    assert Assignment.objects.get(account=mapped.deal_a.account).territory.territory_id == "T-WORLD"


def test_test_an_account_shows_where_it_lands_and_why(mapped, login):
    url = reverse("territories:test") + "?country=DE&employees=10"
    body = login(mapped.manager).get(url).content.decode()
    assert "Lands in T-DE" in body
    assert "✓ T-DE: countries DE" in body


def test_test_an_account_refuses_bad_employees(mapped, login):
    response = login(mapped.manager).get(reverse("territories:test") + "?employees=ten")
    assert response.status_code == 400
    assert "employees: &#x27;ten&#x27; is not a whole number" in response.content.decode()


def test_assign_from_the_page_is_a_tracked_run(mapped, login):
    Assignment.objects.all().delete()
    response = login(mapped.manager).post(reverse("territories:assign"))
    run = TaskRun.objects.get(kind="territories.assign")
    assert response["Location"] == reverse("territories:tree") + f"?task={run.pk}"
    assert (run.state, run.result["moved"], run.result["assigned"]) == ("success", 3, 3)
    page = login(mapped.manager).get(response["Location"]).content.decode()
    assert "3 accounts matched: 3 assigned, 0 unassigned, 3 moved" in page


def _conflict(world):
    today = timezone.localdate()
    account = world.deal_a.account
    factories.DealFactory(partner=world.partner_a, account=account, close_date=today, stage="open")
    factories.DealFactory(partner=world.partner_b, account=account, close_date=today, stage="won")
    # Lost, and too old: neither makes a conflict.
    other = world.deal_b.account
    factories.DealFactory(partner=world.partner_a, account=other, close_date=today, stage="lost")
    old = today - dt.timedelta(days=400)
    factories.DealFactory(partner=world.partner_a, account=other, close_date=old, stage="won")
    return account


def test_conflicts_list_accounts_with_deals_of_two_partners(mapped, login):
    account = _conflict(mapped)
    body = login(mapped.manager).get(reverse("territories:conflicts")).content.decode()
    assert "1 account in conflict." in body
    assert account.account_id in body
    filtered = login(mapped.manager).get(reverse("territories:conflicts") + "?territory=T-FR")
    assert "0 accounts in conflict." in filtered.content.decode()


def test_conflicts_csv_has_the_deals_side_by_side(mapped, login):
    account = _conflict(mapped)
    response = login(mapped.manager).get(reverse("territories:conflicts_csv") + "?partner=PB")
    lines = list(csv.reader(b"".join(response.streaming_content).decode().splitlines()))
    assert lines[0][:5] == ["account_id", "account", "territory_id", "deal_id", "partner_id"]
    assert [line[4] for line in lines[1:]] == ["PA", "PA", "PB"]
    assert {(line[0], line[2]) for line in lines[1:]} == {(account.account_id, "T-DE")}


def test_the_map_shades_countries_by_accounts_per_partner(mapped, login):
    client = login(mapped.manager)
    svg = client.get(reverse("territories:map_svg"))
    body = svg.content.decode()
    assert svg["Content-Type"] == "image/svg+xml"
    # Germany: 1 account for partner A; Italy: an account and nobody (white space).
    assert '<g class="de country map-element" fill="#1d4f8c"><title>DE: 1 account, 1 p' in body
    assert '<g class="it country map-element" fill="#e07a86"><title>IT: 1 account, 0 part' in body
    assert "style=" not in body and "<metadata>" not in body
    page = client.get(reverse("territories:map")).content.decode()
    assert '<th scope="row">IT</th><td>1</td><td>0</td>' in page


def test_a_partner_user_map_holds_only_its_own_coverage(mapped, login):
    body = login(mapped.user_a).get(reverse("territories:map_svg")).content.decode()
    assert "<title>DE: 1 account, 1 partner</title>" in body
    assert "<title>FR" not in body and "<title>IT" not in body


@pytest.mark.parametrize("name", ["territories:tree", "territories:coverage", "territories:map"])
def test_pages_make_as_many_queries_for_one_territory_as_for_five(world, login, name):
    client = login(world.manager)

    def queries_with(count: int) -> int:
        Territory.objects.all().delete()
        root = factories.TerritoryFactory(territory_id="T-ROOT", name="Root")
        for number in range(count - 1):
            child = factories.TerritoryFactory(territory_id=f"T-{number}", parent=root)
            factories.PartnerTerritoryFactory(partner=world.partner_a, territory=child)
        assign_accounts()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        return len(captured)

    assert queries_with(1) == queries_with(5)


def test_conflicts_are_paginated_keeping_the_filters(mapped, login):
    _conflict(mapped)
    for number in range(25):
        account = factories.AccountFactory(account_id=f"A-C{number:02d}")
        for partner in (mapped.partner_a, mapped.partner_b):
            factories.DealFactory(partner=partner, account=account, close_date=timezone.localdate())
    body = login(mapped.manager).get(reverse("territories:conflicts") + "?partner=PA").content
    assert "26 accounts in conflict." in body.decode()
    assert 'href="?partner=PA&amp;page=2" rel="next"' in body.decode()


def test_test_an_existing_account_by_its_key(mapped, login):
    key = mapped.deal_a.account.account_id
    body = login(mapped.manager).get(reverse("territories:test") + f"?account={key}").content
    assert "Lands in T-DE" in body.decode()
    assert "Stored assignment: T-DE." in body.decode()
    missing = login(mapped.manager).get(reverse("territories:test") + "?account=NOPE")
    assert missing.status_code == 400
    assert "account: unknown account &#x27;NOPE&#x27;" in missing.content.decode()
