"""Checks of the arguments a learner passes: one wording, and sizes that could hang refused.

Every error names the argument, says what is allowed and shows what was given. A value of the wrong
kind raises :class:`NotANumberError`, both a ``TypeError`` (Python's convention) and a ``ValueError``
(what the course promises for any bad argument).
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
    """``value`` as a float in [0, 1): a dropout rate or an absence probability (at 1, 1 / (1 - rate) is infinite)."""
    if not is_real_number(value):
        raise NotANumberError(f"{name} must be a number in [0, 1) ({meaning}); got {_got(value)}")
    if math.isnan(value) or not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1) ({meaning}); got {value!r}")
    return float(value)


def check_int(value: object, name: str, *, low: int = 1, high: int | None = None, meaning: str = "") -> int:
    """``value`` as an int in [low, high]; ``high`` is where a larger size would hang or fill memory."""
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
    """``value`` if it is one of ``choices`` (of the same type: 1 is not True); otherwise a ValueError."""
    if not any(value is choice or (type(value) is type(choice) and value == choice) for choice in choices):
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value
