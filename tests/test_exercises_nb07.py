"""Notebook 07's checkers: right answers pass, wrong answers fail with a reason, nothing raises."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.exercises import nb07

ODD_INPUTS = [None, "3", 3 + 1j, float("nan"), 1e308, np.zeros((2, 2)), np.array(["a"]), [1, 2]]


def _raises(*args, **kwargs):
    raise RuntimeError("boom")


@pytest.mark.parametrize("check", [nb07.check_variance_ratio])
@pytest.mark.parametrize("answer", [*ODD_INPUTS, _raises, lambda *a: None, lambda *a: "x", lambda *a: np.nan])
def test_odd_answers_never_raise_and_are_not_correct(check, answer) -> None:
    status, message = check.judge(answer)
    assert status in {"wrong", "missing"}, message
    assert message.startswith(("Not quite.", "Not yet:"))


def _right_variance_ratio(m, v, r):
    return ((v + m**2) / (1 - r) - m**2) / v


#: checker, right answers, wrong answers (also used by tests/test_exercises_determinism.py)
TABLE = [
    (
        nb07.check_variance_ratio,
        [_right_variance_ratio],
        [
            lambda m, v, r: 1 / (1 - r),
            lambda m, v, r: ((v + m**2) / r - m**2) / v if r else 1.0,
            lambda m, v, r: 1 / _right_variance_ratio(m, v, r),
            lambda m, v, r: (v / (1 - r)) / v + m,
        ],
    ),
]


@pytest.mark.parametrize(("check", "right", "wrong"), TABLE, ids=lambda value: getattr(value, "__name__", None))
def test_right_answers_pass_and_wrong_ones_fail(check, right, wrong) -> None:
    for answer in right:
        assert check.judge(answer)[0] == "correct"
    for answer in wrong:
        verdict, message = check.judge(answer)
        assert verdict == "wrong" and message.startswith("Not quite. "), message
