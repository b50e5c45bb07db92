import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction

from outward.core.errors import InputError
from outward.plans import domain, queries
from outward.plans.models import JointBusinessPlan, PlanRevision, PlanSignoff
from tests import factories


def _error(call, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        call(**kwargs)
    return str(info.value)


def test_create_plan_starts_a_draft_with_period_months(world):
    plan = domain.create_plan(partner=world.partner_a, period="2026-Q2", user=world.manager)
    assert (plan.state, plan.revision, plan.period, plan.first_month, plan.last_month) == (
        "draft",
        1,
        "2026-Q2",
        2026 * 12 + 3,
        2026 * 12 + 5,
    )
    assert plan.created_by == world.manager


def test_create_plan_twice_for_partner_and_period_is_refused(world, plan_a):
    message = _error(domain.create_plan, partner=world.partner_a, period="2026")
    assert message == "period: Acme Integration already has a plan for 2026."
    assert JointBusinessPlan.objects.count() == 1


def test_create_plan_with_bad_period_names_the_field(world):
    message = _error(domain.create_plan, partner=world.partner_a, period="2026-13")
    assert message == "period: '2026-13' is not a period (use YYYY, YYYY-Qn or YYYY-MM)"


def test_create_plan_for_another_partner_is_refused_to_a_partner_user(world):
    message = _error(domain.create_plan, partner=world.partner_b, period="2026", user=world.user_a)
    assert message == "partner: you can only create plans for your own partner."
    assert not JointBusinessPlan.objects.exists()


def test_state_machine_refuses_invalid_transitions(world, plan_a):
    assert _error(domain.sign_plan, plan=plan_a, user=world.user_a) == (
        "Only a proposed plan can be signed; this plan is draft (propose it first)."
    )
    assert _error(domain.close_plan, plan=plan_a, user=world.manager) == (
        "Only an agreed plan can be closed; this plan is draft."
    )
    domain.propose_plan(plan=plan_a)
    assert plan_a.state == "proposed"
    assert _error(domain.propose_plan, plan=plan_a) == (
        "Only a draft plan can be proposed; this plan is proposed."
    )


def test_sign_by_one_side_keeps_plan_proposed(world, plan_a):
    domain.propose_plan(plan=plan_a)
    signoff = domain.sign_plan(plan=plan_a, user=world.user_a)
    assert (signoff.side, signoff.user, signoff.revision) == ("partner", world.user_a, 1)
    assert plan_a.state == "proposed"
    assert not PlanRevision.objects.exists()


@time_machine.travel(dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC), tick=False)
def test_sign_by_both_sides_agrees_and_freezes_the_revision(world, plan_a):
    factories.CheckInFactory(objective=world.objective_a, date=dt.date(2026, 9, 30), value=12)
    domain.propose_plan(plan=plan_a)
    domain.sign_plan(plan=plan_a, user=world.manager)
    partner_signoff = domain.sign_plan(plan=plan_a, user=world.user_a)
    vendor_signoff = PlanSignoff.objects.get(side="vendor")
    assert plan_a.state == "agreed"
    revision = PlanRevision.objects.get()
    assert (revision.plan, revision.number) == (plan_a, 1)
    assert revision.snapshot == {
        "revision": 1,
        "partner": {"partner_id": "PA", "name": "Acme Integration"},
        "period": "2026",
        "notes": "Grow together",
        "objectives": [
            {
                "objective_id": "OA",
                "title": "Grow managed-services revenue",
                "period": "2026",
                "unit": "USD",
                "direction": "increase",
                "baseline": None,
                "target": "15",
                "status": "in_progress",
                "value": "12",
                "evaluated_on": "2026-10-01",
            }
        ],
        "targets": [{"period": "2026", "metric": "revenue", "value": "100000"}],
        "actions": [
            {
                "title": "Joint webinar",
                "owner_side": "vendor",
                "owner_name": "Cam",
                "owner_email": "cam@vendor.example",
                "due_date": "2026-03-31",
                "status": "open",
            }
        ],
        "signoffs": [
            {
                "side": "vendor",
                "user": "cam@vendor.example",
                "signed_at": vendor_signoff.signed_at.isoformat(),
            },
            {
                "side": "partner",
                "user": "ann@acme.example",
                "signed_at": partner_signoff.signed_at.isoformat(),
            },
        ],
    }


def test_same_side_cannot_sign_twice(world, plan_a):
    domain.propose_plan(plan=plan_a)
    domain.sign_plan(plan=plan_a, user=world.manager)
    message = _error(domain.sign_plan, plan=plan_a, user=world.admin)
    assert message == "The vendor side has already signed revision 1 of this plan."
    assert PlanSignoff.objects.count() == 1


