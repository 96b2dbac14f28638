"""The employee-team simulation of notebook 05, in plain NumPy (figures: plots.py; widget: widgets.py).

Notebook 05 writes the rules out (``simulate_one_team``) and checks them against this vectorised
copy: each day each employee stays home with probability ``absence_rate``; the present (employee,
task) pair of highest priority is matched first (rule ``"best"``: the skill; rule ``"capable"``:
``(skill >= SKILLED)`` plus a uniform tie-break drawn each day); output is the mean over tasks of the
performer's skill (0 if undone); a task done gives ``s += learning_rate * (1 - s)``, every other skill
fades by ``1 - forgetting_rate``. The presentation (the analogue of test time) is one day with
everyone present, rule ``"best"``, no learning. Run ``r`` draws from ``default_rng(seeds[r])`` the
initial skills, then one uniform per day and employee, then (rule ``"capable"``) one per day,
employee and task: a seed is the same team with the same draws at every absence rate and rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers._checks import check_array, check_choice, check_fraction, check_int, check_seed, is_real_number

__all__ = [
    "RULES",
    "SKILLED",
    "TeamRun",
    "assign_tasks",
    "leave_one_out",
    "measure_team",
    "presentation_output",
    "simulate_team",
    "skill_spread",
    "sweep",
]

#: The skill from which an employee counts as able to do a task.
SKILLED = 0.5
#: The assignment rules: the most skilled first, or a random capable employee first.
RULES = ("best", "capable")
#: The most skill updates (teams x days x employees x tasks) one call may simulate: a few seconds.
MAX_WORK = 2 * 10**7


def _array(
    values: object, name: str, *, what: str = "skills from 0 to 1", low: float = 0.0, high: float = 1.0
) -> np.ndarray:
    """``values`` as floats of shape (employees, tasks) or (runs, employees, tasks), each in [low, high]."""
    allowed = f"an array of {what}, shape (employees, tasks) or (runs, employees, tasks)"
    array = check_array(values if isinstance(values, (list, tuple, np.ndarray)) else None, name, meaning=allowed)
    if array.ndim not in (2, 3) or not 0 < array.size <= MAX_WORK:
        raise ValueError(f"{name} must be {allowed}; got {values!r:.60}")
    if not ((array >= low) & (array <= high)).all():
        raise ValueError(f"{name} must be {allowed}, each from {low:g} to {high:g} (NaN is none)")
    return array.astype(float)


def _seeds(seeds: object, name: str = "seeds") -> tuple[int, ...]:
    """One seed or a list, tuple or range of 1 to 10,000 seeds."""
    if isinstance(seeds, (int, np.integer)) and not isinstance(seeds, bool):
        seeds = (seeds,)
    if not isinstance(seeds, (list, tuple, range, np.ndarray)) or not 1 <= len(seeds) <= 10_000:
        raise ValueError(f"{name} must be a seed or a list or range of 1 to 10,000 seeds; got {seeds!r:.60}")
    return tuple(check_seed(seed, f"each of {name}") for seed in seeds)


def assign_tasks(priority: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Who does which task: the present (employee, task) pair of highest priority first.

    ``priority``: shape (employees, tasks) or (runs, employees, tasks); ``present``: booleans of shape
    (employees,) or (runs, employees). Returns the employee doing each task, -1 if undone: shape
    (tasks,) or (runs, tasks).
    """
    priority = _array(
        priority, "priority", what="finite priorities", low=-np.finfo(float).max, high=np.finfo(float).max
    )
    single = priority.ndim == 2
    open_pairs = np.array(priority, ndmin=3)
    runs, n_employees, n_tasks = open_pairs.shape
    allowed = f"booleans of shape {priority.shape[:-1]} (True = at work)"
    at_work = check_array(
        present if isinstance(present, (list, tuple, np.ndarray)) else None, "present", kinds="b", meaning=allowed
    )
    if at_work.shape != priority.shape[:-1]:
        raise ValueError(f"present must be {allowed}; got {present!r:.60}")
    at_work = at_work.reshape(runs, n_employees)
    open_pairs[~at_work] = -np.inf  # absent employees take nothing
    performer = np.full((runs, n_tasks), -1)
    for _ in range(min(n_employees, n_tasks)):
        best = open_pairs.reshape(runs, -1).argmax(axis=1)
        run = np.flatnonzero(np.isfinite(open_pairs.reshape(runs, -1)[np.arange(runs), best]))
        employee, task = np.divmod(best[run], n_tasks)
        performer[run, task] = employee
        open_pairs[run, employee, :] = -np.inf  # one task per employee and day
        open_pairs[run, :, task] = -np.inf  # each task done once
    return performer[0] if single else performer


def _output(skills: np.ndarray, performer: np.ndarray) -> np.ndarray:
    """Mean over tasks of the performer's skill, 0 for an undone task; shape (runs,)."""
    done = np.take_along_axis(skills, np.maximum(performer, 0)[:, None, :], axis=1)[:, 0, :]
    return np.where(performer >= 0, done, 0.0).mean(axis=1)


@dataclass(frozen=True)
class TeamRun:
    """What :func:`simulate_team` returns; arrays have one row per seed.

    ``skills`` / ``initial_skills``: (runs, employees, tasks); ``absent``: (runs, days, employees);
    ``daily_output``: (runs, days); ``practice``: (runs, employees, tasks), days each task was done.
    """

    absence_rate: float
    rule: str
    seeds: tuple[int, ...]
    initial_skills: np.ndarray
    skills: np.ndarray
    absent: np.ndarray
    daily_output: np.ndarray
    practice: np.ndarray


