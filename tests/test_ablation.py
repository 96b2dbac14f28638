"""Removing hidden units (helpers/ablation.py): NumPy logic against a plain loop and against Keras."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import ablation


def _problem(seed: int = 0, n: int = 300, units: int = 12, classes: int = 4):
    rng = np.random.default_rng(seed)
    hidden = np.maximum(rng.normal(size=(n, units)), 0).astype(np.float32)
    kernel = rng.normal(size=(units, classes)).astype(np.float32)
    bias = rng.normal(size=classes).astype(np.float32) * 0.1
    labels = (hidden @ kernel + bias + rng.normal(scale=0.5, size=(n, classes))).argmax(axis=1)
    return hidden, kernel, bias, labels


def _accuracy_by_zeroing_rows(hidden, kernel, bias, labels, units) -> float:
    """The definition: zero the outgoing weights of the removed units, then predict."""
    zeroed = kernel.copy()
    zeroed[list(units)] = 0.0
    return float(((hidden @ zeroed + bias).argmax(axis=1) == labels).mean())


def test_removing_nothing_gives_the_intact_accuracy_and_removing_everything_leaves_the_bias() -> None:
    hidden, kernel, bias, labels = _problem()
    units = hidden.shape[1]
    intact = ablation.accuracy_without_units(hidden, kernel, bias, labels, np.zeros(units, dtype=bool))
    assert intact == pytest.approx(float(((hidden @ kernel + bias).argmax(1) == labels).mean()))
    nothing_left = ablation.accuracy_without_units(hidden, kernel, bias, labels, np.ones(units, dtype=bool))
    assert nothing_left == pytest.approx(float((labels == bias.argmax()).mean()))


def test_removal_equals_zeroing_the_outgoing_weights_for_many_masks_at_once() -> None:
    hidden, kernel, bias, labels = _problem(seed=3)
    rng = np.random.default_rng(0)
    masks = rng.random((15, hidden.shape[1])) < 0.4
    accuracies = ablation.accuracy_without_units(hidden, kernel, bias, labels, masks)
    assert accuracies.shape == (15,)
    for mask, accuracy in zip(masks, accuracies, strict=True):
        assert accuracy == pytest.approx(_accuracy_by_zeroing_rows(hidden, kernel, bias, labels, np.flatnonzero(mask)))


def test_single_unit_removal_matches_a_loop_over_units() -> None:
    hidden, kernel, bias, labels = _problem(seed=5)
    each = ablation.single_unit_removal(hidden, kernel, bias, labels)
    assert each.shape == (hidden.shape[1],)
    for unit, accuracy in enumerate(each):
        assert accuracy == pytest.approx(_accuracy_by_zeroing_rows(hidden, kernel, bias, labels, [unit]))


def test_random_removal_is_reproducible_and_removes_exactly_k_units() -> None:
    hidden, kernel, bias, labels = _problem(seed=7)
    counts = [0, 3, 12]
    first = ablation.random_removal(hidden, kernel, bias, labels, counts, n_draws=5, rng=np.random.default_rng(1))
    again = ablation.random_removal(hidden, kernel, bias, labels, counts, n_draws=5, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(first, again)
    assert first.shape == (3, 5)
    intact = ablation.accuracy_without_units(hidden, kernel, bias, labels, np.zeros(12, dtype=bool))
    np.testing.assert_allclose(first[0], intact)  # k = 0
    np.testing.assert_allclose(first[2], float((labels == bias.argmax()).mean()))  # k = all units
    # k = 3: every draw is one of the C(12, 3) subsets
    rng = np.random.default_rng(1)
    for _ in range(5):  # replay the same calls: first the five empty draws of the row k = 0
        rng.choice(12, size=0, replace=False)
    expected = [
        _accuracy_by_zeroing_rows(hidden, kernel, bias, labels, rng.choice(12, size=3, replace=False)) for _ in range(5)
    ]
    np.testing.assert_allclose(first[1], expected)


def test_examples_with_nan_or_infinite_activations_count_as_wrong() -> None:
    # argmax of a NaN row is 0: without care, a NaN example whose label is 0 would count as correct
    hidden = np.ones((4, 3), dtype=np.float32)
    hidden[1] = np.nan
    hidden[2, 0] = np.inf
    kernel = np.eye(3, dtype=np.float32)
    labels = np.zeros(4, dtype=int)
    kernel[:, 0] += 1  # every finite example predicts class 0, its label
    accuracy = ablation.accuracy_without_units(hidden, kernel, np.zeros(3), labels, np.zeros(3, dtype=bool))
    assert accuracy == 0.5  # examples 0 and 3 only
    everything_nan = np.full((5, 3), np.nan, dtype=np.float32)
    each = ablation.single_unit_removal(everything_nan, kernel, np.zeros(3), np.zeros(5, dtype=int))
    assert (each == 0).all()
