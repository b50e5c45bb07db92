"""The partner list (search, filters, sort, pages, htmx) and the partner page."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from outward.sales.queries import DealTotals
from tests import factories

LIST = "/partners/"


def partner_keys(response) -> list[str]:
    return [partner.partner_id for partner, _ in response.context["rows"]]


@pytest.fixture
def channel(db):
    """Three partners that differ in every searchable and filterable column."""
    alpha = factories.PartnerFactory(
        partner_id="P-ALPHA",
        name="Alpha Networks",
        tier="Gold",
        country="DE",
        manager_email="cam@vendor.example",
    )
    bravo = factories.PartnerFactory(
        partner_id="P-BRAVO",
        name="Bravo Cloud",
        tier="Silver",
        country="FR",
        manager_email="dee@vendor.example",
    )
    charlie = factories.PartnerFactory(
        partner_id="P-CHARLIE",
        name="Charlie Data",
        tier="Gold",
        country="FR",
        manager_email="dee@vendor.example",
    )
    factories.PartnerDomainFactory(partner=alpha, domain="alpha.example")
    factories.PartnerDomainFactory(partner=bravo, domain="bravo-cloud.example")
    factories.PartnerDomainFactory(partner=charlie, domain="charlie.example")
    factories.DealFactory(partner=alpha, amount=Decimal("1000"), stage="won")
    factories.DealFactory(partner=alpha, amount=Decimal("500"), stage="open")
    return [alpha, bravo, charlie]


@pytest.fixture
def manager(db):
    return factories.UserFactory(username="cam@vendor.example", role="manager")


def test_partner_list_anonymous_redirects_to_login(client, db):
    response = client.get(LIST)

    assert (response.status_code, response["Location"]) == (302, "/login/?next=/partners/")


def test_partner_list_partner_user_not_found(world, login):
    response = login(world.user_a).get(LIST)

    assert response.status_code == 404
    assert "Not found" in response.text


def test_partner_list_shows_all_partners_sorted_by_key(channel, manager, login):
    response = login(manager).get(LIST)

    assert response.status_code == 200
    assert partner_keys(response) == ["P-ALPHA", "P-BRAVO", "P-CHARLIE"]
    assert [p.won_revenue for p in response.context["page"]] == [Decimal("1000"), 0, 0]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=bravo", ["P-BRAVO"]),  # name and domain
        ("q=p-char", ["P-CHARLIE"]),  # key, case-insensitive
        ("q=alpha.example", ["P-ALPHA"]),  # domain only
        ("q=data", ["P-CHARLIE"]),
        ("q=nothing-like-it", []),
        ("tier=Gold", ["P-ALPHA", "P-CHARLIE"]),
        ("country=FR", ["P-BRAVO", "P-CHARLIE"]),
        ("manager=dee%40vendor.example", ["P-BRAVO", "P-CHARLIE"]),
        ("tier=Gold&country=FR", ["P-CHARLIE"]),
        ("q=a&tier=Silver", ["P-BRAVO"]),
    ],
)
def test_partner_list_search_and_filters(channel, manager, login, query, expected):
    response = login(manager).get(f"{LIST}?{query}")

    assert partner_keys(response) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["P-ALPHA", "P-BRAVO", "P-CHARLIE"]),
        ("-name", ["P-CHARLIE", "P-BRAVO", "P-ALPHA"]),
        ("-partner_id", ["P-CHARLIE", "P-BRAVO", "P-ALPHA"]),
        ("tier", ["P-ALPHA", "P-CHARLIE", "P-BRAVO"]),
        ("-country", ["P-BRAVO", "P-CHARLIE", "P-ALPHA"]),
        ("-manager", ["P-BRAVO", "P-CHARLIE", "P-ALPHA"]),
        ("bogus", ["P-ALPHA", "P-BRAVO", "P-CHARLIE"]),
    ],
)
def test_partner_list_sort(channel, manager, login, sort, expected):
    response = login(manager).get(f"{LIST}?sort={sort}")

    assert partner_keys(response) == expected


def test_partner_list_sort_links_keep_filters_and_toggle_direction(channel, manager, login):
    response = login(manager).get(f"{LIST}?tier=Gold&sort=name&page=1")

    links = re.findall(r'<th scope="col"[^>]*>\s*<a href="([^"]+)"', response.text)
    assert links == [
        "?tier=Gold&amp;sort=partner_id",
        "?tier=Gold&amp;sort=-name",
        "?tier=Gold&amp;sort=tier",
        "?tier=Gold&amp;sort=country",
        "?tier=Gold&amp;sort=manager",
        "?tier=Gold&amp;sort=won_revenue",
        "?tier=Gold&amp;sort=quadrant",
        "?tier=Gold&amp;sort=quota_attainment",
        "?tier=Gold&amp;sort=objectives_met_share",
    ]
    assert 'aria-sort="ascending"' in response.text


def test_partner_list_unknown_filter_value_is_shown_and_ignored(channel, manager, login):
    response = login(manager).get(f"{LIST}?tier=Diamond")

    assert response.status_code == 200
    assert partner_keys(response) == ["P-ALPHA", "P-BRAVO", "P-CHARLIE"]
    assert "Select a valid choice" in response.text


def test_partner_list_paginates(manager, login):
    for n in range(30):
        factories.PartnerFactory(partner_id=f"K{n:02d}")

    first = login(manager).get(LIST)
    second = login(manager).get(f"{LIST}?page=2")
    beyond = login(manager).get(f"{LIST}?page=99")

    assert partner_keys(first) == [f"K{n:02d}" for n in range(25)]
    assert partner_keys(second) == [f"K{n:02d}" for n in range(25, 30)]
    assert partner_keys(beyond) == partner_keys(second)
    assert 'href="?page=2" hx-get="?page=2" rel="next"' in first.text
    assert "Page 2 of 2" in second.text


def test_partner_list_htmx_request_gets_only_the_results(channel, manager, login):
    response = login(manager).get(
        f"{LIST}?q=bravo&sort=-name",
        headers={"HX-Request": "true", "HX-Target": "partner-results"},
    )

    assert response.text.lstrip().startswith('<section id="partner-results"')
    assert "<html" not in response.text
    assert (
        '<input type="hidden" name="sort" id="sort-field" value="-name" hx-swap-oob="true">'
        in response.text
    )
    assert (
        '<p id="partner-status" class="sr-only" role="status" hx-swap-oob="true">'
        "1 partner found.</p>" in response.text
    )
    assert partner_keys(response) == ["P-BRAVO"]
    assert "HX-Request" in response["Vary"]


def test_partner_list_history_restore_gets_the_whole_page(channel, manager, login):
    response = login(manager).get(
        f"{LIST}?q=bravo",
        headers={
            "HX-Request": "true",
            "HX-Target": "partner-results",
            "HX-History-Restore-Request": "true",
        },
    )

    assert "<html" in response.text


def test_partner_list_highlights_my_portfolio(channel, manager, login):
    response = login(manager).get(LIST)

    mine = re.findall(r'<tr data-href="/partners/([^/]+)/" class="mine">', response.text)
    assert mine == ["P-ALPHA"]
    assert response.context["portfolio_filter"] == "cam@vendor.example"
    assert 'href="?manager=cam%40vendor.example">My portfolio</a>' in response.text


def test_partner_list_empty_tells_how_to_start(manager, login):
    response = login(manager).get(LIST)

    assert "There are no partners yet." in response.text
    assert "outward demo" in response.text


def test_partner_list_no_match_offers_to_clear(channel, manager, login):
    response = login(manager).get(f"{LIST}?q=zzz")

    assert "No partners match this search." in response.text
    assert "Clear the search and filters" in response.text


def _partner_with_records(n: int):
    partner = factories.PartnerFactory(partner_id=f"N{n:02d}", tier="Gold", country="DE")
    factories.PartnerDomainFactory(partner=partner)
    factories.PartnerDomainFactory(partner=partner)
    factories.DealFactory(partner=partner)
    objective = factories.ObjectiveFactory(partner=partner)
    factories.CheckInFactory(objective=objective)
    factories.CheckInFactory(objective=objective, date=dt.date(2026, 9, 30))
    factories.TargetFactory(partner=partner)
    factories.PartnerTerritoryFactory(partner=partner)
    return partner


@pytest.mark.parametrize("count", [1, 5])
def test_partner_list_queries_do_not_grow_with_rows(
    manager, login, django_assert_num_queries, count
):
    for n in range(count):
        _partner_with_records(n)
    client = login(manager)

    # session, user, 3 filter choices, count, page, domains; the page's health this year:
    # the page's keys, partners, whole months' and running month's revenue, targets, objectives
    with django_assert_num_queries(14):
        response = client.get(LIST)

    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [1, 5])
def test_partner_detail_queries_do_not_grow_with_rows(
    manager, login, django_assert_num_queries, count
):
    partner = factories.PartnerFactory(partner_id=f"BIG{count}")
    for n in range(count):
        factories.PartnerDomainFactory(partner=partner)
        factories.DealFactory(partner=partner)
        objective = factories.ObjectiveFactory(partner=partner, period=f"{2020 + n}")
        factories.CheckInFactory(objective=objective)
        factories.TargetFactory(partner=partner, period=f"{2020 + n}")
        factories.PartnerTerritoryFactory(partner=partner)
    client = login(manager)

    # session, user, partner; domains; territories; deal totals, deals; targets; objectives
    # waiting for a check-in; objectives with their check-ins, their evaluation; plans
    # awaiting a signature, actions due; plans
    with django_assert_num_queries(15):
        response = client.get(reverse("partners:detail", args=[partner.partner_id]))

    assert len(response.context["rows"]) == count


def test_partner_detail_contents(world, login):
    territory = factories.TerritoryFactory(territory_id="T-DACH", name="DACH")
    factories.PartnerTerritoryFactory(partner=world.partner_a, territory=territory)
    factories.DealFactory(
        deal_id="DA-OPEN", partner=world.partner_a, amount=Decimal("700"), stage="open"
    )
    factories.DealFactory(
        deal_id="DA-LOST", partner=world.partner_a, amount=Decimal("300"), stage="lost"
    )

    response = login(world.user_a).get("/partners/PA/")

    context = response.context
    assert response.status_code == 200
    assert context["partner"] == world.partner_a
    assert [d.domain for d in context["domains"]] == ["acme.example"]
    assert [link.territory for link in context["territories"]] == [territory]
    assert context["deal_totals"] == DealTotals(
        open_count=1,
        open_amount=Decimal("700"),
        won_count=1,
        won_amount=Decimal("25000"),
        lost_count=1,
        lost_amount=Decimal("300"),
    )
    assert sorted(d.deal_id for d in context["deals"]) == ["DA", "DA-LOST", "DA-OPEN"]
    assert context["targets"] == [world.target_a]
    assert [objective for objective, _ in context["rows"]] == [world.objective_a]
    assert [list(o.checkins.all()) for o, _ in context["rows"]] == [[world.checkin_a]]
    for text in ("Acme Integration", "acme.example", "DACH", "DA-LOST", "Quarterly review"):
        assert text in response.text
    assert "Beta Systems" not in response.text
    assert "DB" not in re.findall(r"<td>(D[A-Z-]*)</td>", response.text)


def _objectives_of_every_kind() -> None:
    partner = factories.PartnerFactory(partner_id="ST")
    met = factories.ObjectiveFactory(objective_id="O-MET", partner=partner, target=Decimal("10"))
    factories.CheckInFactory(objective=met, date=dt.date(2026, 3, 31), value=Decimal("4"))
    factories.CheckInFactory(objective=met, date=dt.date(2026, 6, 30), value=Decimal("12"))
    going = factories.ObjectiveFactory(objective_id="O-MISSED", partner=partner)
    factories.CheckInFactory(objective=going, value=Decimal("3"))
    lower = factories.ObjectiveFactory(
        objective_id="O-LOWER", partner=partner, direction="decrease", target=Decimal("5")
    )
    factories.CheckInFactory(objective=lower, value=Decimal("5"))
    factories.ObjectiveFactory(objective_id="O-NONE", partner=partner)
    factories.ObjectiveFactory(
        objective_id="O-VENDOR", partner=partner, source="vendor_revenue", target=Decimal("100")
    )
    factories.DealFactory(partner=partner, close_date=dt.date(2026, 5, 1), amount=Decimal("250"))


def _statuses(response) -> list[tuple]:
    return [(o.objective_id, e.value, e.status) for o, e in response.context["rows"]]


def test_partner_detail_objective_status_after_the_period(db, manager, login):
    _objectives_of_every_kind()

    with time_machine.travel(dt.datetime(2027, 1, 15, 12, tzinfo=dt.UTC), tick=False):
        response = login(manager).get("/partners/ST/")

    assert _statuses(response) == [
        ("O-LOWER", Decimal("5"), "met"),
        ("O-MET", Decimal("12"), "met"),
        ("O-MISSED", Decimal("3"), "missed"),
        ("O-NONE", None, "no_data"),
        ("O-VENDOR", Decimal("250"), "met"),
    ]
    for badge in ("Met", "Missed", "No data"):
        assert f">{badge}</span>" in response.text


def test_partner_detail_objectives_of_a_running_period_are_in_progress(db, manager, login):
    _objectives_of_every_kind()

    with time_machine.travel(dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC), tick=False):
        response = login(manager).get("/partners/ST/")

    assert [status for _, _, status in _statuses(response)] == ["in_progress"] * 5
    assert "Target met" not in response.text


def test_objective_status_is_the_same_on_every_page_and_in_the_api(db, manager, login):
    _objectives_of_every_kind()

    with time_machine.travel(dt.datetime(2027, 1, 15, 12, tzinfo=dt.UTC), tick=False):
        client = login(manager)
        partner_page = {o: status for o, _, status in _statuses(client.get("/partners/ST/"))}
        objectives_page = client.get("/objectives/partner/ST/?period=2026").context["rows"]
        api = client.get("/api/v1/objectives/?partner_id=ST").json()["results"]

    assert {o.objective_id: s.status for o, s, _ in objectives_page} == partner_page
    assert {record["objective_id"]: record["status"] for record in api} == partner_page


def test_partner_detail_shows_latest_fifty_deals_and_the_count(db, manager, login):
    partner = factories.PartnerFactory(partner_id="MANY")
    for day in range(1, 53):
        factories.DealFactory(
            deal_id=f"M{day:02d}",
            partner=partner,
            close_date=dt.date(2026, 1, 1) + dt.timedelta(day),
        )

    response = login(manager).get("/partners/MANY/")

    assert [d.deal_id for d in response.context["deals"]] == [
        f"M{day:02d}" for day in range(52, 2, -1)
    ]
    assert "The latest 50 of 52 deals" in response.text


def test_partner_detail_empty_sections_say_what_to_do(db, manager, login):
    factories.PartnerFactory(partner_id="NEW", name="Newcomer")

    response = login(manager).get("/partners/NEW/")

    for text in ("No deals yet.", "No targets yet.", "No objectives yet.", "No territories"):
        assert text in response.text


def test_partner_detail_other_partner_is_like_a_missing_one(world, login):
    client = login(world.user_b)

    other = client.get("/partners/PA/")
    missing = client.get("/partners/NOPE/")

    assert (other.status_code, missing.status_code) == (404, 404)
    strip = re.compile(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]*"')
    assert strip.sub("", other.text) == strip.sub("", missing.text)
    assert "Acme" not in other.text


def test_partner_detail_portfolio_badge(world, login):
    response = login(world.manager).get("/partners/PB/")

    assert response.context["in_portfolio"] is True
    assert '<span class="badge mine">My portfolio</span>' in response.text
