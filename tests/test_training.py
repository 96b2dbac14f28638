"""helpers.training: the network, training and evaluation that notebook 01 writes out (#@save)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import data, training


@pytest.fixture(scope="module")
def tiny() -> tuple[data.Dataset, data.Dataset]:
    full = data.load_fashion_mnist("test")
    small = data.Dataset(full.images[:600], full.labels[:600])
    return data.split_off_validation(small, 200)


def test_build_mlp_puts_dropout_after_each_hidden_layer() -> None:
    model = training.build_mlp((32, 16), 0.5, seed=0)
    names = [layer.name for layer in model.layers]
    assert names[1:] == ["hidden_1", "dropout_1", "hidden_2", "dropout_2", "output"]
    assert model.output_shape == (None, 10)
    assert model.get_layer("dropout_2").rate == 0.5


def test_rate_zero_adds_no_dropout_layer() -> None:
    model = training.build_mlp((8,), 0.0, seed=0)
    assert not any("dropout" in layer.name for layer in model.layers)


@pytest.mark.parametrize("rate", [-0.1, 1.5])
def test_a_rate_outside_zero_one_is_refused_by_keras(rate: float) -> None:
    with pytest.raises(ValueError, match="rate"):
        training.build_mlp((8,), rate)


def test_same_seed_same_initial_weights_other_seed_other_weights() -> None:
    first = training.build_mlp((8,), seed=5).get_weights()[0]
    again = training.build_mlp((8,), seed=5).get_weights()[0]
    other = training.build_mlp((8,), seed=6).get_weights()[0]
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


def test_training_returns_one_value_per_epoch_and_learns(tiny) -> None:
    train, validation = tiny
    model = training.build_mlp((32,), 0.2, seed=0)
    history = training.train_model(model, train, validation, epochs=5, batch_size=64)
    assert sorted(history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert all(len(values) == 5 for values in history.values())
    assert history["loss"][-1] < history["loss"][0]
    scores = training.evaluate(model, validation)
    assert scores["accuracy"] > 0.5  # well above the 0.1 of guessing, after 5 epochs on 400 images


def test_training_without_validation_data(tiny) -> None:
    train, _ = tiny
    history = training.train_model(training.build_mlp((8,), seed=0), train, epochs=2)
    assert sorted(history) == ["accuracy", "loss"]


def test_training_is_reproducible_for_a_seed(tiny) -> None:
    train, validation = tiny
    runs = [
        training.train_model(training.build_mlp((16,), 0.5, seed=1), train, validation, epochs=2, batch_size=64)
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_evaluate_is_inference_mode(tiny) -> None:
    """Dropout is off in evaluate: two calls agree, and they match the model's own predictions."""
    train, validation = tiny
    model = training.build_mlp((16,), 0.5, seed=2)
    training.train_model(model, train, epochs=1)
    first, second = training.evaluate(model, validation), training.evaluate(model, validation)
    assert first == second
    predicted = np.argmax(model.predict(validation.images, verbose=0), axis=1)
    assert first["accuracy"] == pytest.approx(np.mean(predicted == validation.labels), abs=1e-6)


def test_steps_per_execution_gives_the_same_training_as_one_step_per_call() -> None:
    """build_mlp's steps_per_execution=16 only batches calls into TensorFlow: the updates are identical."""
    images = np.random.default_rng(0).random((96, 28, 28), dtype=np.float32)
    labels = np.arange(96) % 10
    losses = []
    for steps_per_execution in (16, 1):
        model = training.build_mlp((16,), 0.5, seed=3)
        assert model.steps_per_execution == 16
        if steps_per_execution == 1:
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        history = model.fit(images, labels, epochs=3, batch_size=8, verbose=0, shuffle=False).history
        losses.append(history["loss"])
    np.testing.assert_allclose(losses[0], losses[1], rtol=1e-6)
