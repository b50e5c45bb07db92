import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from outward.plans import domain
from outward.plans.models import JointBusinessPlan, PlanAction, PlanRevision, PlanSignoff
from tests import factories


def _url(name: str, *args) -> str:
    return reverse(f"plans:{name}", args=args)


def test_anonymous_visitor_is_sent_to_login(world, client, plan_a):
    response = client.get(_url("detail", plan_a.pk))
    assert (response.status_code, response["Location"]) == (
        302,
        f"/login/?next=/plans/{plan_a.pk}/",
    )


def test_list_shows_vendor_every_plan(world, login, plan_a):
    plan_b = domain.create_plan(partner=world.partner_b, period="2026-Q1")
    response = login(world.manager).get(_url("list"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [plan_a, plan_b]
    html = response.content.decode()
    assert "Acme Integration" in html and "Beta Systems" in html


def test_list_shows_partner_user_only_their_plans(world, login, plan_a):
    domain.create_plan(partner=world.partner_b, period="2026")
    response = login(world.user_a).get(_url("list"))
    assert list(response.context["page"].object_list) == [plan_a]
    assert "Beta Systems" not in response.content.decode()


def test_list_filters_by_state_and_period(world, login, plan_a):
    plan_b = domain.create_plan(partner=world.partner_b, period="2026-Q1")
    domain.propose_plan(plan=plan_b)
    client = login(world.manager)
    by_state = client.get(_url("list"), {"state": "proposed"})
    assert list(by_state.context["page"].object_list) == [plan_b]
    by_period = client.get(_url("list"), {"period": "2026"})
    assert list(by_period.context["page"].object_list) == [plan_a]
    nothing = client.get(_url("list"), {"state": "closed"})
    assert list(nothing.context["page"].object_list) == []
    assert "No plan matches these filters." in nothing.content.decode()


def test_list_with_bad_period_filter_is_400_with_message(world, login, plan_a):
    response = login(world.manager).get(_url("list"), {"period": "next year"})
    assert response.status_code == 400
    assert response.context["error"] == (
        "period: 'next year' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"
    )


def test_list_counts_open_and_overdue_actions(world, login, plan_a):
    domain.add_action(plan=plan_a, title="Later", owner_side="partner", due_date="2999-01-01")
    response = login(world.manager).get(_url("list"))
    [plan] = response.context["page"].object_list
    assert (plan.open_actions, plan.overdue_actions) == (2, 1)


def test_empty_list_tells_what_to_do(world, login):
    response = login(world.user_a).get(_url("list"))
    assert "No joint business plan yet." in response.content.decode()


@pytest.mark.parametrize("count", [1, 5])
def test_list_query_count_does_not_grow_with_plans(world, login, django_assert_num_queries, count):
    for index in range(count):
        partner = factories.PartnerFactory()
        plan = domain.create_plan(partner=partner, period=f"{2020 + index}")
        domain.add_action(plan=plan, title="Act", owner_side="vendor", due_date="2020-01-01")
    client = login(world.manager)
    # session, user, count, page of plans
    with django_assert_num_queries(4):
        response = client.get(_url("list"))
    assert len(response.context["page"].object_list) == count


def test_other_partners_plan_is_404_like_a_missing_one(world, login, plan_a):
    client = login(world.user_b)
    assert client.get(_url("detail", plan_a.pk)).status_code == 404
    assert client.get(_url("detail", plan_a.pk + 1000)).status_code == 404
    action = plan_a.actions.get()
    assert client.get(_url("action_edit", plan_a.pk, action.pk)).status_code == 404


def test_other_partner_user_cannot_sign(world, login, plan_a):
    domain.propose_plan(plan=plan_a)
    response = login(world.user_b).post(_url("sign", plan_a.pk))
    assert response.status_code == 404
    assert list(PlanSignoff.objects.all()) == []


def test_other_partner_user_cannot_change_actions_or_notes(world, login, plan_a):
    client = login(world.user_b)
    action = plan_a.actions.get()
    assert (
        client.post(_url("action_status", plan_a.pk, action.pk), {"status": "done"}).status_code
        == 404
    )
    assert client.post(_url("notes", plan_a.pk), {"notes": "hijacked"}).status_code == 404
    action.refresh_from_db()
    plan_a.refresh_from_db()
    assert (action.status, plan_a.notes) == ("open", "Grow together")


@time_machine.travel(dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC), tick=False)
def test_detail_shows_objectives_targets_actions_and_signoffs(world, login, plan_a):
    factories.CheckInFactory(objective=world.objective_a, date=dt.date(2026, 9, 30), value=12)
    domain.propose_plan(plan=plan_a)
    domain.sign_plan(plan=plan_a, user=world.manager)
    response = login(world.user_a).get(_url("detail", plan_a.pk))
    assert response.status_code == 200
    context = response.context
    [(objective, evaluation)] = context["objectives"]
    assert (objective.objective_id, evaluation.value, evaluation.status) == (
        "OA",
        12,
        "in_progress",
    )
    assert list(context["targets"]) == [world.target_a]
    assert [a.title for a in context["actions"]] == ["Joint webinar"]
    assert [(s.side, s.user) for s in context["signoffs"]] == [("vendor", world.manager)]
    assert (context["my_side"], context["can_sign"]) == ("partner", True)
    html = response.content.decode()
    assert "Vendor side signed by cam@vendor.example" in html
    assert "Review and sign for the partner side…" in html
    assert "Beta Systems" not in html


def _sign(client, plan, **kwargs):
    """Sign as a person does: open the summary, then post the signature it offers."""
    reviewed = client.get(_url("sign", plan.pk)).context["reviewed"]
    return client.post(_url("sign", plan.pk), {"reviewed": reviewed}, **kwargs)


def test_both_sides_sign_through_the_pages(world, login, client, plan_a):
    login(world.user_a)
    assert client.post(_url("propose", plan_a.pk)).status_code == 302
    assert _sign(client, plan_a).status_code == 302
    login(world.manager)
    response = _sign(client, plan_a, follow=True)
    # Earlier messages were shown on the pages in between (the summaries).
    assert [str(m) for m in response.context["messages"]] == [
        "Signed revision 1 for the vendor side. Both sides have signed: the plan is agreed.",
    ]
    plan_a.refresh_from_db()
    assert plan_a.state == "agreed"
    assert [(s.side, s.user) for s in PlanSignoff.objects.order_by("id")] == [
        ("partner", world.user_a),
        ("vendor", world.manager),
    ]


def test_invalid_transition_is_400_with_the_message(world, login, plan_a):
    response = _sign(login(world.manager), plan_a)
    assert response.status_code == 400
    assert response.context["error"] == (
        "Only a proposed plan can be signed; this plan is draft (propose it first)."
    )
    assert "propose it first" in response.content.decode()


def test_create_plan_page(world, login):
    client = login(world.manager)
    response = client.post(_url("create"), {"partner": "PB", "period": "2027", "notes": "Kick-off"})
    plan = JointBusinessPlan.objects.get()
    assert (response.status_code, response["Location"]) == (302, _url("detail", plan.pk))
    assert (plan.partner, plan.period, plan.state, plan.notes) == (
        world.partner_b,
        "2027",
        "draft",
        "Kick-off",
    )


def test_create_plan_page_rejects_duplicate_and_bad_period(world, login, plan_a):
    client = login(world.manager)
    duplicate = client.post(_url("create"), {"partner": "PA", "period": "2026"})
    assert duplicate.status_code == 400
    assert duplicate.context["form"].non_field_errors() == [
        "period: Acme Integration already has a plan for 2026."
    ]
    bad = client.post(_url("create"), {"partner": "PA", "period": "26"})
    assert bad.status_code == 400
    assert "is not a period" in bad.content.decode()
    assert list(JointBusinessPlan.objects.all()) == [plan_a]


def test_partner_user_cannot_create_plan_for_another_partner(world, login):
    response = login(world.user_a).post(_url("create"), {"partner": "PB", "period": "2026"})
    assert response.status_code == 400
    assert list(JointBusinessPlan.objects.all()) == []


def test_add_action_page_validates_and_stores(world, login, plan_a):
    client = login(world.user_a)
    bad = client.post(_url("action_add", plan_a.pk), {"title": "Demo day", "owner_side": "partner"})
    assert bad.status_code == 400
    assert "Due date: This field is required." in bad.content.decode()
    good = client.post(
        _url("action_add", plan_a.pk),
        {
            "title": "Demo day",
            "owner_side": "partner",
            "owner_name": "Ann",
            "owner_email": "ann@acme.example",
            "due_date": "2026-05-20",
        },
    )
    assert good.status_code == 302
    action = plan_a.actions.get(title="Demo day")
    assert (action.owner_side, action.owner_name, action.owner_email, action.due_date) == (
        "partner",
        "Ann",
        "ann@acme.example",
        dt.date(2026, 5, 20),
    )


def test_status_change_with_htmx_returns_the_row(world, login, plan_a):
    action = plan_a.actions.get()
    response = login(world.user_a).post(
        _url("action_status", plan_a.pk, action.pk), {"status": "done"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<tr id="action-{action.pk}">')
    assert '<option value="done" selected>Done</option>' in html
    assert (
        '<p id="actions-live" aria-live="polite" hx-swap-oob="true">'
        "Action “Joint webinar” is now done.</p>"
    ) in html
    # The overdue box is refreshed too: the only overdue action is done now.
    assert '<div id="plan-overdue" hx-swap-oob="true"></div>' in html
    action.refresh_from_db()
    assert action.status == "done"


def test_status_change_without_htmx_redirects(world, login, plan_a):
    action = plan_a.actions.get()
    response = login(world.manager).post(
        _url("action_status", plan_a.pk, action.pk), {"status": "dropped"}
    )
    assert (response.status_code, response["Location"]) == (302, _url("detail", plan_a.pk))
    assert PlanAction.objects.get().status == "dropped"


def test_bad_status_is_400(world, login, plan_a):
    action = plan_a.actions.get()
    response = login(world.manager).post(
        _url("action_status", plan_a.pk, action.pk), {"status": "later"}, HTTP_HX_REQUEST="true"
    )
    assert (response.status_code, response.content.decode()) == (
        400,
        "status: 'later' is not one of open, done, dropped.",
    )
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#actions-live", "innerHTML")


def test_edit_action_page_after_agreement_starts_new_revision(world, login, agreed_plan_a):
    action = agreed_plan_a.actions.get()
    client = login(world.manager)
    page = client.get(_url("action_edit", agreed_plan_a.pk, action.pk))
    assert "Changing anything but the status starts revision 2" in page.content.decode()
    response = client.post(
        _url("action_edit", agreed_plan_a.pk, action.pk),
        {
            "title": "Joint webinar series",
            "owner_side": "vendor",
            "owner_name": "Cam",
            "owner_email": "cam@vendor.example",
            "due_date": "2026-03-31",
            "status": "open",
        },
    )
    assert response.status_code == 302
    agreed_plan_a.refresh_from_db()
    assert (agreed_plan_a.state, agreed_plan_a.revision) == ("draft", 2)


def test_notes_and_objectives_forms(world, login, plan_a):
    client = login(world.user_a)
    assert client.post(_url("notes", plan_a.pk), {"notes": "New notes"}).status_code == 302
    assert client.post(_url("objectives", plan_a.pk), {}).status_code == 302
    plan_a.refresh_from_db()
    assert (plan_a.notes, list(plan_a.objective_links.all())) == ("New notes", [])
    foreign = client.post(_url("objectives", plan_a.pk), {"objectives": [world.objective_b.pk]})
    assert foreign.status_code == 400
    assert list(plan_a.objective_links.all()) == []


def test_revision_page_shows_the_frozen_plan(world, login, agreed_plan_a):
    domain.update_notes(plan=agreed_plan_a, notes="Rewritten after agreement")
    client = login(world.user_a)
    response = client.get(_url("revision", agreed_plan_a.pk, 1))
    assert response.status_code == 200
    assert response.context["snapshot"] == PlanRevision.objects.get(number=1).snapshot
    html = response.content.decode()
    assert "Grow together" in html
    assert "Rewritten after agreement" not in html
    assert client.get(_url("revision", agreed_plan_a.pk, 2)).status_code == 404
    detail = client.get(_url("detail", agreed_plan_a.pk)).content.decode()
    assert f'href="{_url("revision", agreed_plan_a.pk, 1)}"' in detail


def test_revision_of_another_partner_is_404(world, login, agreed_plan_a):
    response = login(world.user_b).get(_url("revision", agreed_plan_a.pk, 1))
    assert response.status_code == 404


def test_close_then_page_is_read_only(world, login, agreed_plan_a):
    client = login(world.manager)
    assert client.post(_url("close", agreed_plan_a.pk), {"confirm": "close"}).status_code == 302
    html = client.get(_url("detail", agreed_plan_a.pk)).content.decode()
    assert "This plan is closed and can no longer be changed." in html
    assert "Add action" not in html
    response = client.post(_url("notes", agreed_plan_a.pk), {"notes": "late"})
    assert response.status_code == 400
    assert response.context["error"] == "This plan is closed; it can no longer be changed."


def test_get_on_post_only_route_is_405(world, login, plan_a):
    assert login(world.manager).get(_url("propose", plan_a.pk)).status_code == 405


@pytest.mark.parametrize("count", [1, 5])
def test_detail_query_count_does_not_grow_with_actions(
    world, login, plan_a, django_assert_num_queries, count
):
    for index in range(count):
        domain.add_action(
            plan=plan_a, title=f"Step {index}", owner_side="partner", due_date="2020-01-01"
        )
        objective = factories.ObjectiveFactory(partner=world.partner_a, period="2026-Q1")
        factories.CheckInFactory(objective=objective)
    objective_ids = plan_a.objective_links.values_list("objective_id", flat=True)
    domain.link_objectives(
        plan=plan_a,
        objective_ids=[*objective_ids, *world.partner_a.objectives.values_list("pk", flat=True)],
    )
    client = login(world.manager)
    with django_assert_num_queries(13):
        response = client.get(_url("detail", plan_a.pk))
    assert len(response.context["actions"]) == count + 1


def test_sign_without_the_reviewed_summary_signs_nothing(world, login, plan_a):
    domain.propose_plan(plan=plan_a)

    response = login(world.user_a).post(_url("sign", plan_a.pk))

    assert (response.status_code, response.context["error"]) == (
        400,
        "Review the plan's summary, then sign.",
    )
    assert list(PlanSignoff.objects.all()) == []


@time_machine.travel(dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC), tick=False)
def test_sign_page_summarises_what_is_signed(world, login, plan_a):
    factories.CheckInFactory(objective=world.objective_a, date=dt.date(2026, 9, 30), value=12)
    domain.propose_plan(plan=plan_a)

    response = login(world.user_a).get(_url("sign", plan_a.pk))

    context = response.context
    assert [(o.objective_id, e.status) for o, e in context["objectives"]] == [("OA", "in_progress")]
    assert (list(context["targets"]), [a.title for a in context["actions"]]) == (
        [world.target_a],
        ["Joint webinar"],
    )
    html = response.content.decode()
    assert "Sign revision 1: Acme Integration · 2026" in html
    assert "You sign for the <strong>partner side</strong>." in html
    assert "Grow together" in html
    assert "Sign revision 1 for the partner side" in html
    assert "No objective of Acme Integration is linked." not in html
    assert list(PlanSignoff.objects.all()) == []


def test_sign_page_and_agreed_plan_warn_when_no_objective_is_linked(world, login, plan_a):
    domain.link_objectives(plan=plan_a, objective_ids=[])
    domain.propose_plan(plan=plan_a)
    client = login(world.manager)

    sign = client.get(_url("sign", plan_a.pk)).content.decode()
    domain.sign_plan(plan=plan_a, user=world.user_a)
    domain.sign_plan(plan=plan_a, user=world.manager)
    detail = client.get(_url("detail", plan_a.pk)).content.decode()

    assert "<strong>No objective of Acme Integration is linked.</strong>" in sign
    assert (
        "<strong>No objective of Acme Integration is linked to this plan.</strong> It was agreed"
        in detail
    )


def test_partner_user_can_neither_see_nor_use_close(world, login, agreed_plan_a):
    client = login(world.user_a)

    detail = client.get(_url("detail", agreed_plan_a.pk)).content.decode()
    page = client.get(_url("close", agreed_plan_a.pk))
    post = client.post(_url("close", agreed_plan_a.pk), {"confirm": "close"})

    assert "Close plan" not in detail
    assert (page.status_code, post.status_code) == (404, 404)
    agreed_plan_a.refresh_from_db()
    assert agreed_plan_a.state == "agreed"


@time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC), tick=False)
def test_close_asks_for_confirmation_first(world, login, agreed_plan_a):
    client = login(world.manager)

    page = client.get(_url("close", agreed_plan_a.pk)).content.decode()
    unconfirmed = client.post(_url("close", agreed_plan_a.pk))

    assert "<strong>2026 has not ended yet</strong> (it ends on 2026-12-31)." in page
    assert "Close the plan for good" in page
    assert unconfirmed.status_code == 200
    agreed_plan_a.refresh_from_db()
    assert agreed_plan_a.state == "agreed"


