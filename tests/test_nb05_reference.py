"""Notebook 05's written-out simulation rules against the course's tested copy (helpers/team.py), on the
same seeds, and 05's claim definitions (helpers/findings/nb05.py) on made-up measurements.

The notebook shows the rules a learner must understand (who works, who learns); the comparison with
the vectorised copy lives here (micrograd's way), not in a learner's cell.
"""

from __future__ import annotations

from pathlib import Path

import notebook_code
import numpy as np
import pytest

from helpers import team
from helpers.findings import nb05

SOURCE = Path(__file__).resolve().parent.parent / "notebooks" / "src" / "05_employee_team.py"
FUNCTIONS = ("assign_one_day", "simulate_one_team")


def notebook_functions(text: str | None = None) -> dict:
    """The rule functions 05 defines in its code cells (only their ``def`` statements are run)."""
    return notebook_code.functions(SOURCE.stem, FUNCTIONS, {"np": np}, text)


@pytest.fixture(scope="module")
def nb() -> dict:
    return notebook_functions()


def test_the_tiny_day_leaves_task_0_undone_and_nobody_doubles_up(nb) -> None:
    skills = np.array([[0.9, 0.8, 0.0], [0.1, 0.7, 0.0], [0.2, 0.1, 0.3]])
    assert nb["assign_one_day"](skills, [True, True, True]) == {0: 0, 1: 1, 2: 2}
    assert nb["assign_one_day"](skills, [False, True, True]) == {1: 1, 2: 2}
    assert team.assign_tasks(skills, np.array([False, True, True])).tolist() == [-1, 1, 2]


