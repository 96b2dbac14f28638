"""Checkers for the exercises of notebook 05 (the employee team)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers import team

__all__ = ["check_no_forgetting", "check_remove_units", "check_worst_leaver"]

#: The seeds and settings of exercise 3 (the notebook states them).
NO_FORGETTING_SEEDS = range(20)


def _test_teams() -> list[np.ndarray]:
    """Teams to try a learner's function on: a lone specialist, a shared task, random teams of other sizes."""
    rng = np.random.default_rng(5)
    return [
        np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]),  # two specialists and an idle colleague
        np.array([[0.9, 0.1, 0.0], [0.8, 0.0, 0.2], [0.0, 0.9, 0.7], [0.1, 0.1, 0.6]]),
        rng.random((10, 5)),
        rng.random((4, 6)),  # fewer employees than tasks
        team.simulate_team(0.0, 3).skills[0],
    ]


def check_worst_leaver(worst_leaver: Callable[[np.ndarray], float] | None) -> bool:
    """Exercise 1: ``worst_leaver(skills)`` for one team is the presentation without its most damaging leaver."""
    if worst_leaver is None:
        print("No answer yet: define worst_leaver(skills) and pass the function (not a number) to the checker.")
        return False
    if not callable(worst_leaver):
        print(f"Pass the function itself, worst_leaver, not {type(worst_leaver).__name__}.")
        return False
    for skills in _test_teams():
        expected = float(team.leave_one_out(skills).min())
        try:
            answer = worst_leaver(skills.copy())
            value = float(answer)
        except Exception as error:  # a learner's bug: report it instead of raising
            print(f"Your function raised {type(error).__name__}: {error} (on a team of shape {skills.shape}).")
            return False
        if not np.isclose(value, expected, atol=1e-9):
            everyone = float(team.presentation_output(skills))
            hint = (
                " That is the output with everyone present: one employee must be missing."
                if np.isclose(value, everyone)
                else " Try every employee as the leaver (presentation_output(skills, leaver=e)) and keep the lowest."
            )
            print(
                f"Not quite: for a team of shape {skills.shape} you return {value:.4f}, expected {expected:.4f}.{hint}"
            )
            return False
    print(
        "Correct: the worst single leaver is the minimum over who leaves. For two lone specialists it is 0.5: "
        "half the work has nobody left who can do it."
    )
    return True


def check_remove_units(remove_units: Callable[[np.ndarray, list[int]], np.ndarray] | None) -> bool:
    """Exercise 2: ``remove_units(kernel, units)`` returns a copy of ``kernel`` with the rows ``units`` set to 0."""
    if remove_units is None:
        print("No answer yet: define remove_units(kernel, units) and pass the function to the checker.")
        return False
    if not callable(remove_units):
        print(f"Pass the function itself, remove_units, not {type(remove_units).__name__}.")
        return False
    rng = np.random.default_rng(0)
    kernel = rng.normal(size=(8, 3)).astype(np.float32)
    for units in ([2, 5], [0], []):
        original = kernel.copy()
        try:
            result = np.asarray(remove_units(kernel, list(units)))
        except Exception as error:  # a learner's bug: report it instead of raising
            print(f"Your function raised {type(error).__name__}: {error} (units {units}).")
            return False
        if not np.array_equal(kernel, original):
            print("Not quite: your function changed the kernel it was given; work on a copy (kernel.copy()).")
            return False
        if result.shape != kernel.shape:
            print(f"Not quite: the result has shape {result.shape}; it must keep the kernel's shape {kernel.shape}.")
            return False
        expected = kernel.copy()
        expected[units] = 0.0
        if not np.array_equal(result, expected):
            print(
                f"Not quite: for units {units} the rows {units} must be 0 and every other row unchanged "
                "(the kernel has one row per hidden unit and one column per class)."
            )
            return False
    print("Correct: a unit whose outgoing weights are all 0 no longer reaches the output, as if it had left.")
    return True


def check_no_forgetting(worst_without_absences: float | None, worst_with_absences: float | None) -> bool:
    """Exercise 3: the mean worst-leaver output over seeds 0-19 with ``forgetting_rate=0``, at p = 0 and p = 0.5."""
    if worst_without_absences is None or worst_with_absences is None:
        print("No answer yet: give the two means (p = 0 first, then p = 0.5) as numbers.")
        return False
    try:
        answers = (float(worst_without_absences), float(worst_with_absences))
    except (TypeError, ValueError):
        print("Give two numbers: the mean worst-leaver output at p = 0 and at p = 0.5.")
        return False
    results = team.sweep((0.0, 0.5), NO_FORGETTING_SEEDS, forgetting_rate=0.0)
    expected = (float(results[0.0]["worst_leaver"].mean()), float(results[0.5]["worst_leaver"].mean()))
    default = team.sweep((0.0, 0.5), NO_FORGETTING_SEEDS)
    with_forgetting = (float(default[0.0]["worst_leaver"].mean()), float(default[0.5]["worst_leaver"].mean()))
    if np.allclose(answers, with_forgetting, atol=5e-4) and not np.allclose(answers, expected, atol=5e-4):
        print("Those are the numbers with the default forgetting rate; pass forgetting_rate=0.0 to team.sweep.")
        return False
    if np.allclose(answers[::-1], expected, atol=5e-4):
        print("The two numbers are swapped: p = 0 first, then p = 0.5.")
        return False
    if not np.allclose(answers, expected, atol=5e-4):
        print(
            f"Not quite: you give {answers[0]:.3f} and {answers[1]:.3f}. Use seeds range(20), "
            "ps (0.0, 0.5) and forgetting_rate=0.0, and average 'worst_leaver' over the seeds."
        )
        return False
    print(
        f"Correct: without forgetting, {expected[0]:.3f} at p = 0 and {expected[1]:.3f} at p = 0.5. The headline "
        "holds, even more clearly: idle colleagues keep only their small starting skills, while stand-ins who "
        "learned a task never lose it."
    )
    return True
