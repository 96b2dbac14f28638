"""How fast is a dropout mask? Side-by-side throughput of five ways to apply dropout to a float32 array.

The methods (keys of :data:`METHODS`):

* ``"copy"``: ``x.copy()``, the memory floor: read the input once, write the output once.
* ``"numpy"``: the straightforward mask, :func:`helpers.dropout.dropout_forward`
  (one float64 uniform number per unit, ``u >= rate``).
* ``"fast"``: :func:`helpers.dropout.fast_dropout_forward` (16 random bits per unit against an
  integer threshold, rate exact to 1/131072).
* ``"tf.nn.dropout"``: TensorFlow's op on a tensor made once before timing (eager, all CPU threads).
* ``"keras"``: ``keras.layers.Dropout(rate)(x, training=True)`` on the same tensor.

Every method allocates and returns a new output, as a layer does. Measurements are interleaved:
each repeat times every method once, in an order rotated from repeat to repeat, so a burst of load
from other processes hits all methods alike; each sample runs enough calls to last
``min_sample_seconds``; the reported time is the median over repeats.

Typical use (a benchmark script or a notebook)::

    from helpers import mask_speed
    timings = mask_speed.measure_mask_speed()             # 64 K .. 16 M elements
    print(mask_speed.format_table(timings))
    mask_speed.speedup(timings, "fast", "tf.nn.dropout", 2**22)

TensorFlow and Keras are imported only when a method needs them.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from helpers import dropout

__all__ = [
    "DEFAULT_SIZES",
    "METHODS",
    "Timing",
    "format_table",
    "measure_mask_speed",
    "paired_speedup",
    "plot_throughput",
    "speedup",
]

#: Method key -> what it measures.
METHODS: dict[str, str] = {
    "copy": "plain copy (memory floor)",
    "numpy": "straightforward NumPy mask",
    "fast": "fast from-scratch mask",
    "tf.nn.dropout": "tf.nn.dropout",
    "keras": "keras.layers.Dropout",
}

#: 64 K, 256 K, 1 M, 4 M and 16 M float32 elements (256 KB to 64 MB).
DEFAULT_SIZES: tuple[int, ...] = (2**16, 2**18, 2**20, 2**22, 2**24)

_MAX_CALLS_PER_SAMPLE = 10_000


@dataclass(frozen=True)
class Timing:
    """One method on one array size: the median time of one call over ``repeats`` samples."""

    method: str
    n_elements: int
    seconds: float
    repeats: int
    calls_per_sample: int

    @property
    def elements_per_second(self) -> float:
        """Units masked per second."""
        return self.n_elements / self.seconds

    @property
    def gigabytes_per_second(self) -> float:
        """float32 bytes read plus written per second (8 bytes per element), in GB/s (1e9 bytes)."""
        return 8 * self.n_elements / self.seconds / 1e9

    def as_dict(self) -> dict[str, float | int | str]:
        """The fields and the two throughputs, for JSON or CSV."""
        return {
            **asdict(self),
            "elements_per_second": self.elements_per_second,
            "gigabytes_per_second": self.gigabytes_per_second,
        }


def _check_methods(methods: object) -> tuple[str, ...]:
    if isinstance(methods, str) or not isinstance(methods, Sequence) or not methods:
        raise ValueError(f"methods must be a non-empty sequence of names from {list(METHODS)}; got {methods!r}")
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise ValueError(f"methods must be names from {list(METHODS)}; unknown: {unknown}")
    if len(set(methods)) != len(methods):
        raise ValueError(f"methods must not repeat a name; got {list(methods)}")
    return tuple(methods)


def _check_sizes(sizes: object) -> tuple[int, ...]:
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or not sizes:
        raise ValueError(f"sizes must be a non-empty sequence of positive integers; got {sizes!r}")
    for size in sizes:
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or not 0 < size <= 2**28:
            raise ValueError(f"sizes must hold integers in 1..2**28 (numbers of float32 elements); got {size!r}")
    return tuple(int(s) for s in sizes)


def _positive_int(value: object, name: str) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise ValueError(f"{name} must be a positive integer; got {value!r}")
    return int(value)


def _make_callables(methods: tuple[str, ...], x: np.ndarray, rate: float, seed: int) -> dict[str, Callable[[], object]]:
    """One zero-argument function per method, each producing a fresh dropout output of ``x``."""
    calls: dict[str, Callable[[], object]] = {}
    rng_numpy = np.random.default_rng(seed)
    # The fast mask also gets NumPy's fastest bit generator (SFC64): random bits are what dropout costs.
    rng_fast = np.random.Generator(np.random.SFC64(seed))
    if "copy" in methods:
        calls["copy"] = x.copy
    if "numpy" in methods:
        calls["numpy"] = lambda: dropout.dropout_forward(x, rate, rng=rng_numpy)
    if "fast" in methods:
        calls["fast"] = lambda: dropout.fast_dropout_forward(x, rate, rng=rng_fast)
    if "tf.nn.dropout" in methods or "keras" in methods:
        import tensorflow as tf

        tensor = tf.constant(x)
        if "tf.nn.dropout" in methods:
            tf.random.set_seed(seed)
            calls["tf.nn.dropout"] = lambda: tf.nn.dropout(tensor, rate)
        if "keras" in methods:
            import keras

            layer = keras.layers.Dropout(rate, seed=seed)
            calls["keras"] = lambda: layer(tensor, training=True)
    return {method: calls[method] for method in methods}


def _time_calls(function: Callable[[], object], calls: int) -> float:
    """Seconds per call of ``function``, over ``calls`` back-to-back calls."""
    start = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - start) / calls


def _calls_for(function: Callable[[], object], min_sample_seconds: float) -> int:
    function()  # warm-up: first-call set-up (TensorFlow kernels, allocator) is not measured
    single = _time_calls(function, 1)
    return max(1, min(_MAX_CALLS_PER_SAMPLE, math.ceil(min_sample_seconds / max(single, 1e-9))))


def _interleaved_samples(
    calls: dict[str, Callable[[], object]], repeats: int, min_sample_seconds: float
) -> tuple[dict[str, list[float]], dict[str, int]]:
    counts = {method: _calls_for(function, min_sample_seconds) for method, function in calls.items()}
    samples: dict[str, list[float]] = {method: [] for method in calls}
    order = list(calls)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for repeat in range(repeats):
            shift = repeat % len(order)
            for method in order[shift:] + order[:shift]:
                samples[method].append(_time_calls(calls[method], counts[method]))
    finally:
        if gc_was_enabled:
            gc.enable()
    return samples, counts


def measure_mask_speed(
    sizes: Sequence[int] = DEFAULT_SIZES,
    *,
    rate: float = 0.5,
    methods: Sequence[str] = tuple(METHODS),
    repeats: int = 7,
    min_sample_seconds: float = 0.005,
    seed: int = 0,
) -> list[Timing]:
    """Time each method on float32 arrays of each size, side by side; return one :class:`Timing` per pair.

    Args:
        sizes: numbers of float32 elements (default 64 K .. 16 M, powers of 4).
        rate: the dropout rate, in [0, 1).
        methods: keys of :data:`METHODS`, all five by default.
        repeats: interleaved samples per method and size; the median is reported (at least 3 is wise).
        min_sample_seconds: each sample repeats the call until it lasts about this long (small arrays
            need many calls for a stable time).
        seed: seeds the input array and every method's random generator.

    Rows come size by size, in the order of ``methods``. Runs take roughly
    ``repeats * len(methods) * len(sizes)`` samples of at least ``min_sample_seconds``, and the 16 M
    size needs about 200 MB of memory for the straightforward mask's float64 draws.
    """
    sizes = _check_sizes(sizes)
    rate = dropout.check_rate(rate)
    methods = _check_methods(methods)
    repeats = _positive_int(repeats, "repeats")
    if (
        isinstance(min_sample_seconds, bool)
        or not isinstance(min_sample_seconds, (int, float))
        or not (0 <= min_sample_seconds <= 10)
    ):
        raise ValueError(f"min_sample_seconds must be a number of seconds in [0, 10]; got {min_sample_seconds!r}")
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**32:
        raise ValueError(f"seed must be an integer in [0, 2**32); got {seed!r}")

    timings: list[Timing] = []
    for size in sizes:
        x = np.random.default_rng(seed).standard_normal(size, dtype=np.float32)
        calls = _make_callables(methods, x, rate, int(seed))
        samples, counts = _interleaved_samples(calls, repeats, float(min_sample_seconds))
        for method in methods:
            timings.append(
                Timing(
                    method=method,
                    n_elements=size,
                    seconds=statistics.median(samples[method]),
                    repeats=repeats,
                    calls_per_sample=counts[method],
                )
            )
        del calls, x
    return timings


def paired_speedup(
    faster: str,
    slower: str,
    n_elements: int = 2**22,
    *,
    rate: float = 0.5,
    pairs: int = 15,
    min_sample_seconds: float = 0.02,
    seed: int = 0,
) -> float:
    """How many times faster ``faster`` is than ``slower``: the median over ``pairs`` back-to-back ratios.

    Each pair times the two methods right after each other (alternating which goes first) and
    takes the ratio of the two times, so slow drifts of the machine's load cancel in the ratio;
    the median then discards pairs hit by a burst. Use this to check a claim such as "the fast mask
    is at least 2x tf.nn.dropout"; use :func:`measure_mask_speed` for the table.
    """
    methods = _check_methods([faster, slower])
    n_elements = _check_sizes([n_elements])[0]
    rate = dropout.check_rate(rate)
    pairs = _positive_int(pairs, "pairs")
    x = np.random.default_rng(seed).standard_normal(n_elements, dtype=np.float32)
    calls = _make_callables(methods, x, rate, int(seed))
    counts = {method: _calls_for(function, min_sample_seconds) for method, function in calls.items()}
    ratios = []
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for index in range(pairs):
            first, second = methods if index % 2 == 0 else methods[::-1]
            seconds = {first: _time_calls(calls[first], counts[first])}
            seconds[second] = _time_calls(calls[second], counts[second])
            ratios.append(seconds[slower] / seconds[faster])
    finally:
        if gc_was_enabled:
            gc.enable()
    return statistics.median(ratios)


def _lookup(timings: Sequence[Timing], method: str, n_elements: int) -> Timing:
    for timing in timings:
        if timing.method == method and timing.n_elements == n_elements:
            return timing
    available = sorted({(t.method, t.n_elements) for t in timings})
    raise ValueError(f"no timing for method {method!r} at {n_elements} elements; available: {available}")


def speedup(timings: Sequence[Timing], faster: str, slower: str, n_elements: int) -> float:
    """``slower``'s median time divided by ``faster``'s, at ``n_elements``, from one table."""
    return _lookup(timings, slower, n_elements).seconds / _lookup(timings, faster, n_elements).seconds


def _size_label(n: int) -> str:
    if n >= 2**20 and n % 2**20 == 0:
        return f"{n // 2**20} M"
    if n >= 2**10 and n % 2**10 == 0:
        return f"{n // 2**10} K"
    return str(n)


def _format_number(value: float) -> str:
    # about 4 significant digits without scientific notation: 12,345 / 1,234 / 123.4 / 1.234 / 0.01234
    if value >= 999.5:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def format_table(timings: Sequence[Timing], unit: str = "Melem/s") -> str:
    """A text table: one row per size, one column per method, throughput in ``unit``.

    ``unit`` is ``"Melem/s"`` (millions of elements per second), ``"GB/s"`` (bytes read + written)
    or ``"ms"`` (median milliseconds per call).
    """
    if not timings:
        raise ValueError("timings must hold at least one Timing")
    units = {
        "Melem/s": lambda t: t.elements_per_second / 1e6,
        "GB/s": lambda t: t.gigabytes_per_second,
        "ms": lambda t: t.seconds * 1e3,
    }
    if unit not in units:
        raise ValueError(f"unit must be one of {list(units)}; got {unit!r}")
    value = units[unit]
    methods = list(dict.fromkeys(t.method for t in timings))
    sizes = sorted({t.n_elements for t in timings})
    width = max(10, *(len(m) + 1 for m in methods))
    lines = [f"{'elements':>9} " + "".join(f"{m:>{width}}" for m in methods) + f"   ({unit})"]
    for size in sizes:
        cells = []
        for method in methods:
            try:
                cells.append(f"{_format_number(value(_lookup(timings, method, size))):>{width}}")
            except ValueError:
                cells.append(f"{'-':>{width}}")
        lines.append(f"{_size_label(size):>9} " + "".join(cells))
    return "\n".join(lines)


def plot_throughput(timings: Sequence[Timing], *, ax=None, title: str | None = None):
    """Throughput (millions of elements per second) against array size, one line per method; returns the Axes."""
    import matplotlib.pyplot as plt

    from helpers.plots import PALETTE

    if not timings:
        raise ValueError("timings must hold at least one Timing")
    if ax is None:
        _, ax = plt.subplots()
    styles = {"copy": (PALETTE[6], ":"), "numpy": (PALETTE[0], "-"), "fast": (PALETTE[2], "-")}
    styles |= {"tf.nn.dropout": (PALETTE[1], "--"), "keras": (PALETTE[3], "--")}
    for method in dict.fromkeys(t.method for t in timings):
        rows = sorted((t for t in timings if t.method == method), key=lambda t: t.n_elements)
        color, linestyle = styles[method]
        ax.plot(
            [t.n_elements for t in rows],
            [t.elements_per_second / 1e6 for t in rows],
            marker="o",
            color=color,
            linestyle=linestyle,
            label=METHODS[method],
        )
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("array size (float32 elements)")
    ax.set_ylabel("throughput (million elements / s)")
    ax.set_title(title or "Dropout throughput by method (higher is faster)")
    ax.legend()
    return ax
