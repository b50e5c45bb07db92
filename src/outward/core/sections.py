"""Pages assembled from the sections areas register: the partner page, the home page, the menu.

A page that others extend names its slots (`partner.cards`, `partner.main`, `home.vendor`…);
an area adds a section to a slot in its `sections` module, found at start-up:

    @section("partner.main", order=40, template="objectives/sections/partner.html",
             permission="objectives.view")
    def partner_objectives(request, partner) -> dict | None:
        return {"objectives": ...}          # the template's context; None hides the section

and a menu entry with `menu_entry(...)`. The page never imports the area, and a new area is
one module away from the partner page. A partner user sees the same sections in their own
order where a section gives one (`partner_order`): the partner page opens with what is theirs
to do (their objectives and check-ins, their plan) and then the vendor's numbers.
"""

from collections.abc import Callable
from dataclasses import dataclass

import rules
from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Section:
    slot: str
    name: str
    order: int
    template: str
    permission: str | None
    context: Callable[..., dict | None]
    partner_order: int | None = None  # the order for partner users, if not `order`

    def order_for(self, user) -> tuple:
        partner_first = getattr(user, "is_partner_user", False) and self.partner_order is not None
        return (self.partner_order if partner_first else self.order, self.name)


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    order: int
    permission: str
    audience: str  # "vendor", "partner" or "everyone"


_SECTIONS: dict[str, list[Section]] = {}
_MENU: list[MenuEntry] = []


def section(
    slot: str,
    *,
    order: int,
    template: str,
    permission: str | None = None,
    partner_order: int | None = None,
):
    """Decorator: the function's result is `template`'s context in `slot` (None hides it)."""

    def register(function: Callable[..., dict | None]) -> Callable[..., dict | None]:
        entry = Section(
            slot, function.__name__, order, template, permission, function, partner_order
        )
        entries = _SECTIONS.setdefault(slot, [])
        entries[:] = [e for e in entries if e.name != entry.name] + [entry]
        entries.sort(key=lambda e: (e.order, e.name))
        return function

    return register


def render_slot(slot: str, request, **objects) -> list[SafeString]:
    """The HTML of each section of a slot the request's user may see, in order."""
    rendered = []
    entries = sorted(_SECTIONS.get(slot, ()), key=lambda e: e.order_for(request.user))
    for entry in entries:
        if entry.permission and not request.user.has_perm(entry.permission):
            continue
        context = entry.context(request, **objects)
        if context is None:
            continue
        html = render_to_string(entry.template, {**objects, **context}, request=request)
        rendered.append(SafeString(html))
    return rendered


def menu_entry(label: str, url_name: str, *, order: int, permission: str, audience: str) -> None:
    """Add an entry to the main menu for users with `permission` in `audience`.

    A page may have one entry per audience (the vendor's label can differ from a partner
    user's); registering the same page for the same audience again replaces the entry.
    """
    if audience not in ("vendor", "partner", "everyone"):
        raise ValueError(f"audience {audience!r} is not vendor, partner or everyone")
    _MENU[:] = [e for e in _MENU if (e.url_name, e.audience) != (url_name, audience)]
    _MENU.append(MenuEntry(label, url_name, order, permission, audience))
    _MENU.sort(key=lambda e: (e.order, e.label))


def menu_for(user) -> list[MenuEntry]:
    """The main menu entries a user sees."""
    audience = "vendor" if user.is_vendor else "partner"
    # Menu permissions are rules (django-rules) alone: asking them directly spares the
    # queries Django's model backend makes for a permission the rule refuses.
    return [
        entry
        for entry in _MENU
        if entry.audience in (audience, "everyone") and rules.has_perm(entry.permission, user)
    ]
