"""The course page's employee-team analogy of dropout, as a simulation you can run and measure.

The rules, for one team over ``n_days`` working days (notebook 05 writes them out and explains them):

* **Start.** Every employee has a skill in ``[0, 1]`` at every task type, drawn uniformly from
  ``[0, initial_skill)``: nobody is an expert yet, and nobody is assigned a speciality.
* **Absences.** Each day each employee stays home independently with probability ``p`` (the
  company's "dropout rate").
* **Who does what.** The day's project needs every task type once. Repeatedly, the present,
  still-free employee and the still-open task with the highest skill of all such pairs are matched:
  the most skilled available person takes the work first. Each employee does at most one task a day;
  a task nobody is free for stays undone.
* **Output.** The day's output is the mean, over the task types, of the skill of whoever did the
  task (0 for an undone task): 1 is a perfect day.
* **Learning by doing.** Doing a task raises that skill: ``s += learning_rate * (1 - s)``. Every
  skill not practised that day fades: ``s *= 1 - forgetting_rate``.

Nothing in the rules says "specialise" or "share skills": with ``p = 0`` a few specialists form
(each task is always done by the same person); with absences the stand-ins practise too and skill
spreads. The measures: output while training, the *client presentation* (everyone present, no
learning: the analogue of test time), the presentation after any one employee leaves for good
(worst case and mean over who leaves), and the *skill spread* (how many employees can do each task).

Randomness: run ``r`` uses ``numpy.random.default_rng(seeds[r])``, which draws first the initial
skills (``n_employees x n_tasks`` uniforms) and then one uniform ``u`` per employee and day; the
employee is absent when ``u < p``. So one seed gives the same team and the same ``u`` at every ``p``
(a paired comparison), ``p = 0`` gives no absences, and a batch of seeds gives, run by run, exactly
what each seed gives alone.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from PIL import Image as PILImage

from helpers._checks import check_fraction, is_real_number
from helpers.plots import PALETTE

__all__ = [
    "DEFAULT_SETTINGS",
    "MEASURES",
    "SKILLED",
    "TeamExplorer",
    "TeamRun",
    "assign_tasks",
    "check_absence_probability",
    "day_output",
    "format_sweep",
    "leave_one_out",
    "measure_team",
    "plot_skills",
    "plot_sweep",
    "presentation_output",
    "simulate_team",
    "skill_spread",
    "sweep",
    "team_explorer",
    "work_day",
]

#: The settings notebook 05 uses (and every function's defaults).
DEFAULT_SETTINGS: dict[str, float | int] = {
    "n_employees": 10,
    "n_tasks": 5,
    "n_days": 300,
    "learning_rate": 0.1,
    "forgetting_rate": 0.005,
    "initial_skill": 0.2,
}

#: The skill from which an employee counts as able to do a task (for :func:`skill_spread`).
SKILLED = 0.5

#: What :func:`measure_team` returns, in the order :func:`format_sweep` prints it.
MEASURES: tuple[str, ...] = ("training", "presentation", "worst_leaver", "mean_leaver", "spread")

_MEASURE_LABELS = {
    "training": "output while training",
    "presentation": "client presentation (all present)",
    "worst_leaver": "presentation, worst single leaver",
    "mean_leaver": "presentation, mean single leaver",
    "spread": f"employees per task with skill ≥ {SKILLED}",
}


# --------------------------------------------------------------------------------------------
# argument checks


def check_absence_probability(p: object, name: str = "p") -> float:
    """Return ``p`` as a float if it is an absence probability in [0, 1); raise otherwise.

    Raises:
        TypeError: ``p`` is not a number (``True``/``False`` are refused too).
        ValueError: ``p`` is NaN or outside [0, 1): with ``p = 1`` nobody would ever come to work.
    """
    return check_fraction(p, name, meaning="the daily absence probability")


def _check_size(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a positive integer; got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer (at least 1); got {value!r}")
    return int(value)


def _check_fraction(
    value: object, name: str, *, low: float, high: float, include_low: bool, include_high: bool
) -> float:
    if not is_real_number(value):
        raise TypeError(f"{name} must be a number; got {value!r}")
    number = float(value)
    above = number >= low if include_low else number > low
    below = number <= high if include_high else number < high
    if math.isnan(number) or not (above and below):
        interval = f"{'[' if include_low else '('}{low:g}, {high:g}{']' if include_high else ')'}"
        raise ValueError(f"{name} must be in {interval}; got {value!r}")
    return number


def _check_seeds(seeds: object) -> tuple[int, ...]:
    if isinstance(seeds, (int, np.integer)) and not isinstance(seeds, bool):
        seeds = (seeds,)
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, (Sequence, range, np.ndarray)):
        raise TypeError(f"seeds must be a non-negative integer or a sequence of them; got {seeds!r}")
    checked = []
    for seed in seeds:
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"seeds must hold non-negative integers; got {seed!r}")
        checked.append(int(seed))
    if not checked:
        raise ValueError("seeds must hold at least one seed")
    return tuple(checked)


def _check_skills(skills: object) -> tuple[np.ndarray, bool]:
    """``skills`` as a float array of shape (runs, employees, tasks) and whether it came without runs."""
    array = np.asarray(skills, dtype=float)
    if array.ndim not in (2, 3) or 0 in array.shape:
        raise ValueError(
            "skills must be a non-empty array of shape (employees, tasks) or (runs, employees, tasks); "
            f"got shape {array.shape}"
        )
    if not np.isfinite(array).all() or array.min() < 0 or array.max() > 1:
        raise ValueError("skills must hold finite values in [0, 1]")
    single = array.ndim == 2
    return (array[None] if single else array), single


def _check_present(present: object, shape: tuple[int, int]) -> np.ndarray:
    array = np.asarray(present)
    if array.dtype != bool:
        raise TypeError(f"present must be a boolean array (True = at work); got dtype {array.dtype}")
    if array.ndim == 1:
        array = array[None]
    if array.shape != shape:
        raise ValueError(f"present must have shape {shape} (runs, employees) to match skills; got {array.shape}")
    return array


# --------------------------------------------------------------------------------------------
# one day


def assign_tasks(skills: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Who does which task today: the most skilled available person takes the work first.

    Repeatedly, among present employees who have no task yet and tasks nobody does yet, the pair with
    the highest skill is matched, until no employee or no task is left.

    Args:
        skills: shape (employees, tasks), or (runs, employees, tasks) for many teams at once.
        present: booleans of shape (employees,) or (runs, employees); True = at work today.

    Returns:
        Integers of shape (tasks,) or (runs, tasks): the employee doing each task, -1 if undone.
    """
    batch, single = _check_skills(skills)
    runs, n_employees, n_tasks = batch.shape
    at_work = _check_present(present, (runs, n_employees))
    candidates = np.where(at_work[:, :, None], batch, -np.inf)  # absent employees can take nothing
    performer = np.full((runs, n_tasks), -1, dtype=np.int64)
    rows = np.arange(runs)
    for _ in range(min(n_employees, n_tasks)):
        flat = candidates.reshape(runs, -1)
        best = flat.argmax(axis=1)  # the best remaining (employee, task) pair of each run
        matched = np.isfinite(flat[rows, best])
        employee, task = np.divmod(best[matched], n_tasks)
        run = rows[matched]
        performer[run, task] = employee
        candidates[run, employee, :] = -np.inf  # one task per employee and day
        candidates[run, :, task] = -np.inf  # each task done once
    return performer[0] if single else performer


