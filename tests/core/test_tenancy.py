import pytest
from django_scopes import scopes_disabled
from django_scopes.state import state

from outward.core.tenancy import NOBODY, ScopeError, partner_scope, scope_for_user
from outward.objectives.models import CheckIn, Objective
from outward.partners.models import Partner
from outward.sales.models import Account, Deal


def test_query_outside_any_scope_fails_loudly(world):
    # The autouse fixture disables scopes; re-enable by entering a scope-less state.

    token = state.set({})
    try:
        with pytest.raises(ScopeError):
            list(Deal.objects.all())
    finally:
        state.reset(token)


def test_partner_scope_sees_only_own_records(world):
    with partner_scope(world.partner_a.pk):
        assert list(Partner.objects.all()) == [world.partner_a]
        assert list(Deal.objects.all()) == [world.deal_a]
        assert list(Objective.objects.all()) == [world.objective_a]
        assert list(CheckIn.objects.all()) == [world.checkin_a]
        assert list(Account.objects.all()) == [world.deal_a.account]
        assert not Objective.objects.filter(objective_id="OB").exists()


def test_vendor_scope_sees_every_partner(world):
    with partner_scope(None):
        assert list(Partner.objects.all()) == [world.partner_a, world.partner_b]


def test_anonymous_scope_sees_nothing(world):
    with partner_scope(NOBODY):
        assert list(Partner.objects.all()) == []
        assert list(Account.objects.all()) == []


def test_scope_for_user_by_role(world):
    with scopes_disabled():
        assert scope_for_user(world.admin) is None
        assert scope_for_user(world.manager) is None
        assert scope_for_user(world.user_a) == world.partner_a.pk
        assert scope_for_user(None) == NOBODY
