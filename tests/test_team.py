"""The employee-team simulation (helpers/team.py), its figures (plots.py) and its explorer (widgets.py)."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots, team

matplotlib.use("Agg", force=False)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_importing_the_engine_imports_no_plotting_no_widgets_no_pil() -> None:
    code = "import sys, helpers.team; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    for module in ("ipywidgets", "PIL", "matplotlib", "keras", "tensorflow"):
        assert f"'{module}'" not in loaded, module


# ----------------------------------------------------------------------------- one day

TINY = np.array([[0.9, 0.8, 0.0], [0.1, 0.7, 0.0], [0.2, 0.1, 0.3]])


def test_assign_tasks_matches_the_best_pair_first_one_task_per_employee() -> None:
    assert team.assign_tasks(TINY, np.ones(3, dtype=bool)).tolist() == [0, 1, 2]
    # employee 0 at home: 1 takes task 1 (0.7), 2 takes task 2 (0.3 beats 0.2), task 0 stays undone
    assert team.assign_tasks(TINY, np.array([False, True, True])).tolist() == [-1, 1, 2]


def test_assign_tasks_never_uses_absent_employees_and_does_as_much_as_possible() -> None:
    rng = np.random.default_rng(0)
    present = rng.random((4, 7)) < 0.5
    present[0] = False
    performer = team.assign_tasks(rng.random((4, 7, 5)), present)
    assert (performer[0] == -1).all()
    for run in range(4):
        done = performer[run][performer[run] >= 0]
        assert present[run, done].all() and len(set(done.tolist())) == len(done)
        assert len(done) == min(present[run].sum(), 5)


def test_one_day_by_hand_learning_and_forgetting() -> None:
    run = team.simulate_team(0.0, 3, n_days=1, learning_rate=0.1, forgetting_rate=0.01)
    start = run.initial_skills[0]
    performer = team.assign_tasks(start, np.ones(10, dtype=bool))
    expected = start * 0.99
    expected[performer, np.arange(5)] = start[performer, np.arange(5)] * 0.9 + 0.1
    np.testing.assert_allclose(run.skills[0], expected)
    assert run.daily_output[0, 0] == pytest.approx(start[performer, np.arange(5)].mean())


# ----------------------------------------------------------------------------- randomness


def test_a_batch_of_seeds_gives_run_by_run_what_each_seed_gives_alone() -> None:
    for rule in team.RULES:
        batch = team.simulate_team(0.5, [3, 11, 4], rule=rule, n_days=80)
        for row, seed in enumerate(batch.seeds):
            alone = team.simulate_team(0.5, seed, rule=rule, n_days=80)
            np.testing.assert_array_equal(batch.skills[row], alone.skills[0])
            np.testing.assert_array_equal(batch.daily_output[row], alone.daily_output[0])


def test_one_seed_is_the_same_team_and_absences_at_every_rate_and_rule() -> None:
    low, high = team.simulate_team(0.2, 5, n_days=100), team.simulate_team(0.6, 5, rule="capable", n_days=100)
    np.testing.assert_array_equal(low.initial_skills, high.initial_skills)
    assert np.all(high.absent[low.absent])  # absent at 0.2 implies absent at 0.6 (same uniforms)
    assert not team.simulate_team(0.0, range(3), n_days=50).absent.any()


@pytest.mark.parametrize("absence_rate", [0.05, 0.5, 0.8])
def test_the_absence_fraction_matches_the_rate_within_a_binomial_interval(absence_rate: float) -> None:
    run = team.simulate_team(absence_rate, range(4), n_days=500)
    sd = np.sqrt(absence_rate * (1 - absence_rate) / run.absent.size)
    assert abs(run.absent.mean() - absence_rate) < 4.5 * sd


def test_the_capable_rule_prefers_a_capable_employee_chosen_at_random() -> None:
    skills = np.array([[0.9, 0.0], [0.6, 0.0], [0.1, 0.0]])
    winners = set()
    for seed in range(30):
        tie_break = np.random.default_rng(seed).random(skills.shape)
        winners.add(int(team.assign_tasks((skills >= team.SKILLED) + tie_break, np.ones(3, dtype=bool))[0]))
    assert winners == {0, 1}  # employees 0 and 1 are capable at task 0; 2 never gets it first


def test_practice_counts_the_days_each_employee_did_each_task() -> None:
    run = team.simulate_team(0.3, 2, n_days=50, rule="capable")
    assert (run.practice.sum(axis=2) <= (~run.absent).sum(axis=1)).all()
    assert (run.practice.sum(axis=1) <= 50).all()


# ----------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"absence_rate": 1.0}, "absence_rate"),
        ({"absence_rate": float("nan")}, "absence_rate"),
        ({"absence_rate": "0.5"}, "absence_rate"),
        ({"seeds": [1, -2]}, "seed"),
        ({"seeds": []}, "seeds"),
        ({"rule": "fastest"}, "rule"),
        ({"n_employees": 0}, "n_employees"),
        ({"n_days": 2.5}, "n_days"),
        ({"learning_rate": 1.5}, "learning_rate"),
        ({"forgetting_rate": "a little"}, "forgetting_rate"),
        ({"seeds": range(10**6)}, "1 to 10,000 seeds"),
        ({"seeds": None}, "seeds"),
        ({"seeds": 0.5}, "seeds"),
        ({"seeds": True}, "seeds"),
        ({"rule": None}, "rule"),
        ({"n_days": 10**12}, "n_days"),
        ({"seeds": range(100), "n_days": 10**5}, "seeds x n_employees"),
    ],
)
def test_bad_and_absurd_arguments_raise_a_value_error_naming_them(kwargs, name) -> None:
    arguments = {"absence_rate": 0.2, **kwargs}
    with pytest.raises(ValueError, match=name):
        team.simulate_team(**arguments)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: team.assign_tasks(None, [True]), "priority"),
        (lambda: team.assign_tasks(TINY, None), "present"),
        (lambda: team.assign_tasks(TINY, np.array(["False", "True", "True"])), "present"),  # never booleans
        (lambda: team.assign_tasks(TINY, np.ones(2, dtype=bool)), "present"),
        (lambda: team.assign_tasks(np.full((2, 2), np.nan), np.ones(2, dtype=bool)), "priority"),
        (lambda: team.leave_one_out(None), "skills"),
        (lambda: team.leave_one_out(np.ones(4)), "skills"),
        (lambda: team.presentation_output("False"), "skills"),
        (lambda: team.presentation_output(TINY, leaver=3), "leaver"),
        (lambda: team.presentation_output(TINY, leaver=1.0), "leaver"),
        (lambda: team.skill_spread(TINY, None), "threshold"),
        (lambda: team.skill_spread(TINY * 2, 0.5), "skills"),
        (lambda: team.measure_team(None), "run"),
        (lambda: team.sweep(None), "absence_rates"),
        (lambda: team.sweep(0.5), "absence_rates"),
        (lambda: team.sweep((0.1,), None), "seeds"),
    ],
)
def test_the_measures_refuse_bad_arguments_by_name(call, name) -> None:
    with pytest.raises((ValueError, TypeError), match=name):
        call()


def test_numpy_integers_are_seeds_and_leavers() -> None:
    run = team.simulate_team(0.2, np.int64(3), n_days=np.int64(5))
    assert run.seeds == (3,) and type(run.seeds[0]) is int
    assert run.seeds == team.simulate_team(0.2, np.array([3]), n_days=5).seeds
    assert team.presentation_output(TINY, leaver=np.int64(0)) == team.presentation_output(TINY, leaver=0)


# ----------------------------------------------------------------------------- measures


def test_a_lone_specialist_is_a_single_point_of_failure() -> None:
    skills = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    assert team.presentation_output(skills) == 1.0
    assert team.leave_one_out(skills).tolist() == [0.5, 0.5, 1.0]
    assert [team.presentation_output(skills, leaver=e) for e in range(3)] == [0.5, 0.5, 1.0]
    assert team.skill_spread(skills).tolist() == [1, 1]


def test_measure_team_gives_one_value_per_team_and_leavers_never_help() -> None:
    run = team.simulate_team(0.2, range(3), n_days=40)
    measures = team.measure_team(run)
    assert tuple(measures) == ("training", "presentation", "worst_leaver", "mean_leaver", "spread")
    assert all(value.shape == (3,) for value in measures.values())
    assert (measures["worst_leaver"] <= measures["mean_leaver"] + 1e-12).all()
    assert (measures["mean_leaver"] <= measures["presentation"] + 1e-12).all()


def test_the_headline_holds_on_seeds_the_notebook_does_not_use() -> None:
    results = team.sweep((0.0, 0.2), range(1000, 1020))
    assert (results[0.0]["spread"] == 1).all()
    assert results[0.2]["worst_leaver"].mean() > results[0.0]["worst_leaver"].mean() + 0.05


# ----------------------------------------------------------------------------- figures and explorer


def test_plot_team_measures_and_plot_skills_label_their_axes() -> None:
    results = team.sweep((0.0, 0.5), range(3), n_days=30)
    ax = plots.plot_team_measures(results)
    assert len(ax.get_lines()) == 4 and "absence_rate" in ax.get_xlabel()
    assert len(ax.get_legend().get_texts()) == 4
    one = plots.plot_team_measures(results, ("spread",))
    assert one.get_legend() is None and "employees per task" in one.get_ylabel()
    heat = plots.plot_skills(team.simulate_team(0.0, 0, n_days=30).skills[0], title="team 0")
    assert heat.get_title() == "team 0" and heat.get_xlabel() == "task type"


def test_team_explorer_redraws_and_refuses_absurd_sizes() -> None:
    from helpers import widgets

    explorer = widgets.team_explorer(0.0, n_seeds=2)
    text = "Team explorer: 2 teams, an absence_rate slider and the assignment rule (run the cell to use it)"
    assert repr(explorer) == text
    first = explorer.image.value
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and explorer.image.layout.height == "auto"
    explorer.slider.value = 0.5
    explorer.rule.value = "capable"
    assert explorer.image.value != first and "absence_rate 0.50, rule capable" in explorer.summary.value
    for kwargs in ({"n_seeds": 10**6}, {"n_seeds": 0}, {"absence_rate": 0.9}, {"first_seed": -1}):
        with pytest.raises(ValueError):
            widgets.team_explorer(**kwargs)