def day_output(skills: np.ndarray, performer: np.ndarray) -> np.ndarray | float:
    """The day's output: the mean over tasks of the performer's skill (an undone task counts 0).

    Args:
        skills: shape (employees, tasks) or (runs, employees, tasks).
        performer: what :func:`assign_tasks` returned for these skills.

    Returns:
        A float in [0, 1] (one team) or an array of shape (runs,).
    """
    batch, single = _check_skills(skills)
    runs, n_employees, n_tasks = batch.shape
    who = np.asarray(performer)
    who = who[None] if who.ndim == 1 else who
    if who.shape != (runs, n_tasks) or not np.issubdtype(who.dtype, np.integer):
        raise ValueError(f"performer must be integers of shape {(runs, n_tasks)} from assign_tasks; got {who.shape}")
    if who.min() < -1 or who.max() >= n_employees:
        raise ValueError(f"performer must hold employee indices in [0, {n_employees}) or -1 for an undone task")
    done_skill = np.take_along_axis(batch, np.maximum(who, 0)[:, None, :], axis=1)[:, 0, :]
    output = np.where(who >= 0, done_skill, 0.0).mean(axis=1)
    return float(output[0]) if single else output


def work_day(
    skills: np.ndarray,
    present: np.ndarray,
    *,
    learning_rate: float = DEFAULT_SETTINGS["learning_rate"],
    forgetting_rate: float = DEFAULT_SETTINGS["forgetting_rate"],
) -> tuple[np.ndarray, np.ndarray, np.ndarray | float]:
    """One working day: assign the tasks, measure the output, then learn by doing and forget.

    Returns:
        ``(new_skills, performer, output)``; the output is measured with the skills of the morning.
    """
    learning_rate = _check_fraction(learning_rate, "learning_rate", low=0, high=1, include_low=False, include_high=True)
    forgetting_rate = _check_fraction(
        forgetting_rate, "forgetting_rate", low=0, high=1, include_low=True, include_high=False
    )
    batch, single = _check_skills(skills)
    performer = assign_tasks(batch, present)
    output = day_output(batch, performer)
    runs = np.arange(batch.shape[0])[:, None]
    tasks = np.arange(batch.shape[2])[None, :]
    practised = np.zeros(batch.shape, dtype=bool)
    done = performer >= 0
    practised[np.broadcast_to(runs, done.shape)[done], performer[done], np.broadcast_to(tasks, done.shape)[done]] = True
    new = np.where(practised, batch + learning_rate * (1.0 - batch), batch * (1.0 - forgetting_rate))
    if single:
        return new[0], performer[0], float(output[0])
    return new, performer, output


