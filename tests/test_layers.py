"""helpers.layers.ScratchDropout: the from-scratch Keras layer, tested against keras.layers.Dropout."""

from __future__ import annotations

import math

import keras
import numpy as np
import pytest

from helpers import data, training
from helpers.dropout import binomial_interval
from helpers.layers import ScratchDropout

SHAPE = (64, 1024)  # 65,536 values: the kept fraction is known to about +-0.008 (4 standard errors)


def _kept_fraction(outputs: np.ndarray) -> float:
    return float(np.mean(outputs != 0))


@pytest.mark.parametrize("rate", [0.2, 0.5, 0.8])
def test_training_keeps_about_one_minus_rate_and_scales_survivors_exactly(rate: float) -> None:
    x = np.random.default_rng(0).uniform(0.5, 1.5, SHAPE).astype("float32")  # no zeros in the input
    out = keras.ops.convert_to_numpy(ScratchDropout(rate, seed=1)(x, training=True))
    low, high = binomial_interval(x.size, 1 - rate)
    assert low <= _kept_fraction(out) <= high
    kept = out != 0
    np.testing.assert_allclose(out[kept], x[kept] / np.float32(1 - rate), rtol=1e-6)
    assert out.dtype == np.float32


@pytest.mark.parametrize("rate", [0.2, 0.5, 0.8])
def test_same_statistics_as_keras_dropout(rate: float) -> None:
    """Kept fraction and mean of both layers on the same input agree within their sampling error."""
    x = np.ones(SHAPE, dtype="float32")
    scratch = keras.ops.convert_to_numpy(ScratchDropout(rate, seed=2)(x, training=True))
    reference = keras.ops.convert_to_numpy(keras.layers.Dropout(rate, seed=2)(x, training=True))
    standard_error = math.sqrt(rate * (1 - rate) / x.size)
    assert abs(_kept_fraction(scratch) - _kept_fraction(reference)) < 4 * math.sqrt(2) * standard_error
    # both keep the expected activation: mean of x / (1 - rate) * keep is 1 within sampling error
    mean_se = math.sqrt(rate / (1 - rate) / x.size)
    assert abs(scratch.mean() - 1) < 4 * mean_se and abs(reference.mean() - 1) < 4 * mean_se
    assert set(np.unique(scratch)) == set(np.unique(reference)) == {0.0, np.float32(1 / (1 - rate))}


def test_inference_and_rate_zero_are_the_identity() -> None:
    x = np.random.default_rng(1).normal(size=(8, 5)).astype("float32")
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(ScratchDropout(0.5)(x)), x)  # training=False default
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(ScratchDropout(0.5)(x, training=False)), x)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(ScratchDropout(0.0)(x, training=True)), x)


def test_a_seed_repeats_the_masks_and_every_call_and_example_gets_a_new_mask() -> None:
    x = np.ones((4, 256), dtype="float32")
    first, second = ScratchDropout(0.5, seed=7), ScratchDropout(0.5, seed=7)
    a1, a2 = (keras.ops.convert_to_numpy(first(x, training=True)) for _ in range(2))
    b1 = keras.ops.convert_to_numpy(second(x, training=True))
    np.testing.assert_array_equal(a1, b1)  # same seed, same first mask
    assert not np.array_equal(a1, a2)  # the next call (training step) draws a new mask
    assert not np.array_equal(a1[0], a1[1])  # each example has its own mask


def test_noise_shape_shares_one_mask_along_an_axis() -> None:
    x = np.ones((3, 6, 40), dtype="float32")
    out = keras.ops.convert_to_numpy(ScratchDropout(0.5, noise_shape=(None, 1, 40), seed=0)(x, training=True))
    for example in out:
        assert (example == example[0]).all()  # the same features dropped at every step
    assert not np.array_equal(out[0], out[1])  # but each example has its own mask
    with pytest.raises(ValueError, match="noise_shape needs one entry per input dimension"):
        ScratchDropout(0.5, noise_shape=(None, 40))(x, training=True)


def test_in_a_model_fit_uses_dropout_and_predict_does_not() -> None:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(64, activation="relu"), ScratchDropout(0.5)])
    x = np.random.default_rng(0).normal(size=(16, 20)).astype("float32")
    np.testing.assert_array_equal(model.predict(x, verbose=0), model.predict(x, verbose=0))
    assert not np.array_equal(model(x, training=True), model(x, training=True))


