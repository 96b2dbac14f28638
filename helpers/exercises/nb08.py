"""Checkers for the exercises of notebook 08 (uncertainty from dropout)."""

from __future__ import annotations

import numpy as np

from helpers.exercises._harness import array, call, checker, entropy, expect, number

__all__ = ["check_entropy", "check_mutual_information"]


@checker("your function entropy_nats(probs)")
def check_entropy(entropy_nats: object) -> str:
    rng = np.random.default_rng(4)
    vectors = (np.full(10, 0.1), np.array([1.0, 0, 0]), np.array([0.5, 0.5, 0, 0]), rng.dirichlet(np.ones(10)))
    for probs in vectors:
        result = call(entropy_nats, probs.copy(), name=f"entropy_nats({np.round(probs, 3).tolist()})")
        value = number(result, "your entropy", nan="0 * log(0) must count as 0 (skip the zero probabilities).")
        expected = entropy(probs)
        hints = {
            "The sign is flipped: entropy is minus the sum of probs · log(probs).": -expected,
            "That is in bits (log base 2); use np.log for nats.": expected / np.log(2),
        }
        said = f"for {np.round(probs, 3).tolist()} you return {value:.4f}, expected {expected:.4f}."
        expect(value, expected, said, hints, "Compute -(probs * log(probs)) summed over the classes.", abs_tol=1e-6)
    return "0 nats for a certain prediction, log(10) = 2.303 nats for ten equally likely classes."


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
        result = call(mutual_information, passes.copy(), name="mutual_information")
        nan = "0 · log 0 must count as 0 (clip the probabilities or skip the zeros)."
        value = array(result, expected.shape, "your result (one value per image)", nan)
        hints = {
            "that is the predictive entropy; subtract the average entropy of the single passes.": predictive,
            "the sign is flipped: entropy of the mean minus the mean entropy (never negative).": -expected,
        }
        default = "the values differ from H[mean of the passes] − mean of H[each pass]."
        expect(value, expected, "", hints, default, rel=1e-5, abs_tol=1e-7)
    return "the entropy of the average minus the average entropy: the passes' disagreement, 0 when they agree."
