"""Joint business plans in a real browser: signing by keyboard, closing is the vendor's."""

import pytest
from playwright.sync_api import expect

from outward.plans import domain
from outward.plans.models import JointBusinessPlan, PlanSignoff
from tests.e2e.keyboard import tab_to

pytestmark = pytest.mark.e2e
VIEWPORTS = pytest.mark.parametrize(
    "viewport",
    [{"width": 1440, "height": 900}, {"width": 390, "height": 844}],
    ids=["desktop", "phone"],
)


@pytest.fixture
def proposed_plan(world):
    plan = domain.create_plan(partner=world.partner_a, period="2026", notes="Grow together")
    domain.link_objectives(plan=plan, objective_ids=[world.objective_a.pk])
    domain.add_action(plan=plan, title="Joint webinar", owner_side="vendor", due_date="2026-03-31")
    domain.propose_plan(plan=plan)
    return plan


@VIEWPORTS
def test_partner_user_signs_with_the_keyboard(
    world, live_server, page, logged_in_page, proposed_plan, viewport
):
    page.set_viewport_size(viewport)
    logged_in_page(world.user_a)
    page.goto(f"{live_server.url}/plans/{proposed_plan.pk}/")

    review = page.get_by_role("link", name="Review and sign for the partner side…")
    tab_to(page, review)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sign revision 1: Acme Integration · 2026"
    )
    expect(page.get_by_role("table", name="Actions in revision 1")).to_contain_text("Joint webinar")
    assert PlanSignoff.objects.count() == 0  # the summary alone signs nothing
    sign = page.get_by_role("button", name="Sign revision 1 for the partner side")
    tab_to(page, sign)
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("Signed revision 1 for the partner side.")
    assert list(PlanSignoff.objects.values_list("side", "user")) == [("partner", world.user_a.pk)]


@VIEWPORTS
def test_partner_user_cannot_close_a_plan(
    world, live_server, page, logged_in_page, proposed_plan, viewport
):
    domain.sign_plan(plan=proposed_plan, user=world.user_a)
    domain.sign_plan(plan=proposed_plan, user=world.manager)
    page.set_viewport_size(viewport)
    logged_in_page(world.user_a)
    page.goto(f"{live_server.url}/plans/{proposed_plan.pk}/")
    expect(page.get_by_text("Agreed by both sides.")).to_be_visible()

    expect(page.get_by_role("link", name="Close plan…")).to_have_count(0)
    expect(page.get_by_role("button", name="Close plan")).to_have_count(0)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(
        f"{live_server.url}/plans/{proposed_plan.pk}/close/",
        form={"confirm": "close"},
        headers={"X-CSRFToken": token},
    )

    assert answer.status == 404
    assert JointBusinessPlan.objects.get().state == "agreed"
