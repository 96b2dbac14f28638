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
    functional model built with ``base(inputs, training=False)`` still drops when called with
    ``training=True``, as ``fit``'s training step calls it; ``results[model]``: (test accuracy with the
    head only, BatchNorm's moving-mean change since pretraining by then, test accuracy after
    fine-tuning, that change by then) for ``SUBCLASS`` and ``FUNCTIONAL``."""
    sub, fun = results[SUBCLASS], results[FUNCTIONAL]
    head_gap, tuned_gap = float(sub[0] - fun[0]), float(sub[2] - fun[2])
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
            "a functional model's base(inputs, training=False) still drops when called with training=True,"
            " as fit's training step calls it",
            bool(overridden),
            "still drops" if overridden else "does not drop",
        ),
        Claim(
            "frozen_bn_stays_put",
            "with the base frozen (head training), BatchNorm's moving mean did not move in either model",
            sub[1] == 0 and fun[1] == 0,
            f"{fun[1]:.3g} and {sub[1]:.3g}",
        ),
        Claim(
            "subclass_keeps_bn",
            "after fine-tuning, BatchNorm moved in the functional model only (> 0.01 vs 0)",
            sub[3] == 0 and fun[3] > 0.01,
            f"{fun[3]:.3f} vs {sub[3]:.3f}",
            float(fun[3]),
        ),
        Claim(
            "head_only_gap",
            "with the base frozen, the subclass's head is more accurate than the functional one"
            " (value: subclass minus functional)",
            head_gap > 0,
            f"{sub[0]:.3f} vs {fun[0]:.3f}",
            head_gap,
        ),
        Claim(
            "fine_tuned_gap",
            "after fine-tuning, the subclass (training=False in call) is more accurate"
            " (value: subclass minus functional)",
            tuned_gap > 0,
            f"{sub[2]:.3f} vs {fun[2]:.3f}",
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
    ``early[schedule]``: (final training-set loss in inference mode, training error, test error) for
    "no dropout", "dropout throughout" and "early dropout"."""
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
            "narrow_mlp_underfits",
            "without dropout the narrow MLP underfits: training error above 0.15 and within 3 points of its"
            " test error (value: test minus training error)",
            none[1] > 0.15 and abs(none[2] - none[1]) < 0.03,
            f"training error {none[1]:.4f}, test error {none[2]:.4f}",
            float(none[2] - none[1]),
        ),
        Claim(
            "throughout_underfits_more",
            "dropout throughout ends with a higher training loss than no dropout (value: throughout minus none)",
            always[0] > none[0],
            f"{always[0]:.4f} vs {none[0]:.4f}",
            float(always[0] - none[0]),
        ),
        Claim(
            "early_recovers",
            "early dropout ends with a lower training loss than dropout throughout (value: throughout minus early)",
            first[0] < always[0],
            f"{first[0]:.4f} vs {always[0]:.4f}",
            float(always[0] - first[0]),
        ),
        Claim(
            "early_no_train_gain",
            "early dropout's training loss is not below no dropout's by 0.03 or more (value: early minus none)",
            first[0] - none[0] > -0.03,
            f"{first[0]:.4f} vs {none[0]:.4f}",
            float(first[0] - none[0]),
        ),
        Claim(
            "early_no_test_gain",
            "early dropout's test error is not below no dropout's by 1 point or more (value: early minus none)",
            first[2] - none[2] > -0.01,
            f"{first[2]:.4f} vs {none[2]:.4f}",
            float(first[2] - none[2]),
        ),
    ]
