"""The claims of notebook 10 (dropout today: fine-tuning, early dropout, a bug clinic), one function per section."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helpers.claims import Claim

__all__ = ["bug_symptoms", "early_dropout", "frozen_base"]

SUBCLASS = "subclass"
FUNCTIONAL = "functional"


def frozen_base(bn_moved: float, noise: float, overridden: bool, results: Mapping[str, Sequence[float]]) -> list[Claim]:
    """``bn_moved``: the largest change of a frozen base's BatchNorm moving mean over two training-mode
    calls; ``noise``: the largest difference between those two calls' outputs; ``overridden``: a
    functional model built with ``base(inputs, training=False)`` still drops when called in training
    mode; ``results[model]``: (test accuracy with the head only, after fine-tuning, BatchNorm's moving
    mean moved by the end) for ``SUBCLASS`` and ``FUNCTIONAL``."""
    sub, fun = results[SUBCLASS], results[FUNCTIONAL]
    head_gap, tuned_gap = float(sub[0] - fun[0]), float(sub[1] - fun[1])
    return [
        Claim(
            "frozen_bn_inference_dropout_on",
            "trainable=False: BatchNorm's moving mean stays put, yet dropout still drops in training mode",
            bn_moved == 0 and noise > 1e-3,
            f"moved {bn_moved:.3g}, passes differ by {noise:.3g}",
            noise,
        ),
        Claim(
            "functional_flag_overridden",
            "a functional model's base(inputs, training=False) still drops when fit calls it",
            bool(overridden),
            "still drops" if overridden else "does not drop",
            float(bool(overridden)),
        ),
        Claim(
            "subclass_keeps_bn",
            "after fine-tuning, BatchNorm moved in the functional model only (> 0.01 vs 0)",
            sub[2] == 0 and fun[2] > 0.01,
            f"{fun[2]:.3f} vs {sub[2]:.3f}",
            float(fun[2]),
        ),
        Claim(
            "head_only_gap",
            "with the base frozen, the subclass's head is more accurate than the functional one",
            head_gap > 0,
            f"{sub[0]:.3f} vs {fun[0]:.3f}",
            head_gap,
        ),
        Claim(
            "forgetting_costs_accuracy",
            "after fine-tuning, the subclass (training=False in call) is more accurate",
            tuned_gap > 0,
            f"{sub[1]:.3f} vs {fun[1]:.3f}",
            tuned_gap,
        ),
    ]


def bug_symptoms(block_runs: bool, dropped_share: float) -> list[Claim]:
    """``block_runs``: the buggy block's dropout runs (two training calls differ, two inference calls
    agree); ``dropped_share``: the share of units Dropout(0.9) zeroes in one training call."""
    return [
        Claim(
            "buggy_block_never_drops",
            "the block that reads training from **kwargs never drops",
            not block_runs,
            "never drops" if not block_runs else "drops",
            float(bool(block_runs)),
        ),
        Claim(
            "ported_drops_90",
            "Dropout(0.9) meant as keep_prob=0.9 zeroes about 90% of the units (within 0.02)",
            abs(dropped_share - 0.9) < 0.02,
            f"{dropped_share:.3f}",
            dropped_share,
        ),
    ]


def early_dropout(loss_after: float, early: Mapping[str, Sequence[float]]) -> list[Claim]:
    """``loss_after``: the probe's loss after ``layer.rate = 0`` (16 if dropout were off);
    ``early[schedule]``: (training loss with dropout off, test error) for "no dropout", "dropout
    throughout" and "early dropout"."""
    none, always, first = early["no dropout"], early["dropout throughout"], early["early dropout"]
    return [
        Claim(
            "python_rate_baked_in",
            "setting layer.rate = 0 after fit traced its step leaves dropout on (loss not 16)",
            abs(loss_after - 16) > 1,
            f"loss {loss_after:.3f}",
            loss_after,
        ),
        Claim(
            "throughout_underfits_more",
            "dropout throughout ends with a higher training loss than no dropout",
            always[0] > none[0],
            f"{always[0]:.4f} vs {none[0]:.4f}",
            float(always[0] - none[0]),
        ),
        Claim(
            "early_recovers",
            "early dropout ends with a lower training loss than dropout throughout",
            first[0] < always[0],
            f"{first[0]:.4f} vs {always[0]:.4f}",
            float(always[0] - first[0]),
        ),
        Claim(
            "early_below_none_train",
            "early dropout ends with a lower training loss than no dropout",
            first[0] < none[0],
            f"{first[0]:.4f} vs {none[0]:.4f}",
            float(none[0] - first[0]),
        ),
        Claim(
            "early_test_close",
            "early dropout's test error is within 1 point of no dropout's",
            abs(first[1] - none[1]) < 0.01,
            f"{first[1]:.4f} vs {none[1]:.4f}",
            float(first[1] - none[1]),
        ),
    ]