def test_partner_user_cannot_sign_another_partners_plan(world, plan_a):
    domain.propose_plan(plan=plan_a)
    message = _error(domain.sign_plan, plan=plan_a, user=world.user_b)
    assert message == "You can only sign your own partner's plans."
    assert not PlanSignoff.objects.exists()


def test_change_after_agreement_starts_new_revision_and_keeps_old_one(world, agreed_plan_a):
    frozen = PlanRevision.objects.get(number=1).snapshot
    domain.add_action(
        plan=agreed_plan_a,
        title="Train two engineers",
        owner_side="partner",
        due_date="2026-06-30",
    )
    domain.update_notes(plan=agreed_plan_a, notes="Grow together, faster")
    assert (agreed_plan_a.state, agreed_plan_a.revision) == ("draft", 2)
    assert list(PlanRevision.objects.values_list("number", flat=True)) == [1]
    assert PlanRevision.objects.get(number=1).snapshot == frozen
    assert frozen["notes"] == "Grow together"
    assert [action["title"] for action in frozen["actions"]] == ["Joint webinar"]
    # The new revision needs both signatures again; agreeing it freezes revision 2 as well.
    domain.propose_plan(plan=agreed_plan_a)
    domain.sign_plan(plan=agreed_plan_a, user=world.user_a)
    domain.sign_plan(plan=agreed_plan_a, user=world.manager)
    second = PlanRevision.objects.get(number=2).snapshot
    assert (second["revision"], second["notes"]) == (2, "Grow together, faster")
    assert [a["title"] for a in second["actions"]] == ["Joint webinar", "Train two engineers"]
    assert PlanRevision.objects.get(number=1).snapshot == frozen


def test_unlinking_an_objective_after_agreement_starts_new_revision(world, agreed_plan_a):
    domain.link_objectives(plan=agreed_plan_a, objective_ids=[])
    assert (agreed_plan_a.state, agreed_plan_a.revision) == ("draft", 2)
    assert list(agreed_plan_a.objective_links.all()) == []


def test_status_change_after_agreement_is_progress_not_a_new_revision(world, agreed_plan_a):
    action = agreed_plan_a.actions.get()
    domain.update_action(action=action, status="done")
    assert action.status == "done"
    assert (agreed_plan_a.state, agreed_plan_a.revision) == ("agreed", 1)


def test_editing_an_action_after_agreement_starts_new_revision(world, agreed_plan_a):
    action = agreed_plan_a.actions.get()
    domain.update_action(action=action, due_date=dt.date(2026, 4, 30))
    action.plan.refresh_from_db()
    assert (action.due_date, action.plan.state, action.plan.revision) == (
        dt.date(2026, 4, 30),
        "draft",
        2,
    )


def test_unchanged_values_do_not_start_a_revision(world, agreed_plan_a):
    domain.update_notes(plan=agreed_plan_a, notes="Grow together")
    domain.link_objectives(plan=agreed_plan_a, objective_ids=[world.objective_a.pk])
    domain.update_action(action=agreed_plan_a.actions.get(), title="Joint webinar")
    assert (agreed_plan_a.state, agreed_plan_a.revision) == ("agreed", 1)


def test_change_while_proposed_withdraws_signatures(world, plan_a):
    domain.propose_plan(plan=plan_a)
    domain.sign_plan(plan=plan_a, user=world.user_a)
    domain.update_notes(plan=plan_a, notes="Changed after the partner signed")
    assert (plan_a.state, plan_a.revision) == ("proposed", 1)
    assert not PlanSignoff.objects.exists()


def test_closed_plan_refuses_every_change(world, agreed_plan_a):
    domain.close_plan(plan=agreed_plan_a, user=world.manager)
    assert agreed_plan_a.state == "closed"
    action = agreed_plan_a.actions.get()
    assert _error(domain.update_notes, plan=agreed_plan_a, notes="x") == (
        "This plan is closed; it can no longer be changed."
    )
    assert _error(domain.update_action, action=action, status="done") == (
        "This plan is closed; its actions can no longer be changed."
    )
    action.refresh_from_db()
    assert action.status == "open"


def test_add_action_validates_each_field(world, plan_a):
    base = {"plan": plan_a, "title": "Call", "owner_side": "vendor", "due_date": "2026-05-01"}
    assert _error(domain.add_action, **{**base, "title": "  "}) == "title: an action needs a title."
    assert _error(domain.add_action, **{**base, "owner_side": "both"}) == (
        "owner side: 'both' is not one of partner, vendor."
    )
    assert _error(domain.add_action, **{**base, "due_date": "tomorrow"}) == (
        "due date: 'tomorrow' is not a date (use YYYY-MM-DD)."
    )
    assert _error(domain.add_action, **{**base, "owner_email": "cam"}) == (
        "owner email: 'cam' is not an e-mail address."
    )
    assert list(plan_a.actions.values_list("title", flat=True)) == ["Joint webinar"]


