"""Checkers for the exercises of notebook 01 (why dropout)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

__all__ = [
    "EXERCISE_1",
    "EXERCISE_3",
    "check_classic_test_output",
    "check_masks_per_epoch",
    "check_page_rule_ratio",
]

#: Exercise 1: a unit with activation ``a`` in a layer trained with classic dropout at ``rate``.
EXERCISE_1 = {"a": 2.0, "rate": 0.2}
#: Exercise 3: one epoch of training on ``n_train`` images in mini-batches of ``batch_size``.
EXERCISE_3 = {"n_train": 8000, "batch_size": 128}
#: Rates on which a learner's ``page_rule_ratio`` is tried (exercise 2).
RATIO_RATES = (0.1, 0.2, 0.3, 0.5, 0.6, 0.8)
#: Relative tolerance for exercise 2: a Monte-Carlo estimate with a million masks passes.
RATIO_TOLERANCE = 0.02


def _as_number(answer: object) -> float | None:
    if isinstance(answer, (bool, np.bool_)):
        return None
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def check_classic_test_output(answer: float | None) -> bool:
    """Exercise 1: the test-time output of a unit with activation a = 2.0 under classic dropout, rate 0.2.

    The right answer keeps the expectation of training: ``(1 - rate) * a = 1.6``.
    """
    if answer is None:
        print("No answer yet: replace None with a number, the unit's output at test time.")
        return False
    value = _as_number(answer)
    if value is None:
        print(f"Give one finite number (a float); got {answer!r}.")
        return False
    a, rate = EXERCISE_1["a"], EXERCISE_1["rate"]
    expected = (1 - rate) * a
    if math.isclose(value, expected, rel_tol=1e-6):
        print(
            f"Correct: during training the unit is kept with probability p = {1 - rate:g}, so the next layer sees "
            f"{a:g} on average {1 - rate:g} of the time: an expected {expected:g}. Test time must give the same."
        )
        return True
    hints = {
        rate * a: "That is the course page's rule (scaled by the rate). The unit is *kept* with probability "
        f"1 - rate = {1 - rate:g}, so the training-time mean is {1 - rate:g}·a, not {rate:g}·a.",
        a: "That is what Keras's inverted dropout outputs at inference, but only because it scaled by "
        "1/(1 - rate) during training. Classic dropout does not scale in training, so test time must.",
        a / (1 - rate): "Dividing by 1 - rate is inverted dropout's training-time scaling of the kept units; "
        "at test time classic dropout multiplies by the keep probability.",
        0.0: "At test time no unit is dropped: all units take part, with a scaled output.",
    }
    for wrong, hint in hints.items():
        if math.isclose(value, wrong, rel_tol=1e-6, abs_tol=1e-12):
            print(f"Not quite: {value:g}. {hint}")
            return False
    print(
        f"Not quite: {value:g}. Work out the mean of the unit's output during training (kept with probability "
        f"1 - rate, then it passes a = {a:g} unscaled) and give that."
    )
    return False


def check_page_rule_ratio(page_rule_ratio: Callable[[float], float] | None) -> bool:
    """Exercise 2: ``page_rule_ratio(rate)``: the page's test output divided by the training-time mean.

    Classic dropout, activation a: the training-time mean is ``(1 - rate) a``; the page scales by the
    rate, ``rate a``; the ratio is ``rate / (1 - rate)``, which is 1 only at rate 0.5.
    """
    if page_rule_ratio is None:
        print("No answer yet: define page_rule_ratio(rate) and pass the function (not a number) to the checker.")
        return False
    if not callable(page_rule_ratio):
        print(f"Pass the function itself, page_rule_ratio, not {type(page_rule_ratio).__name__}.")
        return False
    for rate in RATIO_RATES:
        expected = rate / (1 - rate)
        try:
            value = _as_number(page_rule_ratio(rate))
        except Exception as error:  # a learner's bug: report it instead of raising
            print(f"Your function raised {type(error).__name__}: {error} (at rate {rate}).")
            return False
        if value is None:
            print(f"Your function must return one finite number; at rate {rate} it did not.")
            return False
        if not math.isclose(value, expected, rel_tol=RATIO_TOLERANCE):
            if math.isclose(value, (1 - rate) / rate, rel_tol=RATIO_TOLERANCE):
                hint = " That is upside down: divide the page's output by the training-time mean, not the reverse."
            elif math.isclose(value, 1.0, rel_tol=RATIO_TOLERANCE):
                hint = " The page's rule is right only at one rate; compute rate·a and (1 - rate)·a separately."
            else:
                hint = " The training-time mean is (1 - rate)·a; the page's test output is rate·a."
            print(f"Not quite: at rate {rate} you return {value:.4g}, expected {expected:.4g}.{hint}")
            return False
    print(
        "Correct: the ratio is rate / (1 - rate). It is 1 only at rate 0.5; at rate 0.2 the page's rule gives a "
        "quarter of the right value (0.25), at rate 0.8 four times too much."
    )
    return True


def check_masks_per_epoch(answer: int | None) -> bool:
    """Exercise 3: how many keep masks one Dropout layer draws in one epoch (8,000 images, batch 128).

    One mask row per example in every mini-batch: 8,000 (in 63 calls of the layer, one per step).
    """
    if answer is None:
        print("No answer yet: replace None with a whole number of masks.")
        return False
    value = _as_number(answer)
    if value is None or value != int(value):
        print(f"Give a whole number of masks; got {answer!r}.")
        return False
    n, batch = EXERCISE_3["n_train"], EXERCISE_3["batch_size"]
    steps = math.ceil(n / batch)
    if int(value) == n:
        print(
            f"Correct: {n:,} masks, one per example. The layer is called {steps} times (one per step), and each "
            "call draws an independent mask for every example of its batch."
        )
        return True
    hints = {
        1: "One mask per epoch is what the course page's '(or epoch)' suggests, but Keras draws new masks at "
        "every training step.",
        steps: f"{steps} is the number of steps (calls of the layer). Within one call, does every example of "
        "the batch get the same mask?",
        math.floor(n / batch): f"{n // batch} is the number of full batches; and each example has its own mask.",
        batch: f"{batch} is one batch's worth of masks; there are {steps} batches in an epoch.",
    }
    hint = hints.get(int(value), "Count: how many examples pass through the layer in one epoch, each with its mask?")
    print(f"Not quite: {int(value):,}. {hint}")
    return False
