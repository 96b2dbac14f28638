"""Checkers for the exercises of notebook 05 (the employee team)."""

from __future__ import annotations

import functools

import numpy as np

from helpers import team
from helpers.exercises._harness import Wrong, array, call, checker, close, expect, number

__all__ = ["check_no_forgetting", "check_remove_units", "check_worst_leaver"]


@checker("your function worst_leaver(skills)")
def check_worst_leaver(worst_leaver: object) -> str:
    rng = np.random.default_rng(5)
    teams = (
        np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]),  # two specialists and an idle colleague
        np.array([[0.9, 0.1, 0.0], [0.8, 0.0, 0.2], [0.0, 0.9, 0.7], [0.1, 0.1, 0.6]]),
        rng.random((10, 5)),
        rng.random((4, 6)),  # fewer employees than tasks
    )
    for skills in teams:
        value = number(call(worst_leaver, skills, name="worst_leaver(skills)"), "worst_leaver(skills)")
        expected = float(team.leave_one_out(skills).min())
        said = f"for a team of shape {skills.shape} you return {value:.4f}, expected {expected:.4f}."
        everyone = team.presentation_output(skills)
        hints = {"That is the output with everyone present: one employee must be missing.": everyone}
        expect(value, expected, said, hints, "Try every employee as the leaver and keep the lowest output.")
    return "the worst single leaver is the minimum over who leaves; for two lone specialists it is 0.5."


@checker("your function remove_units(kernel, units)")
def check_remove_units(remove_units: object) -> str:
    kernel = np.random.default_rng(0).normal(size=(8, 3)).astype(np.float32)
    for units in ([2, 5], [0], []):
        result = call(remove_units, kernel, units, name="remove_units", frozen="kernel")
        expected = kernel.copy()
        expected[units] = 0.0
        if not close(array(result, kernel.shape, "your kernel"), expected):
            raise Wrong(f"for units {units} those rows must be 0 and every other row unchanged (one row per unit).")
    return "a unit whose outgoing weights are all 0 no longer reaches the output, as if it had left."


@functools.cache
def _worst_means(**settings: float) -> tuple[float, float]:
    results = team.sweep((0.0, 0.5), range(20), **settings)  # the seeds the notebook states
    return tuple(float(results[a]["worst_leaver"].mean()) for a in (0.0, 0.5))


@checker("your two numbers", answers=2)
def check_no_forgetting(worst_without_absences: object, worst_with_absences: object) -> str:
    answers = np.array([number(worst_without_absences, "the first number"), number(worst_with_absences, "the second")])
    expected = np.array(_worst_means(forgetting_rate=0.0))
    hints = {
        "those are the numbers with the default forgetting rate; pass forgetting_rate=0.0.": _worst_means(),
        "the two numbers are swapped: absence_rate 0 first, then 0.5.": expected[::-1],
    }
    default = "use seeds range(20), absence rates (0.0, 0.5), forgetting_rate=0.0, and average 'worst_leaver'."
    expect(answers, expected, "", hints, default, abs_tol=5e-4)
    return (
        f"without forgetting, {expected[0]:.3f} at absence_rate 0 and {expected[1]:.3f} at 0.5: the headline holds; "
        "idle colleagues keep only their small starting skills, stand-ins never lose what they learned."
    )
