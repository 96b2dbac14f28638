"""The explorers in helpers/widgets.py: the mask logic, the widgets' callbacks and pictures, the static figure."""

from __future__ import annotations

import io

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from helpers import plots, widgets

matplotlib.use("Agg", force=False)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ----------------------------------------------------------------------------- the mask


def test_keep_mask_is_reproducible_and_keeps_about_one_minus_rate() -> None:
    mask = widgets._keep_mask(100_000, 0.3, seed=7, draw=0)
    assert mask.dtype == bool and mask.shape == (100_000,)
    assert np.array_equal(mask, widgets._keep_mask(100_000, 0.3, seed=7, draw=0))
    # binomial: standard deviation of the kept fraction is sqrt(0.3 * 0.7 / n) ~ 0.00145; allow 5 of them
    assert abs(mask.mean() - 0.7) < 5 * np.sqrt(0.3 * 0.7 / 100_000)
    assert not np.array_equal(mask, widgets._keep_mask(100_000, 0.3, seed=7, draw=1))


def test_keep_mask_is_the_mask_of_the_reference_dropout() -> None:
    from helpers.dropout import dropout_forward

    out, reference = dropout_forward(np.ones(64), 0.5, rng=np.random.default_rng([3, 2]))
    mask = widgets._keep_mask(64, 0.5, seed=3, draw=2)
    np.testing.assert_array_equal(mask, reference)
    np.testing.assert_array_equal(out, np.where(mask, 2.0, 0.0))  # the explorer's "× 2" and "0"


def test_keep_mask_drops_nothing_at_rate_zero_and_nests_across_rates() -> None:
    assert widgets._keep_mask(500, 0.0, seed=0, draw=0).all()
    low, high = widgets._keep_mask(500, 0.2, seed=3, draw=0), widgets._keep_mask(500, 0.6, seed=3, draw=0)
    assert np.all(low[high])  # a unit kept at the higher rate is kept at the lower one
    assert high.sum() < low.sum()


# ----------------------------------------------------------------------------- mask explorer


def _drawn_units(explorer: widgets.MaskExplorer) -> tuple[int, int, list[str]]:
    """Kept and dropped units in the explorer's picture (drawn again into a figure we can inspect)."""
    figure = Figure()
    explorer.draw(figure)
    ax = figure.axes[0]
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    return len(ax.collections[0].get_offsets()), len(ax.collections[1].get_offsets()), labels


def _png_text(data: bytes) -> dict[str, str]:
    return dict(Image.open(io.BytesIO(data)).text)


def test_mask_explorer_shows_the_mask_the_kept_fraction_and_the_scale() -> None:
    plots.use_course_style()  # as in a notebook: the PNG then records 11 pt (the legends) as its smallest text
    explorer = widgets.mask_explorer(n_units=64, rate=0.5, seed=0)
    slider = explorer.slider
    assert (slider.min, slider.max, slider.value, slider.continuous_update) == (0.0, 0.9, 0.5, False)
    assert explorer.button.description == "Resample"
    assert np.array_equal(explorer.keep_mask, widgets._keep_mask(64, 0.5, seed=0, draw=0))
    kept = int(explorer.keep_mask.sum())
    assert _drawn_units(explorer) == (kept, 64 - kept, ["kept (× 2)", "dropped (output 0)"])
    assert f"{kept} of 64 units kept, kept fraction {kept / 64:.3f}" in explorer.summary.value
    assert "1/(1 − rate) = 2.00" in explorer.summary.value
    picture = bytes(explorer.image.value)
    assert picture.startswith(b"\x89PNG") and _png_text(picture)["course:min-font-px"] == f"{11 * 80 / 72:.2f}"


def test_moving_the_slider_redraws_with_the_new_rate() -> None:
    explorer = widgets.mask_explorer(n_units=64, rate=0.5, seed=0)
    before = (bytes(explorer.image.value), explorer.summary.value)
    figures = plt.get_fignums()
    explorer.slider.value = 0.8
    assert (bytes(explorer.image.value), explorer.summary.value) != before
    assert "rate 0.80" in explorer.summary.value and "= 5.00" in explorer.summary.value
    assert np.array_equal(explorer.keep_mask, widgets._keep_mask(64, 0.8, seed=0, draw=0))
    assert _drawn_units(explorer)[2][0] == "kept (× 5)"
    assert plt.get_fignums() == figures  # the callback draws no Matplotlib figure into the cell


def test_resample_draws_a_new_mask_reproducibly() -> None:
    first, second = widgets.mask_explorer(seed=4), widgets.mask_explorer(seed=4)
    original = first.keep_mask.copy()
    first.button.click()
    assert not np.array_equal(first.keep_mask, original)
    assert "(mask 2)" in first.summary.value
    second.button.click()
    assert np.array_equal(first.keep_mask, second.keep_mask)
    assert bytes(first.image.value) == bytes(second.image.value)


def test_rate_zero_keeps_every_unit_with_scale_one() -> None:
    explorer = widgets.mask_explorer(n_units=10, rate=0.0)
    assert _drawn_units(explorer)[:2] == (10, 0)
    assert "= 1.00" in explorer.summary.value


