"""Checkers for the exercises of notebook 06 (dropout among the regularizers)."""

from __future__ import annotations

import numpy as np

from helpers.exercises._harness import Wrong, call, checker, number

__all__ = ["check_choose_rate", "check_epochs_to_best", "check_units_for"]

_HISTORIES = [
    {"loss": [0.9, 0.5, 0.3, 0.2, 0.1], "val_loss": [0.8, 0.6, 0.55, 0.58, 0.7]},  # best at epoch 3
    {"loss": [1.0, 0.8, 0.7], "val_loss": [0.9, 0.85, 0.8]},  # still improving: the last epoch
    {"loss": [0.5, 0.4, 0.3, 0.2], "val_loss": [0.6, 0.5, 0.7, 0.5]},  # a tie: the first of the two
]


@checker("your function epochs_to_best(history)")
def check_epochs_to_best(epochs_to_best) -> str:
    for history in _HISTORIES:
        expected = int(np.argmin(history["val_loss"])) + 1
        value = number(call(epochs_to_best, dict(history), name="epochs_to_best"), "epochs_to_best(history)")
        if value == expected:
            continue
        ties = np.flatnonzero(np.isclose(history["val_loss"], min(history["val_loss"]))) + 1
        if value in ties:
            raise Wrong(f"for {history['val_loss']} epochs {', '.join(map(str, ties))} tie; return the first one.")
        if value == expected - 1:
            raise Wrong(f"you return {value:g} for {history['val_loss']}: epochs count from 1, np.argmin from 0.")
        if value == int(np.argmin(history["loss"])) + 1:
            last = " (the last epoch)" if value == len(history["loss"]) else ""
            raise Wrong(f"epoch {value:g} is where the training loss is lowest{last}; use history['val_loss'].")
        if value == len(history["val_loss"]):
            raise Wrong(f"that is the last epoch; for {history['val_loss']} the lowest is at epoch {expected}.")
        raise Wrong(f"for val_loss {history['val_loss']} you return {value:g}; expected epoch {expected}.")
    return "the epoch of the lowest validation loss, counted from 1 (the first one on a tie)."


@checker("your function units_for(rate, kept=128)")
def check_units_for(units_for) -> str:
    for rate, kept in ((0.5, 128), (0.75, 128), (0.2, 128), (0.8, 100), (0.0, 64)):
        expected = kept / (1 - rate)
        value = number(call(units_for, rate, kept, name="units_for"), f"units_for({rate}, {kept})")
        if abs(value - expected) <= 0.5 + 1e-9:
            continue
        if rate > 0 and abs(value - kept / rate) <= 0.5:
            raise Wrong(
                f"units_for({rate}, {kept}) = {value:g} divides by the rate; p = 1 - rate is the keep probability."
            )
        if abs(value - kept * (1 - rate)) <= 0.5:
            raise Wrong(f"units_for({rate}, {kept}) = {value:g} is how many of {kept} units are kept; divide instead.")
        raise Wrong(f"units_for({rate}, {kept}) returned {value:g}; expected about {expected:.0f}.")
    return "n = kept / p with p = 1 - rate: the layer widens as the rate grows, so p·n stays fixed."


_LOSSES = [
    {0.0: 0.62, 0.2: 0.55, 0.5: 0.51, 0.75: 0.56},
    {0.0: 0.48, 0.3: 0.50, 0.6: 0.53},  # no dropout wins here
    {0.1: 0.70, 0.4: 0.64, 0.8: 0.66},
]


@checker("your function choose_rate(val_losses)")
def check_choose_rate(choose_rate) -> str:
    for losses in _LOSSES:
        expected = min(losses, key=losses.get)
        value = number(call(choose_rate, dict(losses), name="choose_rate"), "choose_rate(val_losses)")
        if np.isclose(value, expected):
            continue
        if value in losses and np.isclose(value, max(losses, key=losses.get)):
            raise Wrong(f"for {losses} you pick the rate with the highest loss; pick the lowest.")
        if np.isclose(value, losses.get(expected, np.nan)):
            raise Wrong("you return the lowest loss itself; return the rate (the key) that gives it.")
        raise Wrong(f"for {losses} you return {value:g}; the lowest validation loss is at rate {expected:g}.")
    return "the rate whose early-stopped model has the lowest validation loss; the test set plays no part."
