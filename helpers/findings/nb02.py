"""The claims of notebook 02 (dropout from scratch), one function per section.

The tolerances are derived from the binomial distribution (4 standard errors), as the notebook's text
explains; the comparison of the notebook's code with ``helpers/dropout.py`` is a test
(``tests/test_nb02_reference.py``), not a claim.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from helpers import dropout
from helpers.claims import Claim

__all__ = ["backward", "classic", "fast_mask", "forward", "masks", "network", "speed", "training"]

#: Relative error below which a hand-written gradient agrees with central differences (float64).
GRADIENT_TOLERANCE = 1e-7


def variance_interval(a: float, rate: float, n: int) -> tuple[float, float]:
    """Where the variance of ``n`` inverted-dropout outputs of the constant ``a`` must fall.

    The measured variance is ``(a / p)² · f (1 − f)`` for the kept fraction ``f``, so its interval
    follows from the binomial interval of ``f``: the extremes of ``q (1 − q)`` over that interval.
    """
    p = 1 - rate
    low, high = dropout.binomial_interval(n, p)
    values = [(a / p) ** 2 * q * (1 - q) for q in (low, high)]
    largest = (a / p) ** 2 * 0.25 if low <= 0.5 <= high else max(values)  # q (1 − q) peaks at 1/2
    return min(values), largest


def forward(
    x: np.ndarray, tiny: Mapping[float, tuple], a: float, n: int, measured: Mapping[float, tuple]
) -> list[Claim]:
    """``tiny``: rate -> (output, mask) on ``x``; ``measured``: rate -> (kept fraction, mean, variance)
    of ``n`` outputs of the constant ``a``."""
    out_0, mask_0 = tiny[0.0]
    kept_ok, mean_ok, variance_ok = [], [], []
    for rate, (kept, mean, variance) in measured.items():
        low, high = dropout.binomial_interval(n, 1 - rate)
        kept_ok.append(low <= kept <= high)
        mean_ok.append(abs(mean - a) <= 4 * a * math.sqrt(rate / (1 - rate) / n))
        v_low, v_high = variance_interval(a, rate, n)
        formula = a**2 * rate / (1 - rate)
        variance_ok.append(v_low <= variance <= v_high and v_low <= formula <= v_high)
    top = max(measured)  # the noisiest rate, shown as the example
    kept, mean, variance = measured[top]

    def count(ok: list[bool], example: str) -> str:
        return f"{sum(ok)} of {len(ok)} rates (at {top:g}: {example})"

    return [
        Claim(
            "rate0_identity",
            "at rate 0 the output is the input itself, with no mask",
            out_0 is x and mask_0 is None,
        ),
        Claim(
            "kept_fraction",
            "the kept fraction lies in its binomial interval at every rate",
            all(kept_ok),
            count(kept_ok, f"{kept:.4f}"),
        ),
        Claim(
            "mean_preserved",
            "the mean output stays a within 4 standard errors at every rate",
            all(mean_ok),
            count(mean_ok, f"{mean:.4f}"),
        ),
        Claim(
            "variance_formula",
            "the variance matches a²·rate/(1 − rate) within its interval",
            all(variance_ok),
            count(variance_ok, f"{variance:.3f} vs {a**2 * top / (1 - top):.3f}"),
        ),
    ]


def masks(step_1: np.ndarray, step_2: np.ndarray, rate: float) -> list[Claim]:
    """Two consecutive steps' keep masks for one batch (rows: examples), drawn at ``rate``."""
    distinct = len(np.unique(step_1, axis=0))
    agreement = float((step_1 == step_2).mean())
    p = 1 - rate
    low, high = dropout.binomial_interval(step_1.size, p**2 + (1 - p) ** 2)  # both kept or both dropped
    return [
        Claim(
            "mask_per_example",
            "every example in the batch gets its own mask",
            distinct == len(step_1),
            f"{distinct} distinct masks among {len(step_1)} examples",
        ),
        Claim(
            "new_mask_per_step",
            "two steps' masks agree on about half the positions (value: agreement)",
            low <= agreement <= high,
            f"{agreement:.3f} in [{low:.3f}, {high:.3f}]",
            agreement,
        ),
    ]


