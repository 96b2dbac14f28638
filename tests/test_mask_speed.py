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


def test_the_methods_dict_itself_and_numpy_integers_are_accepted() -> None:
    import numpy as np

    timings = measure_mask_speed(sizes=(np.int64(64),), methods=mask_speed.METHODS, repeats=1, min_sample_seconds=0)
    assert [t.method for t in timings] == list(mask_speed.METHODS)
    assert [type(t.n_elements) for t in timings] == [int] * len(mask_speed.METHODS)
    timings = measure_mask_speed(
        sizes=[32], methods=["copy"], repeats=np.int64(2), min_sample_seconds=0, seed=np.int64(1)
    )
    assert len(timings) == 1


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"min_sample_seconds": 10**12}, "min_sample_seconds"),  # ran for ever
        ({"min_sample_seconds": float("nan")}, "min_sample_seconds"),
        ({"min_sample_seconds": "0.01"}, "min_sample_seconds"),
        ({"methods": "copy"}, "methods"),  # a string is not a list of names
        ({"methods": ()}, "methods"),
        ({"methods": ("copy", "copy")}, "methods"),
        ({"methods": [["copy"]]}, "methods"),
        ({"sizes": 64}, "sizes"),
        ({"sizes": ("64",)}, "sizes"),
        ({"sizes": (10**400,)}, "sizes"),
        ({"sizes": (64.0,)}, "sizes"),
        ({"sizes": tuple([64] * 11)}, "sizes"),
        ({"repeats": 2.5}, "repeats"),
        ({"repeats": True}, "repeats"),
        ({"seed": -1}, "seed"),
        ({"seed": None}, "seed"),
    ],
)
def test_bad_arguments_are_refused_by_name_before_any_timing(kwargs: dict, named: str) -> None:
    with pytest.raises((ValueError, TypeError), match=named):
        measure_mask_speed(**{"sizes": (64,), "methods": ("copy",), **kwargs})
