"""Notebook 07's checkers: right answers pass, wrong answers fail with a reason, nothing raises."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.exercises import nb07

ODD_INPUTS = [None, "3", 3 + 1j, float("nan"), 1e308, np.zeros((2, 2)), np.array(["a"]), [1, 2]]


def _raises(*args, **kwargs):
    raise RuntimeError("boom")


def _entropy(p):
    return -(p * np.log(np.clip(p, 1e-12, 1))).sum(axis=-1)


@pytest.mark.parametrize("check", [nb07.check_variance_ratio, nb07.check_mutual_information])
@pytest.mark.parametrize("answer", [*ODD_INPUTS, _raises, lambda *a: None, lambda *a: "x", lambda *a: np.nan])
def test_odd_answers_never_raise_and_are_not_correct(check, answer) -> None:
    status, message = check.judge(answer)
    assert status in {"wrong", "missing"}, message
    assert message.startswith(("Not quite.", "Not yet:"))


def test_variance_ratio() -> None:
    right = lambda m, v, r: ((v + m**2) / (1 - r) - m**2) / v  # noqa: E731
    assert nb07.check_variance_ratio.judge(right)[0] == "correct"
    wrong = [
        lambda m, v, r: 1 / (1 - r),
        lambda m, v, r: ((v + m**2) / r - m**2) / v if r else 1.0,
        lambda m, v, r: 1 / right(m, v, r),
        lambda m, v, r: (v / (1 - r)) / v + m,
    ]
    for answer in wrong:
        assert nb07.check_variance_ratio.judge(answer)[0] == "wrong"


def test_mutual_information() -> None:
    right = lambda p: _entropy(p.mean(axis=0)) - _entropy(p).mean(axis=0)  # noqa: E731
    assert nb07.check_mutual_information.judge(right)[0] == "correct"
    wrong = [
        lambda p: _entropy(p.mean(axis=0)),
        lambda p: _entropy(p).mean(axis=0) - _entropy(p.mean(axis=0)),
        lambda p: _entropy(p).mean(axis=0),
        lambda p: float(right(p).mean()),
        lambda p: right(p).T[None],
    ]
    for answer in wrong:
        assert nb07.check_mutual_information.judge(answer)[0] == "wrong"
