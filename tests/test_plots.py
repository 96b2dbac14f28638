"""helpers.plots: style, colours and the shared learning-curve plot."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots

HISTORY = {
    "loss": [1.0, 0.5, 0.3],
    "val_loss": [1.1, 0.7, 0.6],
    "accuracy": [0.6, 0.8, 0.9],
    "val_accuracy": [0.5, 0.7, 0.75],
}


def test_course_style_sets_readable_fonts_and_the_palette() -> None:
    plots.use_course_style()
    assert matplotlib.rcParams["font.size"] == 13
    assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][:2] == list(plots.PALETTE[:2])


def test_named_runs_keep_their_colour_and_others_cycle() -> None:
    assert plots.color_for("Dropout") == plots.color_for("dropout") == plots.PALETTE[1]
    assert plots.color_for("no dropout") == plots.PALETTE[0]
    assert plots.color_for("rate 0.3", index=2) == plots.PALETTE[2]
    assert plots.color_for("rate 0.3", index=len(plots.PALETTE) + 2) == plots.PALETTE[2]


def test_learning_curves_draw_solid_training_and_dashed_validation_lines() -> None:
    ax = plots.plot_learning_curves({"no dropout": HISTORY, "dropout": HISTORY}, metric="accuracy")
    lines = ax.get_lines()
    assert len(lines) == 4
    assert [line.get_linestyle() for line in lines] == ["-", "--", "-", "--"]
    assert lines[0].get_color() == plots.PALETTE[0] and lines[2].get_color() == plots.PALETTE[1]
    assert list(lines[1].get_xdata()) == [1, 2, 3]
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "accuracy"
    assert ax.get_legend() is not None and ax.get_title()
    plt.close(ax.figure)


def test_learning_curves_use_a_given_axes_and_label_the_loss() -> None:
    fig, ax = plt.subplots()
    assert plots.plot_learning_curves({"run": HISTORY}, ax=ax, title="T") is ax
    assert ax.get_ylabel() == "loss (cross-entropy)" and ax.get_title() == "T"
    plt.close(fig)


def test_course_style_keeps_figures_legible_at_1024_px() -> None:
    """A default figure is at most 640 px wide (a code cell at 1024 px with the file browser open) and
    its smallest text (ticks, legends) is at least 11 pt, about 12 px at the style's 80 dpi."""
    plots.use_course_style()
    rc = matplotlib.rcParams
    assert rc["figure.figsize"][0] <= plots.MAX_FIGURE_WIDTH_IN
    assert rc["figure.figsize"][0] * rc["figure.dpi"] <= 640
    for key in ("font.size", "axes.labelsize", "xtick.labelsize", "ytick.labelsize", "legend.fontsize"):
        size = rc[key]
        points = size if isinstance(size, (int, float)) else rc["font.size"]
        assert points >= 11, key


def test_figure_text_metadata_reports_the_smallest_visible_font_in_pixels() -> None:
    plots.use_course_style()
    fig, ax = plt.subplots(figsize=(9, 3))
    ax.plot([0, 1], [0, 1], label="run")
    ax.legend()
    ax.set_title("big", fontsize=20)
    ax.text(0.5, 0.5, "   ", fontsize=4)  # blank text does not count
    entries = plots.figure_text_metadata(fig)
    assert entries[plots.PNG_WIDTH_KEY] == "9.00"
    assert float(entries[plots.PNG_MIN_FONT_KEY]) == pytest.approx(11 * 80 / 72, abs=0.01)  # the legend
    ax.set_title("small", fontsize=7)
    assert float(plots.figure_text_metadata(fig)[plots.PNG_MIN_FONT_KEY]) == pytest.approx(7 * 80 / 72, abs=0.01)
    plt.close(fig)


def test_style_for_keeps_a_named_run_and_separates_runs_by_more_than_colour() -> None:
    assert plots.style_for("Dropout") == plots.style_for("dropout", index=5)
    assert plots.style_for("no dropout")["color"] == plots.color_for("no dropout")
    styles = [plots.style_for("run", index) for index in range(len(plots.PALETTE))]
    for key in ("marker", "linestyle"):
        assert len({str(style[key]) for style in styles}) >= len(plots.PALETTE) - 2, key
    assert len({(style["marker"], str(style["linestyle"])) for style in styles}) == len(plots.PALETTE)
    assert plots.style_for("run", np.int64(3)) == styles[3]  # a NumPy integer is an index too


def _beyond_colour(artist) -> tuple:
    """What tells an artist apart in grayscale: marker, line style, hatch."""
    marker = artist.get_marker() if hasattr(artist, "get_marker") else None
    return marker, str(artist.get_linestyle()), getattr(artist, "get_hatch", lambda: None)()


def _series_plots() -> dict[str, list]:
    """Each shared plot with several series, and the artists that carry one series each."""
    rng = np.random.default_rng(0)
    curves = {f"run {k}": [0.3 - 0.01 * k, 0.2, 0.25] for k in range(6)}
    sweep = plots.plot_sweep([0.0, 0.5, 0.8], curves, xlabel="rate", ylabel="error", title="t")
    histories = {name: HISTORY for name in ("no dropout", "dropout", "rate 0.2")}
    learning = plots.plot_learning_curves(histories).get_lines()[::2]  # the training lines, one per run
    groups = {name: rng.uniform(0, 2, 50) for name in ("correct", "misclassified", "pixel-shuffled")}
    results = {rate: {m: [0.5, 0.6] for m in plots.TEAM_LABELS} for rate in (0.0, 0.5)}
    return {
        "plot_sweep": sweep.get_lines(),
        "plot_learning_curves": learning,
        "plot_entropy_histogram": plots.plot_entropy_histogram(groups).patches,
        "plot_team_measures": plots.plot_team_measures(results).get_lines(),
    }