# --------------------------------------------------------------------------------------------
# a whole training period


@dataclass(frozen=True)
class TeamRun:
    """The result of :func:`simulate_team`: one row per seed.

    Attributes:
        p: the daily absence probability.
        seeds: one seed per run.
        initial_skills: shape (runs, employees, tasks), the skills on day one.
        skills: shape (runs, employees, tasks), the skills after the last day.
        absent: booleans of shape (runs, days, employees): who stayed home on which day.
        daily_output: shape (runs, days), the output of each training day.
        practice: shape (runs, employees, tasks): on how many days each employee did each task.
    """

    p: float
    seeds: tuple[int, ...]
    initial_skills: np.ndarray
    skills: np.ndarray
    absent: np.ndarray
    daily_output: np.ndarray
    practice: np.ndarray


def simulate_team(
    p: float,
    seeds: int | Sequence[int] = 0,
    *,
    n_employees: int = DEFAULT_SETTINGS["n_employees"],
    n_tasks: int = DEFAULT_SETTINGS["n_tasks"],
    n_days: int = DEFAULT_SETTINGS["n_days"],
    learning_rate: float = DEFAULT_SETTINGS["learning_rate"],
    forgetting_rate: float = DEFAULT_SETTINGS["forgetting_rate"],
    initial_skill: float = DEFAULT_SETTINGS["initial_skill"],
) -> TeamRun:
    """Train one team per seed for ``n_days`` days with daily absence probability ``p``.

    All teams run together, vectorised over seeds (a loop over days only); run ``r`` is exactly the
    run ``simulate_team(p, seeds[r], ...)`` gives. See the module docstring for the rules and for how
    each seed's random numbers are drawn.

    Raises:
        TypeError, ValueError: an argument of the wrong type or out of range (the message names it).
    """
    p = check_absence_probability(p)
    seeds = _check_seeds(seeds)
    n_employees = _check_size(n_employees, "n_employees")
    n_tasks = _check_size(n_tasks, "n_tasks")
    n_days = _check_size(n_days, "n_days")
    learning_rate = _check_fraction(learning_rate, "learning_rate", low=0, high=1, include_low=False, include_high=True)
    forgetting_rate = _check_fraction(
        forgetting_rate, "forgetting_rate", low=0, high=1, include_low=True, include_high=False
    )
    initial_skill = _check_fraction(initial_skill, "initial_skill", low=0, high=1, include_low=True, include_high=True)

    generators = [np.random.default_rng(seed) for seed in seeds]
    initial = np.stack([g.uniform(0.0, initial_skill, size=(n_employees, n_tasks)) for g in generators])
    absent = np.stack([g.random((n_days, n_employees)) for g in generators]) < p

    skills = initial.copy()
    daily_output = np.empty((len(seeds), n_days))
    practice = np.zeros(initial.shape, dtype=np.int64)
    runs = np.arange(len(seeds))
    for day in range(n_days):
        skills, performer, daily_output[:, day] = work_day(
            skills, ~absent[:, day], learning_rate=learning_rate, forgetting_rate=forgetting_rate
        )
        run, task = np.nonzero(performer >= 0)
        practice[runs[run], performer[run, task], task] += 1
    return TeamRun(p, seeds, initial, skills, absent, daily_output, practice)


# --------------------------------------------------------------------------------------------
# measures