def test_mask_explorer_repr_is_a_friendly_stable_line() -> None:
    """The text shown before the cell runs says what the widget is and what to do, as the quiz's does."""
    explorer = widgets.mask_explorer(n_units=32, rate=0.25, seed=1)
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == "Mask explorer: a rate slider over one layer of 32 units (run the cell to use it)"
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert widgets.mask_explorer(n_units=32, rate=0.25, seed=1)._repr_mimebundle_()["text/plain"] == repr(explorer)


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"rate": 0.95}, ValueError, "rate"),
        ({"rate": 1.0}, ValueError, "rate"),
        ({"rate": None}, TypeError, "rate"),
        ({"n_units": 0}, ValueError, "n_units"),
        ({"n_units": 5000}, ValueError, "n_units"),
        ({"n_units": 3.0}, TypeError, "n_units"),
        ({"seed": 1.5}, TypeError, "seed"),
        ({"seed": -1}, ValueError, "seed"),
    ],
)
def test_mask_explorer_rejects_bad_arguments(kwargs, error, pattern) -> None:
    with pytest.raises(error, match=pattern):
        widgets.mask_explorer(**kwargs)


# ----------------------------------------------------------------------------- static mask figure


def test_plot_mask_draws_kept_and_dropped_units_with_labels() -> None:
    mask = widgets._keep_mask(64, 0.5, seed=0, draw=0)
    ax = widgets.plot_mask(mask, 0.5)
    kept = int(mask.sum())
    assert ax.get_title() == f"Mask at rate 0.5: {kept} of 64 units kept ({kept / 64:.2f})"
    assert ax.get_xlabel() and ax.get_ylabel()
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["kept (× 2)", "dropped (output 0)"]
    kept_points, dropped_points = ax.collections[0].get_offsets(), ax.collections[1].get_offsets()
    assert (len(kept_points), len(dropped_points)) == (kept, 64 - kept)
    assert ax.figure.get_figwidth() <= 8.0


def test_plot_mask_uses_a_given_axes_and_accepts_zeros_and_ones() -> None:
    _, ax = plt.subplots()
    assert widgets.plot_mask([1, 0, 1, 1], 0.25, ax=ax) is ax
    assert "3 of 4 units kept" in ax.get_title()


@pytest.mark.parametrize(
    ("mask", "rate", "error", "pattern"),
    [
        ([], 0.5, ValueError, "keep_mask"),
        ([[True, False]], 0.5, ValueError, "keep_mask"),
        ([0, 2], 0.5, ValueError, "keep_mask"),
        ([True], 1.0, ValueError, "rate"),
        ([True], "x", TypeError, "rate"),
    ],
)
def test_plot_mask_rejects_bad_arguments(mask, rate, error, pattern) -> None:
    with pytest.raises(error, match=pattern):
        widgets.plot_mask(mask, rate)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: widgets.team_explorer(first_seed=0.5), "first_seed"),  # said "object of type 'float' has no len()"
        (lambda: widgets.team_explorer(first_seed=-1), "first_seed"),
        (lambda: widgets.team_explorer(first_seed=2**32 - 2), "first_seed"),  # the last team's seed beyond 2**32 - 1
        (lambda: widgets.team_explorer(first_seed="0"), "first_seed"),
        (lambda: widgets.team_explorer(n_seeds=10**12), "n_seeds"),
        (lambda: widgets.team_explorer(absence_rate=0.9), "absence_rate"),
        (lambda: widgets.team_explorer(absence_rate=None), "absence_rate"),
        (lambda: widgets.plot_mask([True, False], 0.5, ax=True), "ax"),
        (lambda: widgets.mask_explorer(seed=1.5), "seed"),
    ],
)
def test_explorers_refuse_bad_arguments_by_name(call, name: str) -> None:
    with pytest.raises((ValueError, TypeError), match=name) as error:
        call()
    assert "/helpers/" in error.traceback[-1].path.as_posix()


def test_explorers_take_numpy_integers() -> None:
    explorer = widgets.team_explorer(n_seeds=np.int64(2), first_seed=np.int64(3))
    assert explorer.seeds == range(3, 5) and type(explorer.seeds.start) is int
    assert widgets.mask_explorer(n_units=np.int64(16), seed=np.int64(2)).n_units == 16


def test_team_explorer_marks_the_selected_rule_by_more_than_colour() -> None:
    """JupyterLab's selected toggle differs from the others by 1.62:1 only: bold, a tick and an outline."""
    explorer = widgets.team_explorer(n_seeds=1)
    assert "dq-explorer" in explorer._dom_classes
    css = explorer.children[0].value
    rule = css[css.index(".dq-explorer .widget-toggle-button.mod-active {") :]
    assert "font-weight: bold" in rule.split("}")[0] and "outline: 2px solid" in rule.split("}")[0]
    assert ".mod-active::before" in css and "2713" in css  # a tick before the selected rule's name
