"""Every route × every persona, generated from the URL conf so that a new route cannot escape.

The routes come from walking `get_resolver()` (pages of every app, the DRF router's API routes,
the admin). URL keyword arguments are filled with partner A's records; a route with a keyword
this file does not know fails `test_every_route_kwarg_has_a_value` with instructions.

The policy is not restated here: every page is marked in code with its permission
(`outward.core.permissions.permission_required`), and the expectation for a persona is read
from that mark and the persona's permissions. What this file adds is how the site answers:
* anonymous: pages redirect to the login, the API answers 401, only PUBLIC routes answer 200;
* a persona without the page's permission gets 404, as for a page that does not exist;
* on routes naming partner A's records, user_b gets 404 — the very same 404 as for a missing
  key — while vendor staff and user_a get 200;
* GET on a POST-only route answers 405 (POST_ONLY, with the test covering the POST named).
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils.html import escape

from outward.core.models import ApiToken, TaskRun
from outward.plans import domain
from tests import factories
from tests.events.conference import build_conference

PERSONAS = ("admin", "manager", "user_a", "user_b", "anonymous")

# Routes anyone may open, logged in or not.
PUBLIC = {
    "password_reset": "asking for a reset link needs no account",
    "password_reset_done": "the 'check your e-mail' page",
    "password_reset_confirm": "the link from the e-mail; it carries its own token",
    "password_reset_complete": "the 'password changed' page",
    "api-schema": "the OpenAPI description holds no data; integrators read it before a token",
    "api-docs": "the API's reference page, rendered from the public schema",
}

# Partner users are sent on to their own page (302) instead of a page for vendor staff.
PARTNER_REDIRECTS = {
    "home": "a partner user's home is their partner's page",
}

# Anonymous GET on a POST-only route: sent to log in, or told the method is wrong; both are fine.
ANONYMOUS_POST_ONLY = "302 to login or 405"

# Query strings a route needs to answer at all (by route name, or path for unnamed routes).
QUERIES = {
    "api-health": "?period=2026",
    "api/v1/health": "?period=2026",
}

# GET answers 405 for logged-in users (anonymous ones are sent to log in first); the POST
# itself is tested where noted.
POST_ONLY = {
    "logout": "Django logs out on POST only; tests/e2e and Django's own tests",
    "targets:save": "tests/objectives",
    "objectives:checkin_add": "tests/objectives",
    "plans:propose": "tests/plans",
    "plans:notes": "tests/plans",
    "plans:objectives": "tests/plans",
    "plans:action_add": "tests/plans",
    "plans:action_status": "tests/plans",
    "territories:assign": "tests/territories",
    "territories:cover": "tests/territories/test_covering.py",
    "events:slots": "tests/events/test_views.py",
    "events:vote": "tests/events/test_views.py",
    "events:merge": "tests/events/test_views.py",
    "events:make_session": "tests/events/test_views.py",
    "events:solve": "tests/events/test_views.py",
    "events:stop": "tests/events/test_views.py",
    "events:pin": "tests/events/test_views.py",
    "events:place": "tests/events/test_views.py",
}

# Keyword arguments that name a record of partner A: user_b must get the missing-key 404.
PARTNER_KWARGS = {
    "partner_id",
    "objective_id",
    "deal_id",
    "account_id",
    "plan_id",
    "action_id",
    "territory_id",  # a territory its partner covers (or is below one)
}
# Keyword arguments that name a record of user_a personally: everyone else gets 404.
OWN_KWARGS = {"task_id"}

# Admin-site URLs with keyword arguments (object, app and history pages) are left out: they are
# served by the same `admin_view` gate as the changelists and the index, which are tested here.
ADMIN_PREFIX = "admin/"


@dataclass(frozen=True)
class Route:
    path: str  # the pattern, for messages
    name: str | None
    kwargs: tuple[str, ...]
    int_kwargs: frozenset[str]
    permission: str | None  # the page's mark (`permission_required`), None when unmarked

    @property
    def id(self) -> str:
        label = self.name or self.path
        return f"{label}[{','.join(self.kwargs)}]" if self.kwargs else label

    @property
    def is_api(self) -> bool:
        return self.path.startswith("api/")

    @property
    def is_admin(self) -> bool:
        return self.path.startswith(ADMIN_PREFIX)


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            converters = getattr(pattern.pattern, "converters", {})
            yield Route(
                path=prefix + str(pattern.pattern),
                name=name,
                kwargs=tuple(pattern.pattern.regex.groupindex),
                int_kwargs=frozenset(
                    key for key, conv in converters.items() if isinstance(conv, IntConverter)
                ),
                permission=getattr(pattern.callback, "permission", None),
            )


def all_routes() -> list[Route]:
    routes = []
    for route in _walk(get_resolver().url_patterns):
        if route.is_admin and route.kwargs:
            continue  # see ADMIN_PREFIX
        routes.append(route)
    return routes


ROUTES = all_routes()


# --- keyword values: partner A's records (created on demand) ----------------------------------

# Partner A's keys hold the characters a URL treats specially (import-formats.md forbids only
# `/` and control characters), so every route is walked with keys that must be percent-encoded.
URL_KEYS = {
    "partner": "Müller & Co #1",
    "deal": "D 1&x?",
    "objective": "O%1 ?#",
    "account": "A#1 ü",
}


@pytest.fixture
def world(db, world):
    """The shared world, with partner A's records under keys that need encoding in a URL."""
    world.partner_a.partner_id = URL_KEYS["partner"]
    world.partner_a.save()
    world.deal_a.deal_id = URL_KEYS["deal"]
    world.deal_a.save()
    world.objective_a.objective_id = URL_KEYS["objective"]
    world.objective_a.save()
    account = world.deal_a.account
    account.account_id = URL_KEYS["account"]
    account.save()
    return world


