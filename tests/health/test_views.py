"""The health dashboard, its exports and the scorecards, as managers and partner users use them."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from outward.health.domain import QUADRANT_SEVERITY, health_report, health_trend
from outward.health.domain.report import summary_json
from outward.health.views import scorecards as scorecard_views
from outward.partners.models import Partner
from tests import factories

AS_OF = dt.date(2027, 1, 15)
QUERY = {"period": "2026", "as_of": "2027-01-15"}


def make_partner(
    partner_id: str,
    *,
    revenue: str | None = "120000",
    target: str | None = "100000",
    objective: str | None = "20",
    tier: str = "Gold",
    country: str = "DE",
    manager_email: str = "cam@vendor.example",
):
    """A partner with a 2026 revenue target, a won deal and one manual objective (target 15)."""
    partner = factories.PartnerFactory(
        partner_id=partner_id,
        name=f"Partner {partner_id}",
        tier=tier,
        country=country,
        manager_email=manager_email,
    )
    if target is not None:
        factories.TargetFactory(partner=partner, period="2026", value=Decimal(target))
    if revenue is not None:
        factories.DealFactory(
            partner=partner, amount=Decimal(revenue), close_date=dt.date(2026, 5, 1)
        )
    if objective is not None:
        item = factories.ObjectiveFactory(
            objective_id=f"O-{partner_id}", partner=partner, target=Decimal("15")
        )
        factories.CheckInFactory(objective=item, date=dt.date(2026, 9, 30), value=objective)
    return partner


@pytest.fixture
def channel(world):
    """One partner per quadrant (besides world's PA and PB, both struggling)."""
    return {
        "thriving": make_partner("T1", revenue="120000", objective="20"),
        "mutiny_risk": make_partner("M1", revenue="150000", objective="10", tier="Silver"),
        "drifting": make_partner("D1", revenue="50000", objective="15", country="FR"),
        "unknown": make_partner("U1", revenue="90000", objective=None),
        "no_target": make_partner("N1", target=None, objective="30"),
    }


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Personas are created with passwords; a slow hasher would dominate these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


HTMX = {"HX-Request": "true"}


def get_dashboard(client, headers=None, **params):
    return client.get(reverse("health:dashboard"), QUERY | params, headers=headers)


def selected(response) -> list[str]:
    return sorted(h.partner_id for h in response.context["selection"].healths.values())


def test_dashboard_headline_equals_engine_summary(world, channel, login):
    response = get_dashboard(login(world.manager))
    report = health_report(period="2026", as_of=AS_OF)
    assert response.status_code == 200
    assert summary_json(response.context["summary"]) == report["summary"]
    # 7 partners: met own objectives T1, D1, N1; met quota T1, M1; no objectives U1.
    headline = response.context["headline"]
    assert {k: headline[k] for k in ("met_own_objectives", "met_quota", "no_record")} == {
        "met_own_objectives": 43,
        "met_quota": 29,
        "no_record": 1,
    }
    text = response.content.decode()
    assert "43%</span> met their own objectives" in text
    assert "29%</span> met your quota" in text
    assert "14%</span> have no objectives on record" in text
    assert "Shares of all 7 partners in the selection" in text


def test_dashboard_tells_objectives_on_record_from_known_shares(world, channel, login):
    # In December the year's objectives still run: on record, but no share known yet.
    response = get_dashboard(login(world.manager), as_of="2026-12-01")
    headline = response.context["headline"]
    assert (headline["known"], headline["still_running"], headline["no_record"]) == (0, 6, 1)
    text = response.content.decode()
    assert "2026 is running:</strong> judged on pace as of 1 December 2026" in text
    assert "are on pace for</span>" not in text and "are on pace for your quota" in text


def test_dashboard_first_screen_names_the_mutiny_risk_partners(world, channel, login):
    response = get_dashboard(login(world.manager))
    mutiny = response.context["mutiny"]
    assert (mutiny["count"], [r["health"].partner_id for r in mutiny["rows"]]) == (1, ["M1"])
    assert mutiny["href"] == (
        "/health/partners/?period=2026&as_of=2027-01-15&threshold=0.75&quadrant=mutiny_risk"
    )


def test_dashboard_quadrant_lists_in_severity_order(world, channel, login):
    response = get_dashboard(login(world.manager))
    quadrants = response.context["quadrants"]
    assert [q["key"] for q in quadrants] == list(QUADRANT_SEVERITY)
    assert {q["key"]: [r["health"].partner_id for r in q["rows"]] for q in quadrants} == {
        "mutiny_risk": ["M1"],
        # Both struggling partners have the same revenue: then by partner key.
        "struggling": ["PA", "PB"],
        "objectives_unknown": ["U1"],
        "drifting": ["D1"],
        "no_target": ["N1"],
        "thriving": ["T1"],
    }
    text = response.content.decode()
    positions = [text.index(f'id="quadrant-{key}"') for key in QUADRANT_SEVERITY]
    assert positions == sorted(positions)


def test_dashboard_quadrant_list_rows_carry_both_sides(world, channel, login):
    response = get_dashboard(login(world.manager))
    (row,) = response.context["quadrants"][0]["rows"]
    health = row["health"]
    assert (row["tier"], health.partner_id, health.revenue_actual, health.revenue_target) == (
        "Silver",
        "M1",
        Decimal("150000"),
        Decimal("100000"),
    )
    assert (health.quota_attainment, health.objectives_met_share) == (Decimal("1.5"), 0)


def test_dashboard_chart_plots_known_points_and_counts_the_rest(world, channel, login):
    response = get_dashboard(login(world.manager))
    chart = response.context["chart"]
    # U1 (objectives unknown) and N1 (no target) cannot be placed.
    assert (len(chart.points), chart.unplotted, chart.density) == (5, 2, False)
    text = response.content.decode()
    assert "2 partners are not plotted" in text
    assert text.count('<circle class="point ') == 5


def test_dashboard_loads_the_trend_after_the_page(world, channel, login):
    response = get_dashboard(login(world.manager), tier="Gold")
    assert (
        'hx-get="/health/trend/?period=2026&amp;as_of=2027-01-15&amp;threshold=0.75&amp;tier=Gold"'
        in response.content.decode()
    )


def test_trend_has_eight_quarters_ending_at_as_of(world, channel, login):
    response = login(world.manager).get(reverse("health:trend"), QUERY, headers=HTMX)
    assert [q["period"] for q in response.context["trend"]] == [
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
        "2027-Q1",
    ]
    text = response.content.decode()
    assert ('<table class="trend-table">' in text, "<html" in text) == (True, False)


def test_trend_matches_engine_for_filtered_partners(world, channel, login):
    response = login(world.manager).get(reverse("health:trend"), QUERY | {"tier": "Silver"})
    silver = Partner.objects.filter(tier="Silver")
    assert response.context["trend"] == health_trend(as_of=AS_OF, partners=silver)
    assert "<html" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"tier": "Silver"}, ["M1", "PB"]),
        ({"country": "FR"}, ["D1"]),
        ({"manager": "other@vendor.example"}, ["X1"]),
    ],
)
def test_dashboard_filters_narrow_the_partners(world, channel, login, params, expected):
    make_partner("X1", tier="Platinum", country="US", manager_email="other@vendor.example")
    # The factory rotates countries: set world's partners' explicitly.
    Partner.objects.filter(partner_id="PA").update(country="DE")
    Partner.objects.filter(partner_id="PB").update(country="GB")
    response = get_dashboard(login(world.manager), **params)
    assert selected(response) == expected


