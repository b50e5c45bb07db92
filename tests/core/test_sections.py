"""Pages assembled from sections: order, permissions, hidden sections, the menu."""

import pytest
from django.test import RequestFactory

from outward.core import sections
from outward.core.sections import menu_entry, menu_for, render_slot, section


@pytest.fixture
def slot(monkeypatch):
    """A slot of its own, so these tests register nothing on Outward's real pages."""
    monkeypatch.setattr(sections, "_SECTIONS", {})
    return "test.slot"


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_sections_render_in_order_with_their_context(world, slot, tmp_path, settings):
    @section(slot, order=20, template="core/_pagination.html")
    def second(request, partner):
        return None  # hidden

    @section(slot, order=10, template="core/tests_section.html")
    def first(request, partner):
        return {"word": "hello"}

    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "tests_section.html").write_text("{{ word }} {{ partner.partner_id }}")

    assert render_slot(slot, _request(world.manager), partner=world.partner_a) == ["hello PA"]


def test_sections_need_their_permission(world, slot, tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (tmp_path / "vendor.html").write_text("vendor only")

    @section(slot, order=10, template="vendor.html", permission="health.view_channel")
    def vendor_section(request):
        return {}

    assert render_slot(slot, _request(world.manager)) == ["vendor only"]
    assert render_slot(slot, _request(world.user_a)) == []


def test_menu_by_audience_and_permission(world):
    vendor = [entry.url_name for entry in menu_for(world.manager)]
    partner = [entry.url_name for entry in menu_for(world.user_a)]

    admin = [entry.url_name for entry in menu_for(world.admin)]

    assert vendor == [
        "home",
        "partners:list",
        "health:dashboard",
        "exchange:upload",
        "targets:sheet",
        "territories:tree",
        "objectives:index",
        "plans:list",
        "events:list",
        "api-docs",
    ]
    assert admin == [*vendor, "users:list", "admin:index"]
    assert partner == ["home", "territories:tree", "objectives:index", "plans:list", "events:list"]


def test_menu_labels_an_entry_per_audience(world):
    """The same page may be listed for vendors and partner users under different labels."""
    vendor = {entry.url_name: entry.label for entry in menu_for(world.manager)}
    partner = {entry.url_name: entry.label for entry in menu_for(world.user_a)}

    assert (vendor["objectives:index"], partner["objectives:index"]) == (
        "Objectives needing a check-in",
        "Objectives",
    )


def test_menu_entry_audience_is_checked():
    with pytest.raises(ValueError, match="audience 'staff'"):
        menu_entry("Odd", "home", order=1, permission="core.signed_in", audience="staff")
