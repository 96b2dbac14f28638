"""helpers.training: the MLP builder and the quiet training routine."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from helpers import data, training


@pytest.fixture(scope="module")
def tiny() -> tuple[data.Dataset, data.Dataset]:
    full = data.load_fashion_mnist("test")
    small = data.Dataset(full.images[:600], full.labels[:600])
    return data.split_off_validation(small, 200)


def test_build_mlp_has_the_layers_asked_for() -> None:
    model = training.build_mlp((32, 16), 0.5, input_dropout_rate=0.2, seed=0)
    names = [layer.name for layer in model.layers]
    assert names == ["flatten", "input_dropout", "hidden_1", "dropout_1", "hidden_2", "dropout_2", "output"]
    assert model.output_shape == (None, 10)
    assert model.layers[3].rate == 0.5 and model.layers[1].rate == 0.2


def test_rate_zero_adds_no_dropout_layer() -> None:
    model = training.build_mlp((8,), 0.0, seed=0)
    assert not any("dropout" in layer.name for layer in model.layers)


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


def test_training_is_reproducible_for_a_seed(tiny) -> None:
    train, validation = tiny
    runs = [
        training.train_model(training.build_mlp((16,), 0.5, seed=1), train, validation, epochs=2, batch_size=64)
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hidden_units": ()}, "hidden_units must be a non-empty sequence"),
        ({"hidden_units": 64}, "hidden_units must be a non-empty sequence"),
        ({"hidden_units": (64, 0)}, "hidden_units must hold positive integers"),
        ({"dropout_rate": 1.0}, r"dropout_rate must be in \[0, 1\)"),
        ({"dropout_rate": -0.1}, r"dropout_rate must be in \[0, 1\)"),
        ({"dropout_rate": float("nan")}, r"dropout_rate must be in \[0, 1\)"),
        ({"dropout_rate": "0.5"}, r"dropout_rate must be a number in \[0, 1\)"),
        ({"input_dropout_rate": 1.5}, r"input_dropout_rate must be in \[0, 1\)"),
        ({"learning_rate": 0}, "learning_rate must be a positive number"),
    ],
)
def test_build_mlp_rejects_bad_arguments(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        training.build_mlp(**kwargs)


@pytest.mark.parametrize(("argument", "value"), [("epochs", 0), ("batch_size", -1), ("epochs", 2.0)])
def test_train_model_rejects_bad_sizes(tiny, argument: str, value: object) -> None:
    train, _ = tiny
    with pytest.raises(ValueError, match=f"{argument} must be a positive integer"):
        training.train_model(training.build_mlp((4,), seed=0), train, **{argument: value})


@pytest.mark.parametrize("rate", [0, 0.0, 0.5, 0.999, np.float32(0.2)])
def test_check_rate_accepts_valid_rates(rate: object) -> None:
    assert training.check_rate(rate) == pytest.approx(float(rate))  # type: ignore[arg-type]


@pytest.mark.parametrize("rate", [1, -0.01, float("inf"), float("nan"), None, True, "0.5", [0.5]])
def test_check_rate_names_the_argument_and_range(rate: object) -> None:
    with pytest.raises(ValueError, match=r"my_rate must be .*\[0, 1\)"):
        training.check_rate(rate, "my_rate")


def test_steps_per_execution_gives_the_same_training_as_one_step_per_call() -> None:
    """build_mlp's steps_per_execution only batches calls into TensorFlow: the updates are identical."""
    images = np.random.default_rng(0).random((96, 28, 28), dtype=np.float32)
    labels = np.arange(96) % 10
    losses = []
    for steps_per_execution in (training.STEPS_PER_EXECUTION, 1):
        model = training.build_mlp((16,), 0.5, seed=3)
        if steps_per_execution == 1:
            model.compile(
                optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"]
            )
        history = model.fit(images, labels, epochs=3, batch_size=8, verbose=0, shuffle=False).history
        losses.append(history["loss"])
    assert training.STEPS_PER_EXECUTION > 1
    np.testing.assert_allclose(losses[0], losses[1], rtol=1e-6)
