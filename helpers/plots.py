"""The course's plot style and the plots that several notebooks share.

Every function that draws takes ``ax=None`` (a new figure when None) and returns the Axes.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from helpers._checks import NotANumberError, check_array, check_choice, check_fraction, check_int, is_real_number

__all__ = [
    "DROPPED_COLOR",
    "HATCHES",
    "KEPT_COLOR",
    "LINESTYLES",
    "MARKERS",
    "MAX_FIGURE_WIDTH_IN",
    "PALETTE",
    "color_for",
    "figure_text_metadata",
    "plot_entropy_histogram",
    "plot_learning_curves",
    "plot_mc_convergence",
    "plot_skills",
    "plot_sweep",
    "plot_team_measures",
    "style_for",
    "use_course_style",
]

#: Okabe-Ito colours: distinguishable with the common colour-vision deficiencies and on a projector.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermilion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow (last: weak on white)
)

#: A marker, a line style and a hatch per palette position: series stay apart in grayscale and for
#: colour-blind readers (dotted ``:`` is left for reference lines such as medians).
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES: tuple = ("-", "--", "-.", (0, (6, 2, 1, 2, 1, 2)), (0, (10, 3)), (0, (3, 1, 3, 4)), "-", "--")
HATCHES: tuple[str, ...] = ("", "//", "\\\\", "xx", "..", "++", "oo", "--")

#: Fixed palette positions for the runs that recur across notebooks, so a model keeps its style everywhere.
_NAMED = {"no dropout": 0, "dropout": 1, "dropout 0.5": 1}

#: Kept units of a dropout mask (filled, the first colour) and dropped units (open, light grey: output 0).
KEPT_COLOR = PALETTE[0]
DROPPED_COLOR = "#BBBBBB"

#: The widest figure the course shows: 8 in at 80 dpi is 640 px; a code cell's output is about 600 px
#: wide at 1024 px with JupyterLab's file browser open, so 11 pt text stays at least 10 px on screen.
MAX_FIGURE_WIDTH_IN = 8.0
#: PNG text keys (tEXt chunks) with the figure's smallest font, read back by the browser test.
PNG_MIN_FONT_KEY = "course:min-font-px"
PNG_WIDTH_KEY = "course:width-in"


def use_course_style() -> None:
    """Readable fonts (13 pt, ticks 12 pt, legends 11 pt), a light grid and the colour-blind-safe palette.

    Figures are 7.5 x 4.2 in at 80 dpi (600 px wide); in a notebook every figure shown carries
    ``figure_text_metadata`` in its PNG, which the browser test reads to check the text size as displayed.
    """
    mpl.rcParams.update(
        {
            "figure.figsize": (7.5, 4.2),
            "figure.dpi": 80,
            "savefig.dpi": 80,
            "font.size": 13,
            "axes.titlesize": 14,
            "axes.labelsize": 13,
            "figure.titlesize": 14,
            "xtick.labelsize": 12,
            "ytick.labelsize": 12,
            "legend.fontsize": 11,
            "legend.title_fontsize": 11,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": mpl.cycler(color=list(PALETTE)),
            "lines.linewidth": 2.0,
        }
    )
    from IPython import get_ipython

    shell = get_ipython()
    if getattr(shell, "display_formatter", None) and "inline" in str(mpl.get_backend(auto_select=False)):
        # the inline backend registers its own PNG formatter when first imported: let it go first
        import matplotlib_inline.backend_inline  # noqa: F401

        shell.display_formatter.formatters["image/png"].for_type(mpl.figure.Figure, _figure_png)


def figure_text_metadata(figure: mpl.figure.Figure) -> dict[str, str]:
    """PNG text entries: the smallest visible font of ``figure`` in image pixels, and its width in inches."""
    if not isinstance(figure, mpl.figure.Figure):
        raise TypeError(f"figure must be a Matplotlib Figure; got {type(figure).__name__}")
    figure.draw_without_rendering()  # tick labels get their text at draw time
    sizes = [
        text.get_fontsize()
        for text in figure.findobj(mpl.text.Text)
        if text.get_visible() and text.get_text().strip() and text.get_alpha() != 0
    ]
    entries = {PNG_WIDTH_KEY: f"{figure.get_figwidth():.2f}"}
    if sizes:
        entries[PNG_MIN_FONT_KEY] = f"{min(sizes) * figure.dpi / 72:.2f}"
    return entries


def _figure_png(figure: mpl.figure.Figure) -> str | None:
    """IPython's inline PNG of ``figure`` (base64) with ``figure_text_metadata`` in it."""
    from IPython.core.pylabtools import print_figure  # None for an empty figure, as IPython's own formatter

    return print_figure(figure, "png", base64=True, metadata=figure_text_metadata(figure))


