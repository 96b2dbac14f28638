"""Dropout in NumPy: the tested reference that notebooks 01 and 02 check their own code against.

Inverted dropout (Keras) keeps each unit with probability ``1 - rate`` and scales kept units by
``1 / (1 - rate)`` in training, the identity at inference; the classic variant of Srivastava et al.
(2014) does not scale in training and multiplies by ``p = 1 - rate`` at test time. Randomness comes
from an explicit ``numpy.random.Generator``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from helpers._checks import check_array, check_bool, check_fraction, check_int, check_real, check_rng, check_shape

__all__ = [
    "MAX_UNITS",
    "bernoulli_keep_mask",
    "binomial_interval",
    "check_rate",
    "classic_dropout_forward",
    "dropout_backward",
    "dropout_forward",
    "fast_dropout_forward",
    "fast_keep_mask",
    "fast_keep_probability",
]


#: The most values one call may mask: notebook 02's speed test goes this far, and the straightforward
#: mask draws an 8-byte random number per value (512 MiB here); a larger size is refused before any work.
MAX_UNITS = 2**26
_WHY_LIMIT = f"at most helpers.dropout.MAX_UNITS = {MAX_UNITS:,} values, one 8-byte random number each"


def check_rate(rate: object, name: str = "rate") -> float:
    """``rate`` as a float if it is a dropout rate in [0, 1); otherwise a ValueError naming ``name``."""
    return check_fraction(rate, name, meaning="the fraction of units dropped")


def _check_x(x: object, name: str = "x") -> np.ndarray:
    """``x`` as an array of real numbers (integers or floats) of at most MAX_UNITS values."""
    array = check_array(x, name, meaning="an array of real numbers (integers or floats)")
    check_int(array.size, f"{name}.size", low=0, high=MAX_UNITS, meaning=_WHY_LIMIT)
    return array


def bernoulli_keep_mask(shape: int | Sequence[int], rate: float, *, rng: np.random.Generator) -> np.ndarray:
    """The straightforward keep mask: one uniform number ``u`` per unit, kept where ``u >= rate``."""
    rate = check_rate(rate)
    return check_rng(rng).random(check_shape(shape, "shape", max_size=MAX_UNITS, meaning=_WHY_LIMIT)) >= rate


def dropout_forward(
    x: np.ndarray, rate: float, *, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """Inverted dropout: ``(x * keep_mask / (1 - rate), keep_mask)``; ``(x, None)`` at inference or rate 0.

    One draw per element (masks differ per example and per call); float32 stays float32.
    """
    rate = check_rate(rate)
    x = _check_x(x)
    if not check_bool(training, "training") or rate == 0.0:
        return x, None
    mask = check_rng(rng).random(x.shape) >= rate
    return x * mask / (1.0 - rate), mask


def dropout_backward(grad_out: np.ndarray, keep_mask: np.ndarray | None, rate: float) -> np.ndarray:
    """Gradient of :func:`dropout_forward` for a fixed mask: ``grad_out * keep_mask / (1 - rate)``.

    ``keep_mask=None`` (inference or rate 0) is the identity; otherwise it is the boolean mask that
    :func:`dropout_forward` returned, of exactly ``grad_out``'s shape (one entry per value).
    """
    rate = check_rate(rate)
    grad_out = _check_x(grad_out, "grad_out")
    if keep_mask is None:
        return grad_out
    allowed = f"a boolean array of grad_out's shape {grad_out.shape} (dropout_forward's mask)"
    mask = check_array(keep_mask, "keep_mask", kinds="b", meaning=allowed)
    if mask.shape != grad_out.shape:
        raise ValueError(f"keep_mask must be {allowed}; got {mask.dtype} of shape {mask.shape}")
    return grad_out * mask / (1.0 - rate)


def classic_dropout_forward(
    x: np.ndarray, rate: float, *, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """The original dropout: ``x * keep_mask`` in training (no scaling), ``x * (1 - rate)`` at test time."""
    rate = check_rate(rate)
    x = _check_x(x)
    if not check_bool(training, "training"):
        return x * (1.0 - rate), None
    if rate == 0.0:
        return x, None
    mask = check_rng(rng).random(x.shape) >= rate
    return x * mask, mask


def fast_keep_probability(rate: float) -> float:
    """The fast mask's exact keep probability: ``1 - rate`` rounded to a multiple of 1/65536."""
    return round((1.0 - check_rate(rate)) * 65536) / 65536


def fast_keep_mask(shape: int | Sequence[int], rate: float, *, rng: np.random.Generator) -> np.ndarray:
    """A keep mask from 16 random bits per unit: kept where the bits are below ``round((1 - rate) * 65536)``.

    One 64-bit draw serves four units (``uint64`` words viewed as ``uint16``).
    """
    threshold = round(fast_keep_probability(rate) * 65536)
    shape = check_shape(shape, "shape", max_size=MAX_UNITS, meaning=_WHY_LIMIT)
    size = math.prod(shape)
    words = check_rng(rng).integers(0, 2**64 - 1, size=(size + 3) // 4, dtype=np.uint64, endpoint=True)
    return (words.view(np.uint16)[:size] < threshold).reshape(shape)


def fast_dropout_forward(
    x: np.ndarray, rate: float, *, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray | None]:
    """Inverted dropout in training with :func:`fast_keep_mask`, scaled by its exact keep probability.

    A float array keeps its dtype; an integer array becomes float64 (as in :func:`dropout_forward`).
    """
    x = _check_x(x)
    x = x if x.dtype.kind == "f" else x.astype(np.float64)
    keep_probability = fast_keep_probability(rate)
    if keep_probability == 1.0:
        return x, None
    mask = fast_keep_mask(x.shape, rate, rng=rng)
    if keep_probability == 0.0:
        return np.zeros_like(x), mask
    out = mask.view(np.uint8).astype(x.dtype)  # 1.0 where kept: the arithmetic in place on one buffer
    np.multiply(out, x, out=out)
    np.multiply(out, 1.0 / keep_probability, out=out, casting="same_kind")
    return out, mask


def binomial_interval(n: int, p: float, *, z: float = 4.0) -> tuple[float, float]:
    """``p ± z * sqrt(p (1 - p) / n)``, clipped to [0, 1]: where a kept fraction of ``n`` units should fall.

    With z = 4 a correct mask falls outside with probability below 1e-4 (normal approximation).
    """
    n = check_int(n, "n", high=2**53, meaning="the number of units counted")
    p = check_real(p, "p", low=0.0, high=1.0, meaning="the keep probability")
    z = check_real(z, "z", low=0.0, high=100.0, meaning="the half-width in standard errors")
    half_width = z * math.sqrt(p * (1.0 - p) / n)
    return max(0.0, p - half_width), min(1.0, p + half_width)
