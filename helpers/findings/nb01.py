"""The claims of notebook 01 (why dropout), one function per section."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from helpers import diagrams
from helpers.claims import Claim

__all__ = [
    "co_adaptation",
    "comparison",
    "idea",
    "measure",
    "overfitting",
    "test_time",
    "test_time_exact",
    "thinned_count",
]

History = Mapping[str, Sequence[float]]
Scores = Mapping[str, float]


def _rise(history: History) -> tuple[int, float]:
    """The epoch (from 1) of the lowest validation loss, and how much it rose after it."""
    val_loss = history["val_loss"]
    best = int(np.argmin(val_loss))
    return best + 1, float(val_loss[-1] - val_loss[best])


def overfitting(history: History, epochs: int) -> list[Claim]:
    best_epoch, rise = _rise(history)
    train_loss_fell = history["loss"][-1] < history["loss"][best_epoch - 1]
    return [
        Claim(
            "plain_val_loss_rises",
            "validation loss lowest ≥ 5 epochs before the end, then up by > 0.05 "
            "(value: the rise); training loss lower at the end than at that epoch",
            best_epoch <= epochs - 5 and rise > 0.05 and train_loss_fell,
            f"lowest at epoch {best_epoch}, then +{rise:.3f}",
            rise,
        )
    ]


def _different_rows(mask: np.ndarray) -> bool:
    return len({row.tobytes() for row in np.asarray(mask)}) == len(mask)


def idea(steps: np.ndarray, masks: list) -> list[Claim]:
    """``steps``: two steps' keep masks; ``masks``: a small network's masks (one list per step)."""
    step_1, step_2 = steps
    sizes = [len(layer) for layer in masks[0]]
    counts = [diagrams.count_connections(sizes, mask) for mask in masks]
    distinct = len({tuple(np.concatenate(mask)) for mask in masks}) == len(masks)
    return [
        Claim(
            "mask_per_example_and_step",
            "a mask per example, new masks at each step",
            _different_rows(step_1) and not np.array_equal(step_1, step_2),
        ),
        Claim(
            "five_thinned_networks",
            "five different thinned networks, each with fewer connections",
            distinct and max(counts) < diagrams.count_connections(sizes),
            f"{counts}",
        ),
    ]


def keras_layer(calls: Sequence[np.ndarray], inference: np.ndarray) -> list[Claim]:
    """``calls``: two training calls of Keras' Dropout(0.5) on ones; ``inference``: its output with
    training=False."""
    call_1, call_2 = calls
    values = sorted(set(np.unique(call_1).tolist()))
    return [
        Claim(
            "keras_zero_or_two",
            "Keras' Dropout(0.5) outputs 0 or 2 = 1/(1 − 0.5)",
            set(values) <= {0.0, 2.0},
            f"values {values}",
        ),
        Claim(
            "keras_per_example_and_call",
            "Keras: a mask per example, new masks at every call",
            _different_rows(call_1) and not np.array_equal(call_1, call_2),
        ),
        Claim(
            "keras_inference_identity",
            "with training=False the layer is the identity",
            bool(np.all(inference == 1.0)),
        ),
    ]


def thinned_count(fraction: float, bound: float) -> list[Claim]:
    return [
        Claim(
            "almost_none_trained",
            "almost none is ever trained; a repeat has a chance below 1e-140",
            fraction < 1e-148 and bound < 1e-140,
            f"at most {fraction:.1e} trained",
        )
    ]


def co_adaptation(exact: bool, error_co: float, error_robust: float) -> list[Claim]:
    near = abs(error_co - 19) < 0.5 and abs(error_robust - 0.5) < 0.02
    return [
        Claim(
            "co_adaptation_costly",
            "under dropout: co-adapted ≈ 19, robust ≈ ½, > 10 times apart (value: ratio)",
            bool(exact) and near and error_co > 10 * error_robust,
            f"{error_co:.2f} vs {error_robust:.3f}",
            error_co / error_robust,
        )
    ]


def _within(mean: float, target: float, a: float, rate: float, size: int, scale: float = 1.0) -> bool:
    """``mean`` within 4 standard errors of ``target`` for a million masks (``scale``: inverted dropout)."""
    return abs(mean - target) < 4 * a * math.sqrt(rate * (1 - rate) / size) * scale


def test_time(
    a: float,
    rate: float,
    original: Sequence[np.ndarray],
    keras: Sequence[np.ndarray],
    calls: Sequence[np.ndarray],
    inference: np.ndarray,
) -> list[Claim]:
    """``original`` and ``keras``: (the outputs in training, at test time) of a layer of units with activation a;
    ``calls`` and ``inference``: Keras' Dropout(0.5) on ones (see :func:`keras_layer`)."""
    (classic_train, classic_test), (keras_train, keras_test) = original, keras
    size, right = classic_train.size, (1 - rate) * a
    classic_mean, keras_mean = float(classic_train.mean()), float(keras_train.mean())
    quarter = rate * a / classic_mean
    inverted = _within(keras_mean, a, a, rate, size, 1 / (1 - rate)) and np.isclose(keras_train.max(), a / (1 - rate))
    return [
        Claim(
            "classic_rule",
            "original: training mean ≈ test output = (1 − rate)·a",
            _within(classic_mean, right, a, rate, size) and bool(np.allclose(classic_test, right)),
            f"{classic_mean:.4f}, {classic_test[0]:.4f}",
        ),
        Claim(
            "inverted_rule",
            "Keras: kept units a/(1 − rate), training mean ≈ a, test output a",
            bool(inverted) and bool(np.all(keras_test == a)),
            f"{keras_mean:.4f}, {keras_test[0]:.4f}",
        ),
        Claim(
            "page_quarter_at_02",
            "at rate 0.2 the page's rate·a is a quarter of the training mean (value: ratio)",
            math.isclose(rate, 0.2) and abs(quarter - 0.25) < 0.001,
            f"{quarter:.3f}",
            quarter,
        ),
        *keras_layer(calls, inference),
    ]