@pytest.mark.parametrize("seed", [0, 7])
def test_one_day_matches_the_helper_on_random_teams(nb, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(20):
        skills, present = rng.random((6, 4)), rng.random(6) < 0.6
        expected = team.assign_tasks(skills, present)
        mine = nb["assign_one_day"](skills, present)
        assert [mine.get(task, -1) for task in range(4)] == expected.tolist()


@pytest.mark.parametrize(("absence_rate", "seed"), [(0.0, 0), (0.5, 0), (0.3, 11), (0.7, 4)])
def test_the_written_out_rules_are_the_helper_s_rules(nb, absence_rate: float, seed: int) -> None:
    skills, outputs, practice = nb["simulate_one_team"](absence_rate, seed)
    run = team.simulate_team(absence_rate, seed)
    np.testing.assert_allclose(skills, run.skills[0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(outputs, run.daily_output[0], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(practice, run.practice[0])


def test_a_different_rule_would_be_caught() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert "skills * (1 - 0.005)" in text
    changed = notebook_functions(text.replace("skills * (1 - 0.005)", "skills * (1 - 0.01)"))
    skills, _, _ = changed["simulate_one_team"](0.5, 0)
    assert not np.allclose(skills, team.simulate_team(0.5, 0).skills[0], rtol=0, atol=1e-12)


def _verdicts(claims: list) -> dict[str, bool]:
    return {claim.id: bool(claim.holds) for claim in claims}


def _sweep_result(spread: float, training: float, presentation: float, worst: float, average: float) -> dict:
    teams = np.ones(4)
    return {
        "training": training * teams,
        "presentation": presentation * teams,
        "worst_leaver": worst * teams,
        "mean_leaver": average * teams,
        "spread": spread * teams,
    }


SWEEP = {
    0.0: _sweep_result(1.0, 0.97, 1.0, 0.80, 0.96),
    0.2: _sweep_result(2.0, 0.88, 0.98, 0.92, 0.99),
    0.3: _sweep_result(2.4, 0.84, 0.97, 0.93, 0.99),
    0.5: _sweep_result(2.8, 0.69, 0.95, 0.92, 0.99),
    0.7: _sweep_result(2.9, 0.42, 0.90, 0.85, 0.97),
}


def test_the_sweep_claims_hold_on_a_sweep_like_the_notebook_s() -> None:
    assert _verdicts(nb05.sweep(SWEEP)) == dict.fromkeys(
        ["training_cost", "presentation_kept", "headline_worst", "headline_average", "one_specialist", "too_many"],
        True,
    )
    assert _verdicts(nb05.capable(SWEEP)) == {"capable_specialists": True, "capable_headline": True}


@pytest.mark.parametrize(
    ("rate", "measure", "value", "teams", "failing"),
    [
        (0.3, "training", 0.99, 4, "training_cost"),  # output while training rises with the rate
        (0.0, "presentation", 0.99, 4, "presentation_kept"),
        (0.2, "worst_leaver", 0.79, 1, "headline_worst"),  # one team loses more
        (0.5, "mean_leaver", 0.95, 1, "headline_average"),
        (0.0, "spread", 2.0, 1, "one_specialist"),
        (0.7, "worst_leaver", 0.95, 4, "too_many"),
    ],
)
def test_each_sweep_claim_fails_when_its_condition_is_broken(rate, measure, value, teams, failing) -> None:
    broken = {r: dict(m) for r, m in SWEEP.items()}
    broken[rate][measure] = broken[rate][measure].copy()
    broken[rate][measure][:teams] = value
    verdicts = _verdicts(nb05.sweep(broken))
    assert not verdicts[failing]


def test_one_team_claims_follow_the_practice_and_the_skills() -> None:
    practice = np.zeros((4, 2), dtype=int)
    practice[0, 0] = practice[1, 1] = 300
    specialists = np.array([[0.9, 0.0], [0.0, 0.9], [0.1, 0.1], [0.1, 0.1]])
    spread = np.array([[0.9, 0.6], [0.6, 0.9], [0.1, 0.1], [0.1, 0.1]])
    runs = {0.0: (specialists, np.ones(300), practice), 0.5: (spread, np.ones(300), practice)}
    assert _verdicts(nb05.one_team(runs)) == {"specialists": True, "spread_one_team": True}
    shared = practice.copy()
    shared[0, 0], shared[2, 0] = 200, 100  # task 0 changed hands
    runs[0.0], runs[0.5] = (specialists, np.ones(300), shared), (specialists, np.ones(300), shared)
    assert _verdicts(nb05.one_team(runs)) == {"specialists": False, "spread_one_team": False}


def test_the_breaks_claims() -> None:
    dropped = np.tile([0.0, 2.0], 5_000)
    assert _verdicts(nb05.breaks(dropped, late=0.7, presentation=0.95)) == {
        "keras_scales": True,
        "team_no_scaling": True,
    }
    unscaled = np.tile([0.0, 1.0], 5_000)  # classic dropout in training: the mean halves
    assert _verdicts(nb05.breaks(unscaled, late=0.9, presentation=0.95)) == {
        "keras_scales": False,
        "team_no_scaling": False,
    }


COUNTS = (0, 8, 16, 32, 48, 64, 80, 96, 112)


def _networks(plain_lost_at_half: float) -> tuple[dict, dict]:
    curves, single = {}, {}
    for seed in (0, 1, 2):
        plain = 0.85 - np.linspace(0, 0.6, len(COUNTS))
        plain[5] = 0.85 - plain_lost_at_half
        curves["no dropout", seed] = plain
        curves["dropout 0.5", seed] = 0.855 - np.linspace(0, 0.1, len(COUNTS))
        single["no dropout", seed] = np.full(128, 0.85) - np.r_[0.02, np.zeros(127)]
        single["dropout 0.5", seed] = np.full(128, 0.855) - np.r_[0.005, np.zeros(127)]
    return curves, single


def test_the_network_claims_and_their_failures() -> None:
    curves, single = _networks(plain_lost_at_half=0.3)
    assert _verdicts(nb05.ablation(curves, single, COUNTS)) == dict.fromkeys(
        ["intact_alike", "graceful", "half_removed", "single_unit"], True
    )
    curves, _ = _networks(plain_lost_at_half=0.08)  # the dropout network loses 0.0625 at 64
    assert _verdicts(nb05.ablation(curves, single, COUNTS))["half_removed"] is False
    fit = {("no dropout", s): 0.95 for s in (0, 1)} | {("dropout 0.5", s): 0.90 for s in (0, 1)}
    assert _verdicts(nb05.network_training(fit)) == {"fit_cost": True}
    fit["dropout 0.5", 1] = 0.96
    assert _verdicts(nb05.network_training(fit)) == {"fit_cost": False}
    active = {("no dropout", 0): np.full(10, 0.6), ("dropout 0.5", 0): np.full(10, 0.4)}
    assert _verdicts(nb05.sparsity(active)) == {"sparser": True}
    assert _verdicts(nb05.sparsity({key: np.full(10, 0.5) for key in active})) == {"sparser": False}
    assert _verdicts(nb05.removal(0.8, 0.8002, 5000)) == {"removal_written_out": True}
    assert _verdicts(nb05.removal(0.8, 0.81, 5000)) == {"removal_written_out": False}