def _plan(world):
    if not hasattr(world, "_plan"):
        world._plan = domain.create_plan(partner=world.partner_a, period="2026", notes="Grow")
        world._action = domain.add_action(
            plan=world._plan,
            title="Joint webinar",
            owner_side="vendor",
            owner_name="Cam",
            owner_email="cam@vendor.example",
            due_date=dt.date(2026, 3, 31),
        )
        # An agreed plan has a first revision.
        domain.propose_plan(plan=world._plan)
        domain.sign_plan(plan=world._plan, user=world.user_a)
        domain.sign_plan(plan=world._plan, user=world.manager)
    return world._plan


def _action(world):
    _plan(world)
    return world._action.pk


def _task(world):
    if not hasattr(world, "_task"):
        world._task = TaskRun.objects.create(kind="import", user=world.user_a, state="success")
    return world._task.pk


def _territory(world):
    if not hasattr(world, "_territory"):
        world._territory = factories.TerritoryFactory(territory_id="T-A", name="DACH")
        factories.PartnerTerritoryFactory(partner=world.partner_a, territory=world._territory)
    return world._territory.territory_id


def _conference(world):
    # Partner A's topic request and registration are there to leak, if anything leaked.
    if not hasattr(world, "_conference"):
        world._conference = build_conference(world)
    return world._conference


KWARG_VALUES: dict[str, Callable] = {
    "partner_id": lambda world: world.partner_a.partner_id,
    "objective_id": lambda world: world.objective_a.objective_id,
    "deal_id": lambda world: world.deal_a.deal_id,
    "account_id": lambda world: world.deal_a.account.account_id,
    "territory_id": _territory,
    "plan_id": lambda world: _plan(world).pk,
    "action_id": _action,
    "number": lambda world: _plan(world).revisions.order_by("number").first().number,
    "task_id": _task,
    "format": lambda world: "json",
    "uidb64": lambda world: "MQ",
    "token": lambda world: "not-a-valid-token",
    "kind": lambda world: "partners",
    "fmt": lambda world: "csv",
    "event_id": lambda world: _conference(world).event.pk,
    "request_id": lambda world: _conference(world).request.pk,
    "session_id": lambda world: _conference(world).keynote.pk,
    "room_id": lambda world: _conference(world).big.pk,
    "speaker_id": lambda world: _conference(world).ceo.pk,
    "user_id": lambda world: world.user_b.pk,  # the user pages are the admins' alone
}
MISSING_STR = "MISSING-KEY"
MISSING_INT = 987654321


