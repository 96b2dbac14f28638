"""Checkers for the exercises of notebook 04 (the paper's experiments at laptop scale)."""

from __future__ import annotations

import numpy as np

from helpers.exercises._harness import Wrong, array, call, checker, expect, number

__all__ = ["check_closer_k", "check_final_gap"]

#: Histories to try a learner's function on: overfitting, no gap, validation ahead, one epoch.
HISTORIES = (
    {"accuracy": [0.70, 0.85, 0.97], "val_accuracy": [0.72, 0.83, 0.84], "loss": [0.9, 0.4, 0.1]},
    {"accuracy": [0.5, 0.8], "val_accuracy": [0.6, 0.8]},
    {"accuracy": [0.60, 0.78, 0.80], "val_accuracy": [0.70, 0.82, 0.85]},
    {"accuracy": [0.9], "val_accuracy": [0.75]},
    {"accuracy": [0.6, 0.9, 0.85], "val_accuracy": [0.7, 0.88, 0.8]},  # the last epoch is not the best
)


@checker("your function final_gap(history)")
def check_final_gap(final_gap: object) -> str:
    for history in HISTORIES:
        value = number(call(final_gap, history, name="final_gap(history)"))
        train, val = history["accuracy"], history["val_accuracy"]
        expected = train[-1] - val[-1]
        hints = {
            "Keep the sign: a negative gap (validation ahead) is a finding too.": -expected if expected < 0 else None,
            "The sign is flipped: training minus validation.": -expected,
            "That is the first epoch: use the last one, index -1.": train[0] - val[0],
        }
        said = f"for {history} you return {value:.4f}, expected {expected:.4f}."
        expect(value, expected, said, hints, 'Use history["accuracy"][-1] and history["val_accuracy"][-1].')
    return (
        "the gap at the last epoch. For a dropout model fit's training accuracy comes with dropout on, so "
        "measure a fair gap with model.evaluate on both sets."
    )


@checker("5 or 50")
def check_closer_k(closer_k: object, mc_probs: object, deterministic: object) -> str:
    """Measured on the notebook's own ``mc_probs`` (k >= 50, n, C) and ``deterministic`` (n, C)."""
    k = number(closer_k, "your number of passes")
    if k not in (5, 50):
        raise Wrong(f"answer with the number of passes, 5 or 50; got {k:g}.")
    det = array(deterministic, what="deterministic").astype(float)
    mc = array(mc_probs, what="mc_probs").astype(float)
    if mc.ndim != 3 or mc.shape[1:] != det.shape or len(mc) < 50 or det.size == 0:
        raise Wrong(f"run the cells above first: mc_probs must be (k >= 50, n, C), got {mc.shape}, {det.shape}.")
    if not all(np.all((p >= 0) & (p <= 1)) and np.allclose(p.sum(axis=-1), 1, atol=1e-3) for p in (mc, det)):
        raise Wrong("mc_probs and deterministic must hold probabilities (0 to 1, each row summing to 1): rerun above.")
    if np.allclose(mc[:50], mc[0]):
        raise Wrong("every pass in mc_probs gives the same probabilities: run the passes with training=True.")
    distance = {n: float(np.mean(np.abs(mc[:n].mean(axis=0) - det))) for n in (5, 50)}
    numbers = (
        f"mean |average - deterministic| is {distance[5]:.4f} for 5 passes, {distance[50]:.4f} for 50. "
        "The noise of a k-pass average shrinks like 1/sqrt(k)"
    )
    if not distance[5] != distance[50]:  # a tie (or NaN) has no right answer
        raise Wrong(f"{numbers}, but here 5 and 50 passes tie: rerun the Monte-Carlo cell.")
    if k != min(distance, key=distance.get):
        raise Wrong(f"{numbers}.")
    return f"{numbers}; it tends to the ensemble mean, a little apart from weight scaling unless the net is linear."
