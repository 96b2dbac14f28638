"""Notebook 09: its dropout-loss and SGD code against the closed forms, its layers' masks, its claims
(helpers/findings/nb09.py) judged on made-up measurements, and its exercise checkers table-tested."""

from __future__ import annotations

import ast
from pathlib import Path

import jupytext
import keras
import numpy as np
import pytest

from helpers.exercises import nb09 as exercises
from helpers.findings import nb09

SOURCE = Path(__file__).resolve().parent.parent / "notebooks" / "src" / "09_why_dropout_works.py"


def notebook_definition(name: str, namespace: dict) -> object:
    """The function or class ``name`` as the notebook defines it, run in ``namespace``."""
    notebook = jupytext.read(SOURCE, fmt="py:percent")
    found = [
        node
        for cell in notebook.cells
        if cell.cell_type == "code"
        for node in ast.parse(cell.source).body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name
    ]
    assert len(found) == 1, f"09 should define {name} once"
    exec(compile(ast.Module(body=found, type_ignores=[]), f"09:{name}", "exec"), namespace)
    return namespace[name]


def _regression(seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    n, d, rate = 100, 3, 0.3
    X = rng.normal(size=(n, d)) * np.array([0.5, 1.0, 3.0])
    y = X @ rng.normal(size=d) + rng.normal(size=n)
    return {"np": np, "rng": rng, "X": X, "y": y, "n": n, "d": d, "RATE": rate, "keep": 1 - rate}


def test_the_average_dropout_loss_is_least_squares_plus_the_data_dependent_penalty() -> None:
    namespace = _regression()
    dropout_losses = notebook_definition("dropout_losses", namespace)
    X, y, rate = namespace["X"], namespace["y"], namespace["RATE"]
    w = np.array([0.5, -1.0, 0.3])
    losses = dropout_losses(w, k=20_000)
    closed = np.sum((y - X @ w) ** 2) + rate / (1 - rate) * np.sum(w**2 * (X**2).sum(axis=0))
    assert abs(losses.mean() - closed) < 4 * losses.std() / np.sqrt(len(losses))


def test_dropout_sgd_reaches_the_dropout_ridge_solution() -> None:
    namespace = _regression(1)
    dropout_sgd = notebook_definition("dropout_sgd", namespace)
    X, y, rate = namespace["X"], namespace["y"], namespace["RATE"]
    G = X.T @ X
    ridge = np.linalg.solve(G + rate / (1 - rate) * np.diag(np.diag(G)), X.T @ y)
    least_squares = np.linalg.solve(G, X.T @ y)
    reached = dropout_sgd(steps=20_000, lr=0.01)
    assert np.linalg.norm(reached - ridge) < 0.05 * np.linalg.norm(ridge - least_squares)


def test_the_geometric_mean_of_one_softmax_layer_is_its_weight_scaled_output() -> None:
    namespace = {"np": np}
    notebook_definition("softmax", namespace)
    geometric_mean = notebook_definition("geometric_mean", namespace)
    rng = np.random.default_rng(2)
    W, x, keep = rng.normal(size=(6, 4)), rng.normal(size=6), 0.7
    masks = np.array(np.meshgrid(*[[0, 1]] * 6)).reshape(6, -1).T
    weights = keep ** masks.sum(1) * (1 - keep) ** (6 - masks.sum(1))
    thinned = namespace["softmax"]((masks * x / keep) @ W)
    np.testing.assert_allclose(geometric_mean(thinned, weights), namespace["softmax"](x @ W), atol=1e-12)


def _layer(name: str) -> type:
    return notebook_definition(name, {"np": np, "keras": keras})


def test_drop_path_drops_whole_examples_and_is_the_identity_at_inference() -> None:
    layer = _layer("DropPath")(0.4, seed=3)
    x = np.ones((2000, 3, 5), "float32")
    out = keras.ops.convert_to_numpy(layer(x, training=True))
    per_example = out.reshape(2000, -1)
    assert np.all((per_example == 0).all(axis=1) | np.isclose(per_example, 1 / 0.6).all(axis=1))
    assert abs((per_example[:, 0] > 0).mean() - 0.6) < 0.05
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer(x)), x)


def test_dropconnect_masks_weights_and_is_a_plain_dense_at_inference() -> None:
    layer = _layer("DropConnectDense")(7, 0.5, seed=0)
    x = np.random.default_rng(0).normal(size=(4, 5)).astype("float32")
    plain = keras.ops.convert_to_numpy(layer(x))
    np.testing.assert_allclose(plain, x @ layer.kernel.numpy(), rtol=1e-5, atol=1e-6)
    assert keras.ops.convert_to_numpy(layer.mask()).shape == (5, 7)
    assert not np.allclose(keras.ops.convert_to_numpy(layer(x, training=True)), plain)


