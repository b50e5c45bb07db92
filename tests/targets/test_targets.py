"""Target setting: suggestion math per tier, the page's bulk save, CSV and the command."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from outward.core.periods import Period
from outward.partners.models import Partner
from outward.targets.domain.suggestions import (
    TargetsRefused,
    changed_values,
    save_targets,
    suggest_targets,
)
from outward.targets.models import Target
from tests import factories

AS_OF = dt.date(2026, 12, 31)


@pytest.fixture
def channel(db):
    acme = factories.PartnerFactory(partner_id="PA", name="Acme", tier="Gold")
    beta = factories.PartnerFactory(partner_id="PB", name="Beta", tier="Silver")
    factories.PartnerFactory(partner_id="PC", name="Cobalt", tier="Gold")
    factories.DealFactory(partner=acme, amount=Decimal("60000"), close_date=dt.date(2026, 3, 1))
    factories.DealFactory(partner=acme, amount=Decimal("40000"), close_date=dt.date(2026, 9, 1))
    factories.DealFactory(partner=acme, amount=Decimal("99999"), stage="lost")
    factories.DealFactory(partner=acme, amount=Decimal("77777"), close_date=dt.date(2025, 9, 1))
    factories.DealFactory(partner=beta, amount=Decimal("50000.50"), close_date=dt.date(2026, 5, 1))
    factories.TargetFactory(partner=acme, period="2026", value=Decimal("80000"))
    factories.ObjectiveFactory(partner=acme, period="2027-Q1", title="Expand to Austria")
    factories.ObjectiveFactory(partner=acme, period="2026", title="Not next year")
    return acme, beta


def _suggest(**growth):
    return suggest_targets(
        period=Period.parse("2027"),
        partners=Partner.objects.all(),
        tier_growth={k: Decimal(v) for k, v in growth.items()},
        default_growth=Decimal("0.1"),
        as_of=AS_OF,
    )


def test_suggestion_is_last_years_revenue_times_tier_growth(channel):
    rows = [
        (s.partner_id, s.revenue_actual, s.revenue_target, s.attainment, s.growth, s.suggested)
        for s in _suggest(Gold="0.2")
    ]

    assert rows == [
        (
            "PA",
            Decimal("100000.0"),
            Decimal("80000.0"),
            Decimal("1.25"),
            Decimal("0.2"),
            Decimal("120000.00"),
        ),
        ("PB", Decimal("50000.5"), None, None, Decimal("0.1"), Decimal("55000.55")),
        ("PC", Decimal("0"), None, None, Decimal("0.2"), None),
    ]


def test_suggestion_lists_own_objectives_and_stored_target_of_the_coming_period(channel):
    acme, _ = channel
    factories.TargetFactory(partner=acme, period="2027", value=Decimal("130000"))

    first = _suggest()[0]

    assert (first.objectives, first.current) == (["Expand to Austria"], Decimal("130000"))


def test_save_targets_upserts_with_history_and_skips_blanks(channel):
    acme, beta = channel
    factories.TargetFactory(partner=acme, period="2027", value=Decimal("1"))
    manager = factories.UserFactory(username="cam@vendor.example")

    result = save_targets(
        period=Period.parse("2027"),
        values={"PA": "120000", "PB": "55000.55", "PC": " "},
        user=manager,
    )

    assert (result.created, result.updated) == (1, 1)
    stored = Target.objects.filter(period="2027").order_by("partner__partner_id")
    assert [(t.partner.partner_id, t.metric, t.value) for t in stored] == [
        ("PA", "revenue", Decimal("120000")),
        ("PB", "revenue", Decimal("55000.55")),
    ]
    assert [h.history_user for h in stored[0].history.all()] == [manager, None]


def test_save_targets_refuses_all_when_one_value_is_bad(channel):
    with pytest.raises(TargetsRefused) as refusal:
        save_targets(period=Period.parse("2027"), values={"PA": "120000", "PB": "-5"})

    assert list(refusal.value.by_partner) == ["PB"]
    assert Target.objects.filter(period="2027").count() == 0


def test_targets_page_is_for_vendor_staff_only(world, login):
    assert login(world.user_a).get(reverse("targets:sheet")).status_code == 404


def test_targets_page_shows_suggestions_with_tier_growth(channel, login):
    manager = factories.UserFactory(username="cam@vendor.example")
    client = login(manager)

    response = client.get(
        reverse("targets:sheet"),
        {"period": "2027", "as_of": "2026-12-31", "default_growth": "10", "growth_0": "20"},
    )

    assert response.status_code == 200
    assert [f["tier"] for f in response.context["tier_fields"]] == ["Gold", "Silver"]
    # Inputs show plain numbers, as written: no "120000.00" padding.
    assert [(r["s"].partner_id, r["input"]) for r in response.context["rows"]] == [
        ("PA", "120000"),
        ("PB", "55000.55"),
        ("PC", ""),
    ]


def test_targets_page_bulk_save_with_htmx(channel, login):
    manager = factories.UserFactory(username="cam@vendor.example")
    client = login(manager)

    response = client.post(
        reverse("targets:save"),
        {
            "period": "2027",
            "as_of": "2026-12-31",
            "value:PA": "125000",
            "value:PB": "",
            "value:PC": "1000",
        },
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "Saved 2 revenue targets for 2027 (2 new, 0 updated)." in response.text
    assert sorted(
        Target.objects.filter(period="2027").values_list("partner__partner_id", "value")
    ) == [
        ("PA", Decimal("125000")),
        ("PC", Decimal("1000")),
    ]
    assert [(r["s"].partner_id, r["input"]) for r in response.context["rows"]] == [
        ("PA", "125000"),
        ("PB", "55000.55"),
        ("PC", "1000"),
    ]


def test_targets_page_bulk_save_refused_marks_the_partner(channel, login):
    client = login(factories.UserFactory(username="cam@vendor.example"))

    response = client.post(
        reverse("targets:save"),
        {"period": "2027", "value:PA": "125000", "value:PB": "lots"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 400
    assert [
        (r["s"].partner_id, r["input"], bool(r["errors"])) for r in response.context["rows"]
    ] == [
        ("PA", "125000", False),
        ("PB", "lots", True),
        ("PC", None, False),
    ]
    assert Target.objects.filter(period="2027").count() == 0


def test_targets_csv_has_every_partner(channel, login):
    client = login(factories.UserFactory(username="cam@vendor.example"))

    response = client.get(
        reverse("targets:csv"), {"period": "2027", "as_of": "2026-12-31", "growth_0": "20"}
    )

    body = b"".join(response.streaming_content).decode()
    assert response["Content-Disposition"] == 'attachment; filename="target-suggestions-2027.csv"'
    assert list(csv.reader(io.StringIO(body))) == [
        [
            "partner_id",
            "name",
            "tier",
            "period",
            "previous_period",
            "previous_revenue_actual",
            "previous_revenue_target",
            "previous_attainment",
            "basis",
            "base_revenue",
            "objectives",
            "growth",
            "suggested_revenue_target",
            "current_revenue_target",
        ],
        [
            "PA",
            "Acme",
            "Gold",
            "2027",
            "2026",
            "100000.0",
            "80000.0",
            "1.25",
            "full period",
            "100000.0",
            "1",
            "0.2",
            "120000.0",
            "",
        ],
        [
            "PB",
            "Beta",
            "Silver",
            "2027",
            "2026",
            "50000.5",
            "",
            "",
            "full period",
            "50000.5",
            "0",
            "0.1",
            "55000.55",
            "",
        ],
        [
            "PC",
            "Cobalt",
            "Gold",
            "2027",
            "2026",
            "0.0",
            "",
            "",
            "full period",
            "0.0",
            "0",
            "0.2",
            "",
            "",
        ],
    ]


def test_suggestions_before_the_previous_year_ends_rest_on_its_run_rate(channel):
    (acme, *_) = suggest_targets(
        period=Period.parse("2027"),
        partners=Partner.objects.all(),
        tier_growth={},
        default_growth=Decimal("0.1"),
        as_of=dt.date(2026, 7, 15),
    )
    # Six months and 15 of July's 31 days: 201/372 of 2026, and 60,000 won by then.
    assert (acme.basis, acme.revenue_actual, acme.suggested) == (
        "run rate",
        Decimal("60000"),
        Decimal("122149.25"),
    )
    assert acme.attainment.quantize(Decimal("0.0001")) == Decimal("1.3881")


@pytest.mark.parametrize("count", [1, 5])
def test_targets_page_queries_do_not_grow_with_partners(
    db, login, django_assert_num_queries, count
):
    for n in range(count):
        partner = factories.PartnerFactory(partner_id=f"PX{n}", tier="Gold")
        factories.DealFactory(partner=partner, close_date=dt.date(2026, 5, 1))
        factories.TargetFactory(partner=partner, period="2026")
        factories.ObjectiveFactory(partner=partner, period="2027")

    # As of 15 July 2026 (the default as-of date is today): session, user, tiers, the filters'
    # tiers, countries and managers, page count, page, its partners, revenue (whole months, the
    # running month), targets, current targets, objectives
    with time_machine.travel(dt.datetime(2026, 7, 15, 12, tzinfo=dt.UTC), tick=False):
        client = login(factories.UserFactory(username="cam@vendor.example"))
        with django_assert_num_queries(14):
            response = client.get(reverse("targets:sheet"), {"period": "2027"})

    assert len(response.context["rows"]) == count


def _command(*args) -> str:
    out = io.StringIO()
    call_command("targets", "suggest", *args, stdout=out)
    return out.getvalue()


def test_command_json(channel):
    document = json.loads(
        _command(
            "--period",
            "2027",
            "--as-of",
            "2026-12-31",
            "--growth",
            "Gold=0.2",
            "--default-growth",
            "0.05",
            "--format",
            "json",
        )
    )

    assert (document["period"], document["previous_period"]) == ("2027", "2026")
    assert [
        (p["partner_id"], p["growth"], p["suggested_revenue_target"]) for p in document["partners"]
    ] == [
        ("PA", 0.2, 120000.0),
        ("PB", 0.05, 52500.52),  # 52500.525 rounded half to even
        ("PC", 0.2, None),
    ]


def test_command_targets_csv_is_an_import_file(channel):
    output = _command("--period", "2027", "--as-of", "2026-12-31", "--format", "targets-csv")

    assert (
        output
        == "partner_id,period,metric,value\nPA,2027,revenue,110000.00\nPB,2027,revenue,55000.55\n"
    )


def test_command_table_lists_partners(channel):
    lines = _command("--period", "2027", "--as-of", "2026-12-31").splitlines()

    assert lines[0] == "Suggested revenue targets for 2027 (3 partners)"
    assert lines[2].split() == [
        "PA",
        "Gold",
        "100,000.00",
        "125.0%",
        "10.0%",
        "110,000.00",
        "—",
        "1",
    ]


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--period", "2027-Q5"],
            "--period: '2027-Q5' is not a period (use YYYY, YYYY-Qn or YYYY-MM)",
        ),
        (
            ["--period", "2027", "--growth", "Gold"],
            "--growth: 'Gold' is not TIER=RATE, e.g. Gold=0.1",
        ),
        (
            ["--period", "2027", "--default-growth", "ten"],
            "--default-growth: 'ten' is not a number (write 10 % as 0.1)",
        ),
    ],
)
def test_command_bad_input_exits_2(db, args, message):
    with pytest.raises(CommandError) as refusal:
        _command(*args)

    assert (refusal.value.returncode, str(refusal.value)) == (2, message)


def _sheet_form(response) -> dict[str, str]:
    """The sheet's form as a browser posts it: the page's choices, and per row the value it
    showed (`shown:`) and the input (`value:`), untouched."""
    context = response.context
    form = dict(context["hidden"])
    for row in context["rows"]:
        key = row["s"].partner_id
        form[f"shown:{key}"] = row["shown"]
        form[f"value:{key}"] = row["input"] or ""
    return form


def test_changed_values_are_those_that_differ_from_what_was_shown():
    values = {"PA": "120000", "PB": "55000.55", "PC": "", "PD": "abc", "PE": "7"}
    shown = {"PA": "120000.00", "PB": "55000", "PC": "10", "PD": "", "PE": "7"}

    assert changed_values(values=values, shown=shown) == {"PB": "55000.55", "PD": "abc"}


def test_targets_page_saves_only_the_rows_the_user_changed(channel, login):
    acme, beta = channel
    factories.TargetFactory(partner=beta, period="2027", value=Decimal("50000"))
    client = login(factories.UserFactory(username="cam@vendor.example"))
    page = client.get(reverse("targets:sheet"), {"period": "2027", "as_of": "2026-12-31"})
    form = _sheet_form(page)
    form["value:PA"] = "111000"  # the one edit; PB's stored target and PC's blank stay

    response = client.post(reverse("targets:save"), form, HTTP_HX_REQUEST="true")

    assert "Saved 1 revenue target for 2027 (1 new, 0 updated)." in response.text
    assert sorted(
        Target.objects.filter(period="2027").values_list("partner__partner_id", "value")
    ) == [("PA", Decimal("111000")), ("PB", Decimal("50000"))]
    assert [h.history_type for h in Target.history.filter(period="2027").order_by("id")] == [
        "+",
        "+",
    ]  # PB's own creation and PA's: nothing rewrote PB


def test_targets_page_shows_the_basis_of_the_suggestions(channel, login):
    client = login(factories.UserFactory(username="cam@vendor.example"))

    ended = client.get(reverse("targets:sheet"), {"period": "2027", "as_of": "2027-01-10"})
    running = client.get(reverse("targets:sheet"), {"period": "2027", "as_of": "2026-07-15"})

    assert '<p class="basis">Based on the whole of 2026.</p>' in ended.text
    assert (
        '<p class="basis">Based on 2026 so far (54% elapsed as of 2026-07-15), run-rate: '
        "revenue to date ÷ 54%, so the suggestions do not rest on an unfinished period.</p>"
    ) in running.text


def test_targets_page_filters_tier_country_manager_and_my_portfolio(channel, login):
    acme, beta = channel
    Partner.objects.filter(pk=acme.pk).update(country="DE")
    Partner.objects.filter(pk=beta.pk).update(manager_email="dora@vendor.example", country="FR")
    Partner.objects.filter(partner_id="PC").update(country="FR")
    client = login(factories.UserFactory(username="cam@vendor.example"))

    def keys(**params):
        response = client.get(reverse("targets:sheet"), {"period": "2027", **params})
        return [row["s"].partner_id for row in response.context["rows"]]

    assert keys(tier="Gold") == ["PA", "PC"]
    assert keys(country="FR") == ["PB", "PC"]
    assert keys(manager="dora@vendor.example") == ["PB"]
    assert keys(mine="1") == ["PA", "PC"]
    assert keys(tier="Gold", country="FR") == ["PC"]
    bad = client.get(reverse("targets:sheet"), {"period": "2027", "tier": "Bronze"})
    assert [f["error"] for f in bad.context["filter_fields"]] == [
        "no partner has tier 'Bronze'",
        None,
        None,
    ]
    assert [row["s"].partner_id for row in bad.context["rows"]] == ["PA", "PB", "PC"]


def test_accept_suggestions_asks_first_and_stores_nothing_until_confirmed(channel, login):
    acme, beta = channel
    factories.TargetFactory(partner=beta, period="2027", value=Decimal("50000"))
    client = login(factories.UserFactory(username="cam@vendor.example"))
    params = {"period": "2027", "as_of": "2026-12-31", "scope": "selection"}

    confirm = client.get(reverse("targets:accept"), params)

    assert (confirm.status_code, confirm.context["values"]) == (200, {"PA": "110000"})
    assert "1 partner keeps its stored target for 2027" in confirm.text
    assert "1 partner has no suggestion" in confirm.text
    assert Target.objects.filter(period="2027").count() == 1


def test_accept_suggestions_of_the_selection_stores_them_through_the_import(
    channel, login, monkeypatch
):
    monkeypatch.setattr("outward.targets.views.PAGE_SIZE", 1)  # the selection spans pages
    manager = factories.UserFactory(username="cam@vendor.example")
    client = login(manager)
    params = {"period": "2027", "as_of": "2026-12-31", "page": "1"}

    on_page = client.post(reverse("targets:accept"), {**params, "scope": "page"})
    everywhere = client.post(reverse("targets:accept"), {**params, "scope": "selection"})

    assert "Saved 1 suggested revenue target for 2027 (1 new, 0 updated)." in on_page.text
    assert "Saved 1 suggested revenue target for 2027 (1 new, 0 updated)." in everywhere.text
    stored = Target.objects.filter(period="2027").order_by("partner__partner_id")
    assert [(t.partner.partner_id, t.value) for t in stored] == [
        ("PA", Decimal("110000")),
        ("PB", Decimal("55000.55")),
    ]
    assert [t.history.get().history_user for t in stored] == [manager, manager]


def test_accept_suggestions_refuses_partner_users(world, login):
    response = login(world.user_a).post(reverse("targets:accept"), {"scope": "selection"})

    assert response.status_code == 404
    assert Target.objects.filter(period="2027").count() == 0