def test_new_plan_page_searches_partners_instead_of_listing_them_all(world, login):
    for index in range(30):
        factories.PartnerFactory(partner_id=f"PX{index:02d}", name=f"Beta Clone {index:02d}")
    client = login(world.manager)

    empty = client.get(_url("create"))
    found = client.get(_url("create"), {"q": "beta"})
    picked = client.get(_url("partner_search"), {"q": "Acme"}, HTTP_HX_REQUEST="true")

    assert (empty.context["picker"].choices, empty.context["picker"].match_count) == ([], 0)
    assert '<select name="partner"' not in empty.content.decode()
    assert found.context["picker"].match_count == 31
    assert [p.name for p in found.context["picker"].choices][:2] == [
        "Beta Clone 00",
        "Beta Clone 01",
    ]
    assert len(found.context["picker"].choices) == 20
    assert "31 partners match “beta”; the first 20 are listed" in found.content.decode()
    html = picked.content.decode()
    assert html.startswith('<div id="partner-choices" class="partner-choices">')
    assert '<input type="radio" name="partner" value="PA"' in html


def test_new_plan_page_keeps_the_chosen_partner_listed(world, login):
    response = login(world.manager).get(
        _url("create"), {"q": "beta", "partner": "PA", "period": "2027"}
    )

    assert [p.partner_id for p in response.context["picker"].choices] == ["PA", "PB"]
    assert response.context["form"]["period"].value() == "2027"


def test_partner_search_shows_a_partner_user_only_their_own_partner(world, login):
    response = login(world.user_b).get(_url("partner_search"), {"q": "Acme"})

    assert [p.partner_id for p in response.context["picker"].choices] == ["PB"]
    assert "Acme" not in response.content.decode()


def test_new_plan_link_preselects_the_partner_by_key(world, login):
    response = login(world.manager).get(_url("create"), {"partner": "PA"})

    assert [p.partner_id for p in response.context["picker"].choices] == ["PA"]
    assert 'value="PA" id="pick-' in response.content.decode()
    assert "checked" in response.content.decode()