def test_dashboard_territory_filter_includes_descendants(world, login):
    world_node = factories.TerritoryFactory(territory_id="WORLD", name="World")
    emea = factories.TerritoryFactory(territory_id="EMEA", name="EMEA", parent=world_node)
    germany = factories.TerritoryFactory(territory_id="DE", name="Germany", parent=emea)
    americas = factories.TerritoryFactory(territory_id="AM", name="Americas", parent=world_node)
    factories.PartnerTerritoryFactory(partner=make_partner("G1"), territory=germany)
    factories.PartnerTerritoryFactory(partner=make_partner("E1"), territory=emea)
    factories.PartnerTerritoryFactory(partner=make_partner("A1"), territory=americas)
    both = make_partner("B1")
    factories.PartnerTerritoryFactory(partner=both, territory=germany)
    factories.PartnerTerritoryFactory(partner=both, territory=americas)
    client = login(world.manager)

    def partner_ids(territory):
        return selected(get_dashboard(client, territory=territory))

    assert partner_ids("EMEA") == ["B1", "E1", "G1"]
    assert partner_ids("DE") == ["B1", "G1"]
    assert partner_ids("WORLD") == ["A1", "B1", "E1", "G1"]


def test_dashboard_htmx_request_swaps_results_only(world, channel, login):
    response = get_dashboard(login(world.manager), {"HX-Request": "true"}, tier="Silver")
    text = response.content.decode()
    assert (response.status_code, "<html" in text, "Partner M1" in text) == (200, False, True)
    assert "HX-Request" in response["Vary"]
    assert 'hx-swap-oob="true">Showing 2 partners for 2026 as of 2027-01-15.</p>' in text


