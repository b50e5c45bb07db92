"""Sales actuals (shared/spec/health.md, "The vendor's side"): revenue, deals won, customers."""

import datetime as dt
from decimal import Decimal

import pytest

from outward.sales.domain import Actuals, partner_actuals
from tests import factories

pytestmark = pytest.mark.django_db

END_2026 = dt.date(2027, 1, 15)


def test_actuals_count_won_deals_inside_period_up_to_as_of():
    partner = factories.partner()
    factories.deal(partner, dt.date(2026, 1, 1), "100")  # first day of P
    factories.deal(partner, dt.date(2026, 6, 30), "20")  # the as-of day itself counts
    factories.deal(partner, dt.date(2026, 7, 1), "4000")  # after A
    factories.deal(partner, dt.date(2025, 12, 31), "5000")  # before P
    factories.deal(partner, dt.date(2026, 3, 1), "600", stage="open")
    factories.deal(partner, dt.date(2026, 3, 1), "700", stage="lost")
    actuals = partner_actuals(period="2026", as_of=dt.date(2026, 6, 30))
    assert actuals == {partner.pk: Actuals(revenue=Decimal("120"), deals_won=2, new_customers=2)}


def test_actuals_include_partners_without_deals_as_zero():
    partner = factories.partner()
    assert partner_actuals(period="2026", as_of=END_2026) == {
        partner.pk: Actuals(revenue=Decimal(0), deals_won=0, new_customers=0)
    }


def test_new_customers_count_accounts_whose_first_won_deal_lies_in_period():
    partner, other = factories.partner("P1"), factories.partner("P2")
    old, fresh, twice, after_lost, elsewhere, late = (factories.AccountFactory() for _ in range(6))
    factories.deal(partner, dt.date(2025, 11, 1), account=old)
    factories.deal(partner, dt.date(2026, 2, 1), account=old)  # not new: first won in 2025
    factories.deal(partner, dt.date(2026, 2, 1), account=fresh)
    factories.deal(partner, dt.date(2026, 3, 1), account=twice)
    factories.deal(partner, dt.date(2026, 4, 1), account=twice)  # counted once
    factories.deal(partner, dt.date(2025, 5, 1), account=after_lost, stage="lost")
    factories.deal(partner, dt.date(2026, 5, 1), account=after_lost)  # first WON deal is in P
    factories.deal(other, dt.date(2024, 5, 1), account=elsewhere)  # another partner's deal
    factories.deal(partner, dt.date(2026, 5, 2), account=elsewhere)  # still new for this partner
    factories.deal(partner, dt.date(2026, 8, 1), account=late)  # after A
    factories.deal(partner, dt.date(2026, 5, 3), account=None)  # no account: no customer
    actuals = partner_actuals(period="2026", as_of=dt.date(2026, 6, 30))
    assert actuals[partner.pk].new_customers == 4
    assert actuals[partner.pk].deals_won == 7