def classic(train_mean: float, test_output: float, a: float, rate: float, n: int) -> list[Claim]:
    """The classic variant's training mean over ``n`` units of constant ``a`` against its test output."""
    standard_error = a * math.sqrt(rate * (1 - rate) / n)  # of a mean of n draws of a · Bernoulli(1 − rate)
    z = (train_mean - test_output) / standard_error
    return [
        Claim(
            "classic_means_agree",
            "the classic training mean equals the test output p·a (value: z, in standard errors)",
            abs(z) < 4,
            f"{train_mean:.4f} vs {test_output:.4f}, z = {z:.2f}",
            z,
        )
    ]


def backward(errors: Mapping[float, float]) -> list[Claim]:
    """``errors``: rate -> relative error of the hand-written dropout gradient."""
    return [
        Claim(
            "gradcheck_dropout",
            "the hand-written dropout gradient passes the check (< 1e-7)",
            max(errors.values()) < GRADIENT_TOLERANCE,
            ", ".join(f"rate {rate:g}: {error:.0e}" for rate, error in errors.items()),
        )
    ]


def network(errors: Mapping[str, float], kink_distance: float, h: float = 1e-6) -> list[Claim]:
    """``errors``: parameter name -> relative error; ``kink_distance``: the smallest |pre-activation|."""
    return [
        Claim(
            "gradcheck_network",
            "all four gradients in the network pass the check (< 1e-7)",
            max(errors.values()) < GRADIENT_TOLERANCE and kink_distance > 10 * h,
            ", ".join(f"{name} {error:.0e}" for name, error in errors.items()),
        )
    ]


def _last(history: Mapping[str, list], key: str, k: int = 5) -> float:
    return float(np.mean(history[key][-k:]))


def training(histories: Mapping[str, Mapping[str, list]]) -> list[Claim]:
    """The runs "no dropout" and "dropout" (histories of ``train_mlp``), averaged over the last 5 epochs."""
    plain, drop = histories["no dropout"], histories["dropout"]
    same = all(
        len(plain[key]) == len(drop[key]) and all(map(np.array_equal, plain[key], drop[key]))
        for key in ("initial_weights", "orders")
    )
    gap = {name: _last(h, "accuracy") - _last(h, "val_accuracy") for name, h in histories.items()}
    narrowing = gap["no dropout"] - gap["dropout"]
    val_plain, val_drop = _last(plain, "val_accuracy"), _last(drop, "val_accuracy")
    train_drop = _last(plain, "accuracy") - _last(drop, "accuracy")
    return [
        Claim(
            "same_start_and_order",
            "both runs start from the same weights and see the same order of examples",
            same,
            f"{len(plain['orders'])} epochs compared",
        ),
        Claim(
            "gap_narrows",
            "dropout narrows the train/validation gap (value: narrowing / gap)",
            narrowing > 0,
            f"{gap['no dropout']:.3f} → {gap['dropout']:.3f}",
            narrowing / gap["no dropout"] if gap["no dropout"] else None,
        ),
        Claim(
            "val_accuracy_kept",
            "validation accuracy stays within 2.5 points (value: change)",
            abs(val_drop - val_plain) < 0.025,
            f"{val_plain:.3f} → {val_drop:.3f}",
            val_drop - val_plain,
        ),
        Claim(
            "narrowing_from_training",
            "the narrowing is (almost) all training accuracy (value: drop − narrowing)",
            train_drop > narrowing - 0.01,
            f"training accuracy −{train_drop:.3f}, gap −{narrowing:.3f}",
            train_drop - narrowing,
        ),
    ]


def fast_mask(kept: Mapping[float, float], n: int) -> list[Claim]:
    """``kept``: rate -> kept fraction of a fast mask over ``n`` units."""
    inside = [
        low <= fraction <= high
        for rate, fraction in kept.items()
        for low, high in [dropout.binomial_interval(n, dropout.fast_keep_probability(rate))]
    ]
    rates = ", ".join(f"{rate:g}" for rate in kept)
    return [
        Claim(
            "fast_mask",
            "the fast mask's kept fractions lie in their binomial intervals",
            all(inside),
            f"{sum(inside)} of {len(inside)} rates ({rates}), {n / 2**20:g} M units",
        )
    ]


def speed(speeds: Mapping[tuple[str, int], float]) -> list[Claim]:
    """``speeds``: (method, elements) -> elements per second; "copy" is the memory floor."""
    slowdown = min(speeds["copy", size] / rate for (method, size), rate in speeds.items() if method != "copy")
    return [
        Claim(
            "copy_fastest",
            "a plain copy is faster than every dropout method, at both sizes",
            slowdown > 1,
            f"by at least {slowdown:.1f}x",
        )
    ]
