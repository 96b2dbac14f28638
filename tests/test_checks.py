"""helpers._checks: the shared check of probability-like arguments, and the helpers that use it."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import _checks, dropout, team, training


@given(st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
def test_every_fraction_in_the_half_open_interval_is_accepted(value: float) -> None:
    assert _checks.check_fraction(value, "rate", meaning="m") == value
    single = np.float32(value)  # a NumPy scalar is accepted too (0.99999999 rounds to 1.0 in float32: refused)
    if single < 1:
        assert _checks.check_fraction(single, "rate", meaning="m") == float(single)


@given(st.one_of(st.floats(max_value=0.0, exclude_max=True), st.floats(min_value=1.0), st.just(math.nan)))
def test_numbers_outside_the_interval_raise_value_error_naming_the_argument(value: float) -> None:
    with pytest.raises(ValueError, match=r"^rate must be in \[0, 1\) \(the meaning\); got"):
        _checks.check_fraction(value, "rate", meaning="the meaning")


@pytest.mark.parametrize("value", ["0.5", None, True, np.bool_(False), [0.5], np.array([0.5]), 1j])
def test_non_numbers_raise_an_error_that_is_both_type_and_value_error(value: object) -> None:
    with pytest.raises(_checks.NotANumberError, match=r"^p must be a number in \[0, 1\) \(why\); got "):
        _checks.check_fraction(value, "p", meaning="why")
    assert issubclass(_checks.NotANumberError, TypeError)
    assert issubclass(_checks.NotANumberError, ValueError)


def test_is_real_number() -> None:
    assert all(_checks.is_real_number(v) for v in (0, 1.5, np.int8(3), np.float16(0.5)))
    assert not any(_checks.is_real_number(v) for v in (True, "1", None, np.array(1.0), 1j))


@pytest.mark.parametrize(
    ("check", "name", "meaning"),
    [
        (dropout.check_rate, "rate", "the fraction of units dropped"),
        (training.check_rate, "rate", "the fraction of units dropped"),
        (team.check_absence_probability, "p", "the daily absence probability"),
    ],
)
def test_the_helpers_share_one_check_and_one_wording(check, name, meaning) -> None:
    assert check(0.25) == 0.25
    with pytest.raises(ValueError, match=rf"^{name} must be in \[0, 1\) \({meaning}\); got 1.0$"):
        check(1.0)
    with pytest.raises(ValueError, match=rf"^{name} must be a number"):
        check("half")
