"""Checkers for the exercises of notebook 03 (Keras ``Dropout(0.5)``)."""

from __future__ import annotations

import keras
import numpy as np

from helpers.exercises._harness import Wrong, _error, array, call, checker, close, expect, number

__all__ = ["check_dropout_placement", "check_inference_output", "check_kept_scale"]


def _layers(model: object) -> list:
    """The model's layers in order, nested models flattened, input layers left out."""
    found = []
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            found += _layers(layer)
        elif not isinstance(layer, keras.layers.InputLayer):
            found.append(layer)
    return found


#: Layers that act only in training; the exercise wants keras.layers.Dropout itself.
_NOISE = (keras.layers.Dropout, keras.layers.GaussianDropout, keras.layers.GaussianNoise, keras.layers.AlphaDropout)


def _input_hint(model: keras.Model, error: Exception) -> str:
    """Why ``model`` could not take 28×28 images: the input shape it expects, else the error in one line."""
    try:
        return f"it expects inputs of shape {tuple(model.input_shape)}"
    except Exception:  # a model without a known input shape
        return _error(error)


def _mask_problem(noise_shape: tuple | None, width: int) -> str:
    """What is wrong with a Dropout's ``noise_shape`` on (examples, width) inputs; "" when each value gets its coin."""
    if noise_shape is None or tuple(noise_shape) in ((None, None), (None, width)):
        return ""
    if tuple(noise_shape)[:1] == (1,):
        return "every example gets the same mask (noise_shape=(1, ...)): dropout draws one per example."
    if tuple(noise_shape) == (None, 1):
        return (
            "noise_shape=(None, 1) drops a whole layer or nothing for each example (one coin per example); "
            "dropout tosses a coin for every unit."
        )
    return f"noise_shape={tuple(noise_shape)} does not give every example and unit its own coin."


@checker("your keras.Sequential model")
def check_dropout_placement(model: object) -> str:
    """Judged by what the model computes at inference and by its Dropout layers' settings, never by a random mask.

    Softmax last; widths 128, 64, 10; exactly two layers that act in training, both ``Dropout(0.3)`` with the
    default mask (one per example and unit), on the 128 and 64 ReLU outputs (or just before that ReLU: zeroing and
    scaling commute with it), so every model that computes the same function passes.
    """
    if not isinstance(model, keras.Model):
        raise Wrong(f"pass a keras.Sequential model, not a {type(model).__name__}.")
    x = np.random.default_rng(0).random((256, 28, 28)).astype("float32")
    try:
        output = model(x, training=False)
    except Exception as error:
        raise Wrong(
            f"your model cannot take a batch of 28×28 images ({_input_hint(model, error)}); "
            "start it with keras.Input(shape=(28, 28)) and Flatten()."
        ) from None
    output = array(np.asarray(output), what="your model's output")
    if output.shape != (256, 10):
        extra = " Did you forget Flatten?" if output.ndim > 2 else ""
        raise Wrong(f"for 256 images your model returns shape {output.shape}; expected (256, 10).{extra}")
    h, drops, widths, softmax_at, layers = x, [], [], None, _layers(model)
    for index, layer in enumerate(layers):
        h_next = np.asarray(layer(h, training=False))
        if isinstance(layer, _NOISE):
            before = h
            if np.any(h < 0) and index + 1 < len(layers):  # Dropout then ReLU is the same function
                following = np.asarray(layers[index + 1](h, training=False))
                before = following if close(following, np.maximum(h, 0)) else h
            drops.append((len(widths), layer, before))
        if layer.weights:
            widths.append(h_next.shape[-1])
        probabilities = h_next.ndim == 2 and h_next.shape[1] == 10 and np.all(h_next >= 0)
        if softmax_at is None and probabilities and close(h_next.sum(axis=1), np.ones(len(h_next)), 1e-4):
            softmax_at = index
        h = h_next
    if softmax_at != len(layers) - 1:
        raise Wrong("the softmax must be the last layer: a layer after it changes the probabilities.")
    if widths != [128, 64, 10]:
        raise Wrong(f"the layers with weights have widths {widths}; the exercise asks for 128, 64 and 10.")
    if [after for after, _, _ in drops] != [1, 2]:
        raise Wrong("put one Dropout after each of the two hidden layers (128 and 64 units), and nowhere else.")
    for _, layer, before in drops:
        if type(layer) is not keras.layers.Dropout or not close(layer.rate, 0.3):
            used = f"{type(layer).__name__}({getattr(layer, 'rate', '')})"
            raise Wrong(f"your model has {used}; the exercise asks for Dropout(0.3).")
        if np.any(before < 0) or np.mean(before == 0) < 0.05:
            raise Wrong("the hidden layers need ReLU activations, with Dropout after the activation.")
        problem = _mask_problem(layer.noise_shape, before.shape[-1])
        if problem:
            raise Wrong(f"{problem} Leave noise_shape out.")
    return "Dropout(0.3) acts on each hidden layer's ReLU output, with a mask per example, and stays off the output."


@checker("your three numbers, as a list")
def check_inference_output(answer: object) -> str:
    values = array(answer, what="your answer").astype(float).reshape(-1)
    if values.shape != (3,):
        raise Wrong(f"give exactly three numbers, one per input value; you gave {values.size}.")
    x = np.array([4.0, 8.0, 12.0])  # the input of Dropout(0.25)
    hints = {
        "scaled by the keep probability: the original method's test-time rule, which Keras does not need.": x * 0.75,
        "scaled by the rate, as the course page says: never right in Keras (classic dropout only at 0.5).": x * 0.25,
        "scaled by 1/(1 - rate): that is what kept values get in training, not at inference.": x / 0.75,
        "with values zeroed: nothing is dropped at inference.": np.where(values == 0, 0, x),
    }
    expect(values, x, f"{values.tolist()} is the input", hints, "changed; what does training=False do?")
    return "Keras uses inverted dropout, so at inference Dropout is the identity."


@checker("your function kept_scale(rate)")
def check_kept_scale(kept_scale: object) -> str:
    for rate in (0.2, 0.5, 0.8, 0.0):
        value = number(call(kept_scale, rate), f"kept_scale({rate})")
        hints = {
            "That is the rate itself, the share of values dropped (the course page scales by it). Kept values "
            "are scaled up to make up for the dropped ones: which s keeps (1 - rate)·x·s equal to x?": rate,
            "That is the keep probability; kept values are divided by it.": 1 - rate,
            "Divide by the keep probability 1 - rate, not by the rate.": 1 / rate if rate else None,
        }
        expect(value, 1 / (1 - rate), f"kept_scale({rate}) returned {value:.4g}, expected {1 / (1 - rate):.4g}.", hints)
    return "a value kept with probability 1 - rate and scaled by 1/(1 - rate) keeps its expected value."
