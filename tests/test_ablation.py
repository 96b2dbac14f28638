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


@pytest.mark.parametrize(
    ("change", "error", "name"),
    [
        ({"hidden": np.zeros((0, 12))}, ValueError, "hidden"),
        ({"kernel": np.zeros((11, 4))}, ValueError, "kernel"),
        ({"bias": np.zeros(3)}, ValueError, "bias"),
        ({"labels": np.zeros(300)}, ValueError, "labels"),
        ({"labels": np.full(300, 4)}, ValueError, "labels"),
        ({"removed": np.zeros(12)}, TypeError, "removed"),
        ({"removed": np.zeros(11, dtype=bool)}, ValueError, "removed"),
    ],
)
def test_accuracy_without_units_rejects_bad_input(change, error, name) -> None:
    hidden, kernel, bias, labels = _problem()
    arguments = {"hidden": hidden, "kernel": kernel, "bias": bias, "labels": labels, "removed": np.zeros(12, bool)}
    arguments.update(change)
    with pytest.raises(error, match=name):
        ablation.accuracy_without_units(**arguments)


def test_random_removal_rejects_bad_input() -> None:
    hidden, kernel, bias, labels = _problem()
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="counts"):
        ablation.random_removal(hidden, kernel, bias, labels, [13], rng=rng)
    with pytest.raises(ValueError, match="counts"):
        ablation.random_removal(hidden, kernel, bias, labels, [], rng=rng)
    with pytest.raises(ValueError, match="n_draws"):
        ablation.random_removal(hidden, kernel, bias, labels, [1], n_draws=0, rng=rng)
    with pytest.raises(TypeError, match="rng"):
        ablation.random_removal(hidden, kernel, bias, labels, [1], rng=0)


def test_on_a_keras_model_removal_matches_zeroed_weights_in_keras() -> None:
    from helpers import training

    rng = np.random.default_rng(0)
    images = rng.random((64, 28, 28)).astype(np.float32)
    labels = rng.integers(0, 10, 64)
    model = training.build_mlp((16,), 0.5, seed=0)
    hidden = ablation.last_hidden_activations(model, images)
    weights = model.get_layer("hidden_1").get_weights()
    np.testing.assert_allclose(hidden, np.maximum(images.reshape(64, -1) @ weights[0] + weights[1], 0), atol=1e-5)
    kernel, bias = ablation.output_weights(model)
    assert kernel.shape == (16, 10) and bias.shape == (10,)
    removed = np.zeros(16, dtype=bool)
    removed[[1, 4, 9]] = True
    ours = ablation.accuracy_without_units(hidden, kernel, bias, labels, removed)
    zeroed = kernel.copy()
    zeroed[removed] = 0.0
    model.get_layer("output").set_weights([zeroed, bias])
    keras_accuracy = float((model.predict(images, verbose=0).argmax(axis=1) == labels).mean())
    assert ours == pytest.approx(keras_accuracy)


def test_keras_helpers_need_an_output_layer() -> None:
    import keras

    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="last")])
    with pytest.raises(ValueError, match="output"):
        ablation.output_weights(model)
    with pytest.raises(ValueError, match="output"):
        ablation.last_hidden_activations(model, np.zeros((2, 4)))
