"""The employee-team simulation (helpers/team.py): its rules, its randomness, its measures, its explorer."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import team

matplotlib.use("Agg", force=False)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ----------------------------------------------------------------------------- one day


def test_assign_tasks_matches_the_best_pair_first_one_task_per_employee() -> None:
    skills = np.array(
        [
            [0.9, 0.8, 0.0],  # employee 0 is best at task 0 and second best at task 1
            [0.1, 0.7, 0.0],
            [0.2, 0.1, 0.3],
        ]
    )
    everyone = np.ones(3, dtype=bool)
    # 0.9 (employee 0, task 0) first; employee 0 is then busy, so task 1 goes to employee 1 (0.7)
    assert team.assign_tasks(skills, everyone).tolist() == [0, 1, 2]
    # employee 0 absent: employee 1 takes task 1 (0.7, the best pair left), then employee 2 takes task 2
    # (0.3 beats 0.2 at task 0); nobody is free for task 0, which stays undone
    present = np.array([False, True, True])
    assert team.assign_tasks(skills, present).tolist() == [-1, 1, 2]


def test_assign_tasks_never_uses_absent_employees_and_leaves_work_undone_when_nobody_is_there() -> None:
    rng = np.random.default_rng(0)
    skills = rng.random((4, 7, 5))
    present = rng.random((4, 7)) < 0.5
    present[0] = False  # nobody at work in run 0
    performer = team.assign_tasks(skills, present)
    assert performer.shape == (4, 5)
    assert (performer[0] == -1).all()
    for run in range(4):
        done = performer[run][performer[run] >= 0]
        assert present[run, done].all()
        assert len(set(done.tolist())) == len(done)  # one task per employee
        assert len(done) == min(present[run].sum(), 5)  # as many tasks done as possible


def test_day_output_is_the_mean_skill_of_the_performers_with_undone_tasks_as_zero() -> None:
    skills = np.array([[0.9, 0.8, 0.0], [0.1, 0.7, 0.0], [0.2, 0.1, 0.3]])
    assert team.day_output(skills, np.array([0, 1, 2])) == pytest.approx((0.9 + 0.7 + 0.3) / 3)
    assert team.day_output(skills, np.array([2, 1, -1])) == pytest.approx((0.2 + 0.7 + 0.0) / 3)
    with pytest.raises(ValueError, match="performer"):
        team.day_output(skills, np.array([0, 1, 3]))


def test_work_day_learns_by_doing_and_forgets_the_rest() -> None:
    skills = np.array([[0.5, 0.2], [0.4, 0.1], [0.3, 0.0]])
    present = np.array([True, True, False])
    new, performer, output = team.work_day(skills, present, learning_rate=0.1, forgetting_rate=0.01)
    assert performer.tolist() == [0, 1]  # 0.5 first; employee 1 is the only one left for task 1
    assert output == pytest.approx((0.5 + 0.1) / 2)  # measured with the morning's skills
    expected = skills * 0.99
    expected[0, 0] = 0.5 + 0.1 * 0.5
    expected[1, 1] = 0.1 + 0.1 * 0.9
    np.testing.assert_allclose(new, expected)
    assert (new >= 0).all() and (new <= 1).all()


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: team.assign_tasks(np.ones((3, 2)) * 2, np.ones(3, dtype=bool)), ValueError, "skills"),
        (lambda: team.assign_tasks(np.ones((3, 2)) / 2, np.ones(3)), TypeError, "present"),
        (lambda: team.assign_tasks(np.ones((3, 2)) / 2, np.ones(4, dtype=bool)), ValueError, "present"),
        (lambda: team.work_day(np.zeros((3, 2)), np.ones(3, dtype=bool), learning_rate=0), ValueError, "learning_rate"),
        (
            lambda: team.work_day(np.zeros((3, 2)), np.ones(3, dtype=bool), forgetting_rate=1.0),
            ValueError,
            "forgetting_rate",
        ),
    ],
)
def test_day_functions_reject_bad_input(call, error, name) -> None:
    with pytest.raises(error, match=name):
        call()


# ----------------------------------------------------------------------------- randomness


def test_a_seed_gives_the_same_run_and_different_seeds_differ() -> None:
    first, again = team.simulate_team(0.3, 7, n_days=60), team.simulate_team(0.3, 7, n_days=60)
    for field in ("initial_skills", "skills", "absent", "daily_output", "practice"):
        assert np.array_equal(getattr(first, field), getattr(again, field)), field
    other = team.simulate_team(0.3, 8, n_days=60)
    assert not np.array_equal(first.skills, other.skills)


def test_a_batch_of_seeds_gives_run_by_run_what_each_seed_gives_alone() -> None:
    batch = team.simulate_team(0.5, [3, 11, 4], n_days=80)
    for row, seed in enumerate(batch.seeds):
        alone = team.simulate_team(0.5, seed, n_days=80)
        np.testing.assert_array_equal(batch.skills[row], alone.skills[0])
        np.testing.assert_array_equal(batch.daily_output[row], alone.daily_output[0])


def test_one_seed_is_the_same_team_at_every_p_and_absences_nest() -> None:
    low, high = team.simulate_team(0.2, 5, n_days=100), team.simulate_team(0.6, 5, n_days=100)
    np.testing.assert_array_equal(low.initial_skills, high.initial_skills)
    assert np.all(high.absent[low.absent])  # absent at p = 0.2 implies absent at p = 0.6 (same uniforms)


def test_p_zero_gives_no_absences() -> None:
    run = team.simulate_team(0.0, range(5), n_days=200)
    assert not run.absent.any()
    assert run.practice.sum() == 5 * 200 * run.skills.shape[2]  # every task done every day


@pytest.mark.parametrize("p", [0.05, 0.2, 0.5, 0.8])
def test_the_absence_fraction_matches_p_within_a_binomial_interval(p: float) -> None:
    run = team.simulate_team(p, range(4), n_days=500)
    n = run.absent.size  # 4 runs x 500 days x 10 employees = 20,000 independent draws
    sd = np.sqrt(p * (1 - p) / n)
    assert abs(run.absent.mean() - p) < 4.5 * sd  # fails by chance with probability below 1e-5


def test_practice_counts_the_days_each_employee_did_each_task() -> None:
    run = team.simulate_team(0.3, 2, n_days=50)
    present_days = (~run.absent).sum(axis=1)  # (runs, employees)
    assert (run.practice.sum(axis=2) <= present_days).all()  # at most one task a day, only when present
    assert (run.practice.sum(axis=1) <= 50).all()  # each task at most once a day


# ----------------------------------------------------------------------------- arguments


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, float("nan")])
def test_invalid_p_raises_a_value_error_naming_p(p) -> None:
    with pytest.raises(ValueError, match=r"\bp must be in \[0, 1\)"):
        team.simulate_team(p)


@pytest.mark.parametrize("p", ["0.5", True, None])
def test_a_p_that_is_not_a_number_raises_a_type_error_naming_p(p) -> None:
    with pytest.raises(TypeError, match=r"\bp must be a number"):
        team.simulate_team(p)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n_employees": 0}, "n_employees"),
        ({"n_employees": -3}, "n_employees"),
        ({"n_tasks": -1}, "n_tasks"),
        ({"n_tasks": 0}, "n_tasks"),
        ({"n_days": -5}, "n_days"),
        ({"learning_rate": 1.5}, "learning_rate"),
        ({"forgetting_rate": -0.1}, "forgetting_rate"),
        ({"initial_skill": 2.0}, "initial_skill"),
        ({"seeds": []}, "seeds"),
        ({"seeds": [1, -2]}, "seeds"),
    ],
)
def test_negative_or_zero_sizes_and_bad_settings_raise_a_value_error_naming_the_argument(kwargs, name) -> None:
    with pytest.raises(ValueError, match=name):
        team.simulate_team(0.2, **kwargs)


def test_sizes_that_are_not_integers_raise_a_type_error() -> None:
    with pytest.raises(TypeError, match="n_employees"):
        team.simulate_team(0.2, n_employees=10.0)
    with pytest.raises(TypeError, match="seeds"):
        team.simulate_team(0.2, seeds="0")


def test_check_absence_probability_returns_a_float() -> None:
    assert team.check_absence_probability(np.float32(0.25)) == 0.25
    with pytest.raises(ValueError, match="ratio"):
        team.check_absence_probability(1.0, "ratio")


# ----------------------------------------------------------------------------- measures


def test_presentation_and_leave_one_out_agree_and_use_everyone() -> None:
    rng = np.random.default_rng(1)
    skills = rng.random((6, 4))
    everyone = team.presentation_output(skills)
    assert everyone == pytest.approx(team.day_output(skills, team.assign_tasks(skills, np.ones(6, dtype=bool))))
    without = team.leave_one_out(skills)
    assert without.shape == (6,)
    for employee in range(6):
        assert without[employee] == pytest.approx(team.presentation_output(skills, leaver=employee))
    assert (without <= everyone + 1e-12).all()  # losing someone never helps the presentation
    batch = team.leave_one_out(rng.random((3, 6, 4)))
    assert batch.shape == (3, 6)
    with pytest.raises(ValueError, match="leaver"):
        team.presentation_output(skills, leaver=6)
    with pytest.raises(ValueError, match="at least 2 employees"):
        team.leave_one_out(skills[:1])


def test_a_lone_specialist_is_a_single_point_of_failure() -> None:
    skills = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    assert team.presentation_output(skills) == 1.0
    assert team.leave_one_out(skills).tolist() == [0.5, 0.5, 1.0]  # losing the idle employee costs nothing
    assert team.skill_spread(skills).tolist() == [1, 1]


def test_skill_spread_counts_employees_at_or_above_the_threshold() -> None:
    skills = np.array([[0.5, 0.49], [0.9, 0.2], [0.1, 0.0]])
    assert team.skill_spread(skills).tolist() == [2, 0]
    assert team.skill_spread(skills, threshold=0.1).tolist() == [3, 2]
    with pytest.raises(ValueError, match="threshold"):
        team.skill_spread(skills, threshold=0)


def test_measure_team_returns_one_value_per_seed_for_every_measure() -> None:
    run = team.simulate_team(0.2, range(3), n_days=40)
    measures = team.measure_team(run)
    assert tuple(measures) == team.MEASURES
    for values in measures.values():
        assert values.shape == (3,)
    np.testing.assert_allclose(measures["training"], run.daily_output.mean(axis=1))
    assert (measures["worst_leaver"] <= measures["mean_leaver"] + 1e-12).all()
    assert (measures["mean_leaver"] <= measures["presentation"] + 1e-12).all()
    with pytest.raises(TypeError, match="TeamRun"):
        team.measure_team(run.skills)


# ----------------------------------------------------------------------------- the emergent effects


@pytest.fixture(scope="module")
def default_sweep() -> dict[float, dict[str, np.ndarray]]:
    return team.sweep((0.0, 0.2, 0.5), range(20))


def test_specialists_form_without_absences(default_sweep) -> None:
    # p = 0: every task ends with exactly one skilled employee, in every one of the 20 seeds
    assert (default_sweep[0.0]["spread"] == 1.0).all()


def test_headline_losing_one_employee_hurts_less_after_training_with_absences(default_sweep) -> None:
    """The notebook's headline, in the mean over 20 seeds (not only for the seed the notebook shows)."""
    plain = default_sweep[0.0]
    for p in (0.2, 0.5):
        absences = default_sweep[p]
        assert absences["worst_leaver"].mean() > plain["worst_leaver"].mean() + 0.05, p
        assert absences["mean_leaver"].mean() > plain["mean_leaver"].mean() + 0.02, p
        assert absences["spread"].mean() > plain["spread"].mean() + 0.5, p
        # the cost: less output while training, and a slightly weaker presentation with everyone there
        assert absences["training"].mean() < plain["training"].mean()
        assert absences["presentation"].mean() <= plain["presentation"].mean()