def test_dashboard_defaults_to_current_year_and_today(world, login):
    response = login(world.manager).get(reverse("health:dashboard"))
    today = dt.date.today()
    selection = response.context["selection"]
    assert (selection.period.text, selection.as_of) == (str(today.year), today)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "2026-Q5"}, "Period: Select a valid choice."),
        ({"as_of": "2026-13-01"}, "As of: Enter a valid date."),
        ({"threshold": "1.5"}, "Own objectives threshold: Ensure this value is less than"),
    ],
)
def test_dashboard_bad_selection_is_400_with_field_message(world, login, params, message):
    response = get_dashboard(login(world.manager), **params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_dashboard_accepts_a_period_outside_the_selector(world, channel, login):
    response = get_dashboard(login(world.manager), period="2026-05")
    assert (response.status_code, response.context["selection"].period.text) == (200, "2026-05")


def test_dashboard_empty_state_tells_what_to_do(world, channel, login):
    Partner.objects.filter(partner_id="PB").update(country="GB")
    response = get_dashboard(login(world.manager), tier="Silver", country="FR")
    assert "No partners match these filters" in response.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "health:dashboard",
        "health:trend",
        "health:export_csv",
        "health:export_xlsx",
        "health:scorecards",
    ],
)
@pytest.mark.parametrize(("persona", "status"), [("user_a", 404), ("anonymous", 302)])
def test_vendor_pages_hidden_from_partner_users_and_anonymous(world, login, name, persona, status):
    response = login(world.persona(persona)).get(reverse(name), QUERY)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))


def test_export_csv_holds_every_row_in_table_order(world, channel, login):
    response = login(world.manager).get(reverse("health:export_csv"), QUERY | {"tier": "Gold"})
    assert response["Content-Disposition"] == (
        'attachment; filename="health-2026-as-of-2027-01-15.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        [
            "partner_id",
            "name",
            "tier",
            "country",
            "manager_email",
            "quadrant",
            "revenue_actual",
            "revenue_target",
            "revenue_target_to_date",
            "quota_attainment",
            "met_quota",
            "objectives_met_share",
            "met_own_objectives",
        ],
        [
            "PA",
            "Acme Integration",
            "Gold",
            world.partner_a.country,
            "cam@vendor.example",
            "struggling",
            "25000.0",
            "100000.0",
            "100000.0",
            "0.25",
            "false",
            "0.0",
            "false",
        ],
        ["U1", "Partner U1", "Gold", "DE", "cam@vendor.example", "objectives_unknown"]
        + ["90000.0", "100000.0", "100000.0", "0.9", "false", "", ""],
        ["D1", "Partner D1", "Gold", "FR", "cam@vendor.example", "drifting"]
        + ["50000.0", "100000.0", "100000.0", "0.5", "false", "1.0", "true"],
        ["N1", "Partner N1", "Gold", "DE", "cam@vendor.example", "no_target"]
        + ["120000.0", "", "", "", "", "1.0", "true"],
        ["T1", "Partner T1", "Gold", "DE", "cam@vendor.example", "thriving"]
        + ["120000.0", "100000.0", "100000.0", "1.2", "true", "1.0", "true"],
    ]


