"""Checkers for the exercises of notebook 03 (Keras ``Dropout(0.5)``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

__all__ = ["check_dropout_placement", "check_inference_output", "check_kept_scale"]

EXPECTED_DENSE = ((128, "relu"), (64, "relu"), (10, "softmax"))
EXERCISE_INPUT = (4.0, 8.0, 12.0)
EXERCISE_RATE = 0.25


def _describe(layer: object) -> str:
    import keras

    if isinstance(layer, keras.layers.Dropout):
        return f"Dropout({layer.rate:g})"
    if isinstance(layer, keras.layers.Dense):
        return f"Dense({layer.units}, {layer.activation.__name__!r})"
    return type(layer).__name__


def check_dropout_placement(model: object) -> bool:
    """Exercise 1: Flatten, Dense 128 relu, Dropout(0.3), Dense 64 relu, Dropout(0.3), Dense 10 softmax."""
    import keras

    if model is None:
        print("No answer yet: build the model and pass it to the checker.")
        return False
    if not isinstance(model, keras.Model) or not hasattr(model, "layers"):
        print(f"Pass a keras.Sequential model, not {type(model).__name__}.")
        return False
    found = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    shown = " → ".join(_describe(layer) for layer in found)
    dense = [layer for layer in found if isinstance(layer, keras.layers.Dense)]
    if [(layer.units, layer.activation.__name__) for layer in dense] != list(EXPECTED_DENSE):
        print(f"Not quite: the Dense layers should be 128 relu, 64 relu, 10 softmax; you have {shown}.")
        return False
    if found and isinstance(found[-1], keras.layers.Dropout):
        print(f"Not quite: {shown}. Dropout after the output layer would zero class probabilities: remove it.")
        return False
    drops = [index for index, layer in enumerate(found) if isinstance(layer, keras.layers.Dropout)]
    if any(not np.isclose(found[index].rate, 0.3) for index in drops):
        print(f"Not quite: {shown}. The exercise asks for Dropout(0.3).")
        return False
    hidden_followed = [
        index + 1 < len(found) and isinstance(found[index + 1], keras.layers.Dropout)
        for index, layer in enumerate(found)
        if isinstance(layer, keras.layers.Dense) and layer.activation.__name__ == "relu"
    ]
    if not all(hidden_followed):
        print(f"Not quite: {shown}. Each hidden Dense layer (after its ReLU) should be followed by Dropout(0.3).")
        return False
    if len(drops) != 2:
        print(f"Not quite: {shown}. Exactly one Dropout after each of the two hidden layers, nowhere else.")
        return False
    print(f"Correct: {shown}. Dropout follows each hidden activation and stays off the output.")
    return True


def check_inference_output(answer: Sequence[float] | None) -> bool:
    """Exercise 2: ``Dropout(0.25)`` on [4, 8, 12] at inference returns [4, 8, 12]."""
    if answer is None:
        print("No answer yet: give the three numbers as a list, e.g. [1.0, 2.0, 3.0].")
        return False
    try:
        values = np.asarray(answer, dtype=float).ravel()
    except (TypeError, ValueError):
        print(f"Give three numbers as a list; got {answer!r}.")
        return False
    x = np.array(EXERCISE_INPUT)
    if values.shape != (3,):
        print(f"Give exactly three numbers, one per input value; got {values.size}.")
        return False
    if np.allclose(values, x):
        print("Correct: Keras uses inverted dropout, so at inference Dropout is the identity.")
        return True
    hints = {
        "scaled by the keep probability (the original method's test-time rule, which Keras does not need)": x * 0.75,
        "scaled by the rate, as the course page says: that is wrong for any method": x * 0.25,
        "scaled by 1/(1 − rate): that is what kept values get in training, not at inference": x / 0.75,
        "some values zeroed: nothing is dropped at inference": None,
    }
    for hint, expected in hints.items():
        if expected is not None and np.allclose(values, expected):
            print(f"Not quite: {values.tolist()} is the input {hint}.")
            return False
    if np.any(values == 0):
        print("Not quite: some values zeroed, but nothing is dropped at inference.")
        return False
    print(f"Not quite: {values.tolist()}. What does training=False do in an inverted-dropout layer?")
    return False


def check_kept_scale(kept_scale: Callable[[float], float] | None) -> bool:
    """Exercise 3: ``kept_scale(rate)`` is 1 / (1 - rate)."""
    if kept_scale is None:
        print("No answer yet: define kept_scale(rate) and pass the function to the checker.")
        return False
    if not callable(kept_scale):
        print(f"Pass the function itself, kept_scale, not {type(kept_scale).__name__}.")
        return False
    for rate in (0.2, 0.5, 0.8, 0.0):
        expected = 1.0 / (1.0 - rate)
        try:
            value = float(kept_scale(rate))
        except Exception as error:  # a learner's bug: report it instead of raising
            print(f"Your function raised {type(error).__name__}: {error} (at rate {rate}).")
            return False
        if np.isclose(value, expected):
            continue
        if np.isclose(value, 1.0 - rate):
            hint = " That is the keep probability; kept values are divided by it."
        elif rate > 0 and np.isclose(value, 1.0 / rate):
            hint = " Divide by the keep probability 1 − rate, not by the rate."
        else:
            hint = ""
        print(f"Not quite: at rate {rate} you return {value:.4f}, expected {expected:.4f}.{hint}")
        return False
    print("Correct: a value kept with probability 1 − rate and scaled by 1/(1 − rate) keeps its expected value.")
    return True
