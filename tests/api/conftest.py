"""API clients for the personas, authenticated with real Bearer tokens."""

import pytest
from rest_framework.test import APIClient

from outward.core.models import ApiToken

PERSONAS = ["admin", "manager", "user_a", "user_b", "anonymous"]


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
