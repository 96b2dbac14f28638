"""Checkers for the exercises of notebook 01 (why dropout)."""

from __future__ import annotations

from helpers.exercises._harness import Wrong, call, checker, expect, number

__all__ = ["check_classic_test_output", "check_masks_per_epoch", "check_page_rule_ratio"]


def classic_scaling_hints(x: object, rate: float) -> dict:
    """What a classic-dropout test-time output ``x * (1 - rate)`` looks like under the wrong rules (01 and 02)."""
    return {
        "That is the course page's rule (scaled by the rate); a unit is KEPT with probability 1 - rate.": x * rate,
        "That is Keras's inverted dropout at inference, right only because it scaled by 1/(1 - rate) in training. "
        "Classic dropout does not scale in training, so test time must.": x,
        "Dividing by 1 - rate is inverted dropout's training scale; at test time, multiply.": x / (1 - rate),
    }


@checker("a number, the unit's output at test time")
def check_classic_test_output(answer: object) -> str:
    value = number(answer)  # a unit with activation 2.0 in a layer trained with classic dropout at rate 0.2
    hints = {**classic_scaling_hints(2.0, 0.2), "At test time no unit is dropped: every unit takes part, scaled.": 0.0}
    expect(value, 1.6, f"{value:g}.", hints, "What is the unit's mean output during training?")
    return "kept with probability p = 0.8, the unit passes 2 unscaled: a training mean of 1.6, which test time keeps."


@checker("your function page_rule_ratio(rate)")
def check_page_rule_ratio(page_rule_ratio: object) -> str:
    for rate in (0.1, 0.2, 0.3, 0.5, 0.6, 0.8):
        value = number(call(page_rule_ratio, rate), f"page_rule_ratio({rate})")
        expected = rate / (1 - rate)
        hints = {
            "That is upside down: divide the page's output by the training-time mean.": (1 - rate) / rate,
            "The page's rule is right at one rate only; compute rate·a and (1 - rate)·a apart.": 1.0,
        }
        said = f"page_rule_ratio({rate}) returned {value:.4g}, expected {expected:.4g}."
        default = "The training mean is (1 - rate)·a; the page's output is rate·a."
        expect(value, expected, said, hints, default, rel=0.02)  # a Monte-Carlo estimate from 10⁶ masks passes
    return "rate / (1 - rate) is 1 only at rate 0.5; at rate 0.2 the page's rule gives a quarter of the right value."


@checker("a whole number of masks")
def check_masks_per_epoch(answer: object) -> str:
    value = number(answer)  # one epoch on 8,000 images in mini-batches of 128: 63 steps, the last one partial
    if value != round(value):
        raise Wrong(f"{value:g} is not a whole number of masks.")
    hints = {
        "One mask per epoch is the course page's '(or epoch)'; Keras draws masks at every step.": 1,
        "63 is the number of steps. Within one step, does every example share a mask?": 63,
        "62 is the number of full batches, and each example has its own mask.": 62,
        "128 is one batch's worth of masks; an epoch has 63 batches.": 128,
    }
    expect(value, 8000, f"{value:,g}.", hints, "How many examples pass the layer in one epoch?")
    return "8,000 masks, one per example: 63 calls of the layer, each drawing a mask for every example."
