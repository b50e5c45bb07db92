"""Schemathesis against the API's own schema: no server error, every answer as documented.

Every operation is called with generated requests (bounded, deterministic), as a vendor admin
and as a partner user holding an API token, on the test world (tests/conftest.py) plus an
account and a territory. Pass condition: 0 server errors and 0 schema violations (undocumented
status, content type or body).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis import checks

from outward.core.models import ApiToken
from tests import factories

pytestmark = pytest.mark.django_db

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
# Generated cases per operation and persona: 41 operations x 2 personas, under a minute.
MAX_EXAMPLES = 20


@pytest.fixture(scope="session")
def api_schema(django_db_setup, django_db_blocker):
    """The schema as the application serves it, loaded once for every operation."""
    # Imported here, not at collection: building the application loads the middleware, which
    # needs the tests' STATIC_ROOT (set by conftest's session fixture) to exist.
    from outward.wsgi import application  # noqa: PLC0415

    with django_db_blocker.unblock():
        loaded = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    # Bounded: only the examples and MAX_EXAMPLES generated cases per operation. The coverage
    # phase (every boundary of every parameter, unbounded) alone takes minutes on 2 cores.
    loaded.config.phases.coverage.enabled = False
    return loaded


@pytest.fixture
def kept_connection():
    """The test's database connection stays open across the application's requests.

    The application closes its connection when a request ends; Django's test client turns that
    off while it calls the application, schemathesis' WSGI transport does not, and on
    PostgreSQL closing it would end the test's transaction (every later query: "the connection
    is closed").
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def records(world, kept_connection):
    """Beyond the world: an account with a deal, and a territory partner A covers."""
    account = factories.AccountFactory()
    factories.DealFactory(partner=world.partner_a, account=account)
    factories.PartnerTerritoryFactory(partner=world.partner_a)
    return world


schema = schemathesis.pytest.from_fixture("api_schema")


SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    # The world is built once per operation and persona; examples may add to it.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


def call_as(case, user) -> None:
    _, raw = ApiToken.issue(user)
    case.call_and_validate(headers={"Authorization": f"Bearer {raw}"}, checks=CHECKS)


@schema.parametrize()
@SETTINGS
def test_api_answers_a_vendor_admin_as_its_schema_documents(case, records):
    call_as(case, records.admin)


@schema.parametrize()
@SETTINGS
def test_api_answers_a_partner_user_as_its_schema_documents(case, records):
    call_as(case, records.user_a)
