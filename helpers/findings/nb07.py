"""The claims of notebook 07 (dropout in real architectures), one function per section."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from helpers.claims import Claim

__all__ = [
    "attention",
    "custom_loop",
    "feature_maps",
    "variance_shift",
    "variants",
]


def _largest_difference(first: Sequence[np.ndarray], second: Sequence[np.ndarray]) -> float:
    """The largest absolute difference between two lists of weight arrays."""
    return max(float(np.abs(np.asarray(a) - np.asarray(b)).max()) for a, b in zip(first, second, strict=True))


def feature_maps(maps: np.ndarray, kept: Mapping[str, np.ndarray], guesses: Mapping[str, np.ndarray]) -> list[Claim]:
    """``maps``: (images, rows, columns, channels); ``kept``: each layer's keep mask on them;
    ``guesses``: each value guessed from its kept 4-neighbours (nan where none is kept)."""
    neighbour_r = float(np.corrcoef(maps[:, :, :-1].ravel(), maps[:, :, 1:].ravel())[0, 1])
    element, guess = kept["Dropout"], guesses["Dropout"]
    readable = ~element & ~np.isnan(guess)  # dropped values with a kept neighbour
    element_share = readable.sum() / max((~element).sum(), 1)
    element_r = float(np.corrcoef(guess[readable], maps[readable])[0, 1]) if readable.sum() > 2 else 0.0
    spatial = kept["SpatialDropout2D"]
    per_map = spatial.reshape(len(spatial), -1, spatial.shape[-1])
    whole_maps = bool(np.all(per_map.all(axis=1) | (~per_map).all(axis=1)))
    dropped = ~spatial
    spatial_share = float(np.mean(~np.isnan(guesses["SpatialDropout2D"][dropped]))) if dropped.any() else 0.0
    return [
        Claim(
            "neighbours_correlated",
            "adjacent activations of a feature map are strongly correlated (r > 0.5)",
            neighbour_r > 0.5,
            f"r = {neighbour_r:.3f}",
            neighbour_r,
        ),
        Claim(
            "elementwise_recoverable",
            "Dropout: a dropped value is well predicted by its kept neighbours (r > 0.5)",
            element_r > 0.5,
            f"r = {element_r:.3f}; {element_share:.0%} of dropped values have a kept neighbour",
            element_r,
        ),
        Claim(
            "spatial_whole_maps",
            "SpatialDropout2D drops whole maps: no dropped value has a kept neighbour",
            whole_maps and spatial_share == 0,
            f"{spatial_share:.0%} of dropped values have a kept neighbour",
            spatial_share,
        ),
    ]


def variance_shift(shift: float, no_shift: float, predicted: float) -> list[Claim]:
    """Moving variance over inference variance of a BatchNorm after (``shift``) and before
    (``no_shift``) Dropout(0.5), and the predicted ratio."""
    return [
        Claim(
            "variance_shift",
            "Dropout → BatchNorm: the moving variance is too large by the predicted factor (within 10%)",
            abs(shift / predicted - 1) < 0.1,
            f"{shift:.3f} vs {predicted:.3f}",
            shift,
        ),
        Claim(
            "bn_first_no_shift",
            "BatchNorm → Dropout: the moving variance is right (within 5%)",
            abs(no_shift - 1) < 0.05,
            f"{no_shift:.3f}",
            no_shift,
        ),
    ]


def attention(differences: Mapping[bool, float]) -> list[Claim]:
    """``differences[mode]``: the largest difference between two attention calls with ``training=mode``."""
    return [
        Claim(
            "attention_dropout_train_only",
            "attention dropout changes the output in training, never at inference",
            differences[True] > 1e-3 and differences[False] == 0,
            f"{differences[True]:.4f} vs {differences[False]:.4f}",
            differences[True],
        )
    ]


def custom_loop(
    same: bool, differ: bool, trap: Sequence[np.ndarray], plain: Sequence[np.ndarray], fixed: Sequence[np.ndarray]
) -> list[Claim]:
    """``same``: model(x) twice is identical; ``differ``: model(x, training=True) twice differs; the
    weights after the loop without training=True (``trap``), without Dropout (``plain``), and with
    training=True (``fixed``)."""
    trap_diff, fixed_diff = _largest_difference(trap, plain), _largest_difference(fixed, plain)
    return [
        Claim(
            "trap_trains_without_dropout",
            "without training=True the loop trains exactly the network without dropout",
            bool(same and differ and trap_diff < 1e-6),
            f"max |Δw| = {trap_diff:.1e}",
            trap_diff,
        ),
        Claim(
            "fix_trains_with_dropout",
            "with training=True the weights differ from it",
            fixed_diff > 1e-3,
            f"max |Δw| = {fixed_diff:.2e}",
            fixed_diff,
        ),
    ]


def variants(stats: Mapping[str, Sequence[float]]) -> list[Claim]:
    """``stats[layer]``: mean and variance after the layer, then after 8 SELU layers with it."""
    stats = {name: [float(value) for value in values] for name, values in stats.items()}  # not float32
    alpha = stats["AlphaDropout"]
    others = ("Dropout", "GaussianDropout")
    inflate = all(abs(stats[name][1] - 1.25) < 0.05 and stats[name][3] > 1.5 for name in others)
    return [
        Claim(
            "alpha_keeps_moments",
            "AlphaDropout keeps mean 0 and variance 1 (within 0.1), also through 8 SELU layers",
            max(abs(alpha[0]), abs(alpha[1] - 1), abs(alpha[2]), abs(alpha[3] - 1)) < 0.1,
            f"variance {alpha[1]:.3f}, {alpha[3]:.3f}",
            alpha[3],
        ),
        Claim(
            "others_inflate_variance",
            "Dropout, GaussianDropout: variance 1/(1 − rate) = 1.25, above 1.5 after 8 SELU",
            inflate,
            f"{stats['Dropout'][1]:.3f}, {stats['GaussianDropout'][1]:.3f}",
            stats["Dropout"][1],
        ),
    ]
