"""The one harness every exercise checker uses: it never raises on a learner's input and says what happened.

Write a checker as a small function that returns the explanation of a right answer and raises
``Wrong("...")`` for a wrong one; ``@checker`` does the rest::

    from helpers.exercises._harness import Wrong, call, checker, close, number

    @checker("your function kept_scale(rate)")
    def check_kept_scale(kept_scale):
        for rate in (0.2, 0.5):
            value = number(call(kept_scale, rate), f"kept_scale({rate})")
            if close(value, 1 - rate):
                raise Wrong("that is the keep probability; kept values are divided by it.")
            if not close(value, 1 / (1 - rate)):
                raise Wrong(f"kept_scale({rate}) returned {value:.4g}; expected {1 / (1 - rate):.4g}.")
        return "a value kept with probability 1 - rate and scaled by 1/(1 - rate) keeps its mean."

The decorated checker prints exactly one of

- ``Not yet: replace None with <what>, then run the cell again.`` (an answer is still None:
  the stored output of an exercise cell says this and reveals nothing),
- ``Correct. <explanation>``,
- ``Not quite. <what happened>`` (a wrong answer, a function that raised or returned None, an input
  of the wrong type, shape or dtype, NaN, infinity, a huge number; any unexpected error is reported
  the same way, never raised),

and returns None (no ``Out[n]: True``). Tests call ``check.judge(answer)``, which returns
``("correct" | "wrong" | "missing", message)`` without printing. ``answers=2`` makes the first two
arguments answers (any of them None counts as not answered yet); later arguments are context such
as arrays from the notebook.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable

import numpy as np

__all__ = ["Wrong", "array", "call", "checker", "close", "diagnose", "number"]


class Wrong(Exception):
    """Raised inside a checker: the learner's answer is wrong, and the message says why."""


def checker(what: str, answers: int = 1) -> Callable[[Callable[..., str]], Callable[..., None]]:
    """Turn ``judge(*args) -> explanation`` (raising ``Wrong``) into a checker that prints and returns None."""

    def decorate(judge: Callable[..., str]) -> Callable[..., None]:
        def verdict(*args: object) -> tuple[str, str]:
            if len(args) < answers or any(arg is None for arg in args[:answers]):
                return "missing", f"Not yet: replace None with {what}, then run the cell again."
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    return "correct", f"Correct. {_sentence(judge(*args))}"
            except Wrong as error:
                return "wrong", f"Not quite. {_sentence(str(error))}"
            except Exception as error:  # the learner's input broke the checker: report it, never raise
                return "wrong", f"Not quite. The checker could not use your answer ({type(error).__name__}: {error})."

        @functools.wraps(judge)
        def check(*args: object) -> None:
            print(verdict(*args)[1])

        check.judge = verdict  # type: ignore[attr-defined]
        return check

    return decorate


def _sentence(text: str) -> str:
    """Capitalise the first word unless it is code (``final_gap(history)``, ``keep_mask``)."""
    first = text.split(" ", 1)[0]
    return text if any(char in first for char in "_()[]=.") else text[:1].upper() + text[1:]


def call(function: object, *args: object, name: str = "your function") -> object:
    """Call the learner's ``function`` on copies of ``args``; a crash or a missing return becomes ``Wrong``."""
    if not callable(function):
        raise Wrong(f"pass the function itself (its name, without brackets), not a {type(function).__name__}.")
    copies = [arg.copy() if isinstance(arg, (np.ndarray, list, dict)) else arg for arg in args]
    try:
        result = function(*copies)
    except Exception as error:
        raise Wrong(f"{name} raised {type(error).__name__}: {error}") from None
    if result is None:
        raise Wrong(f"{name} returned None: did you forget `return`?")
    return result


def number(value: object, what: str = "your answer") -> float:
    """``value`` as one finite real number, or ``Wrong`` saying what it is instead."""
    if value is None:
        raise Wrong(f"{what} is None: did you forget `return` (or to replace None)?")
    if isinstance(value, (bool, np.bool_, str, bytes)):
        raise Wrong(f"{what} is {value!r}, a {type(value).__name__}; give a number.")
    if isinstance(value, int) and abs(value) > 1e300:
        raise Wrong(f"{what} is too large to be a float.")
    if isinstance(value, (complex, np.complexfloating)):
        raise Wrong(f"{what} is the complex number {value!r}; give a real number.")
    try:
        shaped = np.asarray(value)
    except Exception:
        raise Wrong(f"{what} is a {type(value).__name__}; give one number.") from None
    if shaped.size != 1:
        raise Wrong(f"{what} has {shaped.size} values (shape {shaped.shape}); give one number.")
    if shaped.dtype.kind not in "iuf":
        raise Wrong(f"{what} has dtype {shaped.dtype}; give a real number.")
    try:
        result = float(shaped.reshape(()))
    except OverflowError:
        raise Wrong(f"{what} is too large to be a float.") from None
    if not math.isfinite(result):
        raise Wrong(f"{what} is {result}; give a finite number.")
    return result


def array(value: object, shape: tuple[int, ...] | None = None, what: str = "your answer") -> np.ndarray:
    """``value`` as a finite float array (of ``shape`` if given), or ``Wrong`` saying what is off."""
    if isinstance(value, (str, bytes)):
        raise Wrong(f"{what} is a string; give numbers.")
    try:
        result = np.asarray(value)
    except Exception:
        raise Wrong(f"{what} is a {type(value).__name__}; give an array of numbers.") from None
    if result.dtype.kind == "c":
        raise Wrong(f"{what} holds complex numbers; give real numbers.")
    if result.dtype.kind not in "biuf":
        raise Wrong(f"{what} has dtype {result.dtype}; give numbers.")
    if shape is not None and result.shape != tuple(shape):
        raise Wrong(f"{what} has shape {result.shape}; expected {tuple(shape)}.")
    if result.dtype.kind == "f" and not np.all(np.isfinite(result)):
        raise Wrong(f"{what} holds NaN or infinite values.")
    return result


def close(value: object, expected: object, rel: float = 1e-6, abs_tol: float = 1e-9) -> bool:
    """True when ``value`` equals ``expected`` (numbers or arrays of one shape) within tolerance."""
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    return value.shape == expected.shape and bool(np.allclose(value, expected, rtol=rel, atol=abs_tol))


def diagnose(value: object, hints: dict[str, object], default: str) -> str:
    """The hint whose expected value (a number or an array, None to skip) matches ``value``, else ``default``."""
    return next((hint for hint, wrong in hints.items() if wrong is not None and close(value, wrong)), default)