def test_the_headline_also_holds_on_seeds_the_notebook_never_uses() -> None:
    results = team.sweep((0.0, 0.2), range(1000, 1020))
    assert results[0.2]["worst_leaver"].mean() > results[0.0]["worst_leaver"].mean() + 0.05


def test_sweep_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="ps"):
        team.sweep((), range(2))
    with pytest.raises(ValueError, match="twice"):
        team.sweep((0.2, 0.2), range(2), n_days=10)
    with pytest.raises(ValueError, match="unknown settings"):
        team.sweep((0.2,), range(2), n_workers=3)
    with pytest.raises(ValueError, match="each p in ps"):
        team.sweep((0.2, 1.2), range(2), n_days=10)


def test_format_sweep_prints_mean_and_spread_for_each_p(default_sweep) -> None:
    text = team.format_sweep(default_sweep)
    assert "p = 0" in text and "p = 0.2" in text and "p = 0.5" in text
    assert "(20 seeds per p)" in text
    assert f"{default_sweep[0.5]['worst_leaver'].mean():.3f} ± " in text
    with pytest.raises(ValueError, match="results"):
        team.format_sweep({})


# ----------------------------------------------------------------------------- figures and explorer


def test_plot_sweep_draws_one_line_per_measure_with_labels(default_sweep) -> None:
    ax = team.plot_sweep(default_sweep)
    assert len(ax.get_lines()) == 4
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert len(ax.get_legend().get_texts()) == 4
    _, other = plt.subplots()
    assert team.plot_sweep(default_sweep, ("spread",), ax=other) is other
    assert other.get_legend() is None and "employees per task" in other.get_ylabel()  # one line: the label says it
    with pytest.raises(ValueError, match="measures"):
        team.plot_sweep(default_sweep, ("speed",))


