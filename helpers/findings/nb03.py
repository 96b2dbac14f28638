"""The claims of notebook 03 (Keras's ``Dropout(0.5)``), one function per section."""

from __future__ import annotations

from helpers.claims import Claim

__all__ = ["layer_weights", "page_example"]


def layer_weights(dropout_params: list[int], total: int, expected: int) -> list[Claim]:
    return [
        Claim(
            "dropout_no_weights",
            "the Dropout layers have no weights; the Dense layers have all",
            dropout_params == [0, 0] and total == expected,
            f"{total:,} parameters",
        )
    ]


def page_example(accuracy: dict[str, dict[str, float]]) -> list[Claim]:
    gap = {name: a["train"] - a["val"] for name, a in accuracy.items()}
    drop = accuracy["dropout"]
    return [
        Claim(
            "val_accuracy",
            "the dropout model's validation accuracy is above 0.83",
            drop["val"] > 0.83,
            f"{drop['val']:.4f}",
            drop["val"],
        ),
        Claim(
            "gap_narrower",
            "dropout narrows the train/validation gap (dropout off on both)",
            gap["dropout"] < gap["no dropout"],
            f"{gap['no dropout']:.3f} → {gap['dropout']:.3f}",
            gap["no dropout"] - gap["dropout"],
        ),
        Claim(
            "fit_accuracy_lower",
            "fit's accuracy is more than 0.02 below the full network's",
            drop["fit"] < drop["train"] - 0.02,
            f"{drop['fit']:.4f} vs {drop['train']:.4f}",
            drop["train"] - drop["fit"],
        ),
    ]
