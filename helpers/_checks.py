"""Checks of the arguments a learner passes: one wording, and sizes that could hang refused.

Every error names the argument, says what is allowed and shows what was given. A value of the
wrong kind raises :class:`NotANumberError`, both a ``TypeError`` (Python's convention) and a
``ValueError`` (what the course promises for any bad argument), so either ``except`` catches it.
Sizes have an upper bound: ``batch_size=10**12`` must fail at once, not exhaust memory.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["NotANumberError", "check_choice", "check_fraction", "check_int", "check_seed", "is_real_number"]


class NotANumberError(TypeError, ValueError):
    """An argument that must be a number (or an integer) is not one: a string, None, a bool, an array..."""


def is_real_number(value: object) -> bool:
    """True for Python and NumPy integers and floats; False for bools (a bool is rarely meant as 0 or 1)."""
    return not isinstance(value, (bool, np.bool_)) and isinstance(value, (int, float, np.integer, np.floating))


def _got(value: object) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'...' if len(text) > 60 else ''}"


def check_fraction(value: object, name: str, *, meaning: str) -> float:
    """``value`` as a float if it lies in [0, 1); otherwise raise, naming ``name`` and ``meaning``.

    A dropout rate and the team's absence probability are this kind of number (at 1, every unit is
    dropped and 1 / (1 - rate) is infinite).
    """
    if not is_real_number(value):
        raise NotANumberError(f"{name} must be a number in [0, 1) ({meaning}); got {_got(value)}")
    number = float(value)
    if math.isnan(number) or not 0.0 <= number < 1.0:
        raise ValueError(f"{name} must be in [0, 1) ({meaning}); got {value!r}")
    return number


def check_int(value: object, name: str, *, low: int = 1, high: int | None = None, meaning: str = "") -> int:
    """``value`` as an int if it is an integer in [low, high]; otherwise raise, naming ``name``.

    ``high`` is the largest size the course allows where a larger one would hang or fill memory.
    """
    allowed = f"an integer from {low:,} to {high:,}" if high is not None else f"an integer of at least {low:,}"
    allowed += f" ({meaning})" if meaning else ""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise NotANumberError(f"{name} must be {allowed}; got {_got(value)}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{name} must be {allowed}; got {int(value):,}")
    return int(value)


def check_seed(seed: object, name: str = "seed") -> int:
    """A seed for ``np.random.default_rng`` and Keras: an integer in [0, 2**32)."""
    return check_int(seed, name, low=0, high=2**32 - 1, meaning="a random seed")


def check_choice(value: object, name: str, choices: tuple) -> object:
    """``value`` if it is one of ``choices``; otherwise a ValueError listing them."""
    if not any(value is choice or (type(value) is type(choice) and value == choice) for choice in choices):
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value