def test_series_in_one_plot_differ_by_more_than_colour() -> None:
    """In grayscale or for colour-blind readers colour alone does not separate 3 to 6 series."""
    for name, artists in _series_plots().items():
        assert len(artists) >= 3, name
        looks = [_beyond_colour(artist) for artist in artists]
        assert len(set(looks)) == len(looks), f"{name}: {looks}"
    plt.close("all")


BAD_PLOT_CALLS = {
    "bins 10**9 (a huge allocation)": lambda: plots.plot_entropy_histogram({"a": [0.1, 0.5]}, bins=10**9),
    "bins 0": lambda: plots.plot_entropy_histogram({"a": [0.1]}, bins=0),
    "bins 2.5": lambda: plots.plot_entropy_histogram({"a": [0.1]}, bins=2.5),
    "negative entropy": lambda: plots.plot_entropy_histogram({"a": [-0.1, 0.5]}),
    "max_entropy nan": lambda: plots.plot_entropy_histogram({"a": [0.1]}, max_entropy=math.nan),
    "groups empty": lambda: plots.plot_entropy_histogram({}),
    "groups values empty": lambda: plots.plot_entropy_histogram({"a": []}),
    "histories a list": lambda: plots.plot_learning_curves([HISTORY]),
    "metric missing": lambda: plots.plot_learning_curves({"a": HISTORY}, "auc"),
    "metric None": lambda: plots.plot_learning_curves({"a": HISTORY}, None),
    "history of strings": lambda: plots.plot_learning_curves({"a": {"loss": "abc", "val_loss": "abc"}}),
    "validation longer": lambda: plots.plot_learning_curves({"a": {"loss": [1.0], "val_loss": [1.0, 2.0]}}),
    "ax not an Axes": lambda: plots.plot_learning_curves({"a": HISTORY}, ax="top"),
    "sweep logx 'False'": lambda: plots.plot_sweep(
        [1, 2], {"a": [1, 2]}, xlabel="x", ylabel="y", title="t", logx="False"
    ),
    "sweep lengths differ": lambda: plots.plot_sweep([1, 2], {"a": [1]}, xlabel="x", ylabel="y", title="t"),
    "sweep x inf": lambda: plots.plot_sweep([1, math.inf], {"a": [1, 2]}, xlabel="x", ylabel="y", title="t"),
    "sweep x 10**400": lambda: plots.plot_sweep([1, 10**400], {"a": [1, 2]}, xlabel="x", ylabel="y", title="t"),
    "sweep xlabel None": lambda: plots.plot_sweep([1, 2], {"a": [1, 2]}, xlabel=None, ylabel="y", title="t"),
    "sweep logx with 0": lambda: plots.plot_sweep([0, 2], {"a": [1, 2]}, xlabel="x", ylabel="y", title="t", logx=True),
    "mc ks 0": lambda: plots.plot_mc_convergence([0, 10], [0.2, 0.1], 0.1),
    "mc deterministic None": lambda: plots.plot_mc_convergence([1, 10], [0.2, 0.1], None),
    "mc deterministic 10**400": lambda: plots.plot_mc_convergence([1, 10], [0.2, 0.1], 10**400),
    "max_entropy 10**400": lambda: plots.plot_entropy_histogram({"a": [0.1]}, max_entropy=10**400),
    "team measure unknown": lambda: plots.plot_team_measures({0.0: {"training": [1.0]}}, ("nope",)),
    "team measures a string": lambda: plots.plot_team_measures({0.0: {"training": [1.0]}}, "training"),
    "team rate 1.5": lambda: plots.plot_team_measures({1.5: {"training": [1.0]}}, ("training",)),
    "team ragged": lambda: plots.plot_team_measures(
        {0.0: {"training": [1.0]}, 0.5: {"training": [1.0, 2.0]}}, ("training",)
    ),
    "skills 1-D": lambda: plots.plot_skills(np.ones(5)),
    "skills above 1": lambda: plots.plot_skills(np.full((2, 2), 2.0)),
    "skills 27 tasks": lambda: plots.plot_skills(np.zeros((2, 27))),
    "color_for index -1": lambda: plots.color_for("a", -1),
    "color_for index 2.5": lambda: plots.color_for("a", 2.5),
    "color_for name None": lambda: plots.color_for(None),
    "metadata of an Axes": lambda: plots.figure_text_metadata(plt.gca()),
}


@pytest.mark.parametrize("name", BAD_PLOT_CALLS)
def test_bad_arguments_are_refused_before_drawing(name: str) -> None:
    with pytest.raises((ValueError, TypeError)) as error:
        BAD_PLOT_CALLS[name]()
    assert "/helpers/" in error.traceback[-1].path.as_posix(), "refused by the helper, not by Matplotlib"
    plt.close("all")