def test_dropblock_drops_square_blocks_and_keeps_the_sum() -> None:
    layer = _layer("DropBlock2D")(0.2, 3, seed=1)
    ones = np.ones((16, 12, 12, 4), "float32")
    out = keras.ops.convert_to_numpy(layer(ones, training=True))
    dropped = out == 0
    assert 0.05 < dropped.mean() < 0.4
    assert np.isclose(out.sum(), ones.sum(), rtol=1e-4)  # rescaled by all/kept
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer(ones)), ones)


def test_word_dropout_drops_every_copy_of_a_word() -> None:
    layer = _layer("WordDropoutEmbedding")(10, 4, 0.5, seed=2)
    ids = np.tile(np.arange(10, dtype="int32"), (8, 3))  # every word three times per sequence
    kept = np.abs(keras.ops.convert_to_numpy(layer(ids, training=True))).sum(axis=-1) > 0
    assert np.array_equal(kept[:, :10], kept[:, 10:20]) and np.array_equal(kept[:, :10], kept[:, 20:])
    assert 0 < kept.mean() < 1


def _ids(claims) -> dict[str, bool]:
    return {claim.id: bool(claim.holds) for claim in claims}


def test_penalty_and_ridge_claims_follow_their_conditions() -> None:
    assert _ids(nb09.penalty(mc_mean=100.2, mc_se=0.5, closed_form=100.0))["penalty_matches"]
    assert not _ids(nb09.penalty(mc_mean=110.0, mc_se=0.5, closed_form=100.0))["penalty_matches"]
    ridge, ls = np.array([1.0, 0.0]), np.array([2.0, 0.0])
    assert _ids(nb09.ridge_weights(np.array([1.01, 0.0]), ridge, ls))["sgd_reaches_ridge"]
    assert not _ids(nb09.ridge_weights(np.array([1.9, 0.0]), ridge, ls))["sgd_reaches_ridge"]


def test_geometric_mean_claims_follow_their_conditions() -> None:
    assert all(_ids(nb09.single_layer_ngm(ngm_gap=1e-16, am_gap=0.05)).values())
    assert not any(_ids(nb09.single_layer_ngm(ngm_gap=0.01, am_gap=1e-4)).values())
    errors = {"weight scaled": 0.2, "NGM": 0.205, "mean": 0.21}
    assert all(_ids(nb09.ngm_mlp(tv_ngm=0.005, tv_am=0.05, tv_halves=0.004, errors=errors)).values())
    far = _ids(nb09.ngm_mlp(tv_ngm=0.04, tv_am=0.05, tv_halves=0.1, errors={"a": 0.2, "b": 0.26}))
    assert not any(far.values())


INDEPENDENT = np.random.default_rng(0).random((3, 4000)) < np.array([[0.1], [0.2], [0.3]])


@pytest.mark.parametrize(
    ("first", "second", "held"), [(0.20, 0.21, True), (0.20, 0.24, False), (0.25, 0.20, False), (0.22, 0.20, True)]
)
def test_within_claims_fail_when_either_side_wins_by_three_points(first, second, held) -> None:
    verdicts = _ids(nb09.dropconnect(0.5, 0.5, 0.0, {"DropConnect": first, "Dropout": second}))
    assert verdicts == {"dropconnect_mask": True, "dropconnect_behind_dropout": first > second}
    path = _ids(nb09.drop_path(True, {0.1: 0.9}, INDEPENDENT, {"DropPath": first, "Dropout": second}))
    assert path["drop_path_vs_dropout"] is held
    words = _ids(nb09.word_dropout(True, True, {"word dropout": first, "SpatialDropout1D": second}))
    assert words["word_vs_spatial"] is held


def test_drop_path_independence_fails_for_blocks_sharing_one_random_stream() -> None:
    assert _ids(nb09.drop_path(True, {0.1: 0.9}, INDEPENDENT, {"DropPath": 0.2, "Dropout": 0.2}))[
        "drop_path_independent"
    ]
    draw = np.random.default_rng(0).random(4000)  # one stream for every block: nested drops
    shared = draw < np.array([[0.1], [0.2], [0.3]])
    assert not _ids(nb09.drop_path(True, {0.1: 0.9}, shared, {"DropPath": 0.2, "Dropout": 0.2}))[
        "drop_path_independent"
    ]


