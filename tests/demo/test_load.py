"""The demo data set: counts, reproducibility, realism and the stories it must tell."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import pycountry
import pytest
from django.db import transaction
from django.db.models import Count, Min, Q, Sum

from outward.core.models import Role, User
from outward.demo.generator import DemoSize, Progress, load_demo
from outward.demo.generator.geography import COUNTRIES, territory_tree
from outward.objectives.models import CheckIn, Objective
from outward.partners.models import Partner, PartnerDomain
from outward.plans.models import JointBusinessPlan, PlanAction, PlanSignoff
from outward.sales.models import Account, Deal
from outward.targets.models import Target
from outward.territories.models import PartnerTerritory, Territory

TODAY = dt.date(2026, 11, 26)
TINY = DemoSize("tiny", partners=40, accounts=800, deals=3_000, objectives=400, checkins=2_000)
MODELS = (Partner, PartnerDomain, Territory, PartnerTerritory, Account, Deal, Target, Objective)


def _load(seed: int = 7, size: DemoSize = TINY) -> dict[str, int]:
    return load_demo(size=size, seed=seed, today=TODAY, progress=Progress(None))


def _snapshot() -> dict[str, list[tuple]]:
    rows = {model.__name__: list(model.objects.order_by("pk").values_list()) for model in MODELS}
    rows["CheckIn"] = list(CheckIn.objects.order_by("pk").values_list())
    rows["User"] = list(
        User.objects.order_by("username").values_list("username", "role", "partner__partner_id")
    )
    return rows


def _load_and_roll_back(seed: int) -> dict[str, list[tuple]]:
    with transaction.atomic():
        _load(seed)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


@pytest.mark.django_db
def test_load_demo_tiny_builds_requested_counts():
    counts = _load()

    assert (Partner.objects.count(), Account.objects.count(), Deal.objects.count()) == (
        40,
        800,
        3_000,
    )
    assert Objective.objects.count() == 400
    assert counts["check-ins"] == CheckIn.objects.count()
    assert 1_500 <= counts["check-ins"] <= 2_300


@pytest.mark.django_db
def test_load_demo_same_seed_is_reproducible():
    first = _load_and_roll_back(seed=3)
    second = _load_and_roll_back(seed=3)
    other = _load_and_roll_back(seed=4)

    assert first == second
    assert len(first["Deal"]) == 3_000
    assert first["Partner"] != other["Partner"]
    assert first["Deal"] != other["Deal"]


@pytest.mark.django_db
def test_load_demo_geography_is_valid():
    _load()

    codes = {c.code for c in COUNTRIES}
    pairs = set(Account.objects.values_list("country", "subdivision").distinct())
    for country, subdivision in pairs:
        assert country in codes
        found = pycountry.subdivisions.get(code=subdivision)
        assert found is not None, subdivision
        assert found.country_code == country
    assert set(Partner.objects.values_list("country", flat=True)) <= codes
    for node in territory_tree():
        for subdivision in node.subdivisions:
            assert pycountry.subdivisions.get(code=subdivision) is not None
        for country in node.countries:
            assert pycountry.countries.get(alpha_2=country) is not None
    de_postcodes = Account.objects.filter(country="DE").values_list("postal_code", flat=True)
    assert all(len(code) == 5 and code.isdigit() for code in de_postcodes)
    world = Territory.objects.get(territory_id="T-WORLD")
    assert list(Territory.objects.filter(parent__isnull=True)) == [world]
    assert Territory.objects.get(territory_id="T-DE").parent.parent.territory_id == "T-EMEA"
    covered = PartnerTerritory.objects.values("partner").distinct().count()
    assert covered == 40


@pytest.mark.django_db
def test_load_demo_tiers_are_skewed_and_domains_unique():
    _load(size=DemoSize("tiers", 400, 400, 400, 0, 0))

    tiers = dict(Partner.objects.values_list("tier").annotate(n=Count("pk")))
    assert set(tiers) == {"Platinum", "Gold", "Silver", "Registered"}
    assert tiers["Platinum"] < tiers["Gold"] < tiers["Silver"] < tiers["Registered"]
    domains = list(PartnerDomain.objects.values_list("domain", flat=True))
    assert len(domains) == len(set(domains)) >= 400
    assert Partner.objects.filter(country__in=["DE", "US"]).count() > 400 * 0.3


@pytest.mark.django_db
def test_load_demo_stages_follow_today_and_seasons_peak():
    _load()

    assert not Deal.objects.filter(close_date__gt=TODAY).exclude(stage="open").exists()
    open_deals = Deal.objects.filter(stage="open")
    future = open_deals.filter(close_date__gt=TODAY).count()
    assert future / open_deals.count() > 0.6
    assert Deal.objects.aggregate(first=Min("close_date"))["first"] >= dt.date(2024, 1, 1)
    assert not Deal.objects.filter(close_date__gt=dt.date(2026, 12, 31)).exists()
    by_month = dict(
        Deal.objects.filter(close_date__year=2025)
        .values_list("close_date__month")
        .annotate(n=Count("pk"))
    )
    assert by_month[12] > by_month[1]
    assert by_month[3] + by_month[6] + by_month[9] > by_month[1] + by_month[4] + by_month[7]
    amounts = Deal.objects.values("partner__tier").annotate(total=Sum("amount"), n=Count("pk"))
    average = {row["partner__tier"]: row["total"] / row["n"] for row in amounts}
    assert average["Platinum"] > average["Registered"]


def _own_objectives_met_2025(partner_ids) -> dict[int, tuple[int, int]]:
    """Manual objectives within 2025 per partner: (met, evaluated), from their latest check-in."""
    result: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    objectives = Objective.objects.filter(
        partner__in=partner_ids,
        source="manual",
        first_month__gte=2025 * 12,
        last_month__lt=2026 * 12,
    )
    for objective in objectives:
        latest = objective.checkins.order_by("-date").first()
        met = latest is not None and (
            latest.value >= objective.target
            if objective.direction == "increase"
            else latest.value <= objective.target
        )
        result[objective.partner_id][0] += met
        result[objective.partner_id][1] += 1
    return result


@pytest.mark.django_db
def test_load_demo_tells_every_quadrant_story():
    _load(size=DemoSize("stories", 60, 600, 3_000, 900, 3_000))

    revenue = dict(
        Deal.objects.filter(stage="won", close_date__year=2025)
        .values_list("partner")
        .annotate(total=Sum("amount"))
    )
    target = dict(
        Target.objects.filter(
            metric="revenue", first_month__gte=2025 * 12, last_month__lt=2026 * 12
        )
        .values_list("partner")
        .annotate(total=Sum("value"))
    )
    own = _own_objectives_met_2025(list(target))
    stories = set()
    for partner, (met, evaluated) in own.items():
        if not evaluated or partner not in target:
            continue
        beats = revenue.get(partner, Decimal(0)) >= target[partner]
        if met == 0:
            stories.add("mutiny_risk" if beats else "struggling")
        if met == evaluated:
            stories.add("thriving" if beats else "drifting")
    assert stories == {"mutiny_risk", "struggling", "thriving", "drifting"}
    without = Partner.objects.annotate(n=Count("objectives")).filter(n=0).count()
    assert 0.15 <= without / 60 <= 0.45


@pytest.mark.django_db
def test_load_demo_objectives_cover_kinds_periods_and_checkins():
    _load()

    sources = set(Objective.objects.values_list("source", flat=True))
    assert sources == {"manual", "vendor_revenue", "vendor_deals_won", "vendor_new_customers"}
    assert Objective.objects.filter(direction="decrease").exists()
    quarters = set(Objective.objects.filter(period__contains="-Q").values_list("period", flat=True))
    recent = {f"{y}-Q{q}" for y in (2025, 2026) for q in range(1, 5)}
    assert recent <= quarters
    assert {"2025", "2026"} <= set(Objective.objects.values_list("period", flat=True))
    assert not CheckIn.objects.filter(date__gt=TODAY).exists()
    outside = CheckIn.objects.filter(
        Q(date__lt=dt.date(2024, 1, 1)) | Q(objective__source__startswith="vendor_")
    )
    assert not outside.exists()
    commented = CheckIn.objects.exclude(comment="").count()
    assert commented / CheckIn.objects.count() > 0.5


@pytest.mark.django_db
def test_load_demo_targets_never_double_count_a_period():
    _load()

    yearly = set(Target.objects.exclude(period__contains="-Q").values_list("partner", flat=True))
    quarterly = set(Target.objects.filter(period__contains="-Q").values_list("partner", flat=True))
    assert yearly and quarterly
    assert yearly.isdisjoint(quarterly)
    assert set(Target.objects.values_list("metric", flat=True)) == {
        "revenue",
        "deals_won",
        "new_customers",
    }


@pytest.mark.django_db
def test_load_demo_creates_the_three_logins():
    _load()

    first = Partner.objects.get(partner_id="P00001")
    domain = first.domains.order_by("pk").first().domain
    users = {
        u.username: (u.role, u.partner_id) for u in User.objects.filter(username__contains="@")
    }
    assert users["admin@outward.example"] == (Role.ADMIN, None)
    assert users["manager@outward.example"] == (Role.MANAGER, None)
    assert users[f"partner@{domain}"] == (Role.PARTNER, first.pk)
    assert Partner.objects.filter(manager_email="manager@outward.example").count() >= 5


@pytest.mark.django_db
def test_load_demo_plans_in_several_states_with_overdue_actions():
    counts = _load(size=DemoSize("plans", 40, 400, 2_000, 300, 1_000, plans=12))

    assert counts["plans"] == JointBusinessPlan.objects.count() == 12
    states = set(JointBusinessPlan.objects.values_list("state", flat=True))
    assert {"draft", "agreed"} <= states
    assert len(states) >= 3
    first = JointBusinessPlan.objects.get(partner__partner_id="P00001", period="2026")
    assert first.state == "agreed"
    signed = PlanSignoff.objects.filter(plan=first, revision=first.revision)
    assert sorted(signed.values_list("side", flat=True)) == ["partner", "vendor"]
    overdue = PlanAction.objects.filter(status="open", due_date__lt=TODAY).exclude(
        plan__state="closed"
    )
    assert overdue.exists()
    assert not PlanAction.objects.exclude(
        due_date__range=(dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    ).exists()


@pytest.mark.django_db
def test_load_demo_assigns_accounts_to_the_deepest_matching_territory():
    _load(size=DemoSize("territories", 10, 6_000, 100, 0, 0))

    def territory_of(**filters) -> set[str]:
        accounts = Account.objects.filter(**filters)
        assert accounts.exists(), filters
        return set(accounts.values_list("assignment__territory__territory_id", flat=True))

    assert territory_of(country="DE", postal_code__startswith="80") == {"T-DE-MUC"}
    assert territory_of(country="DE", subdivision="DE-BY", postal_code__startswith="9") == {
        "T-DE-BY"
    }
    assert territory_of(country="DE", subdivision="DE-HH") == {"T-DE"}
    assert territory_of(subdivision="US-CA", postal_code__startswith="94") == {"T-US-BAY"}
    assert territory_of(subdivision="US-TX", industry="Government") == {"T-US-PUB"}
    assert territory_of(subdivision="US-TX", industry="Retail") == {"T-US-CENTRAL"}
    assert territory_of(country="GB", postal_code__startswith="EC") == {"T-GB-LDN"}
    assert territory_of(country="JP") == {"T-JP"}
    assert not Account.objects.filter(assignment__isnull=True).exists()
