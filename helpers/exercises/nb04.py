"""Checkers for the exercises of notebook 04 (training versus test)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers.experiments import predictive_entropy

__all__ = ["check_closer_k", "check_entropy", "check_final_gap"]


def _test_histories() -> list[dict[str, list[float]]]:
    """Histories to try a learner's function on: overfitting, no gap, validation ahead, one epoch."""
    return [
        {"accuracy": [0.70, 0.85, 0.97], "val_accuracy": [0.72, 0.83, 0.84], "loss": [0.9, 0.4, 0.1]},
        {"accuracy": [0.5, 0.8], "val_accuracy": [0.6, 0.8]},
        {"accuracy": [0.60, 0.78, 0.80], "val_accuracy": [0.70, 0.82, 0.85]},  # dropout on in training
        {"accuracy": [0.9], "val_accuracy": [0.75]},
    ]


def check_final_gap(final_gap: Callable[[dict[str, list[float]]], float] | None) -> bool:
    """Exercise 1: ``final_gap(history)`` is training minus validation accuracy at the last epoch."""
    if final_gap is None:
        print("No answer yet: define final_gap(history) and pass the function (not a number) to the checker.")
        return False
    if not callable(final_gap):
        print(f"Pass the function itself, final_gap, not {type(final_gap).__name__}.")
        return False
    for history in _test_histories():
        expected = history["accuracy"][-1] - history["val_accuracy"][-1]
        try:
            value = float(final_gap({key: list(values) for key, values in history.items()}))
        except Exception as error:  # a learner's bug: report it instead of raising
            print(f"Your function raised {type(error).__name__}: {error} (on the history {history}).")
            return False
        if np.isclose(value, expected, atol=1e-9):
            continue
        if expected < 0 and np.isclose(value, abs(expected), atol=1e-9):
            hint = " Do not take the absolute value: a negative gap (validation ahead) is a finding too."
        elif np.isclose(value, -expected, atol=1e-9):
            hint = " The sign is flipped: training minus validation, so overfitting gives a positive gap."
        elif np.isclose(value, history["accuracy"][0] - history["val_accuracy"][0], atol=1e-9):
            hint = " That is the first epoch: use the last one, index -1."
        else:
            hint = ' Use history["accuracy"][-1] and history["val_accuracy"][-1].'
        print(f"Not quite: for {history} you return {value:.4f}, expected {expected:.4f}.{hint}")
        return False
    print(
        "Correct: the gap at the last epoch. Remember that for a dropout model Keras measures the training "
        "accuracy with dropout on, so the gap can even be negative."
    )
    return True


def _test_vectors() -> list[np.ndarray]:
    rng = np.random.default_rng(4)
    return [
        np.full(10, 0.1),  # uniform: log(10)
        np.array([1.0, 0.0, 0.0]),  # certain: 0, with zeros
        np.array([0.5, 0.5, 0.0, 0.0]),  # log(2), with zeros
        rng.dirichlet(np.ones(10)),
        rng.dirichlet(np.full(5, 0.3)),
    ]


def check_entropy(entropy_nats: Callable[[np.ndarray], float] | None) -> bool:
    """Exercise 2: ``entropy_nats(probs)`` is ``-sum p log p`` in nats, with 0 log 0 counted as 0."""
    if entropy_nats is None:
        print("No answer yet: define entropy_nats(probs) and pass the function (not a number) to the checker.")
        return False
    if not callable(entropy_nats):
        print(f"Pass the function itself, entropy_nats, not {type(entropy_nats).__name__}.")
        return False
    for probs in _test_vectors():
        expected = float(predictive_entropy(probs))
        try:
            with np.errstate(divide="ignore", invalid="ignore"):
                value = float(entropy_nats(probs.copy()))
        except Exception as error:  # a learner's bug: report it instead of raising
            print(f"Your function raised {type(error).__name__}: {error} (on {np.round(probs, 3).tolist()}).")
            return False
        if np.isclose(value, expected, atol=1e-6):
            continue
        shown = np.round(probs, 3).tolist()
        if np.isnan(value):
            hint = " You get nan: 0 * log(0) must count as 0 (skip the zero probabilities or clip them)."
        elif np.isclose(value, -expected, atol=1e-6):
            hint = " The sign is flipped: entropy is minus the sum of p log p, and never negative."
        elif np.isclose(value, expected / np.log(2), atol=1e-6):
            hint = " That is in bits (log base 2); use the natural logarithm, np.log, for nats."
        else:
            hint = " Compute -(p * log p) summed over the classes, with np.log."
        print(f"Not quite: for {shown} you return {value:.4f}, expected {expected:.4f}.{hint}")
        return False
    print("Correct: 0 nats for a certain prediction, log(10) = 2.303 nats for ten equally likely classes.")
    return True


def check_closer_k(closer_k: object, mc_probs: np.ndarray, deterministic: np.ndarray) -> bool:
    """Exercise 3: which of 5 or 50 averaged passes lies closer to the deterministic probabilities.

    The answer is measured on the learner's own ``mc_probs`` (k, n, C) and ``deterministic`` (n, C).
    """
    mc = np.asarray(mc_probs, dtype=float)
    det = np.asarray(deterministic, dtype=float)
    if mc.ndim != 3 or mc.shape[1:] != det.shape or mc.shape[0] < 50:
        raise ValueError(
            f"mc_probs must have shape (k >= 50, n, C) matching deterministic (n, C); got {mc.shape} and {det.shape}"
        )
    distance = {k: float(np.mean(np.abs(mc[:k].mean(axis=0) - det))) for k in (5, 50)}
    measured = min(distance, key=distance.get)
    numbers = f"mean |average − deterministic|: {distance[5]:.4f} for 5 passes, {distance[50]:.4f} for 50"
    if closer_k is None:
        print("No answer yet: set closer_k to 5 or 50 before you look at the numbers.")
        return False
    if isinstance(closer_k, bool) or closer_k not in (5, 50):
        print(f"Answer with the number of passes, 5 or 50; got {closer_k!r}.")
        return False
    if closer_k != measured:
        print(
            f"Not this time: {numbers}. The average of k passes is a Monte-Carlo estimate whose noise shrinks "
            "like 1/sqrt(k), so more passes land closer to the deterministic network (down to the small, fixed "
            "difference between the average over thinned networks and weight scaling)."
        )
        return False
    print(
        f"Correct: {numbers}. The noise of a k-pass average shrinks like 1/sqrt(k); what is left at large k is "
        "the small, fixed difference between the average over thinned networks and weight scaling."
    )
    return True