def test_mechanism_claims_fail_when_the_mechanism_is_broken() -> None:
    errors = {"DropBlock": 0.2, "Dropout": 0.2, "SpatialDropout2D": 0.2}
    scattered = nb09.dropblock({"rate": 0.2, "DropBlock": 0.2}, {"DropBlock": 0.2, "Dropout": 0.2}, errors)
    assert not _ids(scattered)["dropblock_contiguous"]
    assert not _ids(nb09.dropconnect(0.6, 0.5, 0.0, {"DropConnect": 0.2, "Dropout": 0.2}))["dropconnect_mask"]
    assert not _ids(nb09.drop_path(False, {0.1: 0.9}, INDEPENDENT, {"DropPath": 0.2, "Dropout": 0.2}))[
        "drop_path_whole_branch"
    ]
    words = nb09.word_dropout(False, True, {"word dropout": 0.1, "SpatialDropout1D": 0.1})
    assert not _ids(words)["word_dropout_drops_words"]


ODD_INPUTS = [None, "3", 3 + 1j, float("nan"), 1e308, 10**400, np.zeros((2, 2)), np.array(["a"]), [1, 2], {}, print]


def _raises(*args):
    raise RuntimeError("boom")


CHECKERS = [
    exercises.check_penalty_coefficient,
    exercises.check_drop_path_rates,
    exercises.check_dropconnect_mask_shape,
]


@pytest.mark.parametrize("check", CHECKERS)
@pytest.mark.parametrize(
    "answer",
    [*ODD_INPUTS, _raises, lambda *a: None, lambda *a: "x", lambda *a: np.nan, lambda *a: (1.5, 2), lambda *a: 10**400],
)
def test_odd_answers_never_raise_and_are_not_correct(check, answer) -> None:
    status, message = check.judge(answer)
    assert status in {"wrong", "missing"}, message
    assert message.startswith(("Not quite.", "Not yet:"))


TABLE = [
    (
        exercises.check_penalty_coefficient,
        [lambda r: r / (1 - r), lambda r: (1 - (1 - r)) / (1 - r), lambda r: np.float16(r / (1 - r))],
        [
            (lambda r: (r / (1 - r)) ** 0.5, "standard deviation"),
            (lambda r: r * (1 - r), "paper's p(1 − p)"),
            (lambda r: r, "the rate itself"),
            (lambda r: (1 - r) / r, "upside down"),
            (lambda r: 1 / (1 - r), "second moment"),
            (lambda r: 0.5, "expected"),
        ],
    ),
    (
        exercises.check_drop_path_rates,
        [lambda r, n: list(np.linspace(0, r, n)), lambda r, n: [r * i / (n - 1) if n > 1 else 0.0 for i in range(n)]],
        [
            (lambda r, n: np.arange(1, n + 1) / n * r, "Huang"),
            (lambda r, n: 1 - np.linspace(0, r, n), "survival"),
            (lambda r, n: [r] * n, "same rate"),
            (lambda r, n: np.linspace(0, r, n)[::-1], "reversed"),
            (lambda r, n: np.arange(n) / n * r, "stop short"),
            (lambda r, n: np.linspace(0, r, n + 1), "shape"),
        ],
    ),
    (
        exercises.check_dropconnect_mask_shape,
        [
            lambda b, i, u, e: (b, i, u) if e else (i, u),
            lambda b, i, u, e: [b, i, u] if e else [i, u],
            lambda b, i, u, e: np.zeros((b, i, u) if e else (i, u)).shape,
        ],
        [
            (lambda b, i, u, e: (b, u), "outputs"),
            (lambda b, i, u, e: (b, i), "inputs"),
            (lambda b, i, u, e: (i, u), "one mask for the whole batch"),
            (lambda b, i, u, e: (b, i, u), "per batch drops that axis"),
            (lambda b, i, u, e: (b, u, i) if e else (u, i), "(inputs, units)"),
            (lambda b, i, u, e: (b, i + 0.5, u), "whole numbers"),
            (lambda b, i, u, e: (True, i, u) if e else (i, u), "not True or False"),
        ],
    ),
]


@pytest.mark.parametrize(("check", "right", "wrong"), TABLE)
def test_right_answers_pass_and_wrong_ones_get_their_hint(check, right, wrong) -> None:
    for answer in right:
        status, message = check.judge(answer)
        assert status == "correct", message
    for answer, hint in wrong:
        status, message = check.judge(answer)
        assert status == "wrong", message
        assert hint in message, message
        assert check.judge(answer) == (status, message)  # deterministic