def test_export_csv_neutralises_formulas_in_names(world, login):
    make_partner("F1")
    Partner.objects.filter(partner_id="F1").update(name="=HYPERLINK(1)")
    response = login(world.manager).get(reverse("health:export_csv"), QUERY)
    assert "\nF1,'=HYPERLINK(1)," in response.content.decode()


def test_export_xlsx_holds_the_same_rows(world, channel, login):
    client = login(world.manager)
    params = QUERY | {"country": "DE"}
    csv_rows = list(
        csv.reader(io.StringIO(client.get(reverse("health:export_csv"), params).content.decode()))
    )
    response = client.get(reverse("health:export_xlsx"), params)
    sheet = load_workbook(io.BytesIO(response.content)).active
    xlsx_rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in xlsx_rows] == [row[0] for row in csv_rows]
    assert xlsx_rows[1] == ("M1", "Partner M1", "Silver", "DE", "cam@vendor.example") + (
        "mutiny_risk",
        150000,
        100000,
        100000,
        1.5,
        True,
        0,
        False,
    )


def test_scorecard_shows_both_sides_and_objectives(world, channel, login):
    response = login(world.manager).get(
        reverse("health:scorecard", kwargs={"partner_id": "M1"}), QUERY
    )
    (card,) = response.context["cards"]
    assert (card["entry"]["partner_id"], card["deals_won"], card["new_customers"]) == (
        "M1",
        1,
        1,
    )
    assert [(o["objective_id"], o["status"], o["bar"]) for o in card["objectives"]] == [
        ("O-M1", "missed", 67)
    ]
    text = response.content.decode()
    assert "data-print" in text
    assert '<progress max="100" value="67"' in text
    assert "<dd>150% · met</dd>" in text
    assert "<dd>0% by weight · not met (threshold 75%)</dd>" in text


def test_scorecard_history_covers_eight_quarters(world, channel, login):
    response = login(world.manager).get(
        reverse("health:scorecard", kwargs={"partner_id": "M1"}), QUERY
    )
    (card,) = response.context["cards"]
    assert [(h["period"], h["quota_attainment"]) for h in card["history"]] == [
        ("2025-Q2", None),
        ("2025-Q3", None),
        ("2025-Q4", None),
        ("2026-Q1", 0.0),
        ("2026-Q2", 6.0),
        ("2026-Q3", 0.0),
        ("2026-Q4", 0.0),
        ("2027-Q1", None),
    ]


def test_scorecard_partner_user_sees_own_partner(world, login):
    response = login(world.user_a).get(
        reverse("health:scorecard", kwargs={"partner_id": "PA"}), QUERY
    )
    assert [c["entry"]["partner_id"] for c in response.context["cards"]] == ["PA"]


@pytest.mark.parametrize(("persona", "partner_id"), [("user_b", "PA"), ("manager", "NOPE")])
def test_scorecard_of_another_or_missing_partner_is_404(world, login, persona, partner_id):
    response = login(world.persona(persona)).get(
        reverse("health:scorecard", kwargs={"partner_id": partner_id}), QUERY
    )
    assert response.status_code == 404


def test_scorecards_print_every_filtered_partner(world, channel, login):
    response = login(world.manager).get(reverse("health:scorecards"), QUERY | {"tier": "Silver"})
    assert [c["entry"]["partner_id"] for c in response.context["cards"]] == ["M1", "PB"]
    assert response.content.decode().count('class="card scorecard"') == 2


def test_scorecards_are_capped_with_a_message(world, login, monkeypatch):
    monkeypatch.setattr(scorecard_views, "SCORECARD_CAP", 1)
    response = login(world.manager).get(reverse("health:scorecards"), QUERY)
    assert [c["entry"]["partner_id"] for c in response.context["cards"]] == ["PA"]
    assert "2 partners match these filters; the first 1 by partner key" in (
        response.content.decode()
    )


def build_partners(count: int) -> None:
    for i in range(count):
        partner = make_partner(f"Q{i}")
        factories.PartnerTerritoryFactory(partner=partner)


