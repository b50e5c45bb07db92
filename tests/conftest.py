"""Personas (as healthchecks does) and a small world with data that could leak."""

import gc
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled
from rest_framework.test import APIClient

from outward.core.models import ApiToken, Role
from tests import factories

PASSWORD = "correct horse battery"

DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}


def pytest_collection_modifyitems(items) -> None:
    """On SQLite, sessions and log-in attempts have a database of their own (core/routers.py):
    every test that uses the database uses both, as the application does."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None and not DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            continue
        options = (
            dict(zip(("transaction", "reset_sequences"), marker.args, strict=False))
            if marker
            else {}
        )
        options.update(marker.kwargs if marker else {})
        options["databases"] = "__all__"
        item.add_marker(pytest.mark.django_db(**options), append=False)


@pytest.fixture(autouse=True, scope="session")
def _test_settings(tmp_path_factory) -> None:
    """Settings for tests: a STATIC_ROOT (WhiteNoise warns without one) and fast hashing."""

    settings.STATIC_ROOT = tmp_path_factory.mktemp("staticfiles")
    settings.OUTWARD_LOCK_DIR = tmp_path_factory.mktemp("locks")
    settings.OUTWARD_IMPORT_NICE = 0  # in-process imports would lower the test worker's priority
    # Threads of the tests (live servers, runs on a server thread) would otherwise keep their
    # PostgreSQL connections open past the test database's teardown.
    for database in settings.DATABASES.values():
        database["CONN_MAX_AGE"] = 0
    # A deliberately slow password hash costs ~0.5 s per user; tests need no such protection.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True, scope="session")
def _no_stray_connections_at_teardown(django_db_setup, django_db_blocker) -> None:
    """PostgreSQL refuses to drop the test database while any session is connected to it.

    Threads of the tests (live servers, solver and run threads) end, but their connection
    objects sit in reference cycles until the garbage collector runs, still connected; one left
    at the end made the teardown fail. Collect them, then end whatever else is still there.
    """
    yield
    gc.collect()
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def django_assert_num_queries(pytestconfig):
    """pytest-django's fixture, counting the queries of every database: on SQLite the session
    is read from the sign-in database, and a count must not depend on where it lives."""

    @contextmanager
    def _assert_num_queries(num: int, exact: bool = True, info: str | None = None):
        with ExitStack() as stack:
            contexts = [
                stack.enter_context(CaptureQueriesContext(connections[alias]))
                for alias in connections
            ]
            yield contexts
        done = sum(len(context) for context in contexts)
        if done != num if exact else done > num:
            queries = [q["sql"] for context in contexts for q in context.captured_queries]
            message = f"Expected to perform {num} queries but {done} were done"
            message += f"\n{info}" if info else ""
            if pytestconfig.getoption("verbose") > 0:
                message += "\n\nQueries:\n========\n\n" + "\n\n".join(queries)
            pytest.fail(message)

    return _assert_num_queries


@pytest.fixture(autouse=True)
def _unscoped_setup():
    """Fixtures build data outside any tenant; requests set their own scope in the middleware."""
    with scopes_disabled():
        yield


@dataclass
class World:
    partner_a: object
    partner_b: object
    admin: object
    manager: object
    user_a: object
    user_b: object
    deal_a: object
    deal_b: object
    objective_a: object
    objective_b: object
    checkin_a: object
    checkin_b: object
    target_a: object
    target_b: object

    def persona(self, name: str):
        return {
            "admin": self.admin,
            "manager": self.manager,
            "user_a": self.user_a,
            "user_b": self.user_b,
            "anonymous": None,
        }[name]


@pytest.fixture
def world(db) -> World:
    partner_a = factories.PartnerFactory(partner_id="PA", name="Acme Integration", tier="Gold")
    partner_b = factories.PartnerFactory(partner_id="PB", name="Beta Systems", tier="Silver")
    factories.PartnerDomainFactory(partner=partner_a, domain="acme.example")
    factories.PartnerDomainFactory(partner=partner_b, domain="beta.example")
    objective_a = factories.ObjectiveFactory(objective_id="OA", partner=partner_a)
    objective_b = factories.ObjectiveFactory(objective_id="OB", partner=partner_b)
    return World(
        partner_a=partner_a,
        partner_b=partner_b,
        admin=factories.UserFactory(
            username="admin@vendor.example", role=Role.ADMIN, is_staff=True, is_superuser=True
        ),
        manager=factories.UserFactory(username="cam@vendor.example", role=Role.MANAGER),
        user_a=factories.UserFactory(
            username="ann@acme.example", role=Role.PARTNER, partner=partner_a
        ),
        user_b=factories.UserFactory(
            username="bob@beta.example", role=Role.PARTNER, partner=partner_b
        ),
        deal_a=factories.DealFactory(deal_id="DA", partner=partner_a),
        deal_b=factories.DealFactory(deal_id="DB", partner=partner_b),
        objective_a=objective_a,
        objective_b=objective_b,
        checkin_a=factories.CheckInFactory(objective=objective_a),
        checkin_b=factories.CheckInFactory(objective=objective_b),
        target_a=factories.TargetFactory(partner=partner_a),
        target_b=factories.TargetFactory(partner=partner_b),
    )


@pytest.fixture
def login(client):
    """Log the test client in as a user (None stays anonymous)."""

    def _login(user):
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


@pytest.fixture
def api(world):
    """`api("user_a")` is a JSON client holding a Bearer token of that persona."""

    def _client(persona: str) -> APIClient:
        client = APIClient()
        user = world.persona(persona)
        if user is not None:
            _, raw = ApiToken.issue(user)
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    return _client
