"""helpers._checks: the shared check of probability-like arguments, and the helpers that use it."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import _checks, dropout, team


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


ALLOWED = "batch_size must be an integer from 1 to 60,000 (images per step); got "


@pytest.mark.parametrize(
    ("value", "error", "got"),
    [
        (10**12, ValueError, "1,000,000,000,000"),
        (0, ValueError, "0"),
        (2.0, _checks.NotANumberError, "float 2.0"),
        (True, _checks.NotANumberError, "bool True"),
        ("x" * 100, _checks.NotANumberError, "str '" + "x" * 59 + "..."),
    ],
)
def test_check_int_names_the_argument_and_the_allowed_sizes(value: object, error: type, got: str) -> None:
    with pytest.raises(error) as caught:
        _checks.check_int(value, "batch_size", low=1, high=60_000, meaning="images per step")
    assert str(caught.value) == ALLOWED + got
    assert _checks.check_int(np.int64(7), "n", low=0) == 7


def test_seed_and_choice() -> None:
    assert _checks.check_seed(np.uint32(2**32 - 1)) == 2**32 - 1
    with pytest.raises(ValueError, match=r"^seed must be an integer from 0 to 4,294,967,295"):
        _checks.check_seed(-1)
    assert _checks.check_choice("test", "split", ("train", "test")) == "test"
    for bad in ("valid", 1, np.array(["train"]), None):
        with pytest.raises(ValueError, match=r"^split must be one of 'train', 'test'; got "):
            _checks.check_choice(bad, "split", ("train", "test"))


def test_is_real_number() -> None:
    assert all(_checks.is_real_number(v) for v in (0, 1.5, np.int8(3), np.float16(0.5)))
    assert not any(_checks.is_real_number(v) for v in (True, "1", None, np.array(1.0), 1j))


@pytest.mark.parametrize(
    ("check", "name", "meaning"),
    [
        (dropout.check_rate, "rate", "the fraction of units dropped"),
        (lambda v: team.simulate_team(v, n_days=1).absence_rate, "absence_rate", "the daily absence probability"),
    ],
)
def test_the_helpers_share_one_check_and_one_wording(check, name, meaning) -> None:
    assert check(0.25) == 0.25
    with pytest.raises(ValueError, match=rf"^{name} must be in \[0, 1\) \({meaning}\); got 1.0$"):
        check(1.0)
    with pytest.raises(ValueError, match=rf"^{name} must be a number"):
        check("half")


@pytest.mark.parametrize("value", [True, False, np.bool_(True), np.bool_(False)])
def test_check_bool_takes_python_and_numpy_bools(value: object) -> None:
    result = _checks.check_bool(value, "training")
    assert type(result) is bool and result == bool(value)


@pytest.mark.parametrize("value", ["False", "True", "no", "", 0, 1, 1.0, None, np.array([True]), [True]])
def test_check_bool_never_reads_another_value_as_a_bool(value: object) -> None:
    with pytest.raises(_checks.NotABoolError, match=rf"^full must be True or False; got {type(value).__name__} "):
        _checks.check_bool(value, "full")
    assert issubclass(_checks.NotABoolError, TypeError) and issubclass(_checks.NotABoolError, ValueError)


def test_check_bool_takes_none_only_when_asked() -> None:
    assert _checks.check_bool(None, "training", none=True) is None
    with pytest.raises(TypeError, match=r"^training must be True or False or None; got str 'no'"):
        _checks.check_bool("no", "training", none=True)


@pytest.mark.parametrize(
    ("value", "shape"),
    [(5, (5,)), (np.int64(5), (5,)), ((2, 3), (2, 3)), ([2, np.int8(3)], (2, 3)), (np.array([4, 4]), (4, 4)),
     (np.array([4, 4], dtype=np.uint16), (4, 4)), ((), ()), ((0, 3), (0, 3)), ((10, 10), (10, 10))],
)  # fmt: skip
def test_check_shape_takes_integers_sequences_and_integer_arrays(value: object, shape: tuple) -> None:
    result = _checks.check_shape(value, "shape", max_size=100, meaning="why")
    assert result == shape and all(type(size) is int for size in result)


@pytest.mark.parametrize("value", [2.0, "3", None, (2.0, 3), (True, 2), np.array([1.5]), np.array([[2, 2]]), {2: 3}])
def test_check_shape_refuses_what_is_not_a_shape(value: object) -> None:
    with pytest.raises(_checks.NotANumberError, match=r"^shape must be an array shape \(an integer or a sequence"):
        _checks.check_shape(value, "shape", max_size=100, meaning="why")


@pytest.mark.parametrize(
    ("value", "got"), [(-1, "(-1,)"), ((3, -1), "(3, -1)"), ((10, 11), "(10, 11)"), (101, "(101,)")]
)
def test_check_shape_refuses_negative_sizes_and_more_elements_than_the_limit(value: object, got: str) -> None:
    with pytest.raises(ValueError) as caught:
        _checks.check_shape(value, "shape", max_size=100, meaning="the reason")
    assert str(caught.value) == (
        "shape must be an array shape (an integer or a sequence of integers >= 0, at most 100 elements: "
        f"the reason); got {got}"
    )


def test_check_real_takes_finite_numbers_in_the_closed_interval() -> None:
    assert _checks.check_real(np.float32(0.5), "z", low=0, high=1, meaning="m") == 0.5
    assert _checks.check_real(1, "z", low=0, high=1, meaning="m") == 1.0
    for bad in (-0.1, 1.1, math.nan, math.inf):
        with pytest.raises(ValueError, match=r"^z must be a finite number from 0 to 1 \(m\); got "):
            _checks.check_real(bad, "z", low=0, high=1, meaning="m")
    for bad in ("0.5", None, True, np.array([0.5])):
        with pytest.raises(_checks.NotANumberError, match=r"^z must be a number from 0 to 1 \(m\); got "):
            _checks.check_real(bad, "z", low=0, high=1, meaning="m")


def test_is_integer() -> None:
    assert all(_checks.is_integer(v) for v in (0, -3, np.int64(5), np.uint8(1), 10**30))
    assert not any(_checks.is_integer(v) for v in (True, np.bool_(False), 2.0, np.float32(1), "1", None, np.array(1)))
