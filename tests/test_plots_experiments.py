"""helpers.plots: the sweep, Monte-Carlo convergence and entropy-histogram plots of notebook 04."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots


def test_sweep_draws_one_marked_line_per_run_in_its_course_colour() -> None:
    ax = plots.plot_sweep(
        [0.0, 0.5, 0.8],
        {"no dropout": [0.2, 0.2, 0.2], "dropout": [0.2, 0.15, 0.25]},
        xlabel="dropout rate",
        ylabel="test error",
        title="Rate sweep",
    )
    lines = ax.get_lines()
    assert len(lines) == 2
    assert [line.get_color() for line in lines] == [plots.color_for("no dropout"), plots.color_for("dropout")]
    assert all(line.get_marker() == "o" for line in lines)
    assert list(lines[1].get_ydata()) == [0.2, 0.15, 0.25]
    assert ax.get_xlabel() == "dropout rate" and ax.get_ylabel() == "test error" and ax.get_title() == "Rate sweep"
    assert ax.get_legend() is not None
    plt.close(ax.figure)


def test_sweep_with_one_run_has_no_legend_and_a_log_axis_labels_the_sizes() -> None:
    fig, ax = plt.subplots()
    result = plots.plot_sweep(
        [250, 1000, 4000], {"gain": [0.01, 0.02, 0.015]}, xlabel="n", ylabel="g", title="t", logx=True, ax=ax
    )
    assert result is ax and ax.get_legend() is None
    assert ax.get_xscale() == "log"
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["250", "1000", "4000"]
    plt.close(fig)


@pytest.mark.parametrize(
    ("x", "curves", "kwargs", "message"),
    [
        ([], {"a": []}, {}, "x must be a non-empty"),
        ([1, 2], {}, {}, "curves must name at least one run"),
        ([1, 2], {"a": [1.0]}, {}, r"curves\['a'\] has 1 values for 2 x values"),
        ([1, 2], {"a": [1.0, math.nan]}, {}, "finite"),
        ([1, 2], {"a": [1.0, 2.0]}, {"title": " "}, "title must be a non-empty string"),
    ],
)
def test_sweep_refuses_bad_input(x, curves, kwargs, message) -> None:
    arguments = {"xlabel": "x", "ylabel": "y", "title": "t", **kwargs}
    with pytest.raises(ValueError, match=message):
        plots.plot_sweep(x, curves, **arguments)
    plt.close("all")


def test_mc_convergence_draws_the_average_and_the_deterministic_line() -> None:
    ax = plots.plot_mc_convergence([1, 10, 100], [0.2, 0.16, 0.15], 0.149)
    average, deterministic = ax.get_lines()
    assert list(average.get_xdata()) == [1, 10, 100]
    assert list(deterministic.get_ydata()) == [0.149, 0.149]
    assert deterministic.get_linestyle() == "--"
    assert ax.get_xscale() == "log" and "k" in ax.get_xlabel() and ax.get_ylabel().startswith("test error")
    assert len(ax.get_legend().get_texts()) == 2
    plt.close(ax.figure)


@pytest.mark.parametrize(
    ("ks", "values", "deterministic", "error", "message"),
    [
        ([1, 2], [0.1], 0.1, ValueError, "mc_values has 1 values for 2 ks"),
        ([0, 2], [0.1, 0.1], 0.1, ValueError, "at least 1"),
        ([1, 2], [0.1, 0.1], "0.1", TypeError, "deterministic_value must be a number"),
        ([1, 2], [0.1, 0.1], math.inf, ValueError, "deterministic_value must be finite"),
    ],
)
def test_mc_convergence_refuses_bad_input(ks, values, deterministic, error, message) -> None:
    with pytest.raises(error, match=message):
        plots.plot_mc_convergence(ks, values, deterministic)
    plt.close("all")


def test_entropy_histogram_draws_one_outline_and_median_per_group() -> None:
    rng = np.random.default_rng(0)
    groups = {"correct": rng.uniform(0, 0.5, 200), "misclassified": rng.uniform(0.5, 2.0, 50)}
    ax = plots.plot_entropy_histogram(groups, bins=10, max_entropy=math.log(10))
    assert len(ax.patches) == 2  # histtype="step": one outline per group
    medians = [line.get_xdata()[0] for line in ax.get_lines()]
    np.testing.assert_allclose(medians, [np.median(groups["correct"]), np.median(groups["misclassified"])])
    texts = [text.get_text() for text in ax.get_legend().get_texts()]
    assert texts == ["correct (n=200)", "misclassified (n=50)"]
    assert ax.get_xlabel().startswith("predictive entropy (nats)") and ax.get_title()
    plt.close(ax.figure)


@pytest.mark.parametrize(
    ("groups", "kwargs", "message"),
    [
        ({}, {}, "at least one group"),
        ({"a": [0.1]}, {"bins": 0}, "bins must be a positive integer"),
        ({"a": [-0.1, 0.2]}, {}, "non-negative"),
        ({"a": [0.1]}, {"max_entropy": 0}, "max_entropy must be a positive number"),
    ],
)
def test_entropy_histogram_refuses_bad_input(groups, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        plots.plot_entropy_histogram(groups, **kwargs)
    plt.close("all")