def presentation_output(skills: np.ndarray, *, leaver: int | None = None) -> np.ndarray | float:
    """The client presentation: everyone present (except ``leaver``, if given), nobody learns.

    This is the analogue of test time: the team's output with all its members.
    """
    batch, single = _check_skills(skills)
    runs, n_employees, _ = batch.shape
    present = np.ones((runs, n_employees), dtype=bool)
    if leaver is not None:
        if isinstance(leaver, bool) or not isinstance(leaver, (int, np.integer)) or not 0 <= leaver < n_employees:
            raise ValueError(f"leaver must be None or an employee index in [0, {n_employees}); got {leaver!r}")
        present[:, leaver] = False
    output = day_output(batch, assign_tasks(batch, present))
    return float(output[0]) if single else output


def leave_one_out(skills: np.ndarray) -> np.ndarray:
    """The presentation's output when employee ``e`` has left for good, for every ``e``.

    Returns:
        Shape (employees,) for one team, or (runs, employees): column ``e`` is the output without ``e``.
        Its minimum is the worst single leaver, its mean the average one.
    """
    batch, single = _check_skills(skills)
    runs, n_employees, _ = batch.shape
    if n_employees < 2:
        raise ValueError("skills must describe at least 2 employees to measure who can leave")
    repeated = np.repeat(batch, n_employees, axis=0)  # run-major: (run 0, leaver 0), (run 0, leaver 1), ...
    present = np.tile(~np.eye(n_employees, dtype=bool), (runs, 1))
    output = day_output(repeated, assign_tasks(repeated, present)).reshape(runs, n_employees)
    return output[0] if single else output


def skill_spread(skills: np.ndarray, threshold: float = SKILLED) -> np.ndarray:
    """How many employees have at least ``threshold`` skill at each task: shape (tasks,) or (runs, tasks)."""
    threshold = _check_fraction(threshold, "threshold", low=0, high=1, include_low=False, include_high=True)
    batch, single = _check_skills(skills)
    counts = (batch >= threshold).sum(axis=1)
    return counts[0] if single else counts


def measure_team(run: TeamRun) -> dict[str, np.ndarray]:
    """The five measures of a :class:`TeamRun`, one value per seed (keys in :data:`MEASURES`).

    * ``training``: the mean daily output over the training days;
    * ``presentation``: the output with everyone present after training;
    * ``worst_leaver`` / ``mean_leaver``: the presentation when one employee has left for good, for
      the most damaging leaver and on average over who leaves;
    * ``spread``: the mean over tasks of how many employees have a skill of at least :data:`SKILLED`.
    """
    if not isinstance(run, TeamRun):
        raise TypeError(f"run must be a TeamRun from simulate_team; got {type(run).__name__}")
    without_one = leave_one_out(run.skills)
    return {
        "training": run.daily_output.mean(axis=1),
        "presentation": presentation_output(run.skills),
        "worst_leaver": without_one.min(axis=1),
        "mean_leaver": without_one.mean(axis=1),
        "spread": skill_spread(run.skills).mean(axis=1),
    }


def sweep(
    ps: Sequence[float] = (0.0, 0.2, 0.5),
    seeds: int | Sequence[int] = range(20),
    **settings: float | int,
) -> dict[float, dict[str, np.ndarray]]:
    """:func:`measure_team` of :func:`simulate_team` for every ``p``: ``{p: {measure: one value per seed}}``.

    ``settings`` are passed to :func:`simulate_team` (``n_employees``, ``n_days``, ...).
    """
    if isinstance(ps, (str, bytes)) or not isinstance(ps, (Sequence, np.ndarray)) or len(ps) == 0:
        raise ValueError(f"ps must be a non-empty sequence of absence probabilities; got {ps!r}")
    unknown = sorted(set(settings) - set(DEFAULT_SETTINGS))
    if unknown:
        raise ValueError(f"unknown settings {unknown}; allowed: {sorted(DEFAULT_SETTINGS)}")
    results: dict[float, dict[str, np.ndarray]] = {}
    for p in ps:
        value = check_absence_probability(p, "each p in ps")
        if value in results:
            raise ValueError(f"ps holds {value:g} twice")
        results[value] = measure_team(simulate_team(value, seeds, **settings))
    return results


