"""The sections plans add to the home page and to the partner page (core/sections.py)."""

import datetime as dt

from django.test import RequestFactory

from outward.core.sections import render_slot
from outward.plans import domain


def _render(slot: str, user, **objects) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return "".join(render_slot(slot, request, **objects))


def test_overdue_actions_box_lists_only_visible_overdue_actions(world, plan_a):
    plan_b = domain.create_plan(partner=world.partner_b, period="2026")
    domain.add_action(plan=plan_b, title="Beta task", owner_side="partner", due_date="2020-01-01")
    html = _render("home.vendor", world.manager)
    assert "Joint webinar" in html and "Beta task" in html
    html_a = _render("home.vendor", world.user_a)
    assert "Joint webinar" in html_a and "Beta task" not in html_a


def test_overdue_actions_box_says_when_nothing_is_overdue(world, plan_a):
    action = plan_a.actions.get()
    domain.update_action(action=action, due_date=dt.date(2999, 1, 1))
    html = _render("home.vendor", world.manager)
    assert "No overdue actions" in html


def test_partner_plans_section(world, plan_a):
    html = _render("partner.main", world.manager, partner=world.partner_a)
    assert f'href="/plans/{plan_a.pk}/"' in html
    assert 'href="/plans/new/?partner=PA"' in html
    empty = _render("partner.main", world.manager, partner=world.partner_b)
    assert "No joint business plan with Beta Systems yet." in empty


def test_manager_home_lists_overdue_actions(world, login, plan_a):
    response = login(world.manager).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="overdue-actions-title">Overdue actions</h2>' in html
    assert "Joint webinar" in html


def test_partner_page_lists_the_partners_plans(world, login, plan_a):
    response = login(world.user_a).get(f"/partners/{world.partner_a.partner_id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="/plans/{plan_a.pk}/">2026</a>' in html
