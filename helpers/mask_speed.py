"""How long does applying a dropout mask take on a CPU? Notebook 02 times five methods side by side.

The NumPy masks are :func:`helpers.dropout.dropout_forward` and the 16-bit
:func:`helpers.dropout.fast_dropout_forward` (driven by NumPy's SFC64 bit generator); the TensorFlow
ones are eager calls. Each repeat times every method once, in a rotated order; the median is reported.
"""

from __future__ import annotations

import statistics
import timeit
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from helpers import dropout
from helpers._checks import check_choice, check_int, check_seed, is_real_number

__all__ = ["METHODS", "Timing", "measure_mask_speed"]

METHODS: dict[str, str] = {
    "copy": "plain copy (memory floor)",
    "numpy": "straightforward NumPy mask",
    "fast": "fast 16-bit NumPy mask",
    "tf.nn.dropout": "tf.nn.dropout",
    "keras": "keras.layers.Dropout",
}


#: The largest array timed (256 MiB of float32) and the most sizes per call: a call lasts at most
#: about sizes x methods x repeats x max(min_sample_seconds, one call), a few minutes at worst.
MAX_SIZE = 2**26


def _sequence(values: object, name: str, most: int) -> Sequence:
    """A list, tuple, range or dict (its keys) of 1 to ``most`` items; a string is one item, not a list."""
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, Mapping, np.ndarray)):
        raise TypeError(f"{name} must be a list of 1 to {most} items; got {type(values).__name__} {values!r:.40}")
    if not 1 <= len(values) <= most:
        raise ValueError(f"{name} must be a list of 1 to {most} items; got {len(values)}")
    return list(values)


class Timing(NamedTuple):
    """One method on one array size: the median seconds per call, and calls per timed sample."""

    method: str
    n_elements: int
    seconds: float
    calls_per_sample: int
    elements_per_second: float


def _callables(methods: Sequence[str], x: np.ndarray, rate: float, seed: int) -> dict[str, Callable[[], object]]:
    rng_numpy, rng_fast = np.random.default_rng(seed), np.random.Generator(np.random.SFC64(seed))
    calls: dict[str, Callable[[], object]] = {
        "copy": x.copy,
        "numpy": lambda: dropout.dropout_forward(x, rate, rng=rng_numpy),
        "fast": lambda: dropout.fast_dropout_forward(x, rate, rng=rng_fast),
    }
    if {"tf.nn.dropout", "keras"} & set(methods):
        import keras
        import tensorflow as tf

        tensor, layer = tf.constant(x), keras.layers.Dropout(rate, seed=seed)
        tf.random.set_seed(seed)
        calls["tf.nn.dropout"] = lambda: tf.nn.dropout(tensor, rate)
        calls["keras"] = lambda: layer(tensor, training=True)
    return {method: calls[method] for method in methods}


def measure_mask_speed(
    sizes: Sequence[int] = (2**16, 2**22),
    *,
    rate: float = 0.5,
    methods: Sequence[str] = tuple(METHODS),
    repeats: int = 5,
    min_sample_seconds: float = 0.005,
    seed: int = 0,
) -> list[Timing]:
    """Time each method on float32 arrays of each size; one :class:`Timing` per (size, method).

    Each sample repeats the call until it lasts about ``min_sample_seconds`` (0 to 1 s); the median over
    ``repeats`` interleaved samples (1 to 100) is reported. ``sizes``: 1 to 10 sizes of 1 to 2**26 elements;
    ``methods``: names from :data:`METHODS` (the dict itself is accepted).
    """
    sizes, methods = _sequence(sizes, "sizes", 10), _sequence(methods, "methods", len(METHODS))
    sizes = [check_int(size, "each of sizes", high=MAX_SIZE, meaning="float32 elements") for size in sizes]
    methods = tuple(check_choice(method, "each of methods", tuple(METHODS)) for method in methods)
    if len(set(methods)) != len(methods):
        raise ValueError(f"methods must name each method once; got {list(methods)}")
    repeats = check_int(repeats, "repeats", high=100, meaning="timed samples per method")
    if not is_real_number(min_sample_seconds) or not 0 <= min_sample_seconds <= 1:
        raise ValueError(f"min_sample_seconds must be a number of seconds from 0 to 1; got {min_sample_seconds!r:.40}")
    rate, seed = dropout.check_rate(rate), check_seed(seed)
    timings = []
    for size in sizes:
        x = np.random.default_rng(seed).standard_normal(size, dtype=np.float32)
        calls = _callables(methods, x, rate, seed)
        for function in calls.values():
            function()  # warm-up: first-call set-up is not measured
        counts = {
            m: max(1, min(10_000, round(min_sample_seconds / max(timeit.timeit(f, number=1), 1e-9))))
            for m, f in calls.items()
        }
        samples: dict[str, list[float]] = {method: [] for method in calls}
        for repeat in range(repeats):
            for method in [*methods[repeat % len(methods) :], *methods[: repeat % len(methods)]]:
                samples[method].append(timeit.timeit(calls[method], number=counts[method]) / counts[method])
        medians = {method: statistics.median(samples[method]) for method in methods}
        timings += [Timing(m, size, medians[m], counts[m], size / medians[m]) for m in methods]
    return timings
