"""Checks of the arguments a learner passes: one wording, and sizes that could hang refused.

Every error names the argument, says what is allowed and shows what was given. A value of the wrong
kind raises :class:`NotANumberError` (or :class:`NotABoolError`), both a ``TypeError`` (Python's
convention) and a ``ValueError`` (what the course promises for any bad argument). NumPy integers,
floats and bools are as valid as Python's; a string is never read as a bool or a number.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "NotABoolError",
    "NotANumberError",
    "check_array",
    "check_bool",
    "check_choice",
    "check_fraction",
    "check_int",
    "check_real",
    "check_rng",
    "check_seed",
    "check_shape",
    "is_integer",
    "is_real_number",
]


class NotANumberError(TypeError, ValueError):
    """An argument that must be a number (or an integer) is not one: a string, None, a bool, an array..."""


class NotABoolError(TypeError, ValueError):
    """An argument that must be True or False is not a bool: a string ("False" is truthy), a number, None..."""


def is_real_number(value: object) -> bool:
    """True for Python and NumPy integers and floats; False for bools (a bool is rarely meant as 0 or 1)."""
    return not isinstance(value, (bool, np.bool_)) and isinstance(value, (int, float, np.integer, np.floating))


def is_integer(value: object) -> bool:
    """True for Python and NumPy integers; False for bools, floats (even 2.0) and everything else."""
    return not isinstance(value, (bool, np.bool_)) and isinstance(value, (int, np.integer))


def _cut(text: str) -> str:
    return f"{text[:60]}{'...' if len(text) > 60 else ''}"


def _got(value: object) -> str:
    return f"{type(value).__name__} {_cut(repr(value))}"


def check_bool(value: object, name: str, *, none: bool = False) -> bool | None:
    """``value`` as a Python bool if it is a bool (NumPy's ``bool_`` included); ``None`` too if ``none``."""
    if value is None and none:
        return None
    if not isinstance(value, (bool, np.bool_)):
        raise NotABoolError(f"{name} must be True or False{' or None' if none else ''}; got {_got(value)}")
    return bool(value)


def check_fraction(value: object, name: str, *, meaning: str) -> float:
    """``value`` as a float in [0, 1): a dropout rate or an absence probability (at 1, 1 / (1 - rate) is infinite)."""
    if not is_real_number(value):
        raise NotANumberError(f"{name} must be a number in [0, 1) ({meaning}); got {_got(value)}")
    if not 0.0 <= value < 1.0:  # False for NaN; a comparison, so 10**400 raises no OverflowError
        raise ValueError(f"{name} must be in [0, 1) ({meaning}); got {_cut(repr(value))}")
    return float(value)


def check_real(value: object, name: str, *, low: float, high: float, meaning: str) -> float:
    """``value`` as a float in the closed interval [low, high]; NaN and infinities are refused."""
    if not is_real_number(value):
        raise NotANumberError(f"{name} must be a number from {low} to {high} ({meaning}); got {_got(value)}")
    if abs(value) == math.inf or not low <= value <= high:  # comparisons: no OverflowError for 10**400
        raise ValueError(f"{name} must be a finite number from {low} to {high} ({meaning}); got {_cut(repr(value))}")
    return float(value)


def check_int(value: object, name: str, *, low: int = 1, high: int | None = None, meaning: str = "") -> int:
    """``value`` as an int in [low, high]; ``high`` is where a larger size would hang or fill memory."""
    allowed = f"an integer from {low:,} to {high:,}" if high is not None else f"an integer of at least {low:,}"
    allowed += f" ({meaning})" if meaning else ""
    if not is_integer(value):
        raise NotANumberError(f"{name} must be {allowed}; got {_got(value)}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{name} must be {allowed}; got {_cut(f'{int(value):,}')}")
    return int(value)


def check_shape(value: object, name: str, *, max_size: int, meaning: str) -> tuple[int, ...]:
    """An array shape as a tuple of ints: an integer, or a tuple, list or 1-D integer array of integers >= 0.

    ``max_size`` caps the number of elements (their product): where a larger array would fill memory.
    """
    allowed = f"an array shape (an integer or a sequence of integers >= 0, at most {max_size:,} elements: {meaning})"
    if is_integer(value):
        value = (value,)
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = value.tolist()
    if not isinstance(value, (tuple, list)) or not all(is_integer(size) for size in value):
        raise NotANumberError(f"{name} must be {allowed}; got {_got(value)}")
    shape = tuple(int(size) for size in value)
    if min(shape, default=0) < 0 or math.prod(shape) > max_size:
        raise ValueError(f"{name} must be {allowed}; got {shape}")
    return shape


def check_rng(rng: object, name: str = "rng") -> np.random.Generator:
    """``rng`` if it is a NumPy random Generator (the course passes randomness in explicitly)."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"{name} must be a numpy.random.Generator (np.random.default_rng(0)); got {_got(rng)}")
    return rng


def check_seed(seed: object, name: str = "seed") -> int:
    """A seed for ``np.random.default_rng`` and Keras: an integer in [0, 2**32)."""
    return check_int(seed, name, low=0, high=2**32 - 1, meaning="a random seed")


def check_array(value: object, name: str, *, kinds: str = "iuf", ndim: int | None = None, meaning: str) -> np.ndarray:
    """``value`` as an array whose dtype kind is in ``kinds`` ('b' bools, 'iu' integers, 'f' floats) and with
    ``ndim`` dimensions if given; a ragged list, strings, objects or complex numbers are refused by name."""
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):  # a ragged list: NumPy's message names no argument
        array = np.asarray(None)
    if array.dtype.kind not in kinds or (ndim is not None and array.ndim != ndim):
        got = f"{array.dtype} array of shape {array.shape}" if array.dtype != object else _got(value)
        raise NotANumberError(f"{name} must be {meaning}; got {got}")
    return array


def check_choice(value: object, name: str, choices: tuple) -> object:
    """``value`` if it is one of ``choices`` (of the same type: 1 is not True; NumPy's str and bool as Python's)."""
    value = value.item() if isinstance(value, (np.str_, np.bool_)) else value
    if not any(value is choice or (type(value) is type(choice) and value == choice) for choice in choices):
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value
