"""Checkers for the exercises of notebook 09 (why dropout works, and its family)."""

from __future__ import annotations

import numpy as np

from helpers.exercises._harness import Wrong, array, call, checker, expect, number

__all__ = ["check_drop_path_rates", "check_dropconnect_mask_shape", "check_penalty_coefficient"]


@checker("your function penalty_coefficient(rate) for GaussianDropout(rate)")
def check_penalty_coefficient(penalty_coefficient) -> str:
    for rate in (0.5, 0.2, 0.8, 0.1):
        keep = 1 - rate
        expected = rate / keep
        value = number(call(penalty_coefficient, rate, name="penalty_coefficient"), f"penalty_coefficient({rate})")
        hints = {
            "That is the noise's standard deviation; step 4 of the derivation uses its variance.": np.sqrt(rate / keep),
            "That is the paper's p(1 − p), the variance of an unscaled 0/1 mask; this noise has mean 1.": rate * keep,
            "That is the rate itself; the penalty is the variance of the noise, rate/(1 − rate).": rate,
            "That is p/(1 − p): the keep probability over the rate, upside down.": keep / rate,
            "That is 1/p, the second moment of the noise; subtract the squared mean, 1.": 1 / keep,
        }
        said = f"penalty_coefficient({rate}) returned {value:.6g}; expected {expected:.6g}."
        expect(value, expected, said, hints, rel=1e-3)
    return (
        "only the noise's mean (1) and variance enter the expected loss, so Gaussian noise with the variance of "
        "m/p, rate/(1 − rate), adds the same ridge penalty as dropout."
    )


def _rates(result: object, depth: int) -> np.ndarray:
    """A learner's per-block rates as a 1-D array of ``depth`` numbers, or Wrong."""
    return array(result, (depth,), f"your list for depth {depth}")


@checker("your function drop_path_rates(drop_path_rate, depth)")
def check_drop_path_rates(drop_path_rates) -> str:
    for rate, depth in ((0.1, 12), (0.3, 6), (0.5, 2), (0.2, 1)):
        expected = np.linspace(0, rate, depth)
        value = _rates(call(drop_path_rates, rate, depth, name="drop_path_rates"), depth)
        hints = {
            "That is Huang et al.'s l/L for l = 1..L; timm starts at 0 for the first block.": (
                np.arange(1, depth + 1) / depth * rate
            ),
            "Those are survival probabilities (1 − rate); the question asks for drop rates.": 1 - expected,
            "Every block gets the same rate; the rates rise linearly from 0.": np.full(depth, rate),
            "The order is reversed: the first block gets 0, the last drop_path_rate.": expected[::-1],
            "The rates stop short of drop_path_rate: the last block gets exactly drop_path_rate.": (
                np.arange(depth) / depth * rate
            ),
        }
        said = f"drop_path_rates({rate}, {depth}) gave {np.round(value, 4).tolist()}."
        expect(value, expected, said, hints, "Expected 0 at the first block, drop_path_rate at the last.", rel=1e-3)
    return (
        "linspace(0, drop_path_rate, depth): early blocks, which every later block builds on, are almost always kept."
    )


@checker("your function dropconnect_mask_shape(batch, inputs, units, per_example)")
def check_dropconnect_mask_shape(dropconnect_mask_shape) -> str:
    for batch, inputs, units in ((64, 784, 256), (8, 3, 5)):
        for per_example in (True, False):
            expected = (batch, inputs, units) if per_example else (inputs, units)
            result = call(dropconnect_mask_shape, batch, inputs, units, per_example, name="dropconnect_mask_shape")
            if isinstance(result, (list, tuple)) and any(isinstance(d, (bool, np.bool_)) for d in result):
                raise Wrong("return the sizes as integers, such as (3, 5), not True or False.")
            try:
                shape = tuple(int(dim) for dim in result)
                same = len(shape) == len(result) and all(float(a) == b for a, b in zip(result, shape, strict=True))
            except (TypeError, ValueError, OverflowError):
                raise Wrong(f"return a tuple of integers such as (3, 5); got {type(result).__name__}") from None
            if not same:
                raise Wrong("return whole numbers, such as (3, 5).")
            hints = {
                (batch, units): "(batch, units) is Dropout on the layer's outputs; DropConnect masks weights.",
                (batch, inputs): "(batch, inputs) is Dropout on the layer's inputs; DropConnect masks weights.",
                (inputs, units): "(inputs, units) is one mask for the whole batch; per example adds the batch axis.",
                (batch, inputs, units): "(batch, inputs, units) is one mask per example; per batch drops that axis.",
                (units, inputs): "Keras stores a Dense kernel as (inputs, units).",
                (batch, units, inputs): "Keras stores a Dense kernel as (inputs, units).",
            }
            if shape != expected:
                mode = "per_example=True" if per_example else "per_example=False"
                raise Wrong(f"for batch {batch}, {inputs} inputs, {units} units and {mode} you gave {shape}. "
                            + hints.get(shape, f"Expected {expected}."))  # fmt: skip
    return "a mask for every weight: the kernel's (inputs, units), once per batch or once per example."