def _position(name: object, index: object) -> int:
    if not isinstance(name, str):
        raise TypeError(f"name must be a string (a run's name such as 'dropout'); got {type(name).__name__}")
    return _NAMED.get(name.lower(), check_int(index, "index", low=0, meaning="the position in the palette"))


def color_for(name: str, index: int = 0) -> str:
    """The colour of a named run ("no dropout", "dropout", ...), else the palette's ``index``-th."""
    return PALETTE[_position(name, index) % len(PALETTE)]


def style_for(name: str, index: int = 0) -> dict[str, object]:
    """``color``, ``marker`` and ``linestyle`` of a run, for ``ax.plot(..., **style_for(name, i))``.

    A named run keeps its style everywhere, as with :func:`color_for`; two runs differ in all three.
    """
    position = _position(name, index) % len(PALETTE)
    return {"color": PALETTE[position], "marker": MARKERS[position], "linestyle": LINESTYLES[position]}


MAX_SERIES = 12  # runs, groups or measures in one plot: more cannot be told apart
MAX_POINTS = 10**6  # values per series


def _axes(ax: object, **figure: object) -> plt.Axes:
    """``ax``, or a new figure's Axes when it is None."""
    if ax is None:
        return plt.subplots(**figure)[1]
    if not isinstance(ax, mpl.axes.Axes):
        raise TypeError(f"ax must be a Matplotlib Axes or None (a new figure); got {type(ax).__name__}")
    return ax


def _text(value: object, name: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string; got {type(value).__name__} {value!r:.40}")


def _values(values: object, name: str, *, size: int | None = None, gaps: bool = False) -> np.ndarray:
    """``values`` as floats: a 1-D list or array of 1 to 10**6 real numbers (``size`` of them if given),
    finite (``gaps``: NaN allowed, drawn as a gap, but at least one finite value)."""
    count = f"{size} (one per point of the other series)" if size else f"1 to {MAX_POINTS:,}"
    allowed = f"a list of {count} finite real numbers" + (" (NaN: a gap)" if gaps else "")
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, (Sequence, np.ndarray)):
        raise NotANumberError(f"{name} must be {allowed}; got {type(values).__name__} {values!r:.40}")
    try:
        array = np.asarray(values)
    except (ValueError, OverflowError):  # ragged lists, integers beyond 64 bits
        array = np.asarray(None)
    if (
        array.dtype.kind not in "iuf"
        or array.ndim != 1
        or not 1 <= array.size <= MAX_POINTS
        or size not in (None, array.size)
    ):
        raise ValueError(f"{name} must be {allowed}; got {values!r:.60}")
    array = array.astype(float)
    finite = np.isfinite(array)
    if not (finite.any() and ((gaps and not np.isinf(array).any()) or finite.all())):
        raise ValueError(f"{name} must be {allowed}; got {values!r:.60}")
    return array


def _runs(runs: object, name: str, what: str) -> Mapping:
    """A mapping of 1 to 12 named series (string keys)."""
    if not isinstance(runs, Mapping) or not 1 <= len(runs) <= MAX_SERIES or not all(isinstance(k, str) for k in runs):
        raise ValueError(f"{name} must map 1 to {MAX_SERIES} names (strings) to {what}; got {runs!r:.60}")
    return runs


