import datetime as dt

import pytest

from outward.plans import domain


@pytest.fixture
def plan_a(world):
    """A draft 2026 plan of partner A, linked to its objective, with one action."""
    plan = domain.create_plan(partner=world.partner_a, period="2026", notes="Grow together")
    domain.link_objectives(plan=plan, objective_ids=[world.objective_a.pk])
    domain.add_action(
        plan=plan,
        title="Joint webinar",
        owner_side="vendor",
        owner_name="Cam",
        owner_email="cam@vendor.example",
        due_date=dt.date(2026, 3, 31),
    )
    return plan


@pytest.fixture
def agreed_plan_a(world, plan_a):
    domain.propose_plan(plan=plan_a)
    domain.sign_plan(plan=plan_a, user=world.user_a)
    domain.sign_plan(plan=plan_a, user=world.manager)
    return plan_a
