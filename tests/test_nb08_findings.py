"""Notebook 08: its calibration measures and corruptions against plain loops, and its claims judged on made-up
measurements."""

from __future__ import annotations

from pathlib import Path

import jupytext
import numpy as np
import pytest

from helpers.findings import nb08

SOURCE = Path(__file__).resolve().parent.parent / "notebooks" / "src" / "08_uncertainty.py"


def notebook_cell(name: str) -> dict:
    """Run the code cell of notebook 08 that defines ``name`` and return its namespace."""
    cells = [c.source for c in jupytext.read(SOURCE, fmt="py:percent").cells if f"def {name}(" in c.source]
    assert len(cells) == 1, f"08 should define {name} in exactly one cell"
    namespace = {"np": np, "rng": np.random.default_rng(0)}
    exec(compile(cells[0], f"08:{name}", "exec"), namespace)
    return namespace


def loop_ece(probs: np.ndarray, labels: np.ndarray, bins: int = 15) -> float:
    """ECE one image at a time: equal-width bins [b/bins, (b+1)/bins), the last one closed."""
    total, n = 0.0, len(labels)
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [i for i in range(n) if low <= probs[i].max() < high or (b == bins - 1 and probs[i].max() == 1)]
        if inside:
            accuracy = np.mean([probs[i].argmax() == labels[i] for i in inside])
            confidence = np.mean([probs[i].max() for i in inside])
            total += len(inside) / n * abs(accuracy - confidence)
    return total


def test_the_notebook_s_ece_matches_a_loop_and_is_zero_when_calibrated() -> None:
    cell = notebook_cell("ece")
    rng = np.random.default_rng(1)
    probs = rng.dirichlet(np.full(10, 0.5), size=300)
    labels = rng.integers(0, 10, size=300)
    assert cell["ece"](probs, labels) == pytest.approx(loop_ece(probs, labels))
    certain = np.eye(10)[labels]  # confidence 1, always right
    assert cell["ece"](certain, labels) == pytest.approx(0.0)
    assert cell["nll"](certain, labels) == pytest.approx(0.0, abs=1e-9)
    assert cell["brier"](certain, labels) == pytest.approx(0.0)
    assert cell["brier"](np.eye(10)[(labels + 1) % 10], labels) == pytest.approx(2.0)


def test_the_notebook_s_corruptions() -> None:
    cell = notebook_cell("rotate")
    images = np.random.default_rng(2).random((3, 28, 28))
    np.testing.assert_array_equal(cell["rotate"](images, 0), images)
    quarter = cell["rotate"](images, 90)
    assert any(np.array_equal(quarter, np.rot90(images, k, axes=(1, 2))) for k in (1, 3))
    noisy = cell["add_noise"](images, 0.3)
    assert noisy.min() >= 0 and noisy.max() <= 1 and not np.array_equal(noisy, images)


def test_temperature_one_changes_nothing_and_keeps_the_ranking() -> None:
    cell = notebook_cell("with_temperature")
    probs = np.random.default_rng(3).dirichlet(np.ones(10), size=50)
    np.testing.assert_allclose(cell["with_temperature"](probs, 1.0), probs, rtol=1e-6)
    softer = cell["with_temperature"](probs, 2.0)
    np.testing.assert_array_equal(softer.argmax(axis=1), probs.argmax(axis=1))
    assert np.all(softer.max(axis=1) <= probs.max(axis=1) + 1e-12)


def _ids(claims) -> dict[str, bool]:
    return {c.id: bool(c.holds) for c in claims}


def test_batchnorm_claim() -> None:
    assert _ids(nb08.batchnorm(moved=0.1, untouched=0.0)) == {"training_true_moves_bn": True}
    assert not any(_ids(nb08.batchnorm(moved=0.1, untouched=1e-4)).values())


AUROCS = {
    "softmax entropy": (0.84, 0.55),
    "1 − max probability": (0.84, 0.52),
    "MC entropy": (0.85, 0.60),
    "mutual information": (0.80, 0.70),
}


def test_score_claims_hold_and_fail() -> None:
    assert all(_ids(nb08.scores(AUROCS)).values())
    far = {**AUROCS, "MC entropy": (0.91, 0.60)}
    assert _ids(nb08.scores(far))["mc_close_to_softmax"] is False
    weak = {**AUROCS, "mutual information": (0.70, 0.50)}
    verdicts = _ids(nb08.scores(weak))
    assert verdicts["all_flag_mistakes"] is False and verdicts["mi_best_for_shuffled"] is False


