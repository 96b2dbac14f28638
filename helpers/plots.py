"""The course's plot style and the plots that several notebooks share.

Every function that draws takes ``ax=None`` (a new figure when None) and returns the Axes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt

__all__ = ["PALETTE", "color_for", "plot_learning_curves", "use_course_style"]

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


def use_course_style() -> None:
    """Readable fonts (13 pt), a light grid and the colour-blind-safe palette, for every figure."""
    mpl.rcParams.update(
        {
            "figure.figsize": (7.5, 4.2),
            "figure.dpi": 80,
            "savefig.dpi": 80,
            "font.size": 13,
            "axes.titlesize": 14,
            "axes.labelsize": 13,
            "legend.fontsize": 11,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": mpl.cycler(color=list(PALETTE)),
            "lines.linewidth": 2.0,
        }
    )


def color_for(name: str, index: int = 0) -> str:
    """The colour of a named run ("no dropout", "dropout", ...), else the palette's ``index``-th."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a string; got {type(name).__name__}")
    return _NAMED_COLORS.get(name.lower(), PALETTE[index % len(PALETTE)])


def plot_learning_curves(
    histories: Mapping[str, Mapping[str, Sequence[float]]],
    metric: str = "loss",
    *,
    ax: plt.Axes | None = None,
    title: str | None = None,
) -> plt.Axes:
    """Training (solid) and validation (dashed) curves of ``metric`` per epoch, one colour per run.

    Args:
        histories: run name -> Keras-style history dict with ``metric`` and ``"val_" + metric``.
        metric: ``"loss"`` or ``"accuracy"`` (or any key the histories share).
    """
    if not histories:
        raise ValueError("histories must name at least one run")
    for name, history in histories.items():
        missing = [key for key in (metric, f"val_{metric}") if key not in history]
        if missing:
            raise ValueError(f"history {name!r} has no {missing}; it has {sorted(history)}")
    if ax is None:
        _, ax = plt.subplots()
    for index, (name, history) in enumerate(histories.items()):
        color = color_for(name, index)
        epochs = range(1, len(history[metric]) + 1)
        ax.plot(epochs, history[metric], color=color, label=f"{name}: training")
        ax.plot(epochs, history[f"val_{metric}"], color=color, linestyle="--", label=f"{name}: validation")
    label = metric.replace("_", " ")
    ax.set_xlabel("epoch")
    ax.set_ylabel(f"{label} (cross-entropy)" if metric == "loss" else label)
    ax.set_title(title or f"{label.capitalize()} per epoch")
    ax.legend()
    return ax
