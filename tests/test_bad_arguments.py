"""A fuzz of odd arguments over the plumbing helpers: each call returns or is refused, within 5 s.

Refused means ValueError or TypeError (OSError for a file that is not there). Sizes that would hang
or fill memory (``diagrams.layer_names(10**12)``) fail before any work is done; ``data.sha256_of(0)``
does not read standard input.
"""

from __future__ import annotations

import math
import signal

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import course, data, diagrams, mask_speed, plots, quiz, tables, team, widgets

BAD = [None, True, -1, 0, 2.5, math.nan, math.inf, "x", b"x", [], {}, np.array([1, 2]), 1j, 10**6, 10**12, -(10**12)]
CALLS = {
    "data.sha256_of": data.sha256_of,
    "data.load_fashion_mnist(split)": data.load_fashion_mnist,
    "data.load_fashion_mnist(full)": lambda v: data.load_fashion_mnist("test", full=v),
    "data.split_off_validation": lambda v: data.split_off_validation(
        data.Dataset(np.zeros((9, 28, 28)), np.zeros(9, int)), v
    ),
    "diagrams.layer_names": diagrams.layer_names,
    "diagrams.draw_network": lambda v: diagrams.draw_network([v, 2]),
    "diagrams.sample_masks": lambda v: diagrams.sample_masks([3, v], 0.5, rng=np.random.default_rng(0)),
    "tables.table(rows)": lambda v: tables.table(v, ["a"]),
    "tables.table(digits)": lambda v: tables.table([[1.5]], ["a"], digits=v),
    "course.setup_notebook": lambda v: course.setup_notebook(v, tensorflow=False, style=False),
    "widgets.mask_explorer(n_units)": lambda v: widgets.mask_explorer(n_units=v),
    "widgets.mask_explorer(rate)": lambda v: widgets.mask_explorer(rate=v),
    "widgets.plot_mask": lambda v: widgets.plot_mask(v, 0.5),
    "widgets.team_explorer(first_seed)": lambda v: widgets.team_explorer(first_seed=v, n_seeds=1),
    "quiz.check_answer": lambda v: quiz.check_answer(quiz.load_quiz("01_why_dropout")[0], v),
    "plots.plot_entropy_histogram(bins)": lambda v: plots.plot_entropy_histogram({"a": [0.1, 0.5]}, bins=v),
    "plots.plot_sweep(x)": lambda v: plots.plot_sweep(v, {"a": [1, 2]}, xlabel="", ylabel="", title=""),
    "mask_speed(min_sample_seconds)": lambda v: mask_speed.measure_mask_speed(
        (64,), methods=("copy",), repeats=2, min_sample_seconds=v
    ),
    "mask_speed(sizes)": lambda v: mask_speed.measure_mask_speed(v, methods=("copy",), min_sample_seconds=0),
    "team.simulate_team(seeds)": lambda v: team.simulate_team(0.2, v, n_days=5),
    "team.presentation_output": team.presentation_output,
}


class Hung(Exception):  # not an OSError, as TimeoutError is
    pass


def _timeout(*_: object) -> None:
    raise Hung("the call did not return within 5 s")


@pytest.mark.parametrize("name", CALLS)
def test_odd_arguments_return_or_are_refused_at_once(name: str) -> None:
    previous = signal.signal(signal.SIGALRM, _timeout)
    try:
        for value in BAD:
            signal.alarm(5)
            try:
                CALLS[name](value)
            except (ValueError, TypeError, OSError):
                pass
            finally:
                signal.alarm(0)
                plt.close("all")
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_numpy_arrays_and_bools_are_valid_and_ragged_lists_are_refused_by_name() -> None:
    import matplotlib.pyplot as plt

    assert diagrams.count_connections(np.array([3, 4])) == 12
    diagrams.draw_network(np.array([3, 2]), label_layers=np.True_)
    results = team.sweep([0.0], seeds=[0, 1])
    plots.plot_team_measures(results, np.array(["training"]))
    plots.plot_sweep([1, 2], {"a": [0.5, 0.6]}, xlabel="x", ylabel="y", title="t", logx=np.False_)
    plt.close("all")
    with pytest.raises(TypeError, match=r"^title must be a string"):
        plots.plot_team_measures(results, title=5)
    ragged = [[0.5], [0.5, 0.5]]
    for name, call in {
        "skills": lambda: plots.plot_skills(ragged),
        "keep_mask": lambda: widgets.plot_mask([[True], [True, False]], 0.5),
        "skills ": lambda: team.presentation_output(ragged),
        "priority": lambda: team.assign_tasks(ragged, [True, True]),
        "present": lambda: team.assign_tasks(np.ones((2, 2)), [[True], [True, False]]),
        "each of absence_rates": lambda: team.sweep([[4]]),
    }.items():
        with pytest.raises((TypeError, ValueError), match=f"^{name.strip()} must be"):
            call()
