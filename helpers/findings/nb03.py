"""The claims of notebook 03 (Keras's ``Dropout(0.5)``), one function per section."""

from __future__ import annotations

import numpy as np

from helpers import dropout
from helpers.claims import Claim

__all__ = [
    "layer_calls",
    "layer_weights",
    "my_layer",
    "noise_shape",
    "page_example",
    "training_switch",
]


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
            "dropout narrows the train/validation gap (dropout off on both; value: narrowing)",
            gap["dropout"] < gap["no dropout"],
            f"{gap['no dropout']:.3f} → {gap['dropout']:.3f}",
            gap["no dropout"] - gap["dropout"],
        ),
        Claim(
            "fit_accuracy_lower",
            "fit's accuracy is more than 0.02 below the full network's (value: difference)",
            drop["fit"] < drop["train"] - 0.02,
            f"{drop['fit']:.4f} vs {drop['train']:.4f}",
            drop["train"] - drop["fit"],
        ),
    ]


def layer_calls(out: dict[str, np.ndarray], x: np.ndarray) -> list[Claim]:
    in_training = out["training=True"]
    zeros = float(np.mean(in_training == 0))
    survivors = sorted(set(in_training[in_training != 0].tolist()))
    low, high = dropout.binomial_interval(x.size, 0.5)  # 4 standard errors around 0.5
    return [
        Claim(
            "layer_in_training",
            "training=True zeroes about half and doubles the rest",
            bool(low <= zeros <= high and survivors == [2.0]),
            f"zeros {zeros:.4f} in [{low:.4f}, {high:.4f}]",
        ),
        Claim(
            "layer_at_inference",
            "training=False, or no argument, returns the input unchanged",
            np.array_equal(out["training=False"], x) and np.array_equal(out["no argument"], x),
        ),
    ]


def training_switch(calls: dict[str, list]) -> list[Claim]:
    predictions, noisy, plain_call = calls["predict"], calls["training=True"], calls["model(x)"][0]
    changed = np.mean(noisy[0].argmax(1) != noisy[1].argmax(1))
    return [
        Claim(
            "predict_deterministic",
            "predict twice gives identical outputs, as does evaluate",
            np.array_equal(predictions[0], predictions[1]) and calls["evaluate"][0] == calls["evaluate"][1],
        ),
        Claim(
            "predict_is_call",
            "predict equals model(x): both run without dropout",
            np.allclose(predictions[0], plain_call, atol=1e-6),
            f"largest difference {np.abs(predictions[0] - plain_call).max():.1e}",
        ),
        Claim(
            "training_true_noisy",
            "model(x, training=True) twice gives different outputs",
            bool(np.abs(noisy[0] - noisy[1]).max() > 0.1),
            f"class differs for {changed:.1%} of images",
        ),
    ]


def my_layer(mine: dict, keras_history: dict[str, list[float]], x: np.ndarray) -> list[Claim]:
    low, high = dropout.binomial_interval(x.size, 0.5)
    # each value has variance rate/(1 - rate) = 1 at rate 0.5: 4 standard errors of the mean
    alike = all(
        low <= np.mean(out == 0) <= high and abs(out.mean() - 1) < 4 / np.sqrt(x.size)
        for out in mine["outputs"].values()
    )
    history = mine["history"]
    accuracy_change = history["val_accuracy"][-1] - keras_history["val_accuracy"][-1]
    loss_change = history["val_loss"][-1] - keras_history["val_loss"][-1]
    return [
        Claim(
            "mydropout_statistics",
            "MyDropout and Keras's: zeros in the binomial interval, mean 1 (4 s.e.); inference is x",
            bool(alike) and np.array_equal(np.asarray(mine["inference"]), x),
        ),
        Claim(
            "mydropout_trains_alike",
            "MyDropout trains like keras.layers.Dropout (value: validation accuracy change)",
            abs(accuracy_change) < 0.01 and abs(loss_change) < 0.02,
            f"accuracy {accuracy_change:+.4f}, loss {loss_change:+.4f}",
            float(accuracy_change),
        ),
    ]


def noise_shape(shared: np.ndarray, spatial: np.ndarray) -> list[Claim]:
    steps = shared.shape[1]
    shares = [
        all(np.array_equal(out[:, step], out[:, 0]) for step in range(steps))
        and set(out.ravel().tolist()) <= {0.0, 2.0}
        for out in (shared, spatial)
    ]
    distinct = len({example[0].tobytes() for example in shared})
    return [
        Claim("noise_shape_shares", "both drop the same features at every step", all(shares)),
        Claim(
            "mask_per_example",
            "the masks still differ between examples",
            distinct > 1,
            f"{distinct} distinct masks among {len(shared)} examples",
        ),
    ]
