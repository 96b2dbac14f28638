"""helpers/mask_speed.py: the side-by-side throughput measurement (small sizes: the logic, not the speed)."""

from __future__ import annotations

import json

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from helpers import mask_speed
from helpers.mask_speed import Timing, format_table, measure_mask_speed, paired_speedup, plot_throughput, speedup

NUMPY_METHODS = ("copy", "numpy", "fast")


def fake_timings() -> list[Timing]:
    rows = []
    for size in (2**16, 2**22):
        for method, seconds_per_element in (("copy", 1e-10), ("fast", 1e-9), ("tf.nn.dropout", 4e-9)):
            rows.append(Timing(method, size, seconds_per_element * size, repeats=3, calls_per_sample=1))
    return rows


def test_measure_returns_one_row_per_method_and_size_in_order() -> None:
    timings = measure_mask_speed(sizes=(1024, 4096), methods=NUMPY_METHODS, repeats=3, min_sample_seconds=0)
    assert [(t.method, t.n_elements) for t in timings] == [(m, s) for s in (1024, 4096) for m in NUMPY_METHODS]
    for timing in timings:
        assert timing.seconds > 0 and timing.repeats == 3 and timing.calls_per_sample >= 1
        assert timing.elements_per_second == pytest.approx(timing.n_elements / timing.seconds)
        assert timing.gigabytes_per_second == pytest.approx(8 * timing.n_elements / timing.seconds / 1e9)
        json.dumps(timing.as_dict())


def test_min_sample_seconds_makes_small_samples_repeat_calls() -> None:
    timings = measure_mask_speed(sizes=(256,), methods=("copy",), repeats=3, min_sample_seconds=0.002)
    assert timings[0].calls_per_sample > 10  # a 1 KB copy takes well under 0.2 ms


def test_tensorflow_and_keras_methods_run() -> None:
    timings = measure_mask_speed(sizes=(2048,), methods=("tf.nn.dropout", "keras"), repeats=2, min_sample_seconds=0)
    assert [t.method for t in timings] == ["tf.nn.dropout", "keras"]
    assert all(t.seconds > 0 for t in timings)


def test_copy_is_much_faster_than_the_straightforward_mask() -> None:
    # A copy moves 8 bytes per element; the straightforward mask also draws and converts a float64
    # uniform number per element (about 20x the work), so even a loaded machine shows > 3x.
    assert paired_speedup("copy", "numpy", 2**18, pairs=5, min_sample_seconds=0.005) > 3


def test_speedup_from_table() -> None:
    timings = fake_timings()
    assert speedup(timings, "fast", "tf.nn.dropout", 2**22) == pytest.approx(4)
    assert speedup(timings, "copy", "fast", 2**16) == pytest.approx(10)
    with pytest.raises(ValueError, match="no timing"):
        speedup(timings, "keras", "fast", 2**22)


def test_format_table_layout_and_units() -> None:
    timings = fake_timings()
    table = format_table(timings)
    lines = table.splitlines()
    assert len(lines) == 3
    assert "copy" in lines[0] and "tf.nn.dropout" in lines[0] and "(Melem/s)" in lines[0]
    assert lines[1].split()[:2] == ["64", "K"] and lines[2].split()[:2] == ["4", "M"]
    assert "10,000" in lines[1] and "1,000" in lines[1] and "250" in lines[1]
    ms_table = format_table(timings, "ms")
    assert "(ms)" in ms_table and "16.78" in ms_table  # 4 ns x 4 M elements = 16.78 ms
    assert "(GB/s)" in format_table(timings, "GB/s")
    partial = format_table([*timings, Timing("keras", 2**16, 1.0, 3, 1)])
    assert partial.splitlines()[2].split()[-1] == "-"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sizes": ()},
        {"sizes": (0,)},
        {"sizes": (1.5,)},
        {"sizes": "big"},
        {"methods": ("numpy", "cupy")},
        {"methods": ("numpy", "numpy")},
        {"methods": "numpy"},
        {"rate": 1.0},
        {"rate": -0.5},
        {"repeats": 0},
        {"min_sample_seconds": -1},
        {"seed": -1},
    ],
)
def test_bad_arguments_raise_value_error(kwargs: dict) -> None:
    arguments = {"sizes": (64,), "methods": ("copy",), "repeats": 1, "min_sample_seconds": 0, **kwargs}
    with pytest.raises(ValueError):
        measure_mask_speed(**arguments)


def test_bad_arguments_of_the_other_functions() -> None:
    with pytest.raises(ValueError, match="methods"):
        paired_speedup("fast", "jax")
    with pytest.raises(ValueError, match="pairs"):
        paired_speedup("copy", "fast", 64, pairs=0)
    with pytest.raises(ValueError, match="unit"):
        format_table(fake_timings(), "furlongs")
    with pytest.raises(ValueError, match="timings"):
        format_table([])
    with pytest.raises(ValueError, match="timings"):
        plot_throughput([])


def test_plot_throughput_draws_one_labelled_line_per_method() -> None:
    ax = plot_throughput(fake_timings())
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == [mask_speed.METHODS[m] for m in ("copy", "fast", "tf.nn.dropout")]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert ax.get_legend() is not None
    fast_line = ax.get_lines()[1]
    assert list(fast_line.get_ydata()) == pytest.approx([1000.0, 1000.0])  # 1 ns per element = 1000 Melem/s
    plt.close("all")
    _, own_ax = plt.subplots()
    assert plot_throughput(fake_timings(), ax=own_ax, title="mine") is own_ax
    assert own_ax.get_title() == "mine"
    plt.close("all")
