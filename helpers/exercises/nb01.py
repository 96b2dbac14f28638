"""Checkers for the exercises of notebook 01 (why dropout)."""

from __future__ import annotations

import math

from helpers.exercises._harness import Wrong, call, checker, close, diagnose, number

__all__ = ["EXERCISE_1", "EXERCISE_3", "check_classic_test_output", "check_masks_per_epoch", "check_page_rule_ratio"]

#: Exercise 1: a unit with activation ``a`` in a layer trained with classic dropout at ``rate``.
EXERCISE_1 = {"a": 2.0, "rate": 0.2}
#: Exercise 3: one epoch of training on ``n_train`` images in mini-batches of ``batch_size``.
EXERCISE_3 = {"n_train": 8000, "batch_size": 128}


@checker("a number, the unit's output at test time")
def check_classic_test_output(answer: object) -> str:
    """Exercise 1: the test-time output of a unit (a = 2.0) under classic dropout at rate 0.2: 1.6."""
    value = number(answer)
    a, rate = EXERCISE_1["a"], EXERCISE_1["rate"]
    if not close(value, (1 - rate) * a):
        hints = {
            "That is the course page's rule (scaled by the rate); the unit is KEPT with probability "
            f"1 - rate = {1 - rate:g}.": rate * a,
            "That is Keras's inverted dropout at inference, right only because it scaled by 1/(1 - rate) "
            "in training. Classic dropout does not scale in training, so test time must.": a,
            "Dividing by 1 - rate is inverted dropout's training scale; classic dropout multiplies by the "
            "keep probability at test time.": a / (1 - rate),
            "At test time no unit is dropped: every unit takes part, with a scaled output.": 0.0,
        }
        raise Wrong(f"{value:g}. " + diagnose(value, hints, "What is the unit's mean output during training?"))
    return (
        f"kept with probability p = {1 - rate:g}, the unit passes {a:g} unscaled, so its training mean is "
        f"{(1 - rate) * a:g}; test time must give the same."
    )


@checker("your function page_rule_ratio(rate)")
def check_page_rule_ratio(page_rule_ratio: object) -> str:
    """Exercise 2: the page's test output (rate·a) over classic dropout's training mean ((1 - rate)·a)."""
    for rate in (0.1, 0.2, 0.3, 0.5, 0.6, 0.8):
        value = number(call(page_rule_ratio, rate), f"page_rule_ratio({rate})")
        expected = rate / (1 - rate)
        if not close(value, expected, rel=0.02):  # a Monte-Carlo estimate from a million masks passes
            hints = {
                "That is upside down: divide the page's output by the training-time mean.": (1 - rate) / rate,
                "The page's rule is right at one rate only; compute rate·a and (1 - rate)·a apart.": 1.0,
            }
            hint = diagnose(value, hints, "The training mean is (1 - rate)·a; the page's output is rate·a.")
            raise Wrong(f"page_rule_ratio({rate}) returned {value:.4g}, expected {expected:.4g}. {hint}")
    return (
        "the ratio rate / (1 - rate) is 1 only at rate 0.5; at rate 0.2 the page's rule gives a quarter "
        "of the right value."
    )


@checker("a whole number of masks")
def check_masks_per_epoch(answer: object) -> str:
    """Exercise 3: keep masks one Dropout layer draws in one epoch (8,000 images, batch 128): 8,000."""
    value = number(answer)
    n, batch = EXERCISE_3["n_train"], EXERCISE_3["batch_size"]
    steps = math.ceil(n / batch)
    if value != round(value):
        raise Wrong(f"{value:g} is not a whole number of masks.")
    hints = {
        1: "One mask per epoch is the course page's '(or epoch)'; Keras draws masks at every step.",
        steps: f"{steps} is the number of steps. Within one step, does every example share a mask?",
        n // batch: f"{n // batch} is the number of full batches, and each example has its own mask.",
        batch: f"{batch} is one batch's worth of masks; an epoch has {steps} batches.",
    }
    if int(value) != n:
        raise Wrong(f"{int(value):,}. " + hints.get(int(value), "How many examples pass the layer in one epoch?"))
    return f"{n:,} masks, one per example: {steps} calls of the layer, each drawing a mask for every example."