def _metrics(ece: tuple = (0.03, 0.04), **nll: float) -> dict:
    """Made-up test metrics; ``ece``: MC dropout's and the ensemble's ECE (the others 0.05)."""
    eces = {"MC dropout": ece[0], "ensemble of 5": ece[1]}
    return {
        name: {"accuracy": 0.8, "NLL": nll[name.split()[0]], "Brier": 0.3, "ECE": eces.get(name, 0.05)}
        for name in nb08.METHODS
    }


def test_calibration_claims_compare_the_right_methods() -> None:
    good = _ids(nb08.calibration(_metrics(plain=0.5, temperature=0.45, MC=0.47, ensemble=0.48), 1.3))
    assert all(good.values())
    bad = _ids(nb08.calibration(_metrics((0.05, 0.04), plain=0.5, temperature=0.52, MC=0.51, ensemble=0.505), 0.9))
    assert not any(bad.values())


def _shift(ens: float, mc: float, plain: float, temp: float = 0.1, ece: tuple = (0.05, 0.03)) -> dict:
    """Made-up (accuracy, NLL, ECE) per corrupted set; ``ece``: the ensemble's and MC dropout's ECE at s = 1."""
    table = {}
    for kind in ("rotation", "noise"):
        for s in (1, 2, 3):
            for method, nll in zip(nb08.METHODS, (plain, temp, mc, ens), strict=True):
                calibration = {"ensemble of 5": ece[0], "MC dropout": ece[1]}.get(method, 0.05)
                table[kind, s, method] = (0.9 - 0.1 * s, nll * s, calibration * s)
    return table


def _severe(ens: float, mc: float, plain: float, temp: float, accuracy: float = 0.15) -> dict:
    return {
        (degrees, method): (accuracy, nll, 0.3)
        for degrees in (30, 45)
        for method, nll in zip(nb08.METHODS, (plain, temp, mc, ens), strict=True)
    }


def test_shift_claims() -> None:
    kinds = ["rotation", "noise"]
    verdicts = _ids(nb08.shift(_shift(0.5, 0.6, 0.8), [1, 2, 3], kinds, _severe(2.5, 2.4, 3.0, 2.0)))
    assert all(verdicts.values())
    mild, severe = _shift(0.7, 0.6, 0.55, temp=0.9, ece=(0.04, 0.06)), _severe(2.3, 2.4, 2.2, 2.5, accuracy=0.4)
    verdicts = _ids(nb08.shift(mild, [1, 2, 3], kinds, severe))
    assert verdicts == {
        "shift_degrades_all": True,
        "ensemble_below_mc_under_shift": False,
        "mc_ece_below_ensemble_under_shift": False,
        "temperature_best_under_shift": False,
        "mc_beats_plain_under_shift": False,
        "severe_near_chance": False,
        "severe_mc_below_ensemble": False,
        "severe_temperature_best": False,
    }


def test_mask_claims() -> None:
    holds = _ids(nb08.masks({"per example": np.array([0.8, 0.81, 0.8]), "per pass": np.array([0.7, 0.85, 0.8])}, 0.004))
    assert all(holds.values())
    fails = _ids(nb08.masks({"per example": np.array([0.7, 0.9]), "per pass": np.array([0.8, 0.8])}, 0.02))
    assert not any(fails.values())


def test_gap_claim() -> None:
    grid = np.linspace(-3, 3, 121)
    wide_in_gap = 0.05 + 0.5 * np.exp(-(grid**2))  # sd largest at 0
    flat = np.full_like(grid, 0.1)
    rng = np.random.default_rng(4)
    bands = {
        "ensemble of 5": rng.normal(size=(5, 1)) * wide_in_gap,
        "MC dropout": rng.normal(size=(100, 1)) * flat,
    }
    assert _ids(nb08.gap(grid, bands)) == {"ensemble_gap_wider": True}
    swapped = {"ensemble of 5": bands["MC dropout"], "MC dropout": bands["ensemble of 5"]}
    assert _ids(nb08.gap(grid, swapped)) == {"ensemble_gap_wider": False}
