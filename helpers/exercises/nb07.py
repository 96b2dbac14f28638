"""Checkers for the exercises of notebook 07 (dropout in real architectures)."""

from __future__ import annotations

import numpy as np

from helpers.exercises._harness import array, call, checker, entropy, expect, number

__all__ = ["check_mutual_information", "check_variance_ratio"]


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


@checker("your function mutual_information(passes)")
def check_mutual_information(mutual_information) -> str:
    rng = np.random.default_rng(7)
    agree = np.tile(rng.dirichlet(np.ones(4), size=3), (5, 1, 1))  # every pass the same: MI 0
    disagree = rng.dirichlet(np.full(4, 0.3), size=(6, 3))
    certain = np.zeros((4, 2, 3))
    certain[:, :, 0] = 1.0  # zeros in the probabilities
    for passes in (agree, disagree, certain):
        predictive = entropy(passes.mean(axis=0))
        expected = predictive - entropy(passes).mean(axis=0)
        result = call(mutual_information, passes, name="mutual_information")
        nan = "0 · log 0 must count as 0 (clip the probabilities or skip the zeros)."
        value = array(result, expected.shape, "your result (one value per image)", nan)
        hints = {
            "that is the predictive entropy; subtract the average entropy of the single passes.": predictive,
            "the sign is flipped: entropy of the mean minus the mean entropy (never negative).": -expected,
        }
        default = "the values differ from H[mean of the passes] − mean of H[each pass]."
        expect(value, expected, "", hints, default, rel=1e-5, abs_tol=1e-7)
    return "the entropy of the average minus the average entropy: the passes' disagreement, 0 when they agree."
