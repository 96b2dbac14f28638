"""Argument checks shared by the helpers: one wording for every probability-like argument.

A dropout rate and the team's absence probability are the same kind of number: a fraction in [0, 1).
Bad input raises an error that names the argument, says what is allowed and shows what was given.
A value that is not a number at all raises :class:`NotANumberError`, which is both a ``TypeError``
(Python's convention for a wrong type) and a ``ValueError`` (the course promises ``ValueError`` for any
bad rate), so either ``except`` clause catches it.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["NotANumberError", "check_fraction", "is_real_number"]


class NotANumberError(TypeError, ValueError):
    """An argument that must be a real number is not one (a string, None, a bool, an array, ...)."""


def is_real_number(value: object) -> bool:
    """True for Python and NumPy integers and floats; False for bools (a bool is rarely meant as 0 or 1)."""
    return not isinstance(value, (bool, np.bool_)) and isinstance(value, (int, float, np.integer, np.floating))


def check_fraction(value: object, name: str, *, meaning: str) -> float:
    """Return ``value`` as a float if it lies in [0, 1); otherwise raise, naming ``name`` and ``meaning``.

    Args:
        value: the argument to check.
        name: the argument's name, as the caller wrote it (``"rate"``, ``"p"``, ...).
        meaning: what the number means, shown in the message (``"the fraction of units dropped"``).

    Raises:
        NotANumberError: ``value`` is not a real number (also a TypeError and a ValueError).
        ValueError: ``value`` is NaN, negative, or 1 or more.
    """
    if not is_real_number(value):
        raise NotANumberError(f"{name} must be a number in [0, 1) ({meaning}); got {type(value).__name__} {value!r}")
    number = float(value)
    if math.isnan(number) or not 0.0 <= number < 1.0:
        raise ValueError(f"{name} must be in [0, 1) ({meaning}); got {value!r}")
    return number
