"""Reports' money and ratios are the floats Python's round() gives, to the last bit, although
`core.numbers` skips round()'s decimal string where the scaled number is clear of a half."""

import math
import struct

from hypothesis import example, given, settings
from hypothesis import strategies as st

from outward.core.numbers import money, ratio


def _same(a: float | None, b: float | None) -> bool:
    """The same float, as the report's JSON writes it (NaN equals NaN, 0.0 is not -0.0)."""
    return repr(a) == repr(b)


def _money_by_round(value: float) -> float:
    return round(value, 2)


def _ratio_by_round(value: float) -> float:
    return round(value, 4) + 0.0


@settings(max_examples=3000, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
@example(0.125)
@example(2.675)  # 2.67499999… in binary: round() gives 2.67
@example(1.005)
@example(-0.001)  # round() gives -0.0 for money
@example(2.0**40 / 100)
@example(1e300)
def test_any_float_rounds_as_round_does(value):
    assert _same(money(value), _money_by_round(value))
    assert _same(ratio(value), _ratio_by_round(value))


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=-(10**11), max_value=10**11), st.sampled_from([100, 10_000]))
def test_halves_and_their_neighbours_round_as_round_does(units, scale):
    """Cents and ten-thousandths, halfway between and one float either side of halfway."""
    for value in (units / scale, (units + 0.5) / scale):
        for near in (value, math.nextafter(value, math.inf), math.nextafter(value, -math.inf)):
            assert _same(money(near), _money_by_round(near))
            assert _same(ratio(near), _ratio_by_round(near))


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_random_bit_patterns_round_as_round_does(bits):
    (value,) = struct.unpack("d", struct.pack("Q", bits))
    assert _same(money(value), _money_by_round(value))
    assert _same(ratio(value), _ratio_by_round(value))


def test_sums_of_cents_with_float_noise_round_to_the_cent():
    # 0.1 + 0.2 is 0.30000000000000004: the cent is 0.3 either way.
    assert money(0.1 + 0.2) == 0.3
    assert money(sum([0.7, 0.1])) == 0.8
    assert ratio(2 / 3) == 0.6667
