"""Interactive widgets (ipywidgets) and the static figures that go with them.

* :func:`mask_explorer` – a rate slider and a Resample button over one layer of units: which units a
  dropout mask keeps, the kept fraction, and the scale factor ``1 / (1 - rate)`` of inverted dropout.
* :func:`plot_mask` – the same picture as a static Matplotlib figure, for the stored notebook and
  the HTML export.
* :func:`learning_curve_explorer` – choose a dropout rate and see the learning curves of runs that
  were trained once, before the explorer was built (nothing is trained inside the slider callback).
* :func:`team_explorer` – the employee team of notebook 05: an absence_rate slider and an assignment
  rule over a small simulation (helpers/team.py), redrawn as a PNG shown at its own size.

The explorers are small widget containers with a short, stable ``repr`` (so ``nbval`` can compare the
cell output) and no Matplotlib output in the cell: the unit picture is SVG inside an ``HTML`` widget
and the learning curves are a small PNG inside an ``Image`` widget, drawn off-screen.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Mapping, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator
from PIL import Image as PILImage

from helpers._checks import NotANumberError, check_int, check_seed, is_real_number
from helpers.dropout import check_rate, dropout_forward
from helpers.plots import PALETTE, color_for, plot_learning_curves

__all__ = [
    "LearningCurveExplorer",
    "MaskExplorer",
    "TeamExplorer",
    "learning_curve_explorer",
    "mask_explorer",
    "plot_mask",
    "team_explorer",
]

KEPT_COLOR = PALETTE[0]  # blue
DROPPED_COLOR = "#BBBBBB"  # light grey: a dropped unit outputs 0
MAX_EXPLORER_RATE = 0.9
FIGURE_PX = (560, 300)  # the learning-curve picture, in pixels


# --------------------------------------------------------------------------------------------
# argument checks


def _check_explorer_rate(rate: object) -> float:
    if not is_real_number(rate) or not 0.0 <= float(rate) <= MAX_EXPLORER_RATE:
        error = ValueError if is_real_number(rate) else NotANumberError
        raise error(f"rate must be a number in [0, {MAX_EXPLORER_RATE}] (the slider's range); got {rate!r}")
    return float(rate)


def _check_keep_mask(keep_mask: object) -> np.ndarray:
    mask = np.asarray(keep_mask)
    if mask.ndim != 1 or not 0 < mask.size <= 4096:
        raise ValueError(f"keep_mask must be a 1-D array of 1 to 4,096 units (one entry each); got shape {mask.shape}")
    if mask.dtype != bool:
        if not np.isin(mask, (0, 1)).all():
            raise ValueError("keep_mask must hold booleans (True = kept) or 0/1 values")
        mask = mask.astype(bool)
    return mask


# --------------------------------------------------------------------------------------------
# the mask


def _draw_keep_mask(n_units: int, rate: float, *, seed: int = 0, draw: int = 0) -> np.ndarray:
    """The keep mask of one layer of ``n_units`` units at dropout ``rate``: True where a unit is kept.

    Each unit is kept independently with probability ``1 - rate`` (``u >= rate`` for a uniform ``u``),
    drawn by :func:`helpers.dropout.dropout_forward` on a layer of ones.
    The uniform numbers depend only on ``(seed, draw)``, so for one draw a higher rate drops a
    superset of the units dropped at a lower rate; ``draw`` numbers the Resample presses.
    """
    n_units = check_int(n_units, "n_units", low=1, high=10**6)
    rate = check_rate(rate)
    seed = check_seed(seed)
    draw = check_int(draw, "draw", low=0)
    rng = np.random.default_rng([seed, draw])
    _, keep_mask = dropout_forward(np.ones(n_units), rate, rng=rng)  # the course's tested reference
    return np.ones(n_units, dtype=bool) if keep_mask is None else keep_mask


def _grid_shape(n_units: int) -> tuple[int, int]:
    """(rows, columns) of a near-square grid holding ``n_units`` cells."""
    columns = math.ceil(math.sqrt(n_units))
    return math.ceil(n_units / columns), columns


def _summary_lines(keep_mask: np.ndarray, rate: float) -> tuple[str, str]:
    kept = int(keep_mask.sum())
    n_units = keep_mask.size
    scale = 1.0 / (1.0 - rate)
    first = (
        f"rate {rate:.2f}: {kept} of {n_units} units kept, kept fraction {kept / n_units:.3f} "
        f"(expected 1 − rate = {1 - rate:.2f})"
    )
    second = (
        f"scale factor 1/(1 − rate) = {scale:.2f}: in training each kept unit is multiplied by {scale:.2f} "
        "and each dropped unit outputs 0, so the expected output is unchanged; at test time nothing is "
        "dropped or scaled"
    )
    return first, second


def _mask_svg(keep_mask: np.ndarray, scale: float, cell: int = 34) -> str:
    """The units as an SVG grid: kept units blue with their output ×scale, dropped units grey with 0."""
    rows, columns = _grid_shape(keep_mask.size)
    width, height = columns * cell, rows * cell
    radius = cell * 0.42
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="dropout mask: '
        f'{int(keep_mask.sum())} of {keep_mask.size} units kept">'
    ]
    for index, kept in enumerate(keep_mask):
        row, column = divmod(index, columns)
        cx, cy = column * cell + cell / 2, row * cell + cell / 2
        if kept:
            label = f"×{scale:.2f}".rstrip("0").rstrip(".") if scale < 10 else f"×{scale:.0f}"
            parts.append(
                f'<circle cx="{cx:g}" cy="{cy:g}" r="{radius:.1f}" fill="{KEPT_COLOR}" class="unit-kept"/>'
                f'<text x="{cx:g}" y="{cy + 4:g}" font-size="10" text-anchor="middle" fill="white">{label}</text>'
            )
        else:
            parts.append(
                f'<circle cx="{cx:g}" cy="{cy:g}" r="{radius:.1f}" fill="white" stroke="{DROPPED_COLOR}" '
                f'stroke-width="2" class="unit-dropped"/>'
                f'<text x="{cx:g}" y="{cy + 4:g}" font-size="11" text-anchor="middle" fill="#888888">0</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


class MaskExplorer(widgets.VBox):
    """The widget :func:`mask_explorer` returns; ``slider``, ``button``, ``picture``, ``summary`` are its parts."""

    def __init__(self, n_units: int = 64, rate: float = 0.5, seed: int = 0) -> None:
        self.n_units = check_int(n_units, "n_units", low=1, high=1024)
        self.seed = check_seed(seed)
        rate = _check_explorer_rate(rate)
        self.draw = 0
        self.slider = widgets.FloatSlider(
            value=rate,
            min=0.0,
            max=MAX_EXPLORER_RATE,
            step=0.05,
            description="rate",
            readout_format=".2f",
            continuous_update=False,
        )
        self.button = widgets.Button(description="Resample", tooltip="draw a new mask", icon="refresh")
        self.picture = widgets.HTML()
        self.summary = widgets.HTML()
        self.keep_mask = np.ones(self.n_units, dtype=bool)
        title = widgets.HTML(
            f"<b>Mask explorer</b>: one layer of {self.n_units} units. Blue units are kept (their output is "
            "multiplied by the scale factor), white units are dropped (output 0)."
        )
        super().__init__([title, widgets.HBox([self.slider, self.button]), self.picture, self.summary])
        self.slider.observe(self._on_rate, names="value")
        self.button.on_click(self._on_resample)
        self._redraw()

    @property
    def rate(self) -> float:
        """The rate the slider shows."""
        return float(self.slider.value)

    def _redraw(self) -> None:
        rate = self.rate
        self.keep_mask = _draw_keep_mask(self.n_units, rate, seed=self.seed, draw=self.draw)
        self.picture.value = _mask_svg(self.keep_mask, 1.0 / (1.0 - rate))
        first, second = _summary_lines(self.keep_mask, rate)
        self.summary.value = (
            f'<div class="mask-summary">{html.escape(first)} (mask {self.draw + 1})<br>{html.escape(second)}</div>'
        )

    def _on_rate(self, _change: object) -> None:
        self._redraw()

    def _on_resample(self, _button: object) -> None:
        self.draw += 1
        self._redraw()

    def __repr__(self) -> str:
        return f"MaskExplorer(n_units={self.n_units}, rate={self.rate:g}, seed={self.seed})"


def mask_explorer(n_units: int = 64, rate: float = 0.5, seed: int = 0) -> MaskExplorer:
    """A rate slider (0 to 0.9) and a Resample button over one layer of ``n_units`` units.

    Shows which units the mask keeps and drops, the kept fraction and the scale factor
    ``1 / (1 - rate)`` that inverted dropout (Keras's ``Dropout``) applies to kept units in training.
    Masks are reproducible: the same ``seed``, rate and number of Resample presses give the same mask.
    """
    return MaskExplorer(n_units=n_units, rate=rate, seed=seed)


def plot_mask(keep_mask: Sequence[bool] | np.ndarray, rate: float, ax: plt.Axes | None = None) -> plt.Axes:
    """The static figure of a mask: units on a grid, kept (filled) versus dropped (open, output 0)."""
    mask = _check_keep_mask(keep_mask)
    rate = check_rate(rate)
    rows, columns = _grid_shape(mask.size)
    if ax is None:
        _, ax = plt.subplots(
            figsize=(min(4.2 + 0.45 * columns, 12.0), min(1.6 + 0.45 * rows, 8.0)), layout="constrained"
        )
    index = np.arange(mask.size)
    row, column = np.divmod(index, columns)
    y = rows - 1 - row  # first unit at the top left
    size = max(20.0, 220.0 * 8 / max(columns, rows))
    ax.scatter(column[mask], y[mask], s=size, color=KEPT_COLOR, zorder=3)
    ax.scatter(column[~mask], y[~mask], s=size, facecolors="white", edgecolors=DROPPED_COLOR, linewidths=1.5, zorder=3)
    ax.scatter(column[~mask], y[~mask], s=size * 0.35, marker="x", color="#888888", linewidths=1.2, zorder=4)
    ax.set_xlim(-0.7, columns - 0.3)
    ax.set_ylim(-0.7, rows - 0.3)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.set_xlabel(f"units, {columns} per row (unit 0 at the top left)")
    ax.set_ylabel("row of units")
    kept = int(mask.sum())
    ax.set_title(f"Mask at rate {rate:g}: {kept} of {mask.size} units kept ({kept / mask.size:.2f})")
    kept_label = f"kept (× {1 / (1 - rate):.3g})"
    handles = [
        Line2D([], [], marker="o", linestyle="", color=KEPT_COLOR, markersize=9, label=kept_label),
        Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=DROPPED_COLOR, markersize=9),
    ]
    handles[1].set_label("dropped (output 0)")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax


# --------------------------------------------------------------------------------------------
# learning curves


def _run_name(rate: float) -> str:
    return "no dropout" if rate == 0 else f"dropout {rate:g}"


def _check_histories(histories_by_rate: object, metric: object) -> tuple[dict[float, Mapping[str, list[float]]], str]:
    if not isinstance(metric, str) or not metric:
        raise TypeError(f"metric must be a non-empty string such as 'loss' or 'accuracy'; got {metric!r}")
    if not isinstance(histories_by_rate, Mapping):
        raise TypeError(
            f"histories_by_rate must be a mapping rate -> history dict; got {type(histories_by_rate).__name__}"
        )
    if not histories_by_rate:
        raise ValueError("histories_by_rate must hold at least one run")
    checked: dict[float, Mapping[str, list[float]]] = {}
    for rate, history in histories_by_rate.items():
        value = check_rate(rate, "each rate in histories_by_rate")
        if value in checked:
            raise ValueError(f"histories_by_rate has the rate {value:g} twice")
        if not isinstance(history, Mapping):
            raise TypeError(
                f"the history of rate {value:g} must be a mapping metric -> list; got {type(history).__name__}"
            )
        keys = (metric, f"val_{metric}")
        missing = [key for key in keys if key not in history]
        if missing:
            raise ValueError(f"the history of rate {value:g} has no {missing}; it has {sorted(history)}")
        lengths = {len(history[key]) for key in keys}
        if len(lengths) != 1 or 0 in lengths:
            raise ValueError(f"the history of rate {value:g} needs equally long, non-empty {keys[0]!r} and {keys[1]!r}")
        values = np.asarray([history[key] for key in keys], dtype=float)
        if not np.isfinite(values).all():
            raise ValueError(f"the history of rate {value:g} holds a non-finite {metric}")
        checked[value] = history
    return dict(sorted(checked.items())), metric


class LearningCurveExplorer(widgets.VBox):
    """The widget :func:`learning_curve_explorer` returns; ``slider``, ``image``, ``summary`` are its parts."""

    def __init__(self, histories_by_rate: Mapping[float, Mapping[str, Sequence[float]]], metric: str = "loss"):
        self.histories, self.metric = _check_histories(histories_by_rate, metric)
        self.rates = list(self.histories)
        values = np.concatenate(
            [np.asarray(h[key], dtype=float) for h in self.histories.values() for key in (metric, f"val_{metric}")]
        )
        low, high = float(values.min()), float(values.max())
        pad = 0.05 * (high - low) or 0.05 * abs(high) or 0.05
        self.ylim = (low - pad, high + pad)  # the same axis for every rate, so curves can be compared
        self.epochs = max(len(h[metric]) for h in self.histories.values())
        self.slider = widgets.SelectionSlider(
            options=[(f"{rate:g}", rate) for rate in self.rates],
            value=self.rates[0],
            description="rate",
            continuous_update=False,
        )
        # shown at its own size (the PNG is drawn at 80 dpi, the course's figure.dpi), never stretched
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{FIGURE_PX[0]}px", max_width="100%"))
        self.summary = widgets.HTML()
        title = widgets.HTML(
            f"<b>Learning-curve explorer</b>: {len(self.rates)} runs trained once above; pick a dropout rate. "
            "Training is solid, validation dashed; the axes stay fixed."
        )
        super().__init__([title, self.slider, self.image, self.summary])
        self.slider.observe(self._on_rate, names="value")
        self._redraw()

    @property
    def rate(self) -> float:
        """The rate the slider shows."""
        return float(self.slider.value)

    def summary_text(self, rate: float) -> str:
        """Final training and validation values of ``metric`` at ``rate`` and the gap between them."""
        history = self.histories[rate]
        train, val = float(history[self.metric][-1]), float(history[f"val_{self.metric}"][-1])
        label = self.metric.replace("_", " ")
        return (
            f"rate {rate:g}, after {len(history[self.metric])} epochs: training {label} {train:.3f}, "
            f"validation {label} {val:.3f}, gap |training − validation| {abs(train - val):.3f}"
        )

    def figure_png(self, rate: float) -> bytes:
        """The learning curves of ``rate`` as PNG bytes (drawn off-screen, no cell output)."""
        figure = Figure(figsize=(FIGURE_PX[0] / 80, FIGURE_PX[1] / 80), dpi=80, layout="constrained")
        ax = figure.subplots()
        plot_learning_curves(
            {_run_name(rate): self.histories[rate]},
            self.metric,
            ax=ax,
            title=f"{self.metric.replace('_', ' ').capitalize()} per epoch at dropout rate {rate:g}",
        )
        # one colour per rate across the slider (the course's colours for "no dropout" and "dropout 0.5")
        color = color_for(_run_name(rate), 2 + self.rates.index(rate))
        for line in ax.get_lines():
            line.set_color(color)
        ax.legend()
        ax.set_ylim(*self.ylim)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0.5, self.epochs + 0.5)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        # a 32-colour palette keeps the PNG (stored in the notebook's widget state) about 4x smaller
        buffer.seek(0)
        small = io.BytesIO()
        PILImage.open(buffer).convert("RGB").quantize(colors=32).save(small, format="png", optimize=True)
        return small.getvalue()

    def _redraw(self) -> None:
        rate = self.rate
        self.image.value = self.figure_png(rate)
        self.summary.value = f'<div class="curve-summary">{html.escape(self.summary_text(rate))}</div>'

    def _on_rate(self, _change: object) -> None:
        self._redraw()

    def __repr__(self) -> str:
        rates = ", ".join(f"{rate:g}" for rate in self.rates)
        return f"LearningCurveExplorer(rates=[{rates}], metric={self.metric!r})"


def learning_curve_explorer(
    histories_by_rate: Mapping[float, Mapping[str, Sequence[float]]], metric: str = "loss"
) -> LearningCurveExplorer:
    """A slider over the dropout rates of ``histories_by_rate`` that redraws that run's learning curves.

    Args:
        histories_by_rate: dropout rate -> Keras-style history (``metric`` and ``"val_" + metric``
            per epoch), from runs trained before; the callback only redraws.
        metric: ``"loss"`` or ``"accuracy"`` (any key the histories share).
    """
    return LearningCurveExplorer(histories_by_rate, metric)


# --------------------------------------------------------------------------------------------
# the employee team (notebook 05)

TEAM_PX = (600, 300)  # the team explorer's picture, in pixels (shown at this size, never stretched)
MAX_TEAM_SEEDS = 20  # a move of the slider reruns n_seeds teams: at most about a second


class TeamExplorer(widgets.VBox):
    """The widget :func:`team_explorer` returns; ``slider``, ``rule``, ``image``, ``summary`` are its parts."""

    def __init__(self, absence_rate: float = 0.0, *, n_seeds: int = 5, first_seed: int = 0) -> None:
        from helpers import team

        check_int(n_seeds, "n_seeds", high=MAX_TEAM_SEEDS, meaning="teams rerun at each move")
        team.simulate_team(absence_rate, first_seed, n_days=1)  # checks absence_rate and first_seed
        if absence_rate > 0.8:
            raise ValueError(f"absence_rate must be at most 0.8 (the slider's range); got {absence_rate!r}")
        self.seeds = range(first_seed, first_seed + n_seeds)
        self.slider = widgets.FloatSlider(
            value=absence_rate,
            min=0.0,
            max=0.8,
            step=0.05,
            description="absence_rate",
            readout_format=".2f",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.rule = widgets.ToggleButtons(options=team.RULES, value="best", description="rule")
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width=f"{TEAM_PX[0]}px", max_width="100%", height="auto")
        )
        self.summary = widgets.HTML()
        intro = widgets.HTML(
            f"<b>Team explorer</b>: {n_seeds} teams of 10 train for 300 days at the chosen absence_rate "
            "and assignment rule, then present."
        )
        super().__init__([intro, self.slider, self.rule, self.image, self.summary])
        self.slider.observe(self._redraw, names="value")
        self.rule.observe(self._redraw, names="value")
        self._redraw()

    def _redraw(self, _change: object = None) -> None:
        from helpers import team
        from helpers.plots import plot_skills

        rate, rule = float(self.slider.value), self.rule.value
        run = team.simulate_team(rate, self.seeds, rule=rule)
        measures = team.measure_team(run)
        figure = Figure(figsize=(TEAM_PX[0] / 80, TEAM_PX[1] / 80), dpi=80, layout="constrained")
        left, right = figure.subplots(1, 2, width_ratios=(1, 1.4))
        plot_skills(run.skills[0], ax=left, title=f"Team {run.seeds[0]}: skills")
        teams = np.arange(len(run.seeds))
        for offset, key, color, label in (
            (-0.2, "presentation", 0, "everyone"),
            (0.2, "worst_leaver", 1, "worst leaver"),
        ):
            right.bar(teams + offset, measures[key], width=0.4, color=PALETTE[color], label=label)
        right.set_xticks(teams, [str(seed) for seed in run.seeds])
        right.set(ylim=(0, 1.3), xlabel="team (seed)", ylabel="presentation output", title="Presentation")
        right.legend(loc="upper center", ncols=2, fontsize=10)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        self.image.value = buffer.getvalue()
        self.summary.value = html.escape(
            f"absence_rate {rate:.2f}, rule {rule}, mean of {len(run.seeds)} teams: output while training "
            f"{measures['training'].mean():.3f}, presentation {measures['presentation'].mean():.3f}, "
            f"worst single leaver {measures['worst_leaver'].mean():.3f}, "
            f"skilled employees per task {measures['spread'].mean():.2f}"
        )

    def __repr__(self) -> str:
        return f"TeamExplorer(absence_rate={self.slider.value:g}, rule={self.rule.value!r}, seeds={self.seeds})"


def team_explorer(absence_rate: float = 0.0, *, n_seeds: int = 5, first_seed: int = 0) -> TeamExplorer:
    """A slider for the team's absence rate and a choice of assignment rule over a small simulation."""
    return TeamExplorer(absence_rate, n_seeds=n_seeds, first_seed=first_seed)
