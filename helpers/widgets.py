"""The course's explorers (ipywidgets): the dropout mask, the learning curves, the employee team.

Each explorer redraws a Matplotlib figure off-screen into an ``Image`` widget (no figure in the cell
output) and has a short, stable ``repr``, which ``nbval`` compares. :func:`plot_mask` draws the mask
explorer's picture for a static figure.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers import plots, team
from helpers._checks import check_array, check_fraction, check_int, check_seed
from helpers.dropout import check_rate, dropout_forward
from helpers.plots import DROPPED_COLOR, KEPT_COLOR

__all__ = ["mask_explorer", "plot_mask", "team_explorer"]

DPI = 80  # the course's figure.dpi; a picture is shown at its own size, never stretched
MAX_EXPLORER_RATE = 0.9
MAX_TEAM_SEEDS = 20  # a move of the slider reruns n_seeds teams: at most about a second
RUN_TO_USE = "run the cell to use it"
#: The selected toggle (assignment rule) in bold with a tick and an outline, not only a darker colour:
#: JupyterLab's selected and plain toggle backgrounds differ by 1.62:1 in light and dark themes.
_TOGGLE_CSS = """<style>
.dq-explorer .widget-toggle-button.mod-active {
  font-weight: bold; outline: 2px solid currentColor; outline-offset: -3px; }
