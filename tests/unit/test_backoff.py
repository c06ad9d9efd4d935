"""Capped exponential backoff with full jitter (app.sync.backoff)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.sync.backoff import Backoff, backoff_delay


def test_the_ceiling_doubles_up_to_the_cap():
    assert [backoff_delay(n, base=1, cap=10, rng=lambda: 1.0) for n in range(6)] == [1, 2, 4, 8, 10, 10]
    assert backoff_delay(10_000, base=1, cap=300, rng=lambda: 1.0) == 300
    with pytest.raises(ValueError):
        backoff_delay(-1)


@given(st.integers(min_value=0, max_value=200), st.floats(min_value=0, max_value=1, exclude_max=True))
def test_a_delay_is_never_negative_nor_over_the_cap(attempt, draw):
    assert 0 <= backoff_delay(attempt, base=0.5, cap=60, rng=lambda: draw) <= 60


def test_the_state_grows_on_failures_honours_retry_after_and_resets_on_success():
    b = Backoff(base=1, cap=100, rng=lambda: 1.0)
    assert [b.failed(), b.failed(), b.failed()] == [1, 2, 4]
    assert b.failed(retry_after=30) == 30
    b.succeeded()
    assert b.attempt == 0 and b.failed() == 1
