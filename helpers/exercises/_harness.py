"""The one harness every exercise checker uses: it never raises on a learner's input and says what happened.

A checker returns the explanation of a right answer and raises ``Wrong("...")`` for a wrong one::

    @checker("your function kept_scale(rate)")
    def check_kept_scale(kept_scale):
        for rate in (0.2, 0.5):
            value = number(call(kept_scale, rate), f"kept_scale({rate})")
            expect(value, 1 / (1 - rate), f"kept_scale({rate}) returned {value:.4g}.",
                   {"That is the keep probability; kept values are divided by it.": 1 - rate})
        return "a value kept with probability 1 - rate and scaled by 1/(1 - rate) keeps its mean."

``@checker`` prints one line and returns None: ``Not yet: replace None with <what>, ...`` while an
answer is still None (what a stored exercise cell shows: it reveals nothing), ``Correct. <explanation>``,
or ``Not quite. <why>`` for a wrong answer and for any error the learner's input causes. Tests call
``check.judge(*args)`` for ``(verdict, message)``, verdict "correct", "wrong" or "missing". With
``answers=2`` the first two arguments are answers; later ones are context from the notebook.
"""

from __future__ import annotations

import functools
import reprlib
import warnings
from collections.abc import Callable

import numpy as np

__all__ = ["Wrong", "array", "call", "checker", "close", "entropy", "expect", "number"]


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


def call(function: object, *args: object, name: str = "your function", frozen: str = "") -> object:
    """Call the learner's ``function`` on copies of ``args``; a crash or a missing return becomes ``Wrong``.

    With ``frozen`` (the first argument's name), changing the first argument in place is ``Wrong`` too.
    """
    if not callable(function):
        raise Wrong(f"pass the function itself (its name, without brackets), not a {type(function).__name__}.")
    copies = [arg.copy() if isinstance(arg, (np.ndarray, list, dict)) else arg for arg in args]
    try:
        result = function(*copies)
    except Exception as error:
        raise Wrong(f"{name} raised {type(error).__name__}: {error}") from None
    if result is None:
        raise Wrong(f"{name} returned None: did you forget `return`?")
    if frozen and not np.array_equal(copies[0], args[0]):
        raise Wrong(f"{name} changed the {frozen} it was given; work on a copy ({frozen}.copy()).")
    return result


def array(value: object, shape: tuple[int, ...] | None = None, what: str = "your answer") -> np.ndarray:
    """``value`` as an array of finite real numbers (of ``shape`` if given), or ``Wrong`` saying what is off."""
    if value is None:
        raise Wrong(f"{what} is None: did you forget `return` (or to replace None)?")
    try:
        result = np.asarray(value)
    except Exception:
        raise Wrong(f"{what} is a {type(value).__name__}; give numbers.") from None
    if result.dtype.kind not in "biuf":
        raise Wrong(f"{what} is {reprlib.repr(value)}; give real numbers (no text, complex numbers or objects).")
    if shape is not None and result.shape != tuple(shape):
        raise Wrong(f"{what} has shape {result.shape}; expected {tuple(shape)}.")
    if result.dtype.kind == "f" and not np.all(np.isfinite(result)):
        raise Wrong(f"{what} holds NaN or infinite values; give finite numbers.")
    return result


def number(value: object, what: str = "your answer") -> float:
    """``value`` as one finite real number, or ``Wrong`` saying what it is instead."""
    result = array(value, what=what)
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
    """Return if ``value`` is close to ``expected`` (``tol``: ``close``'s tolerances); else raise ``Wrong``.

    Its message is ``said`` and the key of ``hints`` whose wrong value (None to skip) ``value`` matches, else
    ``otherwise``.
    """
    if not close(value, expected, **tol):
        matches = (hint for hint, wrong in hints.items() if wrong is not None and close(value, wrong, **tol))
        raise Wrong(f"{said} {next(matches, otherwise)}".strip())


def entropy(probs: np.ndarray) -> np.ndarray:
    """Entropy in nats over the last axis, 0 · log 0 counted as 0."""
    return -(probs * np.log(np.clip(probs, 1e-12, 1))).sum(axis=-1)