def simulate_team(
    absence_rate: float,
    seeds: int | range | list[int] | tuple[int, ...] = 0,
    *,
    rule: str = "best",
    n_employees: int = 10,
    n_tasks: int = 5,
    n_days: int = 300,
    learning_rate: float = 0.1,
    forgetting_rate: float = 0.005,
    initial_skill: float = 0.2,
) -> TeamRun:
    """Train one team per seed for ``n_days`` days (vectorised over seeds; the defaults are notebook 05's)."""
    absence_rate = check_fraction(absence_rate, "absence_rate", meaning="the daily absence probability")
    seeds = _seeds(seeds)
    check_choice(rule, "rule", RULES)
    for value, name in ((n_employees, "n_employees"), (n_tasks, "n_tasks"), (n_days, "n_days")):
        check_int(value, name, high=MAX_WORK)
    work = len(seeds) * n_employees * n_tasks * n_days
    check_int(work, "seeds x n_employees x n_tasks x n_days", high=MAX_WORK, meaning="a few seconds of work")
    for value, name in ((learning_rate, "learning_rate"), (forgetting_rate, "forgetting_rate")):
        check_fraction(value, name, meaning="a fraction of the skill gained or lost per day")
    check_fraction(initial_skill, "initial_skill", meaning="the highest starting skill")

    rngs = [np.random.default_rng(seed) for seed in seeds]
    initial = np.stack([g.uniform(0.0, initial_skill, size=(n_employees, n_tasks)) for g in rngs])
    absent = np.stack([g.random((n_days, n_employees)) for g in rngs]) < absence_rate
    if rule == "capable":
        tie_break = np.stack([g.random((n_days, n_employees, n_tasks)) for g in rngs])
    skills, practice = initial.copy(), np.zeros(initial.shape, dtype=np.int64)
    daily_output = np.empty((len(seeds), n_days))
    for day in range(n_days):
        priority = skills if rule == "best" else (skills >= SKILLED) + tie_break[:, day]
        performer = assign_tasks(priority, ~absent[:, day])
        daily_output[:, day] = _output(skills, performer)
        practised = np.zeros(skills.shape, dtype=bool)
        run, task = np.nonzero(performer >= 0)
        practised[run, performer[run, task], task] = True
        practice += practised
        skills = np.where(practised, skills + learning_rate * (1 - skills), skills * (1 - forgetting_rate))
    return TeamRun(absence_rate, rule, seeds, initial, skills, absent, daily_output, practice)


def presentation_output(skills: np.ndarray, *, leaver: int | None = None) -> np.ndarray | float:
    """The client presentation: everyone present except ``leaver``, the most skilled first, no learning."""
    skills = _array(skills, "skills")
    batch = np.array(skills, ndmin=3)
    present = np.ones(batch.shape[:2], dtype=bool)
    if leaver is not None:
        present[:, check_int(leaver, "leaver", low=0, high=batch.shape[1] - 1)] = False
    output = _output(batch, assign_tasks(batch, present))
    return float(output[0]) if skills.ndim == 2 else output


def leave_one_out(skills: np.ndarray) -> np.ndarray:
    """The presentation without employee ``e``, for every ``e``: shape (employees,) or (runs, employees)."""
    skills = _array(skills, "skills")
    return np.stack([presentation_output(skills, leaver=e) for e in range(skills.shape[-2])], axis=-1)


def skill_spread(skills: np.ndarray, threshold: float = SKILLED) -> np.ndarray:
    """How many employees have at least ``threshold`` skill at each task: (tasks,) or (runs, tasks)."""
    if not is_real_number(threshold) or not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be a skill from 0 to 1; got {threshold!r:.40}")
    return (_array(skills, "skills") >= threshold).sum(axis=-2)


def measure_team(run: TeamRun) -> dict[str, np.ndarray]:
    """One value per team: mean output while training ("training"), the presentation, the presentation
    after the worst and after the average single leaver, the mean number of skilled employees per task."""
    if not isinstance(run, TeamRun):
        raise TypeError(f"run must be a TeamRun, as simulate_team returns; got {type(run).__name__}")
    without_one = leave_one_out(run.skills)
    return {
        "training": run.daily_output.mean(axis=1),
        "presentation": presentation_output(run.skills),
        "worst_leaver": without_one.min(axis=1),
        "mean_leaver": without_one.mean(axis=1),
        "spread": skill_spread(run.skills).mean(axis=1),
    }


def sweep(absence_rates, seeds=range(20), **settings) -> dict[float, dict[str, np.ndarray]]:
    """``{absence_rate: measure_team(simulate_team(absence_rate, seeds, **settings))}`` for 1 to 100 rates."""
    if isinstance(absence_rates, (str, bytes)) or not isinstance(absence_rates, (list, tuple, range, np.ndarray)):
        raise TypeError(f"absence_rates must be a list of 1 to 100 rates in [0, 1); got {absence_rates!r:.60}")
    check_int(len(absence_rates), "the number of absence_rates", high=100)
    rates = [
        check_fraction(a, "each of absence_rates", meaning="a daily probability of staying home") for a in absence_rates
    ]
    return {a: measure_team(simulate_team(a, seeds, **settings)) for a in rates}
