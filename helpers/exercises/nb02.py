"""Checkers for the exercises of notebook 02 (dropout from scratch).

Each checker takes the learner's function, tries it on several inputs against :mod:`helpers.dropout`,
prints feedback (a hint naming the likely mistake when the answer is wrong) and returns True or False.
A learner's function that raises is reported, not re-raised.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers import dropout

__all__ = ["check_classic_test_forward", "check_dropout_backward", "check_output_variance"]

_RATES = (0.2, 0.5, 0.8)


def _no_function(function: object, name: str, arguments: str) -> bool:
    """True (after printing why) when ``function`` is not something to call."""
    if function is None:
        print(f"No answer yet: define {name}({arguments}) and pass the function (not a value) to the checker.")
        return True
    if not callable(function):
        print(f"Pass the function itself, {name}, not {type(function).__name__}.")
        return True
    return False


def _call(function: Callable[..., object], *arguments: object) -> tuple[np.ndarray | None, str]:
    """``(np.asarray(result), "")``, or ``(None, message)`` if the learner's function raised."""
    try:
        return np.asarray(function(*arguments)), ""
    except Exception as error:  # a learner's bug: report it instead of raising
        return None, f"Your function raised {type(error).__name__}: {error}"


def check_dropout_backward(dropout_backward: Callable[[np.ndarray, np.ndarray, float], np.ndarray] | None) -> bool:
    """Exercise 1: ``dropout_backward(grad_out, keep_mask, rate)`` is the gradient of inverted dropout."""
    if _no_function(dropout_backward, "my_dropout_backward", "grad_out, keep_mask, rate"):
        return False
    rng = np.random.default_rng(2)
    for rate in _RATES:
        grad_out = rng.standard_normal((6, 10)).astype(np.float32)
        _, keep_mask = dropout.dropout_forward(np.ones((6, 10), np.float32), rate, rng=rng)
        expected = dropout.dropout_backward(grad_out, keep_mask, rate)
        answer, error = _call(dropout_backward, grad_out.copy(), keep_mask.copy(), rate)
        if answer is None:
            print(f"{error} (rate {rate}).")
            return False
        if answer.shape != expected.shape:
            print(f"Not quite: the gradient must have grad_out's shape {expected.shape}; yours has {answer.shape}.")
            return False
        if np.allclose(answer, expected, rtol=1e-6, atol=1e-7):
            if answer.dtype != np.float32:
                print(
                    f"The values are right, but float32 came back as {answer.dtype}: "
                    "divide by (1 - rate) as a Python float, without converting the arrays."
                )
                return False
            continue
        wrong = {
            "grad_out * keep_mask": "the gradient must be scaled like the forward pass, by 1 / (1 - rate).",
            "grad_out * keep_mask / rate": "divide by the keep probability 1 - rate, not by the rate.",
            "grad_out * keep_mask * (1 - rate)": "the forward pass divides by 1 - rate, so the backward pass does too.",
            "grad_out / (1 - rate)": "dropped units get no gradient: multiply by the mask.",
            "grad_out": "dropped units get no gradient, and kept units are scaled by 1 / (1 - rate).",
            "grad_out * ~keep_mask / (1 - rate)": "the mask is True where a unit is KEPT; you used the dropped units.",
        }
        candidates = {
            "grad_out * keep_mask": grad_out * keep_mask,
            "grad_out * keep_mask / rate": grad_out * keep_mask / rate,
            "grad_out * keep_mask * (1 - rate)": grad_out * keep_mask * (1 - rate),
            "grad_out / (1 - rate)": grad_out / (1 - rate),
            "grad_out": grad_out,
            "grad_out * ~keep_mask / (1 - rate)": grad_out * ~keep_mask / (1 - rate),
        }
        hint = next(
            (
                f" You compute {formula}: {wrong[formula]}"
                for formula, value in candidates.items()
                if np.allclose(answer, value, rtol=1e-6, atol=1e-7)
            ),
            " The gradient is grad_out where the unit was kept, scaled like the forward pass, and 0 where dropped.",
        )
        print(f"Not quite (rate {rate}).{hint}")
        return False
    print(
        "Correct: grad_in = grad_out * keep_mask / (1 - rate). The forward pass is linear in x for a fixed "
        "mask, so the backward pass applies the same mask and the same scale."
    )
    return True


