"""helpers.plots: the sweep, Monte-Carlo convergence and entropy-histogram plots of notebook 04."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

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
    assert lines[0].get_marker() != lines[1].get_marker() and lines[0].get_linestyle() != lines[1].get_linestyle()
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


def test_mc_convergence_draws_the_average_and_the_deterministic_line() -> None:
    ax = plots.plot_mc_convergence([1, 10, 100], [0.2, 0.16, 0.15], 0.149)
    average, deterministic = ax.get_lines()
    assert list(average.get_xdata()) == [1, 10, 100]
    assert list(deterministic.get_ydata()) == [0.149, 0.149]
    assert deterministic.get_linestyle() == "--"
    assert ax.get_xscale() == "log" and "k" in ax.get_xlabel() and ax.get_ylabel().startswith("test error")
    assert len(ax.get_legend().get_texts()) == 2
    plt.close(ax.figure)


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
