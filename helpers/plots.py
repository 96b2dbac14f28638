"""The course's plot style and the plots that several notebooks share.

Every function that draws takes ``ax=None`` (a new figure when None) and returns the Axes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "DROPPED_COLOR",
    "KEPT_COLOR",
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

#: Fixed colours for the runs that recur across notebooks, so a model keeps its colour everywhere.
_NAMED_COLORS = {"no dropout": PALETTE[0], "dropout": PALETTE[1], "dropout 0.5": PALETTE[1]}

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


def color_for(name: str, index: int = 0) -> str:
    """The colour of a named run ("no dropout", "dropout", ...), else the palette's ``index``-th."""
    return _NAMED_COLORS.get(name.lower(), PALETTE[index % len(PALETTE)])


def plot_learning_curves(
    histories: Mapping[str, Mapping[str, Sequence[float]]],
    metric: str = "loss",
    *,
    ax: plt.Axes | None = None,
    title: str | None = None,
) -> plt.Axes:
    """Training (solid) and validation (dashed) curves of ``metric`` per epoch, one colour per run.

    ``histories``: run name -> Keras-style history dict with ``metric`` and ``"val_" + metric``.
    """
    ax = plt.subplots()[1] if ax is None else ax
    for index, (name, history) in enumerate(histories.items()):
        color = color_for(name, index)
        epochs = range(1, len(history[metric]) + 1)
        ax.plot(epochs, history[metric], color=color, label=f"{name}: training")
        ax.plot(epochs, history[f"val_{metric}"], color=color, linestyle="--", label=f"{name}: validation")
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
    """One line with markers per run (``curves``: name -> one value per ``x``) over a swept setting.

    ``logx``: a logarithmic x axis labelled with the values of ``x`` (for sizes that double).
    """
    xs = np.asarray(x, dtype=float)
    ax = plt.subplots()[1] if ax is None else ax
    for index, (name, values) in enumerate(curves.items()):
        ax.plot(xs, np.asarray(values, dtype=float), marker="o", color=color_for(name, index), label=name)
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
    ax = plt.subplots()[1] if ax is None else ax
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
    """Overlaid density outlines of predictive entropies (nats), one per group of images.

    ``max_entropy``: the right end of the ``bins`` equal bins; by default the largest value given.
    For C classes the largest possible entropy is log(C) (2.303 nats for 10 classes).
    """
    arrays = {name: np.asarray(values, dtype=float) for name, values in groups.items()}
    top = max(float(array.max()) for array in arrays.values()) if max_entropy is None else max_entropy
    edges = np.linspace(0.0, float(top), bins + 1)
    ax = plt.subplots()[1] if ax is None else ax
    for index, (name, array) in enumerate(arrays.items()):
        color = color_for(name, index)
        ax.hist(
            array,
            bins=edges,
            density=True,
            histtype="step",
            linewidth=2.0,
            color=color,
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
    ax = plt.subplots()[1] if ax is None else ax
    rates = sorted(results)
    for index, measure in enumerate(measures):
        values = np.array([np.asarray(results[rate][measure], dtype=float) for rate in rates])
        color = PALETTE[index % len(PALETTE)]
        ax.plot(rates, values.mean(axis=1), marker="o", color=color, label=TEAM_LABELS[measure])
        ax.fill_between(rates, values.min(axis=1), values.max(axis=1), color=color, alpha=0.18, linewidth=0)
    ylabel = TEAM_LABELS[measures[0]] if len(measures) == 1 else "output (1 = a perfect day)"
    ax.set(xlabel="absence_rate (daily probability of staying home)", ylabel=ylabel, title=title)
    if len(measures) > 1:
        ax.legend(loc="lower left", fontsize=10)
    return ax


def plot_skills(skills: np.ndarray, *, ax: plt.Axes | None = None, title: str = "Skills") -> plt.Axes:
    """One team's skills (employees x tasks) as a heat map with a continuous colour bar."""
    ax = plt.subplots(figsize=(4.2, 4.6))[1] if ax is None else ax
    n_employees, n_tasks = np.shape(skills)
    image = ax.imshow(skills, vmin=0, vmax=1, cmap="viridis", interpolation="nearest")
    ax.set_xticks(range(n_tasks), [chr(ord("A") + k) for k in range(n_tasks)])
    ax.set(yticks=range(n_employees), xlabel="task type", ylabel="employee", title=title)
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, label="skill (0 to 1)", fraction=0.08)
    return ax