def test_time_exact(rows: Sequence[tuple], scaled: Sequence[float]) -> list[Claim]:
    """``rows``: (rate, mean, right, matches, page, matches); ``scaled``: (average, weights × p, weights × rate)."""
    average, full_scaled, page_scaled = scaled
    return [
        Claim(
            "p_matches_training",
            "(1 − rate)·a matches the training mean at every rate",
            all(bool(row[3]) for row in rows),
        ),
        Claim(
            "page_only_at_half",
            "the page's rate·a matches only at rate 0.5",
            [(row[0], bool(row[5])) for row in rows] == [(0.2, False), (0.5, True), (0.8, False)],
        ),
        Claim(
            "linear_average_exact",
            "weights × p give the average exactly, × rate not",
            math.isclose(average, full_scaled, rel_tol=1e-12) and not math.isclose(average, page_scaled, rel_tol=0.1),
        ),
    ]


def measure(history: History, train: Scores, val: Scores) -> list[Claim]:
    points = 100 * (train["accuracy"] - val["accuracy"])
    ratio = val["loss"] / train["loss"]
    moved = 100 * (history["accuracy"][-1] - train["accuracy"])
    return [
        Claim(
            "plain_gap",
            "training accuracy above validation by > 5 points (value: gap)",
            points > 5,
            f"{points:.1f} points",
            points,
        ),
        Claim(
            "plain_loss_ratio",
            "the validation loss is more than 3 times the training loss (value: ratio)",
            ratio > 3,
            f"ratio {ratio:.1f}",
            ratio,
        ),
        Claim(
            "evaluate_is_fit_validation",
            "evaluate on validation = fit's last val_accuracy",
            abs(val["accuracy"] - history["val_accuracy"][-1]) < 1e-3,
            f"{val['accuracy']:.4f}",
        ),
        Claim(
            "plain_fit_vs_evaluate",
            "fit's and evaluate's training accuracy: < 2 points apart (value: fit − evaluate)",
            abs(moved) < 2,
            f"fit − evaluate = {moved:+.1f} points",
            moved,
        ),
    ]


def comparison(histories: Mapping[str, History], scores: Mapping[str, Sequence[Scores]]) -> list[Claim]:
    """``histories``: fit's history per run; ``scores``: evaluate on (training, validation) per run."""
    (plain_train, plain_val), (train, val) = scores["no dropout"], scores["dropout"]
    history = histories["dropout"]
    gaps = [100 * (t["accuracy"] - v["accuracy"]) for t, v in ((plain_train, plain_val), (train, val))]
    loss_gain = plain_val["loss"] - val["loss"]
    rise = _rise(history)[1]
    train_cost = 100 * (plain_train["accuracy"] - train["accuracy"])
    accuracy_gain = 100 * (val["accuracy"] - plain_val["accuracy"])
    thinned_cost = 100 * (train["accuracy"] - history["accuracy"][-1])
    return [
        Claim(
            "gap_narrows",
            "dropout narrows the accuracy gap by > 2 points (value: narrowing, points)",
            gaps[0] - gaps[1] > 2,
            f"{gaps[0]:.1f} → {gaps[1]:.1f} points",
            gaps[0] - gaps[1],
        ),
        Claim(
            "val_loss_lower",
            "the validation loss is lower with dropout (value: the drop)",
            loss_gain > 0,
            f"{plain_val['loss']:.3f} → {val['loss']:.3f}",
            loss_gain,
        ),
        Claim(
            "val_loss_flat",
            "with dropout the validation loss rises < 0.04 after its minimum (value: the rise)",
            rise < 0.04,
            f"+{rise:.3f}",
            rise,
        ),
        Claim(
            "train_accuracy_lower",
            "dropout lowers the training accuracy (evaluate; value: the drop, points)",
            train_cost > 0,
            f"{train_cost:.1f} points lower",
            train_cost,
        ),
        Claim(
            "val_accuracy_higher",
            "the validation accuracy is higher with dropout (value: gain, points)",
            accuracy_gain > 0,
            f"{accuracy_gain:+.1f} points",
            accuracy_gain,
        ),
        Claim(
            "fit_below_evaluate",
            "with dropout, fit's training accuracy > 2 points below evaluate's (value: points)",
            thinned_cost > 2,
            f"{thinned_cost:.1f} points",
            thinned_cost,
        ),
    ]
