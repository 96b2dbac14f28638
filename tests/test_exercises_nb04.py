"""Checkers of notebook 04's exercises: right answers pass, wrong ones get feedback, nothing raises."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.exercises import nb04


def test_final_gap_checker(capsys: pytest.CaptureFixture[str]) -> None:
    assert nb04.check_final_gap(lambda h: h["accuracy"][-1] - h["val_accuracy"][-1])
    assert "Correct" in capsys.readouterr().out
    assert not nb04.check_final_gap(lambda h: h["val_accuracy"][-1] - h["accuracy"][-1])
    assert "sign is flipped" in capsys.readouterr().out
    assert not nb04.check_final_gap(lambda h: h["accuracy"][0] - h["val_accuracy"][0])
    assert "first epoch" in capsys.readouterr().out
    assert not nb04.check_final_gap(lambda h: abs(h["accuracy"][-1] - h["val_accuracy"][-1]))
    assert "absolute value" in capsys.readouterr().out
    assert not nb04.check_final_gap(lambda h: max(h["accuracy"]) - min(h["val_accuracy"]))
    assert 'history["accuracy"][-1]' in capsys.readouterr().out
    assert not nb04.check_final_gap(lambda h: h["val_loss"][-1])
    assert "KeyError" in capsys.readouterr().out
    assert not nb04.check_final_gap(None)
    assert "No answer yet" in capsys.readouterr().out
    assert not nb04.check_final_gap(0.1)
    assert "function itself" in capsys.readouterr().out


def test_entropy_checker(capsys: pytest.CaptureFixture[str]) -> None:
    def right(p):
        p = np.asarray(p, dtype=float)
        q = p[p > 0]
        return -(q * np.log(q)).sum()

    assert nb04.check_entropy(right)
    assert "Correct" in capsys.readouterr().out
    assert not nb04.check_entropy(lambda p: -(p * np.log(p)).sum())  # 0 log 0 gives nan
    assert "nan" in capsys.readouterr().out
    assert not nb04.check_entropy(lambda p: -right(p))
    assert "sign is flipped" in capsys.readouterr().out
    assert not nb04.check_entropy(lambda p: right(p) / np.log(2))
    assert "bits" in capsys.readouterr().out
    assert not nb04.check_entropy(lambda p: float(np.max(p)))
    assert "np.log" in capsys.readouterr().out
    assert not nb04.check_entropy(lambda p: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert not nb04.check_entropy(None)
    assert "No answer yet" in capsys.readouterr().out
    assert not nb04.check_entropy("entropy")
    assert "function itself" in capsys.readouterr().out


def _passes(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Noisy passes around a fixed distribution: their average converges to it, like MC dropout."""
    rng = np.random.default_rng(seed)
    deterministic = rng.dirichlet(np.ones(10), size=40)
    noisy = deterministic[None] * rng.uniform(0.2, 1.8, size=(100, 40, 10))
    return noisy / noisy.sum(axis=-1, keepdims=True), deterministic


def test_closer_k_checker(capsys: pytest.CaptureFixture[str]) -> None:
    mc, det = _passes()
    assert nb04.check_closer_k(50, mc, det)
    assert "Correct" in capsys.readouterr().out
    assert not nb04.check_closer_k(5, mc, det)
    assert "1/sqrt(k)" in capsys.readouterr().out
    assert not nb04.check_closer_k(None, mc, det)
    assert "No answer yet" in capsys.readouterr().out
    assert not nb04.check_closer_k(10, mc, det)
    assert "5 or 50" in capsys.readouterr().out
    assert not nb04.check_closer_k(True, mc, det)
    assert "5 or 50" in capsys.readouterr().out


def test_closer_k_measures_the_given_passes(capsys: pytest.CaptureFixture[str]) -> None:
    mc, det = _passes()
    reordered = mc.copy()
    reordered[:5] = det  # the first 5 passes equal the deterministic prediction: 5 is closer here
    assert nb04.check_closer_k(5, reordered, det)
    assert "Correct" in capsys.readouterr().out


def test_closer_k_rejects_arrays_of_the_wrong_shape() -> None:
    mc, det = _passes()
    with pytest.raises(ValueError, match="mc_probs"):
        nb04.check_closer_k(50, mc[:10], det)
    with pytest.raises(ValueError, match="mc_probs"):
        nb04.check_closer_k(50, mc, det[:5])