def test_update_action_refuses_unknown_status(world, plan_a):
    action = plan_a.actions.get()
    message = _error(domain.update_action, action=action, status="finished")
    assert message == "status: 'finished' is not one of open, done, dropped."


def test_link_objectives_refuses_another_partners_objective(world, plan_a):
    message = _error(domain.link_objectives, plan=plan_a, objective_ids=[world.objective_b.pk])
    assert message == (
        "objectives: 1 of the chosen objectives are not Acme Integration's objectives for 2026."
    )
    assert [link.objective for link in plan_a.objective_links.all()] == [world.objective_a]


def test_link_objectives_refuses_objective_outside_the_period(world, plan_a):
    old = factories.ObjectiveFactory(partner=world.partner_a, period="2025")
    with pytest.raises(InputError):
        domain.link_objectives(plan=plan_a, objective_ids=[old.pk])


def test_overdue_actions_are_open_and_past_due(world, plan_a):
    done = domain.add_action(
        plan=plan_a, title="Done early", owner_side="partner", due_date="2026-01-15"
    )
    domain.update_action(action=done, status="done")
    domain.add_action(plan=plan_a, title="Later", owner_side="partner", due_date="2026-09-01")
    overdue = plan_a.actions.get(title="Joint webinar")
    plan_b = domain.create_plan(partner=world.partner_b, period="2026")
    other = domain.add_action(
        plan=plan_b, title="B's overdue", owner_side="partner", due_date="2026-02-01"
    )
    on = dt.date(2026, 4, 1)
    assert list(queries.overdue_actions_for_user(world.manager, on=on)) == [other, overdue]
    assert list(queries.overdue_actions_for_user(world.user_a, on=on)) == [overdue]
    assert list(queries.overdue_actions_for_user(world.user_b, on=on)) == [other]
    # Due today is not overdue yet.
    assert list(queries.overdue_actions_for_user(world.user_a, on=dt.date(2026, 3, 31))) == []


def test_overdue_actions_leave_out_closed_plans(world, agreed_plan_a):
    domain.close_plan(plan=agreed_plan_a, user=world.manager)
    assert list(queries.overdue_actions_for_user(world.manager, on=dt.date(2027, 1, 1))) == []


def test_state_check_constraint_rejects_unknown_state(world, plan_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        JointBusinessPlan.objects.filter(pk=plan_a.pk).update(state="archived")


def test_only_the_vendor_closes_a_plan(world, agreed_plan_a):
    assert _error(domain.close_plan, plan=agreed_plan_a, user=world.user_a) == (
        "Only the vendor closes a plan; it closes by itself when its period ends."
    )
    agreed_plan_a.refresh_from_db()
    assert agreed_plan_a.state == "agreed"
    domain.close_plan(plan=agreed_plan_a, user=None)  # the operator's command
    assert agreed_plan_a.state == "closed"


def test_close_ended_plans_closes_agreed_plans_whose_period_ended(world, agreed_plan_a):
    running = domain.create_plan(partner=world.partner_b, period="2027")
    draft = domain.create_plan(partner=world.partner_b, period="2025")
    domain.propose_plan(plan=running)
    domain.sign_plan(plan=running, user=world.user_b)
    domain.sign_plan(plan=running, user=world.manager)

    on_last_day = domain.close_ended_plans(as_of=dt.date(2026, 12, 31))
    after = domain.close_ended_plans(as_of=dt.date(2027, 1, 1))

    assert (on_last_day, after) == ([], [agreed_plan_a])
    states = {
        p.period: p.state
        for p in JointBusinessPlan.objects.filter(pk__in=[agreed_plan_a.pk, running.pk, draft.pk])
    }
    assert states == {"2026": "closed", "2027": "agreed", "2025": "draft"}


def test_signing_refuses_a_plan_changed_since_it_was_reviewed(world, plan_a):
    domain.propose_plan(plan=plan_a)
    seen = domain.review_token(plan=plan_a)
    domain.update_notes(plan=plan_a, notes="Changed while the partner was reading")

    assert _error(domain.sign_plan, plan=plan_a, user=world.user_a, reviewed=seen) == (
        "The plan changed since you reviewed it; check the summary again, then sign."
    )
    assert not PlanSignoff.objects.exists()
    fresh = domain.review_token(plan=plan_a)
    assert domain.sign_plan(plan=plan_a, user=world.user_a, reviewed=fresh).side == "partner"