@pytest.mark.parametrize("count", [1, 5])
def test_dashboard_query_count_does_not_grow(db, login, django_assert_num_queries, count):
    build_partners(count)
    client = login(factories.UserFactory(username="m@vendor.example"))
    with django_assert_num_queries(11):
        assert get_dashboard(client).status_code == 200


@pytest.mark.parametrize("count", [1, 5])
def test_trend_query_count_does_not_grow(db, login, django_assert_num_queries, count):
    build_partners(count)
    client = login(factories.UserFactory(username="m@vendor.example"))
    # as of 15 January 2027: one more for the deals of the running month
    with django_assert_num_queries(11):
        assert client.get(reverse("health:trend"), QUERY, headers=HTMX).status_code == 200


@pytest.mark.parametrize("count", [1, 5])
def test_export_query_count_does_not_grow(db, login, django_assert_num_queries, count):
    build_partners(count)
    client = login(factories.UserFactory(username="m@vendor.example"))
    with django_assert_num_queries(11):
        assert client.get(reverse("health:export_csv"), QUERY).status_code == 200


@pytest.mark.parametrize("count", [1, 5])
def test_scorecards_query_count_does_not_grow(db, login, django_assert_num_queries, count):
    build_partners(count)
    client = login(factories.UserFactory(username="m@vendor.example"))
    with django_assert_num_queries(22):
        assert client.get(reverse("health:scorecards"), QUERY).status_code == 200


@pytest.mark.parametrize(("persona", "dashboard_link"), [("manager", True), ("user_a", False)])
def test_partner_page_links_to_the_scorecard(world, login, persona, dashboard_link):
    response = login(world.persona(persona)).get(
        reverse("partners:detail", kwargs={"partner_id": "PA"})
    )
    text = response.content.decode()
    assert ('href="/health/scorecard/PA/"' in text, 'href="/health/?tier=Gold"' in text) == (
        True,
        dashboard_link,
    )


def test_quadrant_list_holds_every_partner_of_it_sorted_and_paginated(world, login):
    for n in range(55):
        make_partner(f"M{n:02d}", revenue=str(110000 + n), objective="1")
    client = login(world.manager)
    url = reverse("health:partners")

    first = client.get(url, QUERY | {"quadrant": "mutiny_risk"})
    last = client.get(url, QUERY | {"quadrant": "mutiny_risk", "page": 2})
    by_key = client.get(url, QUERY | {"quadrant": "mutiny_risk", "sort": "partner"})

    def keys(response):
        return [row["health"].partner_id for row in response.context["rows"]]

    assert (first.context["page"].paginator.count, len(keys(first)), keys(last)) == (
        55,
        50,
        ["M04", "M03", "M02", "M01", "M00"],
    )
    assert keys(first)[:2] == ["M54", "M53"]  # the most revenue first
    assert keys(by_key)[:3] == ["M00", "M01", "M02"]
    assert (
        'href="?period=2026&amp;as_of=2027-01-15&amp;threshold=0.75&amp;quadrant=mutiny_risk&amp;sort=partner&amp;page=2"'
        in by_key.text
    )


def test_chart_cell_lists_the_partners_in_it(world, channel, login):
    response = login(world.manager).get(
        reverse("health:partners"),
        QUERY | {"min_attainment": "1.0", "max_attainment": "1.5", "min_share": "0.9"},
    )
    assert [row["health"].partner_id for row in response.context["rows"]] == ["T1"]
    assert "Quota attainment from 100% to 150%, own objectives met from 90% up." in response.text


def test_list_sorted_by_attainment_keeps_unknown_last_both_ways(world, channel, login):
    client = login(world.manager)
    up = client.get(reverse("health:partners"), QUERY | {"sort": "attainment"})
    down = client.get(reverse("health:partners"), QUERY | {"sort": "-attainment"})

    def keys(response):
        return [row["health"].partner_id for row in response.context["rows"]]

    assert keys(up) == ["PA", "PB", "D1", "U1", "T1", "M1", "N1"]
    assert keys(down) == ["M1", "T1", "U1", "D1", "PB", "PA", "N1"]
