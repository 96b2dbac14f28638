"""Dropout in NumPy: the tested reference implementation that the notebooks check their own code against.

Inverted dropout (what Keras does): during training each unit is kept with probability
``1 - rate`` and kept units are scaled by ``1 / (1 - rate)``, so the expected output equals the
input; at inference the layer is the identity. The classic variant of Srivastava et al. (2014)
does not scale during training and multiplies by the retention probability ``1 - rate`` at test time.

Functions:
    bernoulli_keep_mask, dropout_forward / dropout_backward: the reference (one uniform draw per
        unit; ``u >= rate`` keeps it).
    classic_dropout_forward: the paper's variant with test-time scaling.
    fast_keep_mask / fast_dropout_forward: the same distribution from 16 random bits per unit
        compared with an integer threshold (keep probability exact to 1/131072), several times faster.
    binomial_interval: the interval in which a kept fraction should fall.

Randomness always comes from an explicit ``numpy.random.Generator``; nothing here imports TensorFlow.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from helpers._checks import check_fraction

__all__ = [
    "FAST_MASK_RESOLUTION",
    "apply_keep_mask",
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

#: The fast mask compares 16 random bits with an integer threshold: probabilities are multiples of 1/65536.
FAST_MASK_RESOLUTION = 65536


def check_rate(rate: object, name: str = "rate") -> float:
    """Return ``rate`` as a float if it is a dropout rate in [0, 1); otherwise raise ValueError naming ``name``.

    Booleans, strings, None, NaN, negative numbers and numbers of 1 or more are refused (a rate of 1
    would drop every unit and make the inverted scale 1 / (1 - rate) infinite). A value that is not a
    number raises :class:`helpers._checks.NotANumberError`, a ValueError that is also a TypeError.
    """
    return check_fraction(rate, name, meaning="the fraction of units dropped")


def _check_rng(rng: object) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy.random.Generator (for example np.random.default_rng(0)); got {type(rng).__name__}"
        )
    return rng


def _check_training(training: object) -> bool:
    if not isinstance(training, (bool, np.bool_)):
        raise TypeError(f"training must be True or False; got {training!r}")
    return bool(training)


def _as_float_array(x: object, name: str = "x") -> np.ndarray:
    """``x`` as an array; floating dtypes are kept (float32 stays float32), integers and booleans become float64."""
    array = np.asarray(x)
    if array.dtype.kind == "f":
        return array
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    raise TypeError(f"{name} must hold real numbers (a float, integer or boolean array); got dtype {array.dtype}")


def _check_shape(shape: object) -> tuple[int, ...]:
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, (bool, np.bool_)):
        shape = (shape,)
    if not isinstance(shape, (tuple, list)) or not all(
        isinstance(d, (int, np.integer)) and not isinstance(d, (bool, np.bool_)) and d >= 0 for d in shape
    ):
        raise ValueError(f"shape must be a non-negative integer or a tuple of them; got {shape!r}")
    return tuple(int(d) for d in shape)


def bernoulli_keep_mask(shape: int | Sequence[int], rate: float, *, rng: np.random.Generator) -> np.ndarray:
    """The straightforward Bernoulli keep mask: one uniform number per unit, kept where ``u >= rate``.

    ``u`` is uniform on [0, 1), so P(kept) = 1 - rate. This is the mask :func:`dropout_forward` uses;
    it costs one float64 random number (8 bytes) per unit.
    """
    shape = _check_shape(shape)
    rate = check_rate(rate)
    rng = _check_rng(rng)
    return rng.random(shape) >= rate


def apply_keep_mask(x: np.ndarray, keep_mask: np.ndarray, rate: float) -> np.ndarray:
    """Inverted dropout given a mask: ``x * keep_mask / (1 - rate)`` (zeros where dropped), in x's dtype.

    The same operation is the backward pass: the gradient flows only through kept units, scaled alike.
    """
    x = _as_float_array(x)
    rate = check_rate(rate)
    mask = np.asarray(keep_mask)
    if mask.dtype != np.bool_:
        raise TypeError(f"keep_mask must be a boolean array (True where a unit is kept); got dtype {mask.dtype}")
    if mask.shape != x.shape:
        raise ValueError(f"keep_mask must have the shape of the array it masks: {mask.shape} != {x.shape}")
    # float32 stays float32: the divisor is converted to x's dtype (NumPy 2 treats Python floats as "weak").
    return x * mask / (1.0 - rate)


def dropout_forward(
    x: np.ndarray, rate: float, *, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """Inverted dropout: return ``(out, keep_mask)``.

    In training, each element of ``x`` is kept independently with probability ``1 - rate``
    (``rng.random(x.shape) >= rate``, one draw per element, so masks differ between the examples
    of a batch and between calls) and ``out = x * keep_mask / (1 - rate)``; ``keep_mask`` is a boolean
    array of x's shape, True where kept. When ``training`` is False or ``rate`` is 0, ``out`` is
    ``x`` unchanged (the same array, no random numbers drawn) and ``keep_mask`` is None.

    Floating dtypes are preserved (float32 in, float32 out); integer or boolean input is converted
    to float64 first.

    Raises:
        ValueError: ``rate`` is not a number in [0, 1) (negative, 1 or more, NaN, or not a number).
        TypeError: ``rng`` is not a ``numpy.random.Generator``, ``training`` is not a bool, or ``x``
            does not hold real numbers.
    """
    rate = check_rate(rate)
    rng = _check_rng(rng)
    training = _check_training(training)
    x = _as_float_array(x)
    if not training or rate == 0.0:
        return x, None
    mask = rng.random(x.shape) >= rate
    return x * mask / (1.0 - rate), mask


def dropout_backward(grad_out: np.ndarray, keep_mask: np.ndarray | None, rate: float) -> np.ndarray:
    """Gradient of :func:`dropout_forward` with respect to its input, for a fixed mask.

    ``out = x * keep_mask / (1 - rate)`` is linear in x, so ``grad_in = grad_out * keep_mask / (1 - rate)``.
    ``keep_mask=None`` (what the forward pass returns at inference or with rate 0) means the identity:
    ``grad_out`` is returned unchanged. Floating dtypes are preserved.

    Raises:
        ValueError: ``rate`` is not in [0, 1), or ``keep_mask``'s shape differs from ``grad_out``'s.
        TypeError: ``keep_mask`` is neither None nor a boolean array.
    """
    rate = check_rate(rate)
    grad_out = _as_float_array(grad_out, "grad_out")
    if keep_mask is None:
        return grad_out
    mask = np.asarray(keep_mask)
    if mask.dtype != np.bool_:
        raise TypeError(f"keep_mask must be None or a boolean array (True where kept); got dtype {mask.dtype}")
    if mask.shape != grad_out.shape:
        raise ValueError(f"keep_mask shape {mask.shape} must equal grad_out shape {grad_out.shape}")
    return grad_out * mask / (1.0 - rate)


def classic_dropout_forward(
    x: np.ndarray, rate: float, *, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """The original dropout of Srivastava et al. (2014): no scaling in training, ``x * (1 - rate)`` at test time.

    Training: ``out = x * keep_mask`` with the same mask as :func:`dropout_forward` (same random
    stream). Inference: ``out = x * (1 - rate)`` (the retention probability p = 1 - rate, *not* the
    rate), and ``keep_mask`` is None. Either way the expected training output equals the test output.
    """
    rate = check_rate(rate)
    rng = _check_rng(rng)
    training = _check_training(training)
    x = _as_float_array(x)
    if not training:
        return x * (1.0 - rate), None
    if rate == 0.0:
        return x, None
    mask = rng.random(x.shape) >= rate
    return x * mask, mask


def _fast_threshold(rate: float) -> int:
    # P(16 random bits < threshold) = threshold / 65536, the nearest multiple of 1/65536 to 1 - rate.
    return round((1.0 - rate) * FAST_MASK_RESOLUTION)


def fast_keep_probability(rate: float) -> float:
    """The exact keep probability of :func:`fast_keep_mask`: ``1 - rate`` rounded to a multiple of 1/65536.

    It differs from ``1 - rate`` by at most 1/131072 (half a step).
    """
    return _fast_threshold(check_rate(rate)) / FAST_MASK_RESOLUTION


def fast_keep_mask(shape: int | Sequence[int], rate: float, *, rng: np.random.Generator) -> np.ndarray:
    """A keep mask from 16 random bits per unit compared with an integer threshold.

    One 64-bit draw gives four units: ``rng.integers`` fills uint64 words, viewed as uint16, and a
    unit is kept where its 16 bits are below ``round((1 - rate) * 65536)``. The keep probability is
    exact to 1/131072 (see :func:`fast_keep_probability`); it needs a quarter of the random bits of
    :func:`bernoulli_keep_mask` and no conversion to floating point. Deterministic for a given generator state
    on a given platform (the split of a word into four units follows the machine's byte order).
    """
    shape = _check_shape(shape)
    rate = check_rate(rate)
    rng = _check_rng(rng)
    threshold = _fast_threshold(rate)
    size = math.prod(shape)
    if threshold >= FAST_MASK_RESOLUTION:  # rate below 1/131072: every unit is kept, no bits needed
        return np.ones(shape, dtype=bool)
    words = rng.integers(0, 2**64 - 1, size=(size + 3) // 4, dtype=np.uint64, endpoint=True)
    bits = words.view(np.uint16)[:size]
    return (bits < threshold).reshape(shape)


def fast_dropout_forward(
    x: np.ndarray, rate: float, *, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """Inverted dropout with :func:`fast_keep_mask`: same contract as :func:`dropout_forward`.

    The kept units are scaled by ``1 / p`` with ``p`` = :func:`fast_keep_probability` (rate), the
    mask's exact keep probability, so the expected output equals the input exactly. The arithmetic
    is done in place on one float buffer to avoid extra passes over memory.
    """
    rate = check_rate(rate)
    rng = _check_rng(rng)
    training = _check_training(training)
    x = _as_float_array(x)
    if not training or rate == 0.0:
        return x, None
    mask = fast_keep_mask(x.shape, rate, rng=rng)
    keep_probability = fast_keep_probability(rate)
    if keep_probability == 0.0:  # rate within 1/131072 of 1: nothing is kept
        return np.zeros_like(x), mask
    out = mask.view(np.uint8).astype(x.dtype)  # 1.0 where kept, 0.0 where dropped
    np.multiply(out, x, out=out)
    np.multiply(out, 1.0 / keep_probability, out=out, casting="same_kind")
    return out, mask


def binomial_interval(n: int, p: float, *, z: float = 4.0) -> tuple[float, float]:
    """The interval ``p ± z * sqrt(p (1 - p) / n)`` for the fraction of successes in ``n`` trials.

    With z = 4 a correct kept fraction falls outside with probability below 1e-4 (normal
    approximation, good when n p (1 - p) is above about 10). Clipped to [0, 1].
    """
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n <= 0:
        raise ValueError(f"n must be a positive integer (the number of units); got {n!r}")
    if isinstance(p, (bool, np.bool_)) or not isinstance(p, (int, float, np.integer, np.floating)) or not 0 <= p <= 1:
        raise ValueError(f"p must be a probability in [0, 1]; got {p!r}")
    if isinstance(z, (bool, np.bool_)) or not isinstance(z, (int, float, np.integer, np.floating)) or not z > 0:
        raise ValueError(f"z must be a positive number of standard errors; got {z!r}")
    half_width = z * math.sqrt(p * (1.0 - p) / n)
    return max(0.0, p - half_width), min(1.0, p + half_width)
