"""Export downloads read whole through the real middleware stack, for every kind.

The body of a streamed download is produced after the tenancy middleware's scope has closed, so
these tests consume it outside any partner scope (`scope()` with no dimension), as a server does.
"""

import io

import pytest
from django.urls import reverse
from django_scopes import scope

from outward.exchange.domain import export_file, kinds

pytestmark = pytest.mark.django_db


def _download(client, kind: str) -> tuple[int, bytes]:
    with scope():  # no partner scope: what the server has while it sends the body
        response = client.get(reverse("exchange:export", args=[kind, "csv"]))
        if response.streaming:
            return response.status_code, b"".join(response.streaming_content)
        return response.status_code, response.content


def _expected(kind: str) -> bytes:
    out = io.BytesIO()
    export_file(kind=kind, fmt="csv", out=out)
    return out.getvalue()


@pytest.mark.parametrize("kind", kinds())
def test_csv_download_is_whole_for_admin(world, login, kind):
    expected = _expected(kind)
    assert _download(login(world.admin), kind) == (200, expected)


@pytest.mark.parametrize("kind", kinds())
def test_csv_download_is_refused_for_partner_user(world, login, kind):
    status, body = _download(login(world.user_a), kind)
    # The names of another partner's records; short keys could turn up in a random nonce.
    assert (status, b"Beta Systems" in body, b"beta.example" in body) == (404, False, False)


def test_deals_download_holds_every_deal(world, login):
    _, body = _download(login(world.manager), "deals")
    assert [line.split(b",")[0] for line in body.splitlines()] == [b"deal_id", b"DA", b"DB"]
