"""Notebook 02's written-out dropout code against the course's tested copy (helpers/dropout.py), on the
same random numbers, and 02's claim definitions (helpers/findings/nb02.py) on made-up measurements.

The notebook shows the code a learner must understand; the comparison with the reference copy lives
here (micrograd's way), not in a learner's cell.
"""

from __future__ import annotations

import ast
import math
from pathlib import Path

import notebook_code
import numpy as np
import pytest

from helpers import dropout
from helpers.findings import nb02

SOURCE = Path(__file__).resolve().parent.parent / "notebooks" / "src" / "02_dropout_from_scratch.py"
FUNCTIONS = (
    "keep_mask",
    "dropout_forward",
    "classic_dropout_forward",
    "dropout_backward",
    "numerical_gradient",
    "relative_error",
    "gradient_error",
    "fast_keep_mask",
)


def notebook_functions(source: str | None = None) -> dict:
    """The functions 02 defines in its code cells (only the ``def`` statements are run)."""
    return notebook_code.functions(SOURCE.stem, FUNCTIONS, {"np": np, "math": math}, source)


@pytest.fixture(scope="module")
def nb() -> dict:
    return notebook_functions()


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


@pytest.mark.parametrize("rate", [0.0, 0.2, 0.5, 0.9])
def test_keep_mask_draws_the_references_mask(nb: dict, rate: float) -> None:
    for seed in (0, 7):
        mine = nb["keep_mask"]((64, 100), rate, rng(seed))
        assert np.array_equal(mine, dropout.bernoulli_keep_mask((64, 100), rate, rng=rng(seed)))


@pytest.mark.parametrize("rate", [0.0, 0.1, 0.5, 0.8])
def test_dropout_forward_equals_the_reference(nb: dict, rate: float) -> None:
    x = rng(100).standard_normal((32, 50)).astype(np.float32)
    mine, mine_mask = nb["dropout_forward"](x, rate, rng())
    ref, ref_mask = dropout.dropout_forward(x, rate, rng=rng())
    assert np.array_equal(mine, ref) and mine.dtype == np.float32
    assert (mine_mask is None and ref_mask is None) or np.array_equal(mine_mask, ref_mask)
    assert nb["dropout_forward"](x, rate, None, training=False)[0] is x  # inference: x itself


def test_dropout_forward_drops_everything_at_rate_1_and_refuses_other_rates(nb: dict) -> None:
    x = np.arange(16, dtype=np.float32).reshape(2, 8)
    out, mask = nb["dropout_forward"](x, 1.0, rng())
    assert np.array_equal(out, np.zeros_like(x)) and out.dtype == np.float32 and not mask.any()
    for bad in (-0.1, 1.5):
        with pytest.raises(ValueError, match="rate must be in"):
            nb["dropout_forward"](x, bad, rng())


@pytest.mark.parametrize("rate", [0.0, 0.2, 0.5, 0.8])
@pytest.mark.parametrize("training", [True, False])
def test_classic_dropout_forward_equals_the_reference(nb: dict, rate: float, training: bool) -> None:
    x = rng(100).standard_normal((32, 50)).astype(np.float32)
    mine, _ = nb["classic_dropout_forward"](x, rate, rng(), training)
    ref, _ = dropout.classic_dropout_forward(x, rate, rng=rng(), training=training)
    assert np.array_equal(mine, ref)


@pytest.mark.parametrize("rate", [0.1, 0.5, 0.8])
def test_dropout_backward_equals_the_reference(nb: dict, rate: float) -> None:
    x, grad_out = rng(100).standard_normal((2, 32, 50)).astype(np.float32)
    _, mask = nb["dropout_forward"](x, rate, rng())
    mine = nb["dropout_backward"](grad_out, mask, rate)
    assert np.array_equal(mine, dropout.dropout_backward(grad_out, mask, rate)) and mine.dtype == np.float32
    assert nb["dropout_backward"](grad_out, None, rate) is grad_out  # inference or rate 0
    no_mask = np.zeros_like(mask)
    assert np.array_equal(nb["dropout_backward"](grad_out, no_mask, 1.0), np.zeros_like(grad_out))


@pytest.mark.parametrize("rate", [0.1, 0.5, 0.7])
def test_fast_keep_mask_equals_the_reference(nb: dict, rate: float) -> None:
    for shape in ((4 * 2**10,), (3, 7)):  # a size that is not a multiple of 4 too
        assert np.array_equal(nb["fast_keep_mask"](shape, rate, rng()), dropout.fast_keep_mask(shape, rate, rng=rng()))


def test_a_different_scaling_rule_would_be_caught() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert "return x * mask / (1 - rate), mask" in text
    wrong = notebook_functions(text.replace("return x * mask / (1 - rate), mask", "return x * mask / rate, mask"))
    x = np.ones((8, 8), dtype=np.float32)
    assert not np.array_equal(wrong["dropout_forward"](x, 0.2, rng())[0], dropout.dropout_forward(x, 0.2, rng=rng())[0])


def test_the_notebooks_gradient_check_passes_its_backward_and_catches_a_wrong_one(nb: dict) -> None:
    assert nb["gradient_error"](0.5, rng()) < nb02.GRADIENT_TOLERANCE
    missing_scale = {**nb, "dropout_backward": lambda grad_out, mask, rate: grad_out * mask}
    exec(compile(ast.unparse(_function_node("gradient_error")), SOURCE.name, "exec"), missing_scale)
    assert missing_scale["gradient_error"](0.5, rng()) > 0.1


def _function_node(name: str) -> ast.FunctionDef:
    import jupytext

    cells = jupytext.read(SOURCE, fmt="py:percent").cells
    nodes = [n for c in cells if c.cell_type == "code" for n in ast.parse(c.source).body]
    return next(n for n in nodes if isinstance(n, ast.FunctionDef) and n.name == name)


