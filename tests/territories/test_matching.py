"""The matching and assignment rules of shared/spec/territories.md, one test per rule."""

import random

import pytest

from outward.territories.domain.matching import (
    Account,
    Check,
    Criteria,
    Matcher,
    Node,
    holds,
    normal_postal,
)

DE_BY = Account(country="DE", subdivision="DE-BY", postal_code="80331", industry="Retail")


def test_an_empty_criterion_holds_for_every_account():
    assert holds(Criteria(), Account()) is True


def test_countries_and_subdivisions():
    assert holds(Criteria.of(countries=["DE", "AT"]), DE_BY) is True
    assert holds(Criteria.of(countries=["FR"]), DE_BY) is False
    assert holds(Criteria.of(subdivisions=["DE-BY"]), DE_BY) is True
    assert holds(Criteria.of(subdivisions=["DE-BW"]), DE_BY) is False


def test_postal_prefixes_are_compared_without_spaces_and_upper_cased():
    london = Account(country="GB", postal_code="ec1a 1bb")
    assert normal_postal("EC1A 1BB") == "EC1A1BB"
    assert holds(Criteria.of(postal_prefixes=["EC1 A"]), london) is True
    assert holds(Criteria.of(postal_prefixes=["ec2"]), london) is False


def test_industries_are_compared_case_insensitively():
    assert holds(Criteria.of(industries=["retail", "Energy"]), DE_BY) is True
    assert holds(Criteria.of(industries=["Healthcare"]), DE_BY) is False


def test_employee_ranges_are_inclusive():
    criteria = Criteria.of(min_employees=50, max_employees=250)
    assert [holds(criteria, Account(employees=n)) for n in (49, 50, 250, 251)] == [
        False,
        True,
        True,
        False,
    ]


@pytest.mark.parametrize(
    "criteria",
    [
        Criteria.of(countries=["DE"]),
        Criteria.of(subdivisions=["DE-BY"]),
        Criteria.of(postal_prefixes=["8"]),
        Criteria.of(industries=["Retail"]),
        Criteria.of(min_employees=0),
        Criteria.of(max_employees=10**9),
    ],
)
def test_a_missing_field_fails_the_criterion_that_asks_for_it(criteria):
    assert holds(criteria, Account()) is False


def test_criteria_are_inherited_down_the_tree():
    matcher = Matcher(
        [
            Node("EMEA", None, Criteria.of(countries=["DE", "FR"])),
            Node("RETAIL", "EMEA", Criteria.of(industries=["Retail"])),
        ]
    )
    assert matcher.assign(DE_BY) == "RETAIL"
    assert matcher.assign(Account(country="US", industry="Retail")) is None
    assert matcher.assign(Account(country="FR", industry="Energy")) == "EMEA"


def test_the_deepest_match_wins():
    matcher = Matcher(
        [
            Node("WORLD", None),
            Node("DE", "WORLD", Criteria.of(countries=["DE"]), priority=100),
            Node("BY", "DE", Criteria.of(subdivisions=["DE-BY"])),
        ]
    )
    assert matcher.assign(DE_BY) == "BY"


def test_equally_deep_matches_go_by_priority_then_smallest_key_as_text():
    by_priority = Matcher(
        [
            Node("WORLD", None),
            Node("A", "WORLD", Criteria.of(countries=["DE"]), priority=1),
            Node("B", "WORLD", Criteria.of(industries=["Retail"]), priority=5),
        ]
    )
    by_key = Matcher(
        [
            Node("WORLD", None),
            Node("T9", "WORLD", Criteria.of(countries=["DE"])),
            Node("T10", "WORLD", Criteria.of(industries=["Retail"])),
        ]
    )
    assert (by_priority.assign(DE_BY), by_key.assign(DE_BY)) == ("B", "T10")


def test_explain_lists_each_chain_root_first():
    matcher = Matcher(
        [
            Node("EMEA", None, Criteria.of(countries=["DE"])),
            Node("BIG", "EMEA", Criteria.of(min_employees=1000)),
        ]
    )
    assert matcher.explain(Account(country="DE", employees=20)) == [
        (
            "BIG",
            [Check("EMEA", "countries", "DE", True), Check("BIG", "min_employees", "1000", False)],
        ),
        ("EMEA", [Check("EMEA", "countries", "DE", True)]),
    ]


def _naive(nodes: list[Node], account: Account) -> str | None:
    """The spec read literally: test every territory's whole chain."""
    by_id = {n.territory_id: n for n in nodes}
    best = None
    for node in nodes:
        chain, current = [], node
        while current is not None:
            chain.append(current)
            current = by_id.get(current.parent_id)
        if all(holds(n.criteria, account) for n in chain):
            rank = (-len(chain), -node.priority, node.territory_id)
            best = min(best, rank) if best else rank
    return best[2] if best else None


def test_remembered_answers_equal_the_spec_read_literally():
    rng = random.Random(7)
    nodes = [Node("ROOT", None)]
    for number in range(120):
        parent = rng.choice(nodes).territory_id
        criteria = Criteria.of(
            countries=rng.sample(["DE", "FR", "GB"], rng.randint(0, 2)),
            subdivisions=rng.sample(["DE-BY", "FR-IDF", "GB-LND"], rng.choice([0, 0, 1, 2])),
            postal_prefixes=rng.sample(["1", "12", "8", "80 3"], rng.randint(0, 2)),
            industries=rng.sample(["Retail", "energy"], rng.randint(0, 1)),
            min_employees=rng.choice([None, 10, 50]),
            max_employees=rng.choice([None, 50, 500]),
        )
        nodes.append(Node(f"T{number}", parent, criteria, priority=rng.randint(0, 2)))
    matcher = Matcher(nodes)
    for _ in range(3000):
        account = Account(
            country=rng.choice(["DE", "FR", "GB", ""]),
            subdivision=rng.choice(["DE-BY", "FR-IDF", "GB-LND", "", "DE-BE"]),
            postal_code=rng.choice(["12345", "80331", "8 0 3 1", "", "99"]),
            industry=rng.choice(["RETAIL", "Energy", "", "Media"]),
            employees=rng.choice([None, 0, 10, 11, 49, 50, 51, 500, 501]),
        )
        assert matcher.assign(account) == _naive(nodes, account), account


def test_a_child_with_two_prefixes_of_one_postal_code_is_one_match():
    matcher = Matcher(
        [
            Node("ROOT", None),
            Node("SOUTH", "ROOT", Criteria.of(postal_prefixes=["8", "80"])),
            Node("CITY", "SOUTH", Criteria.of(postal_prefixes=["803"])),
        ]
    )
    assert sorted(matcher.matches(DE_BY)) == ["CITY", "ROOT", "SOUTH"]
    assert matcher.assign(Account(postal_code="8 1")) == "SOUTH"


def test_a_territory_whose_parent_is_unknown_is_a_root():
    matcher = Matcher([Node("DE", "GONE", Criteria.of(countries=["DE"]))])
    assert (matcher.assign(DE_BY), matcher.depth) == ("DE", {"DE": 0})


def test_an_account_no_territory_matches_is_unassigned():
    matcher = Matcher([Node("FR", None, Criteria.of(countries=["FR"]))])
    assert matcher.assign(DE_BY) is None


def test_unlisted_values_answer_like_missing_ones():
    matcher = Matcher(
        [
            Node("ROOT", None),
            Node("RETAIL", "ROOT", Criteria.of(industries=["retail"])),
        ]
    )
    assert [matcher.assign(Account(industry=name)) for name in ("Media", "", "RETAIL")] == [
        "ROOT",
        "ROOT",
        "RETAIL",
    ]