def check_classic_test_forward(classic_test_forward: Callable[[np.ndarray, float], np.ndarray] | None) -> bool:
    """Exercise 2: ``classic_test_forward(x, rate)`` is classic dropout's test-time output, ``x * (1 - rate)``."""
    if _no_function(classic_test_forward, "classic_test_forward", "x, rate"):
        return False
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 7)).astype(np.float32)
    for rate in (0.2, 0.0, 0.5, 0.8):  # 0.2 first: scaling by the rate or by 1 - rate differ there
        expected, _ = dropout.classic_dropout_forward(x, rate, rng=rng, training=False)
        answer, error = _call(classic_test_forward, x.copy(), rate)
        if answer is None:
            print(f"{error} (rate {rate}).")
            return False
        if answer.shape != x.shape:
            print(f"Not quite: the output must have x's shape {x.shape}; yours has {answer.shape}.")
            return False
        if np.allclose(answer, expected, rtol=1e-6, atol=1e-7):
            continue
        if rate > 0 and np.allclose(answer, x * rate, rtol=1e-6):
            hint = (
                "You multiply by the rate, the course page's mistake: a unit is present a fraction p = 1 - rate "
                "of the time in training, so multiply by 1 - rate."
            )
        elif np.allclose(answer, x, rtol=1e-6):
            hint = (
                "That is inverted dropout at inference (the identity). Classic dropout did not scale in "
                "training, so it must scale at test time."
            )
        elif rate > 0 and np.allclose(answer, x / (1 - rate), rtol=1e-6):
            hint = "Dividing by 1 - rate is inverted dropout's training scale; at test time classic dropout multiplies."
        elif rate > 0 and np.all((answer == 0) | np.isclose(answer, x, rtol=1e-6)):
            hint = "At test time nothing is dropped: every unit is present, so no random mask."
        else:
            hint = "At test time every unit is present; scale so that the output equals the training output's mean."
        print(f"Not quite (rate {rate}). {hint}")
        return False
    print(
        "Correct: classic dropout multiplies by the retention probability p = 1 - rate at test time, so the "
        "output equals the expected training output. Scaling by the rate is only right at rate 0.5."
    )
    return True


def check_output_variance(output_variance: Callable[[float, float], float] | None) -> bool:
    """Exercise 3: ``output_variance(a, rate)`` is ``a**2 * rate / (1 - rate)`` (inverted dropout, constant input)."""
    if _no_function(output_variance, "output_variance", "a, rate"):
        return False
    for a, rate in ((2.0, 0.2), (1.0, 0.5), (-3.0, 0.8), (0.5, 0.0)):
        expected = a**2 * rate / (1 - rate)
        answer, error = _call(output_variance, a, rate)
        if answer is None:
            print(f"{error} (a = {a}, rate {rate}).")
            return False
        if answer.shape != ():
            print(f"Return one number (the variance of one output); got an array of shape {answer.shape}.")
            return False
        value = float(answer)
        if np.isclose(value, expected, rtol=1e-9, atol=1e-12):
            continue
        hints = {
            a**2 * rate * (1 - rate): "that is the variance of the classic (unscaled) output a·m; inverted "
            "dropout scales by 1 / (1 - rate), which multiplies the variance by 1 / (1 - rate)².",
            a**2 / (1 - rate): "that is E[y²]; subtract the squared mean a².",
            a**2 * rate: "scaling by 1 / (1 - rate) also scales the variance: divide by 1 - rate.",
            a * rate / (1 - rate): "a variance is in squared units: a², not a.",
        }
        hint = next(
            (text for candidate, text in hints.items() if rate > 0 and np.isclose(value, candidate, rtol=1e-9)),
            "Write y = a·m / (1 - rate) with m ~ Bernoulli(1 - rate), and compute E[y²] - E[y]².",
        )
        print(f"Not quite (a = {a}, rate {rate}): you return {value:.4g}, expected {expected:.4g}. Hint: {hint}")
        return False
    rng = np.random.default_rng(0)
    measured = dropout.dropout_forward(np.full(1_000_000, 2.0), 0.3, rng=rng)[0].var()
    print(
        f"Correct: Var = a² · rate / (1 - rate). Measured for a = 2, rate 0.3 over a million units: {measured:.3f} "
        f"(formula {output_variance(2.0, 0.3):.3f})."
    )
    return True
