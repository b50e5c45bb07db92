"""factory_boy factories that build realistic records."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from outward.core.models import Role, User
from outward.core.periods import Period
from outward.objectives.models import CheckIn, Objective
from outward.partners.models import Partner, PartnerDomain
from outward.sales.models import Account, Deal
from outward.targets.models import Target
from outward.territories.models import PartnerTerritory, Territory


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("partner_id",)

    partner_id = factory.Sequence(lambda n: f"P{n:04d}")
    name = factory.Faker("company")
    tier = factory.Iterator(["Platinum", "Gold", "Silver", "Registered"])
    country = factory.Iterator(["DE", "FR", "GB", "US", "NL", "ES"])
    manager_email = "cam@vendor.example"
    joined_on = dt.date(2021, 3, 1)


class PartnerDomainFactory(DjangoModelFactory):
    class Meta:
        model = PartnerDomain

    partner = factory.SubFactory(PartnerFactory)
    domain = factory.Sequence(lambda n: f"partner{n}.example")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@example.com")
    email = factory.SelfAttribute("username")
    role = Role.MANAGER
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class AccountFactory(DjangoModelFactory):
    class Meta:
        model = Account

    account_id = factory.Sequence(lambda n: f"A{n:06d}")
    name = factory.Faker("company")
    country = "DE"
    subdivision = "DE-BY"
    postal_code = factory.Sequence(lambda n: f"80{n % 1000:03d}")
    industry = factory.Iterator(["Manufacturing", "Retail", "Healthcare", "Finance"])
    employees = factory.Sequence(lambda n: 20 + (n * 37) % 5000)


class DealFactory(DjangoModelFactory):
    class Meta:
        model = Deal

    deal_id = factory.Sequence(lambda n: f"D{n:07d}")
    partner = factory.SubFactory(PartnerFactory)
    account = factory.SubFactory(AccountFactory)
    amount = Decimal("25000.00")
    stage = "won"
    close_date = dt.date(2026, 3, 15)
    product_line = "Cloud Suite"


def _months(period: str) -> dict:
    parsed = Period.parse(period)
    return {"first_month": parsed.first, "last_month": parsed.last}


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    partner = factory.SubFactory(PartnerFactory)
    period = "2026"
    metric = "revenue"
    value = Decimal("100000")
    first_month = factory.LazyAttribute(lambda o: Period.parse(o.period).first)
    last_month = factory.LazyAttribute(lambda o: Period.parse(o.period).last)


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    objective_id = factory.Sequence(lambda n: f"O{n:05d}")
    partner = factory.SubFactory(PartnerFactory)
    period = "2026"
    title = "Grow managed-services revenue"
    unit = "USD"
    direction = "increase"
    baseline = None
    target = Decimal("15")
    weight = Decimal("1")
    source = "manual"
    first_month = factory.LazyAttribute(lambda o: Period.parse(o.period).first)
    last_month = factory.LazyAttribute(lambda o: Period.parse(o.period).last)


class CheckInFactory(DjangoModelFactory):
    class Meta:
        model = CheckIn

    objective = factory.SubFactory(ObjectiveFactory)
    date = dt.date(2026, 6, 30)
    value = Decimal("10")
    comment = "Quarterly review"


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory

    territory_id = factory.Sequence(lambda n: f"T{n:03d}")
    name = factory.Sequence(lambda n: f"Territory {n}")


class PartnerTerritoryFactory(DjangoModelFactory):
    class Meta:
        model = PartnerTerritory

    partner = factory.SubFactory(PartnerFactory)
    territory = factory.SubFactory(TerritoryFactory)


def partner(key: str = "P1", **kwargs) -> Partner:
    """A partner named after its key, for tests that read reports by key."""
    return PartnerFactory(partner_id=key, name=f"Partner {key}", **kwargs)


def deal(partner, day: dt.date, amount: str = "1000", stage: str = "won", account="new") -> Deal:
    """A deal of a partner closing on a day, on a new account unless one is given."""
    if account == "new":
        account = AccountFactory()
    return DealFactory(
        partner=partner, close_date=day, amount=Decimal(amount), stage=stage, account=account
    )