def test_config_round_trip_and_serialisation() -> None:
    layer = ScratchDropout(0.3, noise_shape=(None, 1), seed=5, name="mine")
    config = layer.get_config()
    assert config["rate"] == 0.3 and config["noise_shape"] == (None, 1) and config["seed"] == 5
    clone = ScratchDropout.from_config(config)
    assert (clone.rate, clone.noise_shape, clone.seed, clone.name) == (0.3, (None, 1), 5, "mine")
    restored = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(layer))
    assert isinstance(restored, ScratchDropout) and restored.rate == 0.3


@pytest.mark.parametrize("rate", [1.0, -0.1, math.nan, "0.5"])
def test_bad_rates_are_refused_naming_rate(rate) -> None:
    with pytest.raises(ValueError, match="rate"):
        ScratchDropout(rate)


def _train(layer_class: type, seed: int, train: data.Dataset, validation: data.Dataset) -> float:
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input((28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            layer_class(0.5),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    training.train_model(model, train, epochs=5, batch_size=128)
    return training.evaluate(model, validation)["accuracy"]


def test_training_with_it_matches_training_with_keras_dropout() -> None:
    """Same initial weights, different random masks: validation accuracies agree within 0.03."""
    full = data.load_fashion_mnist("test")
    train, validation = data.split_off_validation(data.Dataset(full.images[:3000], full.labels[:3000]), 1000)
    scratch = _train(ScratchDropout, 0, train, validation)
    reference = _train(keras.layers.Dropout, 0, train, validation)
    assert scratch > 0.7 and reference > 0.7
    assert abs(scratch - reference) < 0.03, (scratch, reference)


def test_noise_shape_takes_numpy_integers_and_refuses_what_keras_refuses() -> None:
    assert ScratchDropout(0.5, noise_shape=[np.int64(2), None]).noise_shape == (2, None)
    assert type(ScratchDropout(0.5, noise_shape=(np.int32(3),)).noise_shape[0]) is int
    refused = {
        "a tuple or list of integers": ["Invalid", 5, b"ab", {1, 2}],
        "all elements to be integers or None": [(20, 1.5), (True, 2), ("1", 2)],
        "all dimensions to be positive integers or None": [(20, 0), (-1, None)],
    }
    for expected, values in refused.items():
        for value in values:
            with pytest.raises(
                ValueError, match=rf"^Invalid value received for argument `noise_shape`\. Expected {expected}\."
            ):
                ScratchDropout(0.5, noise_shape=value)


def test_it_is_built_at_instantiation_unless_a_subclass_has_its_own_build() -> None:
    assert ScratchDropout(0.5).built

    class WithBuild(ScratchDropout):
        def build(self, input_shape) -> None:
            pass

    assert not WithBuild(0.5).built


def test_seeds_follow_keras_rule_numpy_integers_included_and_bad_seeds_are_named() -> None:
    x = np.ones((4, 50), "float32")
    first, second = ScratchDropout(0.5, seed=np.int64(7)), ScratchDropout(0.5, seed=7)
    assert first.seed == 7 and type(first.seed) is int
    np.testing.assert_array_equal(first(x, training=True), second(x, training=True))
    ScratchDropout(0.5, seed=-1), ScratchDropout(0.5, seed=np.uint32(2**32 - 1))  # Keras accepts any 64-bit int
    for bad in (2.5, 5.0, "5", True, np.float64(5), math.nan, [5], 2**64):
        with pytest.raises(ValueError, match=r"^seed must be an integer from -9,223,372,036,854,775,808"):
            ScratchDropout(0.5, seed=bad)


@pytest.mark.parametrize(
    "inputs", [None, "x", 5j, {}, {1}, [[1.0], [1.0, 2.0]], np.array([1, None]), np.ones((2, 3), int)]
)
def test_inputs_that_are_not_floats_are_refused_by_name(inputs) -> None:
    with pytest.raises(TypeError, match=r"^inputs must be a tensor or array of floats"):
        ScratchDropout(0.5, seed=0)(inputs, training=True)