def format_sweep(results: Mapping[float, Mapping[str, np.ndarray]]) -> str:
    """A plain-text table of :func:`sweep`'s results: mean ± standard deviation over seeds."""
    if not isinstance(results, Mapping) or not results:
        raise ValueError("results must be a non-empty mapping p -> measures, as sweep returns")
    width = max(len(label) for label in _MEASURE_LABELS.values())
    header = f"{'measure (mean ± sd over seeds)':<{width}}" + "".join(f"{f'p = {p:g}':>15}" for p in results)
    lines = [header]
    for measure in MEASURES:
        cells = []
        for p, values in results.items():
            if measure not in values:
                raise ValueError(f"results[{p!r}] has no {measure!r}; it has {sorted(values)}")
            array = np.asarray(values[measure], dtype=float)
            cells.append(f"{array.mean():.3f} ± {array.std():.3f}".rjust(15))
        lines.append(f"{_MEASURE_LABELS[measure]:<{width}}" + "".join(cells))
    n_seeds = len(np.asarray(next(iter(results.values()))[MEASURES[0]]))
    lines.append(f"({n_seeds} seeds per p)")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# figures


def plot_sweep(
    results: Mapping[float, Mapping[str, np.ndarray]],
    measures: Sequence[str] = ("training", "presentation", "worst_leaver", "mean_leaver"),
    *,
    ax: plt.Axes | None = None,
    title: str | None = None,
) -> plt.Axes:
    """Each measure against ``p``: the mean over seeds with a band from the lowest to the highest seed."""
    if not isinstance(results, Mapping) or not results:
        raise ValueError("results must be a non-empty mapping p -> measures, as sweep returns")
    bad = [m for m in measures if m not in MEASURES]
    if bad or not measures:
        raise ValueError(f"measures must be chosen from {MEASURES}; got {list(measures)!r}")
    if ax is None:
        _, ax = plt.subplots()
    ps = np.array(sorted(results))
    for index, measure in enumerate(measures):
        values = np.array([np.asarray(results[p][measure], dtype=float) for p in ps])  # (ps, seeds)
        color = PALETTE[index % len(PALETTE)]
        ax.plot(ps, values.mean(axis=1), marker="o", color=color, label=_MEASURE_LABELS[measure])
        ax.fill_between(ps, values.min(axis=1), values.max(axis=1), color=color, alpha=0.18, linewidth=0)
    n_seeds = len(np.asarray(results[ps[0]][measures[0]]))
    ax.set_xlabel("daily absence probability p (the team's 'dropout rate')")
    if "spread" not in measures:
        ax.set_ylabel("output (fraction of a perfect day)")
    elif len(measures) == 1:
        ax.set_ylabel(f"employees per task (skill ≥ {SKILLED})")
    else:
        ax.set_ylabel("output, or employees per task")
    ax.set_title(title or f"The team after training: mean and range over {n_seeds} seeds")
    if len(measures) > 1:
        ax.legend(loc="lower left")
    return ax


def plot_skills(skills: np.ndarray, *, ax: plt.Axes | None = None, title: str | None = None) -> plt.Axes:
    """One team's skills as a heat map: employees in rows, task types in columns, skill as colour."""
    batch, single = _check_skills(skills)
    if not single:
        raise ValueError(f"skills must be one team's (employees, tasks) array; got shape {batch.shape}")
    matrix = batch[0]
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2, 4.6))
    image = ax.imshow(matrix, vmin=0, vmax=1, cmap="viridis", aspect="auto")
    n_employees, n_tasks = matrix.shape
    ax.set_xticks(range(n_tasks))
    ax.set_xticklabels([chr(ord("A") + k) if k < 26 else str(k) for k in range(n_tasks)])
    ax.set_yticks(range(n_employees))
    ax.grid(False)
    ax.set_xlabel("task type")
    ax.set_ylabel("employee")
    ax.set_title(title or "Skills after training")
    ax.figure.colorbar(image, ax=ax, label="skill (0 to 1)", fraction=0.08)
    return ax


# --------------------------------------------------------------------------------------------
# the explorer


