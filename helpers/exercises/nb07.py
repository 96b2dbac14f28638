"""Checkers for the exercises of notebook 07 (dropout in real architectures)."""

from __future__ import annotations

from helpers.exercises._harness import call, checker, expect, number

__all__ = ["check_variance_ratio"]


def _ratio(mean: float, var: float, scale: float) -> float:
    """Training over inference variance when kept values are multiplied by ``scale``."""
    return ((var + mean**2) * scale - mean**2) / var


@checker("your function variance_ratio(mean, var, rate)")
def check_variance_ratio(variance_ratio) -> str:
    for mean, var, rate in ((0.0, 1.0, 0.5), (0.4, 0.34, 0.5), (1.0, 2.0, 0.2), (-0.5, 0.25, 0.3)):
        expected = _ratio(mean, var, 1 / (1 - rate))
        value = number(call(variance_ratio, mean, var, rate, name="variance_ratio"), "variance_ratio(...)")
        hints = {
            f"For mean {mean} you return 1/(1 - rate); the mean's square also grows with the scaling.": 1 / (1 - rate),
            "You divide by the rate; the kept values are scaled by 1/p with p = 1 - rate.": _ratio(mean, var, 1 / rate),
            "That is inference over training; the question asks training over inference.": 1 / expected,
        }
        said = f"variance_ratio({mean}, {var}, {rate}) returned {value:.4g}; expected {expected:.4g}."
        expect(value, expected, said, hints, rel=1e-4)
    return "((σ² + μ²)/p − μ²)/σ² = 1/p + μ²·rate/(p·σ²): more than 1/p whenever the mean is not 0."
