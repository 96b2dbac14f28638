"""helpers.plots: style, colours and the shared learning-curve plot."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
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