def route_url(route: Route, world, *, missing: bool = False) -> str:
    values = {}
    for key in route.kwargs:
        if missing and key in PARTNER_KWARGS | OWN_KWARGS:
            values[key] = MISSING_INT if key in route.int_kwargs else MISSING_STR
        else:
            values[key] = KWARG_VALUES[key](world)
    query = QUERIES.get(route.name or route.path, "")
    if route.name:
        return reverse(route.name, kwargs=values) + query
    assert not route.kwargs, f"route {route.path!r} has arguments but no name: give it a name"
    return "/" + route.path.lstrip("^").rstrip("$") + query


# --- expectations ------------------------------------------------------------------------------


def _admin_can_add(name: str, user) -> bool:
    for model, model_admin in admin.site._registry.items():
        if name == f"admin:{model._meta.app_label}_{model._meta.model_name}_add":
            request = RequestFactory().get("/")
            request.user = user
            return model_admin.has_add_permission(request)
    return True


def expected_status(route: Route, persona: str, world) -> int:
    name = route.name or ""
    if name in POST_ONLY:
        return ANONYMOUS_POST_ONLY if persona == "anonymous" else 405
    if name in PUBLIC:
        return 200
    if name == "login":
        return 200 if persona == "anonymous" else 302  # logged-in users go home
    if route.is_admin:
        if name == "admin:login":
            return 302 if persona == "admin" else 200
        if persona != "admin":
            return 302
        if name == "admin:logout":
            return 405  # POST only
        if name == "admin:autocomplete":
            return 403  # without its query parameters, by design of Django's admin
        if name.endswith("_add") and not _admin_can_add(name, world.admin):
            return 403  # read-only admin (e.g. django-axes' logs)
        return 200
    if persona == "anonymous":
        return 401 if route.is_api else 302
    if set(route.kwargs) & OWN_KWARGS:
        return 200 if persona == "user_a" else 404
    user = world.persona(persona)
    if route.permission and not user.has_perm(route.permission):
        return 404
    if persona in ("admin", "manager"):
        return 200
    if set(route.kwargs) & PARTNER_KWARGS and persona == "user_b":
        return 404
    if name in PARTNER_REDIRECTS:
        return 302
    return 200


def client_for(world, persona: str) -> Client:
    client = Client()
    user = world.persona(persona)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_every_route_kwarg_has_a_value():
    unknown = {
        f"{route.id} ({route.path})": sorted(set(route.kwargs) - set(KWARG_VALUES))
        for route in ROUTES
        if set(route.kwargs) - set(KWARG_VALUES)
    }
    assert unknown == {}, (
        "These routes take URL arguments the permission matrix cannot fill. Add each argument "
        "to KWARG_VALUES in tests/test_permission_matrix.py (a record of partner A), and to "
        "PARTNER_KWARGS if it names a partner's record."
    )


# Pages served by Django itself (authentication) rather than by an Outward area.
DJANGO_PAGES = {"login", "logout", *PUBLIC}


def test_every_page_is_marked_with_its_permission():
    unmarked = [
        route.id
        for route in ROUTES
        if not (route.is_api or route.is_admin or route.name in DJANGO_PAGES or route.permission)
    ]
    assert unmarked == [], "decorate these views with outward.core.permissions.permission_required"


def test_vendor_pages_are_refused_to_partner_users(world):
    """The marks say what the old table said: these pages are the vendor's alone."""
    vendor_pages = {
        route.name
        for route in ROUTES
        if route.permission
        and world.manager.has_perm(route.permission)
        and not world.user_a.has_perm(route.permission)
    }
    assert vendor_pages == {
        "partners:list",
        "health:dashboard",
        "health:partners",
        "health:trend",
        "health:export_csv",
        "health:export_xlsx",
        "health:scorecards",
        "exchange:upload",
        "exchange:export",
        "targets:sheet",
        "targets:save",
        "targets:accept",
        "targets:csv",
        "plans:close",
        "territories:create",
        "territories:edit",
        "territories:partner_search",
        "territories:cover",
        "territories:uncover",
        "territories:test",
        "territories:assign",
        "territories:conflicts",
        "territories:conflicts_csv",
        "events:slots",
        "events:budget",
        "events:merge",
        "events:make_session",
        "events:agenda",
        "events:solve",
        "events:stop",
        "events:pin",
        "events:place",
        "events:agenda_csv",
        "events:create",
        "events:edit",
        "events:rooms",
        "events:room",
        "events:room_delete",
        "events:speakers",
        "events:speaker",
        "events:speaker_delete",
        "events:sessions",
        "events:session",
        "events:session_delete",
    }


