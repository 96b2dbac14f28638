"""The harness of every exercise checker: a checker returns why a right answer is right, or raises ``Wrong``::

    @checker("your function kept_scale(rate)")
    def check_kept_scale(kept_scale):
        for rate in (0.2, 0.5):
            value = number(call(kept_scale, rate), f"kept_scale({rate})")
            expect(value, 1 / (1 - rate), f"kept_scale({rate}) returned {value:.4g}.",
                   {"That is the keep probability; kept values are divided by it.": 1 - rate})
        return "a value kept with probability 1 - rate and scaled by 1/(1 - rate) keeps its mean."

``@checker`` never raises (KeyboardInterrupt aside) and shows one line: ``Not yet: replace None with <what>, ...``
while an answer is None (printed: what a stored exercise cell shows), ``✓ Correct. <why>``, or ``✗ Not quite. <why>``
for a wrong answer or an error the input causes; in a notebook the last two are a coloured block (``STYLES``: dark
text on its own light background, so it reads alike in light and dark themes), with the same plain text for
terminals and nbval. Error text from a learner's code is cut to one plain line. ``check.judge(*args)`` returns
``("correct" | "wrong" | "missing", message)`` (no mark) instead. A verdict never depends on a random draw.
"""

from __future__ import annotations

import copy
import functools
import html
import re
import reprlib
import sys
import warnings
from collections.abc import Callable

import numpy as np

__all__ = ["STYLES", "Wrong", "array", "call", "checker", "close", "entropy", "expect", "number"]


#: Mark, text colour, background and left edge of the feedback block. Text on background is at least 4.5:1 (WCAG
#: AA); the edge is at least 3:1 against a white and a #111 page (tests/test_exercises_checkers.py measures both).
STYLES = {"correct": ("✓", "#0f5323", "#e3f4e8", "#2e7d32"), "wrong": ("✗", "#8a1c12", "#fdeceb", "#c62828")}
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x1f\x7f-\x9f]")  # ANSI codes, control characters


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
                    return "correct", _plain(f"Correct. {_sentence(judge(*args))}", 600)
            except Wrong as error:
                return "wrong", _plain(f"Not quite. {_sentence(str(error))}", 600)
            except Exception as error:  # the learner's input broke the checker: report it, never raise
                return "wrong", f"Not quite. The checker could not use your answer ({_error(error)})."

        @functools.wraps(judge)
        def check(*args: object) -> None:
            _show(*verdict(*args))

        check.judge = verdict  # type: ignore[attr-defined]
        return check

    return decorate


def _show(status: str, message: str) -> None:
    """Print ``message``; a verdict gets its mark and, in IPython, also its coloured HTML block."""
    if status not in STYLES:  # one write: print's two (text, then newline) can reach a notebook as two outputs
        sys.stdout.write(message + "\n")
        return
    mark, ink, paper, edge = STYLES[status]
    text = f"{mark} {message}"
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # a plain Python without IPython
        get_ipython = display = None
    if get_ipython is None or get_ipython() is None:
        print(text)
        return
    head, _, rest = html.escape(text).partition(". ")
    style = f"color:{ink};background:{paper};border-left:4px solid {edge};padding:0.35em 0.7em;line-height:1.4"
    display({"text/plain": text, "text/html": f'<div style="{style}"><b>{head}.</b> {rest}</div>'}, raw=True)


def _plain(text: str, limit: int = 160) -> str:
    """``text`` on one line without escape or control codes, cut to ``limit`` characters."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error(error: BaseException) -> str:
    """An exception as one short plain line: its type and the first line of its message."""
    first = next((line for line in map(_plain, str(error).splitlines()) if line), "")
    return type(error).__name__ + (f": {_plain(first, 120)}" if first else "")


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
    except (Exception, SystemExit) as error:  # exit() in a learner's function ends the call, not the kernel
        raise Wrong(f"{name} raised {_error(error)}") from None
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
    if result.dtype.kind in "USa":
        raise Wrong(f"{what} is text, {reprlib.repr(value)}; write numbers without quotes, as in [0.5, 1.5, 2.5].")
    if result.dtype.kind == "c":
        raise Wrong(f"{what} is {reprlib.repr(value)}, a complex number; give real numbers.")
    if result.dtype.kind not in "biuf":
        raise Wrong(f"{what} is {reprlib.repr(value)}; give plain numbers (no None, rows of one length, below 1e308).")
    if shape is not None and result.shape != tuple(shape):
        raise Wrong(f"{what} has shape {result.shape}; expected {tuple(shape)}.")
    if result.dtype.kind == "f" and not np.all(np.isfinite(result)):
        raise Wrong(f"{what} holds nan or infinity; {nan or 'give finite numbers.'}")
    return result


def number(value: object, what: str = "your answer", nan: str = "") -> float:
    """``value`` as one finite real number, or ``Wrong`` saying what it is instead."""
    if isinstance(value, (str, bytes)):
        raise Wrong(f"{what} is text, {reprlib.repr(value)}; give a number without quotes, such as 0.5.")
    result = array(value, what=what, nan=nan)
    if result.dtype.kind == "b":
        raise Wrong(f"{what} is {reprlib.repr(value)}, a truth value; give a number.")
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
