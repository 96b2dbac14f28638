"""The harness of every exercise checker: a checker returns why a right answer is right, or raises ``Wrong``::

    @checker("your function kept_scale(rate)")
    def check_kept_scale(kept_scale):
        for rate in (0.2, 0.5):
            value = number(call(kept_scale, rate), f"kept_scale({rate})")
            expect(value, 1 / (1 - rate), f"kept_scale({rate}) returned {value:.4g}.",
                   {"That is the keep probability; kept values are divided by it.": 1 - rate})
        return "a value kept with probability 1 - rate and scaled by 1/(1 - rate) keeps its mean."

``@checker`` never raises and prints one line: ``Not yet: replace None with <what>, ...`` while an answer is
None (what a stored exercise cell shows), ``Correct. <why>``, or ``Not quite. <why>`` for a wrong answer or an
error the input causes. ``check.judge(*args)`` returns ``("correct" | "wrong" | "missing", message)`` instead.
"""

from __future__ import annotations

import copy
import functools
import reprlib
import warnings
from collections.abc import Callable

import numpy as np

__all__ = ["Wrong", "array", "call", "checker", "close", "entropy", "expect", "number"]


class Wrong(Exception):
    """Raised inside a checker: the learner's answer is wrong, and the message says why."""


def checker(what: str, answers: int = 1) -> Callable[[Callable[..., str]], Callable[..., None]]:
    """Turn ``judge(*args) -> explanation`` into a checker; the first ``answers`` args are answers, then context."""

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


def call(function: object, *args: object, name: str = "your function", frozen: str = "") -> object:
    """Call ``function`` on copies of ``args``; a crash, a missing return or a changed ``frozen`` first arg is Wrong."""
    if not callable(function):
        raise Wrong(f"pass the function itself (its name, without brackets), not a {type(function).__name__}.")
    copies = copy.deepcopy(args)
    try:
        result = function(*copies)
    except Exception as error:
        raise Wrong(f"{name} raised {type(error).__name__}: {error}") from None
    if result is None:
        raise Wrong(f"{name} returned None: did you forget `return`?")
    if frozen and not np.array_equal(copies[0], args[0]):
        raise Wrong(f"{name} changed the {frozen} it was given; work on a copy ({frozen}.copy()).")
    return result


def array(value: object, shape: tuple | None = None, what: str = "your answer", nan: str = "") -> np.ndarray:
    """``value`` as an array of finite real numbers (of ``shape`` if given), or ``Wrong`` (``nan``: hint for NaN)."""
    try:
        result = np.asarray(value)
    except Exception:
        raise Wrong(f"{what} is a {type(value).__name__}; give numbers.") from None
    if result.dtype.kind not in "biuf":
        raise Wrong(f"{what} is {reprlib.repr(value)}; give real numbers, small enough for a float.")
    if shape is not None and result.shape != tuple(shape):
        raise Wrong(f"{what} has shape {result.shape}; expected {tuple(shape)}.")
    if result.dtype.kind == "f" and not np.all(np.isfinite(result)):
        raise Wrong(f"{what} holds nan or infinity; {nan or 'give finite numbers.'}")
    return result


def number(value: object, what: str = "your answer", nan: str = "") -> float:
    """``value`` as one finite real number, or ``Wrong`` saying what it is instead."""
    result = array(value, what=what, nan=nan)
    if result.dtype.kind == "b":
        raise Wrong(f"{what} is {value!r}, a truth value; give a number.")
    if result.size != 1:
        raise Wrong(f"{what} has {result.size} values (shape {result.shape}); give one number.")
    return float(result.reshape(()))


def close(value: object, expected: object, rel: float = 1e-6, abs_tol: float = 1e-9) -> bool:
    """True when ``value`` equals ``expected`` (numbers or arrays of one shape) within tolerance."""
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    return value.shape == expected.shape and bool(np.allclose(value, expected, rtol=rel, atol=abs_tol))


def expect(value: object, expected: object, said: str, hints: dict, otherwise: str = "", **tol: float) -> None:
    """Raise ``Wrong(said + hint)`` unless ``value`` is close to ``expected``; hint: the first key it matches."""
    if not close(value, expected, **tol):
        matches = (hint for hint, wrong in hints.items() if wrong is not None and close(value, wrong, **tol))
        raise Wrong(f"{said} {next(matches, otherwise)}".strip())


def entropy(probs: np.ndarray) -> np.ndarray:
    """Entropy in nats over the last axis, 0 · log 0 counted as 0."""
    return -(probs * np.log(np.clip(probs, 1e-12, 1))).sum(axis=-1)
