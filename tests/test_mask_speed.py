"""helpers/mask_speed.py: the side-by-side timing (small sizes: the logic, not the speed)."""

from __future__ import annotations

import pytest

from helpers import mask_speed
from helpers.mask_speed import measure_mask_speed

NUMPY_METHODS = ("copy", "numpy", "fast")


def test_measure_returns_one_row_per_method_and_size_in_order() -> None:
    timings = measure_mask_speed(sizes=(1024, 4096), methods=NUMPY_METHODS, repeats=3, min_sample_seconds=0)
    assert [(t.method, t.n_elements) for t in timings] == [(m, s) for s in (1024, 4096) for m in NUMPY_METHODS]
    for timing in timings:
        assert timing.seconds > 0 and timing.calls_per_sample >= 1
        assert timing.elements_per_second == pytest.approx(timing.n_elements / timing.seconds)


def test_min_sample_seconds_makes_small_samples_repeat_calls() -> None:
    timings = measure_mask_speed(sizes=(256,), methods=("copy",), repeats=3, min_sample_seconds=0.002)
    assert timings[0].calls_per_sample > 10  # a 1 KB copy takes well under 0.2 ms


def test_tensorflow_and_keras_methods_run() -> None:
    timings = measure_mask_speed(sizes=(2048,), methods=("tf.nn.dropout", "keras"), repeats=2, min_sample_seconds=0)
    assert [t.method for t in timings] == ["tf.nn.dropout", "keras"]
    assert set(mask_speed.METHODS) == {"copy", "numpy", "fast", "tf.nn.dropout", "keras"}


@pytest.mark.parametrize(
    "kwargs",
    [{"methods": ("nope",)}, {"repeats": 0}, {"sizes": (0,)}, {"sizes": (2**30,)}, {"rate": 1.0}],
)
def test_bad_arguments_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        measure_mask_speed(**{"sizes": (64,), "methods": ("copy",), **kwargs})