class TeamExplorer(widgets.VBox):
    """The widget :func:`team_explorer` returns; ``slider``, ``image`` and ``summary`` are its parts.

    Moving the slider reruns a small simulation (``n_seeds`` teams at the chosen ``p``) and redraws:
    the skills of the first team, and the presentation with everyone present against the worst single
    leaver for every team. The figure is a PNG drawn off-screen, so the cell shows no Matplotlib output
    and the widget's ``repr`` is short and stable.
    """

    def __init__(self, p: float = 0.0, *, n_seeds: int = 5, first_seed: int = 0, max_p: float = 0.8) -> None:
        self.max_p = _check_fraction(max_p, "max_p", low=0, high=1, include_low=False, include_high=False)
        p = check_absence_probability(p)
        if p > self.max_p:
            raise ValueError(f"p must be in [0, max_p = {self.max_p:g}] (the slider's range); got {p!r}")
        self.n_seeds = _check_size(n_seeds, "n_seeds")
        if isinstance(first_seed, bool) or not isinstance(first_seed, (int, np.integer)) or first_seed < 0:
            raise ValueError(f"first_seed must be a non-negative integer; got {first_seed!r}")
        self.first_seed = int(first_seed)
        self.slider = widgets.FloatSlider(
            value=p,
            min=0.0,
            max=self.max_p,
            step=0.05,
            description="p",
            readout_format=".2f",
            continuous_update=False,
        )
        self.image = widgets.Image(format="png")
        self.summary = widgets.HTML()
        title = widgets.HTML(
            f"<b>Team explorer</b>: choose the daily absence probability p; {self.n_seeds} teams of "
            f"{DEFAULT_SETTINGS['n_employees']} train for {DEFAULT_SETTINGS['n_days']} days, then present."
        )
        super().__init__([title, self.slider, self.image, self.summary])
        self.slider.observe(self._on_p, names="value")
        self._redraw()

    @property
    def p(self) -> float:
        """The absence probability the slider shows."""
        return float(self.slider.value)

    def simulate(self, p: float) -> tuple[TeamRun, dict[str, np.ndarray]]:
        """The small simulation behind the figure: ``n_seeds`` teams at ``p`` and their measures."""
        run = simulate_team(p, range(self.first_seed, self.first_seed + self.n_seeds))
        return run, measure_team(run)

    def summary_text(self, measures: Mapping[str, np.ndarray], p: float) -> str:
        """One line: the means over the teams of the presentation, worst leaver and spread at ``p``."""
        return (
            f"p = {p:.2f}, mean of {self.n_seeds} teams: output while training {measures['training'].mean():.3f}, "
            f"presentation {measures['presentation'].mean():.3f}, worst single leaver "
            f"{measures['worst_leaver'].mean():.3f}, employees per task with skill ≥ {SKILLED}: "
            f"{measures['spread'].mean():.2f}"
        )

    def figure_png(self, run: TeamRun, measures: Mapping[str, np.ndarray]) -> bytes:
        """The explorer's figure as PNG bytes (drawn off-screen)."""
        figure = Figure(figsize=(9.0, 3.8), dpi=72, layout="constrained")
        left, right = figure.subplots(1, 2, width_ratios=(1, 1.3))
        plot_skills(run.skills[0], ax=left, title=f"Team {run.seeds[0]}: skills at p = {run.p:.2f}")
        teams = np.arange(self.n_seeds)
        right.bar(teams - 0.2, measures["presentation"], width=0.4, color=PALETTE[0], label="everyone present")
        right.bar(teams + 0.2, measures["worst_leaver"], width=0.4, color=PALETTE[1], label="worst single leaver")
        right.set_xticks(teams)
        right.set_xticklabels([str(seed) for seed in run.seeds])
        right.set_ylim(0.0, 1.25)
        right.set_xlabel("team (seed)")
        right.set_ylabel("presentation output (0 to 1)")
        right.set_title("Client presentation")
        right.legend(loc="upper center", ncols=2, fontsize=10)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        buffer.seek(0)
        small = io.BytesIO()
        PILImage.open(buffer).convert("RGB").quantize(colors=64).save(small, format="png", optimize=True)
        return small.getvalue()

    def _redraw(self) -> None:
        p = self.p
        run, measures = self.simulate(p)
        self.image.value = self.figure_png(run, measures)
        self.summary.value = f'<div class="team-summary">{html.escape(self.summary_text(measures, p))}</div>'

    def _on_p(self, _change: object) -> None:
        self._redraw()

    def __repr__(self) -> str:
        return f"TeamExplorer(p={self.p:g}, n_seeds={self.n_seeds}, first_seed={self.first_seed})"


def team_explorer(p: float = 0.0, *, n_seeds: int = 5, first_seed: int = 0, max_p: float = 0.8) -> TeamExplorer:
    """A slider for the absence probability ``p`` (``continuous_update=False``) over a small simulation.

    Each move reruns :func:`simulate_team` for ``n_seeds`` teams with the default settings and redraws
    the first team's skills and every team's presentation with and without its most damaging leaver.
    """
    return TeamExplorer(p, n_seeds=n_seeds, first_seed=first_seed, max_p=max_p)