def test_matrix_sees_every_area():
    names = {route.name for route in ROUTES}
    assert {"home", "partners:list", "partners:detail", "partner-detail", "admin:index"} <= names


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_route_by_persona(world, route):
    if set(route.kwargs) - set(KWARG_VALUES):
        pytest.fail(f"unknown URL argument in {route.path}: see test_every_route_kwarg_has_a_value")
    url = route_url(route, world)

    statuses = {}
    for persona in PERSONAS:
        response = client_for(world, persona).get(url)
        status = response.status_code
        if status == 302 and persona == "anonymous" and not route.is_admin:
            login = reverse("login")
            # Redirects to the login must come back here afterwards.
            if not response["Location"].startswith(f"{login}?next="):
                status = f"302 to {response['Location']}"
        if route.name in POST_ONLY and persona == "anonymous" and status in (302, 405):
            status = ANONYMOUS_POST_ONLY
        statuses[persona] = status

    assert statuses == {persona: expected_status(route, persona, world) for persona in PERSONAS}, (
        url
    )


def _forms(key: str) -> list[str]:
    """A key as it may appear in a body: as written, HTML-escaped, percent-encoded."""
    return sorted({key, str(escape(key)), quote(key), quote(key, safe="")}, key=len, reverse=True)


def _markers() -> re.Pattern:
    """What would give partner A away on a page or in an API answer."""
    found = ["Acme Integration", "acme.example"]
    for key in URL_KEYS.values():
        found += _forms(key)
    return re.compile("|".join(re.escape(marker) for marker in found))


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_partner_b_never_sees_partner_a(world, route):
    if set(route.kwargs) - set(KWARG_VALUES):
        pytest.fail(f"unknown URL argument in {route.path}: see test_every_route_kwarg_has_a_value")
    response = client_for(world, "user_b").get(route_url(route, world), follow=True)

    body = response.content.decode(errors="replace")
    assert _markers().findall(body) == [], route_url(route, world)


def _normalised(response, *keys) -> str:
    body = response.content.decode(errors="replace")
    body = re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]*"', r"\1", body)
    for key in keys:
        if isinstance(key, int):
            continue  # numbers occur anywhere in a page; the bodies must be identical then
        for form in _forms(str(key)):
            body = body.replace(form, "<key>")
    return body


OWNED_ROUTES = [route for route in ROUTES if set(route.kwargs) & PARTNER_KWARGS]


@pytest.mark.parametrize("route", OWNED_ROUTES, ids=lambda route: route.id)
def test_other_partner_is_answered_like_a_missing_key(world, route):
    client = client_for(world, "user_b")
    other = client.get(route_url(route, world))
    missing = client.get(route_url(route, world, missing=True))

    keys = [KWARG_VALUES[key](world) for key in route.kwargs if key in PARTNER_KWARGS]
    assert (other.status_code, _normalised(other, *keys)) == (
        missing.status_code,
        _normalised(missing, MISSING_STR, MISSING_INT),
    )


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every Outward model (but API tokens, whose use is recorded)."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model.__module__.startswith("outward.") and model is not ApiToken
    }


API_DETAIL_ROUTES = [route for route in OWNED_ROUTES if route.is_api]


@pytest.mark.parametrize("route", API_DETAIL_ROUTES, ids=lambda route: route.id)
def test_api_writes_to_other_partner_are_not_found_and_change_nothing(world, route):
    _, raw = ApiToken.issue(world.user_b)
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    url, missing_url = route_url(route, world), route_url(route, world, missing=True)
    before = _snapshot()

    answers = {}
    for method in ("post", "put", "patch", "delete"):
        call = getattr(client, method)
        other = call(url, data={"name": "Hijacked", "value": 1}, content_type="application/json")
        missing = call(missing_url, data={"name": "Hijacked"}, content_type="application/json")
        answers[method] = (other.status_code, missing.status_code)

    assert _snapshot() == before
    # 404 where partner users may write; 405 where the route has no such method and 403 where
    # partner users may never write: all identical for existing and missing keys, so nothing
    # tells partner B that partner A's record exists.
    assert all(other == missing for other, missing in answers.values()), answers
    assert {other for other, _ in answers.values()} <= {403, 404, 405}, answers
