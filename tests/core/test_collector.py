import gc

import pytest

from outward.core.collector import paused_collector, without_collector


def test_the_collector_is_off_inside_and_back_on_after():
    assert gc.isenabled()
    with paused_collector():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_nested_pause_leaves_the_outer_one_in_charge():
    with paused_collector():
        with paused_collector():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_when_the_function_fails():
    @without_collector
    def failing():
        assert not gc.isenabled()
        raise ValueError("bad input")

    with pytest.raises(ValueError):
        failing()
    assert gc.isenabled()
