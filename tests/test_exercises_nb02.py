"""Checkers of notebook 02's exercises: right answers pass, typical wrong ones fail with a useful hint."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.exercises import nb02


def test_dropout_backward_checker(capsys: pytest.CaptureFixture[str]) -> None:
    assert nb02.check_dropout_backward(lambda g, m, rate: g * m / (1 - rate))
    assert "Correct" in capsys.readouterr().out
    wrong = {
        "scaled like the forward pass": lambda g, m, rate: g * m,
        "not by the rate": lambda g, m, rate: g * m / rate,
        "forward pass divides": lambda g, m, rate: g * m * (1 - rate),
        "multiply by the mask": lambda g, m, rate: g / (1 - rate),
        "dropped units get no gradient": lambda g, m, rate: g,
        "KEPT": lambda g, m, rate: g * ~m / (1 - rate),
        "grad_out's shape": lambda g, m, rate: (g * m / (1 - rate)).ravel(),
        "came back as float64": lambda g, m, rate: g.astype(np.float64) * m / (1 - rate),
        "ZeroDivisionError": lambda g, m, rate: 1 / 0,
        "0 where dropped": lambda g, m, rate: g * m / (1 - rate) + 1,
    }
    for message, function in wrong.items():
        assert not nb02.check_dropout_backward(function), message
        assert message in capsys.readouterr().out
    assert not nb02.check_dropout_backward(None)
    assert "No answer yet" in capsys.readouterr().out
    assert not nb02.check_dropout_backward(np.zeros(3))
    assert "function itself" in capsys.readouterr().out


def test_classic_test_forward_checker(capsys: pytest.CaptureFixture[str]) -> None:
    assert nb02.check_classic_test_forward(lambda x, rate: x * (1 - rate))
    assert "Correct" in capsys.readouterr().out
    wrong = {
        "course page's mistake": lambda x, rate: x * rate,
        "inverted dropout at inference": lambda x, rate: x,
        "training scale": lambda x, rate: x / (1 - rate),
        "no random mask": lambda x, rate: x * (np.random.default_rng(0).random(x.shape) >= rate),
        "training output's mean": lambda x, rate: x * (1 - rate) ** 2,
        "x's shape": lambda x, rate: (x * (1 - rate))[0],
        "NameError": lambda x, rate: undefined_name,  # noqa: F821
    }
    for message, function in wrong.items():
        assert not nb02.check_classic_test_forward(function), message
        assert message in capsys.readouterr().out
    assert not nb02.check_classic_test_forward(None)
    assert "No answer yet" in capsys.readouterr().out


def test_output_variance_checker(capsys: pytest.CaptureFixture[str]) -> None:
    assert nb02.check_output_variance(lambda a, rate: a**2 * rate / (1 - rate))
    out = capsys.readouterr().out
    assert "Correct" in out and "Measured" in out
    wrong = {
        "classic (unscaled)": lambda a, rate: a**2 * rate * (1 - rate),
        "E[y²]": lambda a, rate: a**2 / (1 - rate),
        "divide by 1 - rate": lambda a, rate: a**2 * rate,
        "squared units": lambda a, rate: a * rate / (1 - rate),
        "E[y²] - E[y]²": lambda a, rate: rate,
        "one number": lambda a, rate: np.array([a**2 * rate / (1 - rate)] * 2),
        "ValueError": lambda a, rate: float("x"),
    }
    for message, function in wrong.items():
        assert not nb02.check_output_variance(function), message
        assert message in capsys.readouterr().out
    assert not nb02.check_output_variance(None)
    assert "No answer yet" in capsys.readouterr().out
