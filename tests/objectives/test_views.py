"""Objective pages: own partner only (404 otherwise), check-ins with htmx, versioned edits."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from outward.objectives import domain
from outward.objectives.models import CheckIn, Objective
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_partner_objectives_page_lists_own_objectives_with_status(world, login):
    client = login(world.user_a)

    response = client.get(reverse("objectives:partner_objectives", args=["PA"]) + "?period=2026")

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(o.objective_id, status.status) for o, status, _ in rows] == [("OA", "in_progress")]
    assert "Grow managed-services revenue" in response.text
    assert 'class="sparkline"' in response.text


@pytest.mark.parametrize(
    "name,args",
    [
        ("objectives:partner_objectives", ["PB"]),
        ("objectives:objective_create", ["PB"]),
        ("objectives:objective", ["OB"]),
        ("objectives:objective_edit", ["OB"]),
    ],
)
def test_other_partners_pages_are_404_like_missing_ones(world, login, name, args):
    client = login(world.user_a)

    other = client.get(reverse(name, args=args))
    missing = client.get(reverse(name, args=["NOPE"]))

    assert (other.status_code, missing.status_code) == (404, 404)
    assert _page(other.text, args[0]) == _page(missing.text, "NOPE")


def _page(text: str, key: str) -> str:
    """The body modulo the key asked for and the per-response CSRF token."""
    text = re.sub(r'"X-CSRFToken": "[^"]*"', "", text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text).replace(key, "")


def test_manager_sees_any_partners_objective(world, login):
    response = login(world.manager).get(reverse("objectives:objective", args=["OB"]))

    assert response.status_code == 200
    assert response.context["objective"] == world.objective_b


def test_checkin_with_htmx_returns_the_refreshed_list(world, login):
    client = login(world.user_a)

    response = client.post(
        reverse("objectives:checkin_add", args=["OA"]),
        {"date": "2026-07-15", "value": "12.5", "comment": "Two more certified"},
        **HTMX,
    )

    assert response.status_code == 200
    assert [t.name for t in response.templates][:2] == [
        "objectives/_checkin_response.html",
        "objectives/_checkins.html",
    ]
    assert list(
        CheckIn.objects.filter(objective=world.objective_a).values_list("date", "value", "comment")
    ) == [
        (dt.date(2026, 6, 30), Decimal("10"), "Quarterly review"),
        (dt.date(2026, 7, 15), Decimal("12.5"), "Two more certified"),
    ]
    assert '<p class="ok" role="status" tabindex="-1" data-autofocus>Check-in recorded.</p>' in (
        response.text
    )
    assert "Two more certified" in response.text
    # The change history is swapped in too, out of band, with the new check-in on top.
    assert (
        '<section id="history" class="card" aria-labelledby="history-heading" hx-swap-oob="true">'
        in response.text
    )
    assert [(c.what, c.action) for c in response.context["history"]][0] == (
        "Check-in 2026-07-15",
        "created",
    )
    assert world.objective_a.checkins.get(date="2026-07-15").history.get().history_user == (
        world.user_a
    )


def test_checkin_without_htmx_redirects_to_the_objective(world, login):
    response = login(world.user_a).post(
        reverse("objectives:checkin_add", args=["OA"]), {"date": "2026-08-01", "value": "11"}
    )

    assert (response.status_code, response.url) == (
        302,
        reverse("objectives:objective", args=["OA"]),
    )


def test_checkin_with_bad_value_shows_the_error_and_stores_nothing(world, login):
    response = login(world.user_a).post(
        reverse("objectives:checkin_add", args=["OA"]),
        {"date": "2026-08-01", "value": "ten"},
        **HTMX,
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "value": ["'ten' is not a number (use digits and . as decimal point)"]
    }
    assert CheckIn.objects.filter(objective=world.objective_a).count() == 1


def test_checkin_on_another_partners_objective_is_404_and_stores_nothing(world, login):
    response = login(world.user_a).post(
        reverse("objectives:checkin_add", args=["OB"]), {"date": "2026-08-01", "value": "11"}
    )

    assert response.status_code == 404
    assert CheckIn.objects.filter(objective=world.objective_b).count() == 1


def _edit_data(objective, **changes):
    data = {
        "title": objective.title,
        "period": objective.period,
        "direction": objective.direction,
        "baseline": "",
        "target": str(objective.target),
        "unit": objective.unit,
        "weight": "1",
        "source": objective.source,
        "version": objective.version,
    }
    return {**data, **changes}


def test_edit_saves_and_shows_the_change_in_history(world, login):
    client = login(world.user_a)
    url = reverse("objectives:objective_edit", args=["OA"])
    assert client.get(url).context["form"].initial["version"] == 1

    response = client.post(url, _edit_data(world.objective_a, target="18"))

    assert response.status_code == 302
    assert Objective.objects.values_list("target", "version").get(objective_id="OA") == (
        Decimal("18"),
        2,
    )
    detail = client.get(reverse("objectives:objective", args=["OA"]))
    assert "ann@acme.example" in detail.text
    assert "<strong>target</strong>: 15 → 18" in detail.text


def test_two_concurrent_edits_the_second_is_refused_with_the_current_version(world, login):
    client = login(world.user_a)
    url = reverse("objectives:objective_edit", args=["OA"])
    opened = _edit_data(world.objective_a)  # both editors opened version 1
    client.post(url, {**opened, "target": "18"})

    response = client.post(url, {**opened, "target": "30", "title": "Mine"})

    assert response.status_code == 409
    assert "someone else changed this objective since you opened it" in response.text.lower()
    assert response.context["form"].initial["version"] == 2
    assert response.context["form"].initial["target"] == "18"
    assert Objective.objects.values_list("target", "title", "version").get(objective_id="OA") == (
        Decimal("18"),
        "Grow managed-services revenue",
        2,
    )


def test_create_objective_for_own_partner(world, login):
    response = login(world.user_a).post(
        reverse("objectives:objective_create", args=["PA"]),
        {
            "title": "Hire two presales engineers",
            "period": "2026-Q4",
            "direction": "increase",
            "target": "2",
            "weight": "1",
            "source": "manual",
        },
    )

    created = Objective.objects.get(title="Hire two presales engineers")
    assert (response.status_code, response.url) == (
        302,
        reverse("objectives:objective", args=[created.objective_id]),
    )
    assert (created.partner, created.period, created.target) == (
        world.partner_a,
        "2026-Q4",
        Decimal("2"),
    )


def test_create_objective_with_bad_period_names_the_field(world, login):
    response = login(world.user_a).post(
        reverse("objectives:objective_create", args=["PA"]),
        {
            "title": "X",
            "period": "2026-13",
            "direction": "increase",
            "target": "2",
            "weight": "1",
            "source": "manual",
        },
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["period"]
    assert Objective.objects.filter(title="X").count() == 0


def test_needs_checkin_is_listed_at_the_top(world, login, settings):
    quiet = factories.ObjectiveFactory(partner=world.partner_a, objective_id="QUIET", period="2026")
    today = dt.date.today()
    factories.CheckInFactory(objective=world.objective_a, date=today)
    year = str(today.year)
    quiet.period = year
    quiet.first_month, quiet.last_month = today.year * 12, today.year * 12 + 11
    quiet.save()

    response = login(world.user_a).get(reverse("objectives:partner_objectives", args=["PA"]))

    assert [o.objective_id for o in response.context["quiet"]] == ["QUIET"]


@pytest.mark.parametrize("count", [1, 5])
def test_partner_objectives_page_queries_do_not_grow(db, login, django_assert_num_queries, count):
    partner = factories.PartnerFactory(partner_id="PQ")
    for _ in range(count):
        objective = factories.ObjectiveFactory(partner=partner)
        factories.CheckInFactory(objective=objective)
    client = login(factories.UserFactory(username="cam@vendor.example"))
    url = reverse("objectives:partner_objectives", args=["PQ"])

    # session, user, partner, objectives, their check-ins, their evaluation, needing a check-in
    with django_assert_num_queries(7):
        response = client.get(url, {"period": "2026"})

    assert len(response.context["rows"]) == count


def test_partner_user_index_shows_own_objectives(world, login):
    response = login(world.user_a).get(reverse("objectives:index"))

    assert (response.status_code, response.context["partner"]) == (200, world.partner_a)


def test_vendor_index_lists_objectives_waiting_for_a_checkin(world, login):
    today = dt.date.today()
    factories.CheckInFactory(objective=world.objective_a, date=today - dt.timedelta(days=40))
    waiting = factories.ObjectiveFactory(
        partner=world.partner_b,
        objective_id="WAIT",
        period=str(today.year),
        first_month=today.year * 12,
        last_month=today.year * 12 + 11,
    )

    response = login(world.manager).get(reverse("objectives:index"))

    assert list(response.context["page"].object_list) == [
        world.objective_a,  # the world's objectives had their last check-in in June 2026
        world.objective_b,
        waiting,
    ]


def test_partner_page_links_to_objectives_and_new_objective(world, login):
    response = login(world.user_a).get(reverse("partners:detail", args=["PA"]))

    assert f'href="{reverse("objectives:partner_objectives", args=["PA"])}"' in response.text
    assert f'href="{reverse("objectives:objective_create", args=["PA"])}"' in response.text


def test_objective_page_shows_checkins_sparkline_and_history(world, login):
    response = login(world.user_a).get(reverse("objectives:objective", args=["OA"]))

    assert [(c.value, reason) for c, reason in response.context["checkins"]] == [
        (Decimal("10"), None)
    ]
    assert response.context["line"].summary == (
        "1 check-in(s) from 2026-06-30 (10) to 2026-06-30 (10); target 15"
    )
    assert [(c.what, c.action) for c in response.context["history"]] == [
        ("Check-in 2026-06-30", "created"),
        ("Objective", "created"),
    ]
    assert '<button type="submit">Record check-in</button>' in response.text


@pytest.mark.parametrize(
    ("date", "warning"),
    [
        (
            "2027-01-05",
            "2027-01-05 lies outside the objective's period 2026 (2026-01-01 to 2026-12-31): "
            "this check-in will never count towards its status.",
        ),
        (
            "2026-12-20",
            "2026-12-20 is in the future: this check-in will not count before that day (the "
            "status uses the latest check-in up to today).",
        ),
    ],
)
@time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False)
def test_checkin_that_will_not_count_is_stored_only_once_confirmed(world, login, date, warning):
    client = login(world.user_a)
    url = reverse("objectives:checkin_add", args=["OA"])

    asked = client.post(url, {"date": date, "value": "14"}, **HTMX)
    other_date = client.post(
        url, {"date": date, "value": "14", "confirm_date": "2026-12-31"}, **HTMX
    )
    stored_before = CheckIn.objects.filter(objective=world.objective_a).count()
    confirmed = client.post(url, {"date": date, "value": "14", "confirm_date": date}, **HTMX)

    assert (asked.status_code, asked.context["warning"], other_date.status_code) == (
        200,
        warning,
        200,
    )
    assert f'<input type="hidden" name="confirm_date" value="{date}">' in asked.text
    assert '<button type="submit">Record it anyway</button>' in asked.text
    assert stored_before == 1
    assert "Check-in recorded." in confirmed.text
    assert list(
        CheckIn.objects.filter(objective=world.objective_a).values_list("date", flat=True)
    ) == [dt.date(2026, 6, 30), dt.date.fromisoformat(date)]
    assert "does not count</span>" in confirmed.text


def test_imports_keep_accepting_checkins_outside_the_period(world):
    checkin = domain.record_checkin(objective=world.objective_a, date="2027-03-01", value="9")

    assert (checkin.date, checkin.value) == (dt.date(2027, 3, 1), Decimal("9"))
