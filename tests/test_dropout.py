"""The reference dropout in helpers/dropout.py: statistics, exact properties, gradients, dtypes, bad input.

Statistical tests use fixed seeds and tolerances derived from the binomial distribution
(z = 4 standard errors: a correct implementation fails one check with probability below 1e-4,
and the seeds are fixed, so the suite is deterministic).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import dropout
from helpers.dropout import (
    FAST_MASK_RESOLUTION,
    apply_keep_mask,
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
SEEDS = (0, 1, 2)
BAD_RATES = (-0.1, 1, 1.0, 1.5, float("nan"), float("inf"), "0.5", None, True, [0.5])


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# --- the straightforward mask and the forward pass -------------------------------------------


@pytest.mark.parametrize("rate", RATES)
@pytest.mark.parametrize("seed", SEEDS)
def test_kept_fraction_lies_in_binomial_interval(rate: float, seed: int) -> None:
    n = 200_000
    _, mask = dropout_forward(np.ones(n, np.float32), rate, rng=rng(seed))
    low, high = binomial_interval(n, 1 - rate)
    assert low <= mask.mean() <= high


@pytest.mark.parametrize("rate", RATES)
def test_mean_is_preserved_within_standard_error(rate: float) -> None:
    # For x = c, out = c * B / (1 - rate) with B ~ Bernoulli(1 - rate): mean c, variance c^2 rate / (1 - rate).
    n, c = 200_000, 3.0
    out, _ = dropout_forward(np.full(n, c), rate, rng=rng(7))
    standard_error = c * math.sqrt(rate / (1 - rate) / n)
    assert abs(out.mean() - c) < 4 * standard_error


@pytest.mark.parametrize("rate", RATES)
def test_variance_grows_as_rate_over_keep(rate: float) -> None:
    n, c = 200_000, 2.0
    out, _ = dropout_forward(np.full(n, c), rate, rng=rng(11))
    expected = c**2 * rate / (1 - rate)
    # The sample variance is a function of the kept fraction f: c^2 f (1 - f) / (1 - rate)^2,
    # so the binomial interval of f bounds it.
    low, high = binomial_interval(n, 1 - rate)
    bounds = sorted(c**2 * f * (1 - f) / (1 - rate) ** 2 for f in (low, high))
    assert bounds[0] * 0.999 <= out.var() <= bounds[1] * 1.001
    assert out.var() == pytest.approx(expected, rel=0.05)


@pytest.mark.parametrize("rate", RATES)
def test_zeros_where_dropped_and_inverse_keep_scale_where_kept(rate: float) -> None:
    x = rng(3).standard_normal((64, 100)).astype(np.float32)
    out, mask = dropout_forward(x, rate, rng=rng(4))
    assert mask.dtype == np.bool_ and mask.shape == x.shape
    assert np.all(out[~mask] == 0)
    np.testing.assert_array_equal(out[mask], x[mask] / np.float32(1 - rate))
    np.testing.assert_allclose(out[mask], x[mask].astype(np.float64) / (1 - rate), rtol=1e-6)


def test_mask_comes_from_one_uniform_draw_per_unit() -> None:
    # The notebook's step-by-step code relies on this stream: rng.random(shape) >= rate.
    x = np.ones((5, 7))
    _, mask = dropout_forward(x, 0.3, rng=rng(5))
    np.testing.assert_array_equal(mask, rng(5).random((5, 7)) >= 0.3)
    np.testing.assert_array_equal(mask, bernoulli_keep_mask((5, 7), 0.3, rng=rng(5)))


def test_masks_differ_per_example_and_per_call() -> None:
    generator = rng(6)
    x = np.ones((32, 50), np.float32)
    _, first = dropout_forward(x, 0.5, rng=generator)
    _, second = dropout_forward(x, 0.5, rng=generator)
    assert len({row.tobytes() for row in first}) == 32
    assert not np.array_equal(first, second)


@pytest.mark.parametrize("rate", [0.0, 0.5])
def test_inference_is_identity(rate: float) -> None:
    x = rng(8).standard_normal((4, 5)).astype(np.float32)
    generator = rng(9)
    state = generator.bit_generator.state
    out, mask = dropout_forward(x, rate, rng=generator, training=False)
    assert out is x and mask is None
    assert generator.bit_generator.state == state  # no random numbers drawn


def test_rate_zero_is_identity_in_training() -> None:
    x = rng(8).standard_normal(10)
    out, mask = dropout_forward(x, 0, rng=rng(1))
    assert out is x and mask is None


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
def test_dtype_is_preserved(dtype: type) -> None:
    x = np.ones((3, 4), dtype)
    out, mask = dropout_forward(x, 0.5, rng=rng())
    assert out.dtype == dtype
    assert dropout_backward(np.ones((3, 4), dtype), mask, 0.5).dtype == dtype
    assert apply_keep_mask(x, mask, 0.5).dtype == dtype
    assert classic_dropout_forward(x, 0.5, rng=rng())[0].dtype == dtype
    assert classic_dropout_forward(x, 0.5, rng=rng(), training=False)[0].dtype == dtype
    assert fast_dropout_forward(x, 0.5, rng=rng())[0].dtype == dtype


def test_integer_input_becomes_float64() -> None:
    out, _ = dropout_forward(np.arange(16), 0.5, rng=rng())
    assert out.dtype == np.float64
    assert set(np.unique(out)) <= {0.0} | {2.0 * v for v in range(16)}


@settings(max_examples=60, deadline=None)
@given(
    shape=st.lists(st.integers(1, 6), min_size=1, max_size=3),
    rate=st.floats(0, 0.99),
    seed=st.integers(0, 2**32 - 1),
)
def test_every_output_is_zero_or_scaled_input(shape: list[int], rate: float, seed: int) -> None:
    x = np.random.default_rng(seed).standard_normal(shape).astype(np.float32)
    out, mask = dropout_forward(x, rate, rng=rng(seed))
    if rate == 0:
        assert out is x
        return
    np.testing.assert_array_equal(out, np.where(mask, x / np.float32(1 - rate), np.float32(0)))


# --- backward pass and gradient checks --------------------------------------------------------


def _central_difference(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = eps
        grad[index] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad


def _relative_error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a)) + np.max(np.abs(b)), 1e-300))


@pytest.mark.parametrize("rate", [0.2, 0.5])
def test_gradient_check_dropout_alone(rate: float) -> None:
    generator = rng(12)
    x = generator.standard_normal((4, 6))
    weights = generator.standard_normal((4, 6))  # loss = sum(weights * dropout(x)) with a fixed mask
    _, mask = dropout_forward(x, rate, rng=generator)

    def loss(z: np.ndarray) -> float:
        return float(np.sum(weights * apply_keep_mask(z, mask, rate)))

    analytic = dropout_backward(weights, mask, rate)
    assert _relative_error(analytic, _central_difference(loss, x)) < 1e-7


def test_gradient_check_dense_relu_dropout_dense() -> None:
    generator = rng(13)
    x = generator.standard_normal((5, 4))
    w1, b1 = generator.standard_normal((4, 8)), generator.standard_normal(8) * 0.1
    w2, b2 = generator.standard_normal((8, 3)), generator.standard_normal(3) * 0.1
    target = generator.standard_normal((5, 3))
    rate = 0.4
    _, mask = dropout_forward(np.ones((5, 8)), rate, rng=generator)

    def forward(w1_: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
        pre = x @ w1_ + b1
        hidden = np.maximum(pre, 0)
        dropped = apply_keep_mask(hidden, mask, rate)
        out = dropped @ w2 + b2
        return float(0.5 * np.sum((out - target) ** 2)), {"pre": pre, "out": out}

    _, cache = forward(w1)
    grad_out = cache["out"] - target
    grad_dropped = grad_out @ w2.T
    grad_hidden = dropout_backward(grad_dropped, mask, rate)
    grad_pre = grad_hidden * (cache["pre"] > 0)
    analytic = x.T @ grad_pre
    numeric = _central_difference(lambda w: forward(w)[0], w1)
    assert _relative_error(analytic, numeric) < 1e-7


def test_backward_is_zero_where_dropped_and_scaled_where_kept() -> None:
    grad = np.arange(1, 13, dtype=np.float32).reshape(3, 4)
    mask = np.array([[True, False, True, False]] * 3)
    out = dropout_backward(grad, mask, 0.75)
    np.testing.assert_array_equal(out, np.where(mask, grad * 4, 0))


def test_backward_without_mask_is_identity() -> None:
    grad = np.ones((2, 2), np.float32)
    assert dropout_backward(grad, None, 0.5) is grad


# --- the classic variant ----------------------------------------------------------------------


def test_classic_dropout_uses_the_same_mask_and_scales_by_keep_probability_at_test_time() -> None:
    x = rng(14).standard_normal((8, 9))
    out, mask = classic_dropout_forward(x, 0.3, rng=rng(15))
    _, inverted_mask = dropout_forward(x, 0.3, rng=rng(15))
    np.testing.assert_array_equal(mask, inverted_mask)
    np.testing.assert_array_equal(out, x * mask)
    test_out, test_mask = classic_dropout_forward(x, 0.3, rng=rng(15), training=False)
    assert test_mask is None
    np.testing.assert_allclose(test_out, x * 0.7)
    assert classic_dropout_forward(x, 0.0, rng=rng())[1] is None


def test_classic_expected_training_output_matches_test_output() -> None:
    x = np.full(200_000, 2.0)
    out, _ = classic_dropout_forward(x, 0.2, rng=rng(16))
    test_out, _ = classic_dropout_forward(x, 0.2, rng=rng(16), training=False)
    standard_error = 2.0 * math.sqrt(0.2 * 0.8 / x.size)
    assert abs(out.mean() - test_out[0]) < 4 * standard_error


# --- the fast mask ----------------------------------------------------------------------------


@pytest.mark.parametrize("rate", [0.0, 1e-6, 0.1, 0.2, 0.3, 1 / 3, 0.5, 0.9, 0.99999])
def test_fast_keep_probability_is_within_half_a_step(rate: float) -> None:
    p = fast_keep_probability(rate)
    assert abs(p - (1 - rate)) <= 0.5 / FAST_MASK_RESOLUTION
    assert (p * FAST_MASK_RESOLUTION) == round(p * FAST_MASK_RESOLUTION)


@pytest.mark.parametrize("rate", RATES)
@pytest.mark.parametrize("seed", SEEDS)
def test_fast_kept_fraction_in_binomial_interval_in_every_lane(rate: float, seed: int) -> None:
    n = 400_000
    mask = fast_keep_mask((n,), rate, rng=rng(seed))
    p = fast_keep_probability(rate)
    low, high = binomial_interval(n, p)
    assert low <= mask.mean() <= high
    # Each 64-bit word feeds four units; each of the four positions must be fair on its own.
    lane_low, lane_high = binomial_interval(n // 4, p)
    for lane in range(4):
        assert lane_low <= mask[lane::4].mean() <= lane_high


def test_fast_mask_is_the_documented_threshold_on_sixteen_bits() -> None:
    shape = (3, 5)  # 15 units: four words, the last one partly used
    mask = fast_keep_mask(shape, 0.25, rng=rng(20))
    words = rng(20).integers(0, 2**64 - 1, size=4, dtype=np.uint64, endpoint=True)
    expected = (words.view(np.uint16)[:15] < round(0.75 * 65536)).reshape(shape)
    np.testing.assert_array_equal(mask, expected)


def test_fast_mask_edge_rates() -> None:
    assert fast_keep_mask((100,), 0.0, rng=rng()).all()
    assert fast_keep_mask(7, 0.5, rng=rng()).shape == (7,)
    assert fast_keep_mask((0, 3), 0.5, rng=rng()).shape == (0, 3)
    out, mask = fast_dropout_forward(np.ones(10), 0.999999, rng=rng())
    assert not mask.any() and not out.any()


def test_fast_dropout_forward_exact_properties_and_mean() -> None:
    x = rng(21).standard_normal((256, 512)).astype(np.float32)
    out, mask = fast_dropout_forward(x, 0.2, rng=rng(22))
    p = fast_keep_probability(0.2)
    assert out.dtype == np.float32
    assert np.all(out[~mask] == 0)
    np.testing.assert_allclose(out[mask], x[mask].astype(np.float64) / p, rtol=1e-6)
    ones, _ = fast_dropout_forward(np.ones(400_000), 0.2, rng=rng(23))
    assert abs(ones.mean() - 1) < 4 * math.sqrt(0.2 / 0.8 / ones.size)
    same, none = fast_dropout_forward(x, 0.2, rng=rng(), training=False)
    assert same is x and none is None


# --- the binomial interval --------------------------------------------------------------------


def test_binomial_interval_values() -> None:
    low, high = binomial_interval(10_000, 0.5, z=2)
    assert (low, high) == pytest.approx((0.49, 0.51))
    assert binomial_interval(4, 1.0) == (1.0, 1.0)
    assert binomial_interval(1, 0.5, z=4) == (0.0, 1.0)


@pytest.mark.parametrize(
    "kwargs",
    [{"n": 0, "p": 0.5}, {"n": 1.5, "p": 0.5}, {"n": 10, "p": 1.5}, {"n": 10, "p": "x"}, {"n": 10, "p": 0.5, "z": 0}],
)
def test_binomial_interval_bad_input(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        binomial_interval(**kwargs)


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", BAD_RATES)
def test_bad_rates_raise_value_error_naming_rate_and_range(bad: object) -> None:
    x = np.ones(3)
    for call in (
        lambda: dropout_forward(x, bad, rng=rng()),
        lambda: dropout_forward(x, bad, rng=rng(), training=False),
        lambda: dropout_backward(x, np.ones(3, bool), bad),
        lambda: classic_dropout_forward(x, bad, rng=rng()),
        lambda: fast_dropout_forward(x, bad, rng=rng()),
        lambda: fast_keep_mask(3, bad, rng=rng()),
        lambda: bernoulli_keep_mask(3, bad, rng=rng()),
        lambda: fast_keep_probability(bad),
        lambda: apply_keep_mask(x, np.ones(3, bool), bad),
    ):
        with pytest.raises(ValueError, match=r"rate must be .*\[0, 1\)"):
            call()


def test_check_rate_accepts_numbers_and_names_the_argument() -> None:
    assert check_rate(0) == 0.0 and isinstance(check_rate(np.float32(0.5)), float)
    with pytest.raises(ValueError, match="input_rate"):
        check_rate(2, "input_rate")


def test_mask_shape_mismatch_raises_value_error() -> None:
    with pytest.raises(ValueError, match="shape"):
        dropout_backward(np.ones((2, 3)), np.ones((3, 2), bool), 0.5)
    with pytest.raises(ValueError, match="shape"):
        apply_keep_mask(np.ones((2, 3)), np.ones(6, bool), 0.5)


def test_non_boolean_mask_raises_type_error() -> None:
    with pytest.raises(TypeError, match="keep_mask"):
        dropout_backward(np.ones(3), np.ones(3), 0.5)
    with pytest.raises(TypeError, match="keep_mask"):
        apply_keep_mask(np.ones(3), np.ones(3, np.int8), 0.5)


@pytest.mark.parametrize("bad_rng", [None, 0, np.random.RandomState(0), np.random.PCG64(0)])
def test_rng_must_be_a_generator(bad_rng: object) -> None:
    for function in (dropout_forward, classic_dropout_forward, fast_dropout_forward):
        with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
            function(np.ones(3), 0.5, rng=bad_rng)
    for function in (bernoulli_keep_mask, fast_keep_mask):
        with pytest.raises(TypeError, match="rng"):
            function(3, 0.5, rng=bad_rng)


@pytest.mark.parametrize("bad", [1, "yes", None])
def test_training_must_be_bool(bad: object) -> None:
    with pytest.raises(TypeError, match="training"):
        dropout_forward(np.ones(3), 0.5, rng=rng(), training=bad)


@pytest.mark.parametrize("bad", [np.array(["a"]), np.array([1 + 2j]), np.array([object()])])
def test_non_real_input_raises_type_error(bad: np.ndarray) -> None:
    with pytest.raises(TypeError, match="real numbers"):
        dropout_forward(bad, 0.5, rng=rng())


@pytest.mark.parametrize("bad", [-1, (2, -1), (2.0, 3), "3", None, True])
def test_bad_shapes_raise_value_error(bad: object) -> None:
    with pytest.raises(ValueError, match="shape"):
        fast_keep_mask(bad, 0.5, rng=rng())
    with pytest.raises(ValueError, match="shape"):
        bernoulli_keep_mask(bad, 0.5, rng=rng())


def test_public_names() -> None:
    assert sorted(dropout.__all__) == sorted(name for name in dropout.__all__ if hasattr(dropout, name))
    assert "dropout_forward" in dropout.__all__ and "dropout_backward" in dropout.__all__