def test_plot_skills_draws_one_team() -> None:
    skills = team.simulate_team(0.0, 0, n_days=30).skills
    ax = team.plot_skills(skills[0], title="team 0")
    assert ax.get_title() == "team 0" and ax.get_xlabel() == "task type" and ax.get_ylabel() == "employee"
    with pytest.raises(ValueError, match="one team"):
        team.plot_skills(skills)


def test_team_explorer_reruns_and_redraws_when_the_slider_moves() -> None:
    explorer = team.team_explorer(0.0, n_seeds=2)
    assert explorer.slider.continuous_update is False
    assert repr(explorer) == "TeamExplorer(p=0, n_seeds=2, first_seed=0)"
    first_image, first_summary = explorer.image.value, explorer.summary.value
    assert first_image[:8] == b"\x89PNG\r\n\x1a\n"
    expected = team.measure_team(team.simulate_team(0.0, range(2)))
    assert f"presentation {expected['presentation'].mean():.3f}" in first_summary
    explorer.slider.value = 0.5
    assert explorer.image.value != first_image
    assert "p = 0.50" in explorer.summary.value
    assert repr(explorer) == "TeamExplorer(p=0.5, n_seeds=2, first_seed=0)"


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"p": 0.9}, ValueError, "max_p"),
        ({"p": -0.1}, ValueError, "p must"),
        ({"p": 0.1, "n_seeds": 0}, ValueError, "n_seeds"),
        ({"p": 0.1, "first_seed": -1}, ValueError, "first_seed"),
    ],
)
def test_team_explorer_rejects_bad_arguments(kwargs, error, name) -> None:
    with pytest.raises(error, match=name):
        team.team_explorer(**kwargs)