# helpers/findings/nb02.py: every claim holds on right measurements and fails on a wrong one


def _verdicts(claims: list) -> dict[str, bool]:
    return {claim.id: bool(claim.holds) for claim in claims}


def _measure(rate: float, a: float = 2.0, n: int = 1_000_000, seed: int = 0) -> tuple[float, float, float]:
    out, mask = dropout.dropout_forward(np.full(n, a), rate, rng=rng(seed))
    return mask.mean(), out.mean(), out.var()


def test_forward_claims_hold_on_a_correct_mask_and_fail_on_wrong_numbers() -> None:
    x = np.ones((2, 8))
    tiny = {0.0: (x, None)}
    measured = {rate: _measure(rate) for rate in (0.1, 0.5, 0.7)}
    assert all(_verdicts(nb02.forward(x, tiny, 2.0, 1_000_000, measured)).values())
    kept, mean, variance = measured[0.5]
    for wrong, failing in (
        ((kept + 0.01, mean, variance), "kept_fraction"),  # 20 standard errors off
        ((kept, mean + 0.02, variance), "mean_preserved"),
        ((kept, mean, variance * 1.02), "variance_formula"),
    ):
        verdicts = _verdicts(nb02.forward(x, tiny, 2.0, 1_000_000, {**measured, 0.5: wrong}))
        assert [claim for claim, holds in verdicts.items() if not holds] == [failing]
    copied = {0.0: (x.copy(), None)}  # equal values, but not the input itself
    assert not _verdicts(nb02.forward(x, copied, 2.0, 1_000_000, measured))["rate0_identity"]


def test_variance_interval_contains_the_formula_and_excludes_a_wrong_scale() -> None:
    for rate in (0.1, 0.5, 0.8):
        low, high = nb02.variance_interval(2.0, rate, 1_000_000)
        assert low <= 4 * rate / (1 - rate) <= high
        assert not low <= 4 * rate * (1 - rate) <= high  # the classic variant's variance


def test_mask_claims_catch_a_shared_mask_and_a_repeated_step() -> None:
    step_1, step_2 = rng().random((2, 64, 100)) >= 0.5
    assert all(_verdicts(nb02.masks(step_1, step_2, 0.5)).values())
    shared = np.tile(step_1[0], (64, 1))
    assert not _verdicts(nb02.masks(shared, step_2, 0.5))["mask_per_example"]
    assert not _verdicts(nb02.masks(step_1, step_1, 0.5))["new_mask_per_step"]
    uneven_1, uneven_2 = rng().random((2, 64, 100)) >= 0.2  # agreement 0.8² + 0.2² = 0.68
    assert _verdicts(nb02.masks(uneven_1, uneven_2, 0.2))["new_mask_per_step"]


def test_classic_claim_fails_when_the_training_mean_is_off() -> None:
    assert nb02.classic(1.6002, 1.6, 2.0, 0.2, 1_000_000)[0].holds
    assert not nb02.classic(1.61, 1.6, 2.0, 0.2, 1_000_000)[0].holds  # 12.5 standard errors


def test_gradient_claims_fail_on_a_large_error_or_a_kink() -> None:
    assert nb02.backward({0.2: 1e-10, 0.5: 3e-11})[0].holds
    assert not nb02.backward({0.2: 1e-10, 0.5: 1e-5})[0].holds
    errors = {"W1": 1e-10, "b1": 1e-10, "W2": 1e-10, "b2": 1e-10}
    assert nb02.network(errors, kink_distance=0.01)[0].holds
    assert not nb02.network(errors, kink_distance=1e-7)[0].holds
    assert not nb02.network({**errors, "b2": 1e-6}, kink_distance=0.01)[0].holds


def _history(train: float, val: float, orders: list, weights: list) -> dict:
    return {"accuracy": [train] * 5, "val_accuracy": [val] * 5, "orders": orders, "initial_weights": weights}


def test_training_claims_on_made_up_histories() -> None:
    orders, weights = [np.arange(5), np.arange(5)[::-1]], [np.ones((2, 2))]
    histories = {"no dropout": _history(0.92, 0.82, orders, weights), "dropout": _history(0.88, 0.82, orders, weights)}
    assert all(_verdicts(nb02.training(histories)).values())
    shuffled = {**histories, "dropout": _history(0.88, 0.82, orders[::-1], weights)}
    assert not _verdicts(nb02.training(shuffled))["same_start_and_order"]
    wider = {**histories, "dropout": _history(0.95, 0.82, orders, weights)}
    assert not _verdicts(nb02.training(wider))["gap_narrows"]
    worse = {**histories, "dropout": _history(0.80, 0.79, orders, weights)}
    verdicts = _verdicts(nb02.training(worse))
    assert not verdicts["val_accuracy_kept"] and verdicts["gap_narrows"]
    from_validation = {**histories, "dropout": _history(0.92, 0.86, orders, weights)}
    assert not _verdicts(nb02.training(from_validation))["narrowing_from_training"]


def test_fast_mask_and_speed_claims() -> None:
    n = 4 * 2**20
    assert nb02.fast_mask({0.5: 0.5001, 0.7: 0.3}, n)[0].holds
    assert not nb02.fast_mask({0.5: 0.51, 0.7: 0.3}, n)[0].holds
    speeds = {("copy", 16): 900.0, ("numpy", 16): 90.0, ("copy", 22): 500.0, ("numpy", 22): 60.0}
    assert nb02.speed(speeds)[0].holds
    assert not nb02.speed({**speeds, ("numpy", 22): 600.0})[0].holds