.dq-explorer .widget-toggle-button.mod-active::before { content: "\\2713\\00a0"; }
</style>"""


class _Explorer(widgets.VBox):
    """A title, controls, a picture and a summary line; a change of any control's value redraws.

    A subclass sets ``figsize`` and defines ``draw(figure) -> summary text``.
    """

    figsize: tuple[float, float] = (7.0, 3.75)

    def __init__(self, title: str, *controls: widgets.Widget) -> None:
        width = f"{self.figsize[0] * DPI:.0f}px"
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=width, max_width="100%", height="auto"))
        self.summary = widgets.HTML()
        super().__init__([widgets.HTML(title), *controls, self.image, self.summary])
        for control in controls:
            if isinstance(control, widgets.ValueWidget):
                control.observe(self.redraw, names="value")
        self.redraw()

    def redraw(self, _change: object = None) -> None:
        figure = Figure(figsize=self.figsize, dpi=DPI, layout="constrained")
        self.summary.value = html.escape(self.draw(figure)).replace("\n", "<br>")
        buffer = io.BytesIO()  # the PNG carries its smallest font size, which the browser test reads
        figure.savefig(buffer, format="png", metadata=plots.figure_text_metadata(figure))
        self.image.value = buffer.getvalue()


def _slider(name: str, value: float, high: float) -> widgets.FloatSlider:
    """A slider for ``name`` from 0 to ``high`` in steps of 0.05 that reports a value when released."""
    if value > high:
        raise ValueError(f"{name} must be at most {high} (the slider's range); got {value!r}")
    style = {"description_width": "initial"}  # the whole name, as long as it is
    return widgets.FloatSlider(value, max=high, step=0.05, description=name, continuous_update=False, style=style)


def _keep_mask(n_units: int, rate: float, seed: int, draw: int) -> np.ndarray:
    """The keep mask of one layer at ``rate`` (True = kept), by the course's tested reference.

    The uniform numbers depend only on ``(seed, draw)``, so for one draw a higher rate drops a
    superset of the units dropped at a lower rate; ``draw`` numbers the Resample presses.
    """
    _, keep_mask = dropout_forward(np.ones(n_units), rate, rng=np.random.default_rng([seed, draw]))
    return np.ones(n_units, dtype=bool) if keep_mask is None else keep_mask


def _grid(n_units: int) -> tuple[int, int, tuple[float, float]]:
    """Rows and columns of a near-square grid of ``n_units`` units, and a figure size that fits it."""
    columns = math.ceil(math.sqrt(n_units))
    rows = math.ceil(n_units / columns)
    # about square cells without an equal aspect, whose shrunk axes would push the legend out of the figure
    return rows, columns, (7.5, min(1.4 + 0.4 * rows, 8.0))


def plot_mask(keep_mask: Sequence[bool] | np.ndarray, rate: float, ax: plt.Axes | None = None) -> plt.Axes:
    """A mask's units on a grid: kept (filled, scaled by ``1 / (1 - rate)``) versus dropped (open, output 0)."""
    allowed = "1 to 4,096 booleans (True = kept) or 0/1 values"
    mask = check_array(keep_mask, "keep_mask", kinds="biuf", ndim=1, meaning=allowed)
    if not 0 < mask.size <= 4096 or not np.isin(mask, (0, 1)).all():
        raise ValueError(f"keep_mask must be {allowed}; got {keep_mask!r:.60}")
    mask, rate = mask.astype(bool), check_rate(rate)
    rows, columns, figsize = _grid(mask.size)
    ax = plots._axes(ax, figsize=figsize, layout="constrained")
    row, column = np.divmod(np.arange(mask.size), columns)
    y = rows - 1 - row  # first unit at the top left
    size = max(20.0, 220.0 * 8 / max(columns, rows))
    ax.scatter(column[mask], y[mask], s=size, color=KEPT_COLOR, zorder=3)
    ax.scatter(column[~mask], y[~mask], s=size, facecolors="white", edgecolors=DROPPED_COLOR, linewidths=1.5, zorder=3)
    ax.scatter(column[~mask], y[~mask], s=size * 0.35, marker="x", color="#888888", linewidths=1.2, zorder=4)
    ax.set(xlim=(-0.7, columns - 0.3), ylim=(-0.7, rows - 0.3), xticks=[], yticks=[])  # no equal aspect: see _grid
    ax.grid(False)
    ax.set(xlabel=f"units, {columns} per row (unit 0 at the top left)", ylabel="row of units")
    kept = int(mask.sum())
    ax.set_title(f"Mask at rate {rate:g}: {kept} of {mask.size} units kept ({kept / mask.size:.2f})")
    labels = [f"kept (× {1 / (1 - rate):.3g})", "dropped (output 0)"]  # the first two scatters
    ax.legend(labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax


class MaskExplorer(_Explorer):
    """A rate slider (0 to 0.9) and a Resample button over one layer of ``n_units`` units: the mask, the kept
    fraction, the scale factor ``1 / (1 - rate)``. The same seed, rate and number of presses give the same mask.
    """

    def __init__(self, n_units: int = 64, rate: float = 0.5, seed: int = 0) -> None:
        self.n_units = check_int(n_units, "n_units", low=1, high=1024)
        self.seed = check_seed(seed)
        self.draws = 0  # Resample presses so far
        self.figsize = _grid(self.n_units)[2]
        self.slider = _slider("rate", check_rate(rate), MAX_EXPLORER_RATE)
        self.button = widgets.Button(description="Resample", tooltip="draw a new mask", icon="refresh")
        self.button.on_click(self.resample)
        super().__init__(
            f"<b>Mask explorer</b>: one layer of {self.n_units} units. Filled units are kept (their output is "
            "multiplied by the scale factor), open units are dropped (output 0).",
            self.slider,
            self.button,
        )

    def resample(self, _button: object = None) -> None:
        self.draws += 1
        self.redraw()

    def draw(self, figure: Figure) -> str:
        rate = float(self.slider.value)
        self.keep_mask = _keep_mask(self.n_units, rate, self.seed, self.draws)
        plot_mask(self.keep_mask, rate, ax=figure.subplots())
        kept, scale = int(self.keep_mask.sum()), 1 / (1 - rate)
        return (
            f"rate {rate:.2f}: {kept} of {self.n_units} units kept, kept fraction {kept / self.n_units:.3f} "
            f"(expected 1 − rate = {1 - rate:.2f}) (mask {self.draws + 1})\n"
            f"scale factor 1/(1 − rate) = {scale:.2f}: in training each kept unit is multiplied by {scale:.2f} "
            "and each dropped unit outputs 0, so the expected output is unchanged; at test time nothing is "
            "dropped or scaled"
        )

    def __repr__(self) -> str:  # the text shown before the cell runs (GitHub, static pages), compared by nbval
        return f"Mask explorer: a rate slider over one layer of {self.n_units} units ({RUN_TO_USE})"


class TeamExplorer(_Explorer):
    """A slider for the team's absence rate and a choice of assignment rule over a small simulation."""

    figsize = (7.5, 3.75)

    def __init__(self, absence_rate: float = 0.0, *, n_seeds: int = 5, first_seed: int = 0) -> None:
        n_seeds = check_int(n_seeds, "n_seeds", high=MAX_TEAM_SEEDS, meaning="teams rerun at each move")
        first_seed = check_int(first_seed, "first_seed", low=0, high=2**32 - n_seeds, meaning="the first team's seed")
        absence_rate = check_fraction(absence_rate, "absence_rate", meaning="the daily absence probability")
        self.seeds = range(first_seed, first_seed + n_seeds)
        self.slider = _slider("absence_rate", absence_rate, 0.8)
        self.rule = widgets.ToggleButtons(options=team.RULES, value="best", description="rule")
        super().__init__(
            f"{_TOGGLE_CSS}<b>Team explorer</b>: {n_seeds} teams of 10 train for 300 days at the chosen absence_rate "
            "and assignment rule, then present.",
            self.slider,
            self.rule,
        )
        self.add_class("dq-explorer")

    def draw(self, figure: Figure) -> str:
        rate, rule = float(self.slider.value), self.rule.value
        run = team.simulate_team(rate, self.seeds, rule=rule)
        measures = team.measure_team(run)
        left, right = figure.subplots(1, 2, width_ratios=(1, 1.4))
        plots.plot_skills(run.skills[0], ax=left, title=f"Team {run.seeds[0]}: skills")
        teams = np.arange(len(run.seeds))
        right.bar(teams - 0.2, measures["presentation"], width=0.4, color=plots.PALETTE[0], label="everyone")
        right.bar(teams + 0.2, measures["worst_leaver"], width=0.4, color=plots.PALETTE[1], label="worst leaver")
        right.set_xticks(teams, [str(seed) for seed in run.seeds])
        right.set(ylim=(0, 1.3), xlabel="team (seed)", ylabel="presentation output", title="Presentation")
        right.legend(loc="upper center", ncols=2, fontsize=10)
        return (
            f"absence_rate {rate:.2f}, rule {rule}, mean of {len(run.seeds)} teams: output while training "
            f"{measures['training'].mean():.3f}, presentation {measures['presentation'].mean():.3f}, "
            f"worst single leaver {measures['worst_leaver'].mean():.3f}, "
            f"skilled employees per task {measures['spread'].mean():.2f}"
        )

    def __repr__(self) -> str:
        return f"Team explorer: {len(self.seeds)} teams, an absence_rate slider and the assignment rule ({RUN_TO_USE})"


# the names the notebooks call
mask_explorer = MaskExplorer
team_explorer = TeamExplorer
