"""The reference dropout in helpers/dropout.py: statistics, exact properties, gradients, dtypes, bad input.

Statistical tests use fixed seeds and tolerances derived from the binomial distribution (4 standard
errors: a correct implementation fails one check with probability below 1e-4; fixed seeds keep the
suite deterministic).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.dropout import (
    bernoulli_keep_mask,
    binomial_interval,
    check_rate,
    classic_dropout_forward,
    dropout_backward,
    dropout_forward,
    fast_dropout_forward,
    fast_keep_mask,
    fast_keep_probability,
)

RATES = (0.1, 0.2, 0.5, 0.8)


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


@pytest.mark.parametrize("rate", RATES)
@pytest.mark.parametrize("seed", (0, 1, 2))
def test_kept_fraction_lies_in_binomial_interval(rate: float, seed: int) -> None:
    n = 200_000
    _, mask = dropout_forward(np.ones(n, np.float32), rate, rng=rng(seed))
    low, high = binomial_interval(n, 1 - rate)
    assert low <= mask.mean() <= high


@pytest.mark.parametrize("rate", RATES)
def test_mean_is_preserved_and_variance_is_a2_rate_over_keep(rate: float) -> None:
    n, a = 200_000, 3.0
    out, mask = dropout_forward(np.full(n, a), rate, rng=rng(7))
    assert abs(out.mean() - a) < 4 * a * math.sqrt(rate / (1 - rate) / n)
    f = mask.mean()  # the measured variance is (a / p)^2 f (1 - f): a function of the kept fraction
    assert out.var() == pytest.approx((a / (1 - rate)) ** 2 * f * (1 - f), rel=1e-9)
    low, high = binomial_interval(n, 1 - rate)
    bounds = sorted((a / (1 - rate)) ** 2 * q * (1 - q) for q in (low, high))
    assert bounds[0] * 0.999 <= a**2 * rate / (1 - rate) <= max(bounds[1], (a / (1 - rate)) ** 2 / 4)


def test_mask_is_one_uniform_draw_per_unit_and_differs_per_example_and_call() -> None:
    np.testing.assert_array_equal(bernoulli_keep_mask((4, 5), 0.3, rng=rng(3)), rng(3).random((4, 5)) >= 0.3)
    generator = rng(4)
    _, first = dropout_forward(np.ones((64, 100)), 0.5, rng=generator)
    _, second = dropout_forward(np.ones((64, 100)), 0.5, rng=generator)
    assert len(np.unique(first, axis=0)) == 64 and not np.array_equal(first, second)


def test_inference_and_rate_zero_are_the_identity() -> None:
    x = rng(5).standard_normal((3, 4))
    out, mask = dropout_forward(x, 0.5, rng=rng(), training=False)
    assert out is x and mask is None
    out, mask = dropout_forward(x, 0.0, rng=rng())
    assert out is x and mask is None


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
def test_dtype_is_preserved(dtype: type) -> None:
    out, _ = dropout_forward(np.ones(100, dtype), 0.5, rng=rng())
    assert out.dtype == dtype
    assert dropout_backward(np.ones(100, dtype), np.ones(100, bool), 0.5).dtype == dtype


@settings(max_examples=50, deadline=None)
@given(
    shape=st.lists(st.integers(1, 6), min_size=1, max_size=3),
    rate=st.sampled_from([0.0, 0.1, 0.5, 0.9]),
    seed=st.integers(0, 2**32 - 1),
)
def test_every_output_is_zero_or_scaled_input(shape: list[int], rate: float, seed: int) -> None:
    x = np.random.default_rng(seed).standard_normal(shape).astype(np.float32)
    out, mask = dropout_forward(x, rate, rng=rng(seed))
    if rate == 0:
        assert out is x
        return
    np.testing.assert_array_equal(out, np.where(mask, x / np.float32(1 - rate), np.float32(0)))


def _central_difference(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = eps
        grad[index] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad


@pytest.mark.parametrize("rate", [0.2, 0.5])
def test_gradient_check_dropout_alone(rate: float) -> None:
    generator = rng(12)
    x, weights = generator.standard_normal((4, 6)), generator.standard_normal((4, 6))
    _, mask = dropout_forward(x, rate, rng=generator)
    numeric = _central_difference(lambda z: float(np.sum(weights * z * mask / (1 - rate))), x)
    analytic = dropout_backward(weights, mask, rate)
    assert np.max(np.abs(analytic - numeric)) / np.max(np.abs(analytic)) < 1e-7
    assert dropout_backward(weights, None, rate) is weights


def test_classic_dropout_same_mask_and_test_time_scaling_by_keep_probability() -> None:
    x = rng(14).standard_normal((8, 9))
    out, mask = classic_dropout_forward(x, 0.3, rng=rng(15))
    np.testing.assert_array_equal(mask, dropout_forward(x, 0.3, rng=rng(15))[1])
    np.testing.assert_array_equal(out, x * mask)
    test_out, test_mask = classic_dropout_forward(x, 0.3, rng=rng(), training=False)
    assert test_mask is None
    np.testing.assert_allclose(test_out, x * 0.7)
    big = np.full(200_000, 2.0)
    train_mean = classic_dropout_forward(big, 0.2, rng=rng(16))[0].mean()
    assert abs(train_mean - 1.6) < 4 * 2.0 * math.sqrt(0.2 * 0.8 / big.size)


@pytest.mark.parametrize("rate", [0.0, 1e-6, 0.1, 1 / 3, 0.5, 0.99999])
def test_fast_keep_probability_is_within_half_a_step(rate: float) -> None:
    p = fast_keep_probability(rate)
    assert abs(p - (1 - rate)) <= 0.5 / 65536 and p * 65536 == round(p * 65536)


@pytest.mark.parametrize("rate", RATES)
def test_fast_kept_fraction_in_binomial_interval_in_every_lane(rate: float) -> None:
    n = 400_000
    mask = fast_keep_mask((n,), rate, rng=rng(1))
    p = fast_keep_probability(rate)
    lane_low, lane_high = binomial_interval(n // 4, p)  # each of a word's four 16-bit lanes is fair
    for lane in range(4):
        assert lane_low <= mask[lane::4].mean() <= lane_high


def test_fast_mask_is_the_documented_threshold_on_sixteen_bits() -> None:
    mask = fast_keep_mask((3, 5), 0.25, rng=rng(20))
    words = rng(20).integers(0, 2**64 - 1, size=4, dtype=np.uint64, endpoint=True)
    np.testing.assert_array_equal(mask, (words.view(np.uint16)[:15] < round(0.75 * 65536)).reshape(3, 5))
    assert fast_keep_mask((100,), 0.0, rng=rng()).all()
    assert fast_keep_mask(7, 0.5, rng=rng()).shape == (7,)


def test_fast_dropout_forward_exact_properties_and_mean() -> None:
    x = rng(21).standard_normal((256, 512)).astype(np.float32)
    out, mask = fast_dropout_forward(x, 0.2, rng=rng(22))
    p = fast_keep_probability(0.2)
    assert out.dtype == np.float32 and np.all(out[~mask] == 0)
    np.testing.assert_allclose(out[mask], x[mask].astype(np.float64) / p, rtol=1e-6)
    ones, _ = fast_dropout_forward(np.ones(400_000), 0.2, rng=rng(23))
    assert abs(ones.mean() - 1) < 4 * math.sqrt(0.2 / 0.8 / ones.size)
    out, mask = fast_dropout_forward(np.ones(10), 0.999999, rng=rng())
    assert not mask.any() and not out.any()


def test_binomial_interval_values() -> None:
    assert binomial_interval(10_000, 0.5, z=2) == pytest.approx((0.49, 0.51))
    assert binomial_interval(10, 0.0) == (0.0, 0.0) and binomial_interval(4, 0.99)[1] == 1.0


@pytest.mark.parametrize("bad", (-0.1, 1, 1.5, float("nan"), "0.5", None, True))
def test_bad_rates_raise_value_error_naming_rate(bad: object) -> None:
    for call in (
        lambda: dropout_forward(np.ones(3), bad, rng=rng()),
        lambda: dropout_backward(np.ones(3), None, bad),
        lambda: classic_dropout_forward(np.ones(3), bad, rng=rng()),
        lambda: fast_keep_mask(3, bad, rng=rng()),
    ):
        with pytest.raises(ValueError, match="rate"):
            call()
    assert check_rate(0.25) == 0.25


@pytest.mark.parametrize("bad_rng", [None, 0, np.random.RandomState(0)])
def test_rng_must_be_a_generator(bad_rng: object) -> None:
    with pytest.raises(TypeError, match=r"numpy\.random\.Generator"):
        dropout_forward(np.ones(3), 0.5, rng=bad_rng)
