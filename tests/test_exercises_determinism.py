"""Every checker gives the same verdict and message on the same answer 20 times out of 20.

Before each call the global Python, NumPy and Keras random states are reseeded differently, so a checker
that leans on global randomness (or on a layer's own random state, which moves at every call) fails here.
The answers are those of the table tests: every right and every wrong answer.
"""

from __future__ import annotations

import random

import keras
import numpy as np
import pytest
import test_exercises_checkers as checkers
import test_exercises_nb07 as checkers_07
import test_exercises_nb10 as checkers_10

from helpers.exercises import _harness, nb05

REPEATS = 20

CASES = [
    (check, (answer, *context))
    for check, context, right, wrong in checkers.TABLE
    for answer in [*right, *(answer for answer, _ in wrong)]
]
CASES += [(check, (answer,)) for check, right, wrong in checkers_07.TABLE for answer in [*right, *wrong]]
CASES += [(check, (answer,)) for check, right, wrong in checkers_10.TABLE for answer in [*right, *wrong]]
CASES += [
    (nb05.check_no_forgetting, answers)
    for answers in (checkers.NO_FORGETTING, checkers.WITH_FORGETTING, checkers.NO_FORGETTING[::-1], (0.5, 0.5))
]


def _outcomes(check, args: tuple) -> set[tuple[str, str]]:
    """The distinct (verdict, message) pairs of ``REPEATS`` calls, each after a different global reseeding."""
    outcomes = set()
    for repeat in range(REPEATS):
        seed = 7919 * repeat + 13
        keras.utils.set_random_seed(seed)  # Python's random, NumPy's global state and the backend's
        outcomes.add(check.judge(*args))
    return outcomes


def _case_id(case) -> str:
    return case[0].__name__


@pytest.mark.parametrize(("check", "args"), CASES, ids=[_case_id(case) for case in CASES])
def test_a_checker_gives_one_verdict_and_message_per_answer(check, args) -> None:
    outcomes = _outcomes(check, args)
    assert len(outcomes) == 1, f"{check.__name__}: {sorted(outcomes)}"


def _global_coins(answer: object) -> str:
    coins = (
        random.random(),
        np.random.random(),  # noqa: NPY002 (the global state, on purpose)
        float(keras.random.uniform(())),
    )
    if sum(coin < 0.5 for coin in coins) >= 2:
        raise _harness.Wrong("tails")
    return "heads"


_LAYER = keras.layers.Dropout(0.5)


def _layer_coin(answer: object) -> str:
    kept = np.asarray(_LAYER(np.ones((1, 8)), training=True))
    if np.count_nonzero(kept) < 4:
        raise _harness.Wrong("few kept")
    return f"{np.count_nonzero(kept)} kept"


@pytest.mark.parametrize("judge", [_global_coins, _layer_coin])
def test_the_test_catches_a_checker_that_draws_at_random(judge) -> None:
    assert len(_outcomes(_harness.checker("x")(judge), (1,))) > 1
