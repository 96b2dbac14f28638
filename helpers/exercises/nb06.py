"""Checkers for the exercises of notebook 06 (dropout among the regularizers)."""

from __future__ import annotations

import numpy as np

from helpers.exercises._harness import call, checker, expect, number

__all__ = ["check_choose_rate", "check_epochs_to_best", "check_units_for"]

_HISTORIES = [  # the training loss is lowest at the last epoch in each
    {"loss": [0.9, 0.5, 0.3, 0.2, 0.1], "val_loss": [0.8, 0.6, 0.55, 0.58, 0.7]},  # best at epoch 3
    {"loss": [1.0, 0.8, 0.7], "val_loss": [0.9, 0.85, 0.8]},  # still improving: the last epoch
    {"loss": [0.5, 0.4, 0.3, 0.2], "val_loss": [0.6, 0.5, 0.7, 0.5]},  # a tie: the first of the two
]


@checker("your function epochs_to_best(history)")
def check_epochs_to_best(epochs_to_best) -> str:
    for history in _HISTORIES:
        val = history["val_loss"]
        value = number(call(epochs_to_best, history, name="epochs_to_best"), "epochs_to_best(history)")
        expected = int(np.argmin(val)) + 1
        last_tie = len(val) - int(np.argmin(val[::-1]))
        hints = {
            f"epochs {expected} and {last_tie} tie; return the first one.": last_tie,
            "Epochs count from 1, np.argmin from 0.": expected - 1,
            "That is the last epoch, where the training loss is lowest; use history['val_loss'].": len(val),
        }
        expect(value, expected, f"for val_loss {val} you return {value:g}; expected epoch {expected}.", hints)
    return "the epoch of the lowest validation loss, counted from 1 (the first one on a tie)."


@checker("your function units_for(rate, kept=128)")
def check_units_for(units_for) -> str:
    for rate, kept in ((0.5, 128), (0.75, 128), (0.2, 128), (0.8, 100), (0.0, 64)):
        value = number(call(units_for, rate, kept, name="units_for"), f"units_for({rate}, {kept})")
        hints = {
            "That divides by the rate; p = 1 - rate is the keep probability.": kept / rate if rate else None,
            f"That is how many of {kept} units are kept; divide instead.": kept * (1 - rate),
        }
        said = f"units_for({rate}, {kept}) returned {value:g}; expected about {kept / (1 - rate):.0f}."
        # rounded, or rounded up or down (ceil(100 / 0.2) is 501 in floating point), passes
        expect(value, kept / (1 - rate), said, hints, rel=1e-9, abs_tol=1.0)
    return "the layer needs n = kept / p units, p = 1 - rate: it widens as the rate grows, so p·n stays fixed."


_LOSSES = [
    {0.0: 0.62, 0.2: 0.55, 0.5: 0.51, 0.75: 0.56},
    {0.0: 0.48, 0.3: 0.50, 0.6: 0.53},  # no dropout wins here
    {0.1: 0.70, 0.4: 0.64, 0.8: 0.66},
]


@checker("your function choose_rate(val_losses)")
def check_choose_rate(choose_rate) -> str:
    for losses in _LOSSES:
        expected = min(losses, key=losses.get)
        value = number(call(choose_rate, losses, name="choose_rate"), "choose_rate(val_losses)")
        hints = {
            "You pick the rate with the highest loss; pick the lowest.": max(losses, key=losses.get),
            "You return the lowest loss itself; return the rate (the key) that gives it.": losses[expected],
        }
        said = f"for {losses} you return {value:g}; the lowest validation loss is at rate {expected:g}."
        expect(value, expected, said, hints, rel=1e-5, abs_tol=1e-8)
    return "the rate whose early-stopped model has the lowest validation loss; the test set plays no part."
