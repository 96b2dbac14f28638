"""Checkers for the exercises of notebook 02 (dropout from scratch)."""

from __future__ import annotations

import numpy as np

from helpers.exercises._harness import Wrong, array, call, checker, expect, number
from helpers.exercises.nb01 import classic_scaling_hints

__all__ = ["check_classic_test_forward", "check_dropout_backward", "check_output_variance"]


@checker("your function my_dropout_backward(grad_out, keep_mask, rate)")
def check_dropout_backward(dropout_backward: object) -> str:
    rng = np.random.default_rng(2)
    for rate in (0.2, 0.5, 0.8):
        g = rng.standard_normal((6, 10)).astype(np.float32)
        mask = rng.random((6, 10)) >= rate
        result = call(dropout_backward, g, mask, rate, name=f"my_dropout_backward(..., rate={rate})")
        answer = array(result, g.shape, "your gradient")
        hints = {
            "scale like the forward pass, by 1/(1 - rate).": g * mask,
            "divide by the keep probability 1 - rate, not by the rate.": g * mask / rate,
            "the forward pass divides by 1 - rate, so the backward pass does too.": g * mask * (1 - rate),
            "dropped units get no gradient: multiply by the mask.": g / (1 - rate),
            "dropped units get no gradient, and kept ones are scaled by 1/(1 - rate).": g,
            "keep_mask is True where a unit is KEPT; you used the dropped units.": g * ~mask / (1 - rate),
        }
        default = "grad_out where kept, scaled by 1/(1 - rate); 0 where dropped."
        expect(answer, g * mask / (1 - rate), f"at rate {rate}:", hints, default)
        if answer.dtype != np.float32:
            raise Wrong(f"the values are right, but float32 came back as {answer.dtype}: divide by a Python float.")
    return "grad_in = grad_out * keep_mask / (1 - rate): for a fixed mask the forward pass is linear in x."


@checker("your function classic_test_forward(x, rate)")
def check_classic_test_forward(classic_test_forward: object) -> str:
    x = np.random.default_rng(3).standard_normal((4, 7)).astype(np.float32)
    for rate in (0.2, 0.0, 0.5, 0.8):  # 0.2 first: scaling by the rate or by 1 - rate differ there
        answer = array(call(classic_test_forward, x, rate, name=f"classic_test_forward(x, {rate})"), x.shape)
        default = "Every unit is present at test time: match the training mean."
        expect(answer, x * (1 - rate), f"At rate {rate}:", classic_scaling_hints(x, rate), default, abs_tol=1e-6)
    return "classic dropout multiplies by p = 1 - rate at test time; scaling by the rate is right only at 0.5."


@checker("your function output_variance(a, rate)")
def check_output_variance(output_variance: object) -> str:
    for a, rate in ((2.0, 0.2), (1.0, 0.5), (-3.0, 0.8), (0.5, 0.0)):
        value = number(call(output_variance, a, rate), f"output_variance({a}, {rate})")
        expected = a**2 * rate / (1 - rate)
        classic = a**2 * rate * (1 - rate)
        hints = {
            "that is classic dropout's variance; scaling by 1/(1 - rate) divides it by (1 - rate)².": classic,
            "that is E[y²]; subtract the squared mean a².": a**2 / (1 - rate),
            "scaling by 1/(1 - rate) also scales the variance.": a**2 * rate,
            "a variance is in squared units: a², not a.": a * rate / (1 - rate),
        }
        said = f"output_variance({a}, {rate}) returned {value:.4g}, expected {expected:.4g}:"
        expect(value, expected, said, hints, "write y = a·m/(1 - rate), m ~ Bernoulli(1 - rate).", abs_tol=1e-12)
    measured = (np.random.default_rng(0).random(1_000_000) >= 0.3).astype(float) * 2.0 / 0.7
    return f"Var = a² · rate / (1 - rate); measured for a = 2, rate 0.3 over a million units: {measured.var():.3f}."