def plot_learning_curves(
    histories: Mapping[str, Mapping[str, Sequence[float]]],
    metric: str = "loss",
    *,
    ax: plt.Axes | None = None,
    title: str | None = None,
) -> plt.Axes:
    """Training (solid) and validation (dashed) curves of ``metric`` per epoch; a colour and marker per run.

    ``histories``: run name -> Keras-style history dict with ``metric`` and ``"val_" + metric``.
    """
    if not isinstance(metric, str) or not metric:
        raise ValueError(f"metric must be a history key such as 'loss' or 'accuracy'; got {metric!r:.40}")
    keys = (metric, f"val_{metric}")
    for name, history in _runs(histories, "histories", f"Keras-style histories with {keys}").items():
        if not isinstance(history, Mapping) or not all(key in history for key in keys):
            raise ValueError(
                f"histories[{name!r}] must be a mapping with {keys} (metric={metric!r}); got {history!r:.60}"
            )
    if title is not None:
        _text(title, "title")
    ax = _axes(ax)
    for index, (name, history) in enumerate(histories.items()):
        train = _values(history[metric], f"histories[{name!r}][{metric!r}]", gaps=True)
        val = _values(history[keys[1]], f"histories[{name!r}][{keys[1]!r}]", size=train.size, gaps=True)
        style = {**style_for(name, index), "markevery": max(1, train.size // 10), "markersize": 5}
        epochs = range(1, train.size + 1)
        ax.plot(epochs, train, **{**style, "linestyle": "-"}, label=f"{name}: training")
        ax.plot(epochs, val, **{**style, "linestyle": "--"}, label=f"{name}: validation")
    label = metric.replace("_", " ")
    ax.set(xlabel="epoch", ylabel=f"{label} (cross-entropy)" if metric == "loss" else label)
    ax.set_title(title or f"{label.capitalize()} per epoch")
    ax.legend()
    return ax


def plot_sweep(
    x: Sequence[float],
    curves: Mapping[str, Sequence[float]],
    *,
    xlabel: str,
    ylabel: str,
    title: str,
    logx: bool = False,
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """One line per run (``curves``: name -> one value per ``x``) over a swept setting, each with its
    own colour, marker and line style (:func:`style_for`).

    ``logx``: a logarithmic x axis labelled with the values of ``x`` (for sizes that double).
    """
    xs = _values(x, "x")
    if check_choice(logx, "logx", (True, False)) and not (xs > 0).all():
        raise ValueError(f"x must be positive for logx=True (a logarithmic axis); got {x!r:.60}")
    for value, name in ((xlabel, "xlabel"), (ylabel, "ylabel"), (title, "title")):
        _text(value, name)
    ys = {
        name: _values(v, f"curves[{name!r}]", size=xs.size, gaps=True)
        for name, v in _runs(curves, "curves", "values").items()
    }
    ax = _axes(ax)
    for index, (name, values) in enumerate(ys.items()):
        ax.plot(xs, values, **style_for(name, index), label=name)
    if logx:
        ax.set_xscale("log")
        ax.set_xticks(xs, [f"{value:g}" for value in xs])
        ax.minorticks_off()
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    if len(curves) > 1:
        ax.legend()
    return ax


def plot_mc_convergence(
    ks: Sequence[int],
    mc_values: Sequence[float],
    deterministic_value: float,
    *,
    ylabel: str = "test error (fraction misclassified)",
    title: str = "Monte-Carlo averaging against weight scaling",
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """A measure of the k-pass Monte-Carlo average against k (log axis), and the deterministic model as a line.

    The counterpart of Srivastava et al. (2014), Figure 11: ``mc_values[i]`` belongs to ``ks[i]``
    stochastic forward passes averaged; ``deterministic_value`` is the same network with dropout off.
    """
    ks = _values(ks, "ks")
    if not (ks >= 1).all():
        raise ValueError(f"ks must be numbers of passes, each at least 1 (a logarithmic axis); got {ks!r:.60}")
    mc_values = _values(mc_values, "mc_values", size=ks.size)
    if not (is_real_number(deterministic_value) and abs(deterministic_value) <= sys.float_info.max):
        raise ValueError(f"deterministic_value must be a finite real number; got {deterministic_value!r:.40}")
    _text(ylabel, "ylabel"), _text(title, "title")
    ax = _axes(ax)
    ax.plot(ks, mc_values, marker="o", color=PALETTE[1], label="Monte-Carlo average of k passes (dropout on)")
    ax.axhline(
        deterministic_value, color=PALETTE[0], linestyle="--", label="deterministic (dropout off, weight scaling)"
    )
    ax.set(xscale="log", xlabel="k, number of stochastic forward passes averaged", ylabel=ylabel, title=title)
    ax.legend()
    return ax


def plot_entropy_histogram(
    groups: Mapping[str, Sequence[float]],
    *,
    bins: int = 30,
    max_entropy: float | None = None,
    title: str = "Predictive entropy",
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Overlaid density outlines of predictive entropies (nats), one per group of images, each with its
    own colour and line style (:func:`style_for`).

    ``max_entropy``: the right end of the ``bins`` equal bins (1 to 1,000); by default the largest value
    given. For C classes the largest possible entropy is log(C) (2.303 nats for 10 classes).
    """
    arrays = {name: _values(v, f"groups[{name!r}]") for name, v in _runs(groups, "groups", "entropies").items()}
    if any((array < 0).any() for array in arrays.values()):
        raise ValueError("groups must hold entropies, which are at least 0 nats")
    bins = check_int(bins, "bins", high=1000, meaning="equal bins")
    top = (max(float(array.max()) for array in arrays.values()) or 1.0) if max_entropy is None else max_entropy
    if not is_real_number(top) or not 0 < top <= 1000:
        raise ValueError(f"max_entropy must be a number of nats in (0, 1000] or None; got {max_entropy!r:.40}")
    _text(title, "title")
    edges = np.linspace(0.0, float(top), bins + 1)
    ax = _axes(ax)
    for index, (name, array) in enumerate(arrays.items()):
        style = style_for(name, index)
        color = style["color"]
        ax.hist(
            array,
            bins=edges,
            density=True,
            histtype="step",
            linewidth=2.0,
            color=color,
            linestyle=style["linestyle"],
            label=f"{name} (n={array.size:,})",
        )
        ax.axvline(float(np.median(array)), color=color, linestyle=":", linewidth=1.5)
    ax.set(xlabel="predictive entropy (nats); dotted lines: medians", ylabel="density (per nat)", title=title)
    ax.legend()
    return ax


#: Labels of the team simulation's measures (helpers/team.py, notebook 05).
TEAM_LABELS = {
    "training": "output while training",
    "presentation": "presentation, everyone present",
    "worst_leaver": "presentation, worst single leaver",
    "mean_leaver": "presentation, average single leaver",
    "spread": "employees per task with skill ≥ 0.5",
}


def plot_team_measures(
    results: Mapping[float, Mapping[str, Sequence[float]]],
    measures: Sequence[str] = ("training", "presentation", "worst_leaver", "mean_leaver"),
    *,
    ax: plt.Axes | None = None,
    title: str = "The team after training",
) -> plt.Axes:
    """Team measures against the absence rate: mean over teams, band from the lowest to the highest.

    ``results``: ``{absence_rate: {measure: one value per team}}``, as ``team.sweep`` returns.
    """
    measures = measures.tolist() if isinstance(measures, np.ndarray) and measures.ndim == 1 else measures
    if isinstance(measures, str) or not isinstance(measures, Sequence) or not 1 <= len(measures) <= len(TEAM_LABELS):
        raise ValueError(f"measures must be a list of names from {list(TEAM_LABELS)}; got {measures!r:.60}")
    for measure in measures:
        check_choice(measure, "each of measures", tuple(TEAM_LABELS))
    _text(title, "title")
    if not isinstance(results, Mapping) or not 1 <= len(results) <= 100:
        raise ValueError(
            f"results must map 1 to 100 absence rates to measures, as team.sweep returns; got {results!r:.60}"
        )
    rates = sorted(check_fraction(rate, "each rate in results", meaning="an absence rate") for rate in results)
    columns = {}
    for rate, by_measure in results.items():
        if not isinstance(by_measure, Mapping) or not all(measure in by_measure for measure in measures):
            raise ValueError(f"results[{rate!r}] must map each of {list(measures)} to one value per team")
        for measure in measures:
            teams = len(columns.get(measure, {}).get(rates[0], [])) or None
            columns.setdefault(measure, {})[float(rate)] = _values(
                by_measure[measure], f"results[{rate!r}][{measure!r}]", size=teams
            )
    ax = _axes(ax)
    for index, measure in enumerate(measures):
        values = np.array([columns[measure][rate] for rate in rates])
        style = style_for(measure, index)
        ax.plot(rates, values.mean(axis=1), **style, label=TEAM_LABELS[measure])
        ax.fill_between(rates, values.min(axis=1), values.max(axis=1), color=style["color"], alpha=0.18, linewidth=0)
    ylabel = TEAM_LABELS[measures[0]] if len(measures) == 1 else "output (1 = a perfect day)"
    ax.set(xlabel="absence_rate (daily probability of staying home)", ylabel=ylabel, title=title)
    if len(measures) > 1:
        ax.legend(loc="lower left", fontsize=10)
    return ax


def plot_skills(skills: np.ndarray, *, ax: plt.Axes | None = None, title: str = "Skills") -> plt.Axes:
    """One team's skills (employees x tasks) as a heat map with a continuous colour bar."""
    allowed = "a 2-D array of 1 to 100 employees x 1 to 26 tasks"
    array = check_array(
        skills if isinstance(skills, (Sequence, np.ndarray)) else None, "skills", ndim=2, meaning=allowed
    )
    if not (0 < array.shape[0] <= 100 and 0 < array.shape[1] <= 26):
        raise ValueError(f"skills must be {allowed}; got {skills!r:.60}")
    if not ((array >= 0) & (array <= 1)).all():
        raise ValueError("skills must be between 0 and 1 (NaN and inf are not skills)")
    _text(title, "title")
    ax = _axes(ax, figsize=(4.2, 4.6))
    n_employees, n_tasks = array.shape
    image = ax.imshow(skills, vmin=0, vmax=1, cmap="viridis", interpolation="nearest")
    ax.set_xticks(range(n_tasks), [chr(ord("A") + k) for k in range(n_tasks)])
    ax.set(yticks=range(n_employees), xlabel="task type", ylabel="employee", title=title)
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, label="skill (0 to 1)", fraction=0.08)
    return ax
