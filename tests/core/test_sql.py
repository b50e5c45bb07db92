"""Numbers as the database returns them: compared and added as their decimals would be."""

import random
from decimal import Decimal

import pytest

from outward.core.numbers import money
from outward.core.sql import at_least, decimal_reader, to_decimal, total
from outward.health.domain.evaluate import quota_met
from outward.objectives.domain.evaluation import MET, MISSED, objective_status


def _database_numbers(seed: int, count: int) -> list:
    """Floats as SQLite returns sums of money and pro-rated targets, with their float noise,
    and whole numbers as it returns integral sums."""
    generator = random.Random(seed)
    numbers: list = []
    for _ in range(count):
        cents = [generator.randint(1, 5_000_000) for _ in range(generator.randint(1, 12))]
        kind = generator.randrange(4)
        if kind == 0:  # a sum of amounts in cents, added as floats
            numbers.append(sum(cent / 100 for cent in cents))
        elif kind == 1:  # a target pro-rated by months
            numbers.append(cents[0] / 100 * generator.randint(1, 12) / 12)
        elif kind == 2:  # an integral sum
            numbers.append(sum(cents) // 100)
        else:  # 0.1 + 0.2: a float a hair from the decimal it stands for
            numbers.append(sum([0.1] * generator.randint(1, 30)))
    return numbers


def test_at_least_agrees_with_comparing_the_decimals():
    numbers = _database_numbers(1, 600)
    # Pairs that stand for the same decimal but differ as floats, both ways round.
    pairs = [
        (0.3, 0.1 + 0.2),
        (0.1 + 0.2, 0.3),
        (0.7, 0.1 * 7),
        (1.1 * 3, 3.3),
        (3, 2.9999999999999996),
    ]
    pairs += [(a, b) for a in numbers[:200] for b in numbers[200:260]]
    pairs += [(a, a) for a in numbers] + [(a, sum([a / 3] * 3)) for a in numbers]
    ties = 0
    for value, bound in pairs:
        expected = to_decimal(value) >= to_decimal(bound)
        assert at_least(value, bound) is expected, (value, bound)
        ties += value < bound and expected
    assert ties >= 3  # the float comparison alone would have got these wrong


def test_at_least_compares_decimals_and_integers_exactly():
    assert at_least(Decimal("100.00"), Decimal("100"))
    assert not at_least(Decimal("99.999999999999999999"), Decimal("100"))
    assert at_least(0, 0) and not at_least(0, Decimal("0.01"))
    assert not at_least(99.99, 100) and at_least(100, 99.99)


def test_total_reads_floats_as_the_sum_of_their_decimals_to_the_cent():
    numbers = _database_numbers(2, 5_000)
    exact = sum((to_decimal(number) for number in numbers), Decimal(0))
    assert money(total(numbers)) == money(exact)
    assert money(total(numbers[:7])) == money(sum(map(to_decimal, numbers[:7]), Decimal(0)))


def test_total_adds_decimals_exactly_and_of_nothing_is_zero():
    numbers = [Decimal("0.1")] * 10 + [0, Decimal("1234567890123.45")]
    assert total(numbers) == Decimal("1234567890124.45")
    assert total([]) == 0 and isinstance(total([]), Decimal)


@pytest.mark.parametrize("value", [0.1 + 0.2, 0.3, 12345.670000000002, 7, Decimal("2.50")])
def test_a_number_is_at_least_itself_and_its_decimal(value):
    assert at_least(value, value) and at_least(value, to_decimal(value))


def test_decimal_reader_converts_each_different_number_once():
    read = decimal_reader()
    numbers = _database_numbers(3, 200) + [None, 0, 2, 2.0, 0.1 + 0.2]
    assert [read(number) for number in numbers] == [to_decimal(number) for number in numbers]
    repeated = read(12345.670000000002)
    assert read(12345.670000000002) is repeated


def test_an_ended_objective_meets_its_target_where_the_decimals_do():
    # Objectives' tally reads the database's floats: 0.1 + 0.2 stands for the decimal 0.3.
    assert objective_status(direction="increase", value=0.1 + 0.2, target=0.3) == MET
    assert objective_status(direction="decrease", value=0.3, target=0.1 + 0.2) == MET
    assert objective_status(direction="increase", value=0.29, target=0.3) == MISSED
    assert objective_status(direction="decrease", value=0.31, target=0.3) == MISSED


def test_quota_is_met_where_the_decimals_of_revenue_reach_the_target_to_date():
    assert quota_met(0.3, 0.1 + 0.2) is True and quota_met(Decimal("0.3"), Decimal("0.3"))
    assert quota_met(99.99, 100) is False
    assert quota_met(5, 0) is None and quota_met(5, None) is None
