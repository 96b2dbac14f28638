"""Drawings of a small fully connected network, whole or "thinned" by dropout masks (notebook 01).

A unit dropped by the mask is drawn as a hollow grey circle with a cross, and all its incoming and
outgoing connections disappear: what is left is the thinned network that one training step uses.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection

from helpers._checks import check_choice, check_int
from helpers.dropout import bernoulli_keep_mask, check_rate
from helpers.plots import DROPPED_COLOR, KEPT_COLOR, _axes

__all__ = ["count_connections", "draw_network", "layer_names", "sample_masks"]


def _check_layer_sizes(layer_sizes: object) -> tuple[int, ...]:
    if isinstance(layer_sizes, np.ndarray) and layer_sizes.ndim == 1:  # np.array([3, 4]) is as good as [3, 4]
        layer_sizes = layer_sizes.tolist()
    if not isinstance(layer_sizes, (list, tuple)) or not 2 <= len(layer_sizes) <= 12:
        raise ValueError(
            f"layer_sizes must be a list or tuple of 2 to 12 layer sizes (units to draw); got {layer_sizes!r}"
        )
    return tuple(check_int(n, f"layer_sizes[{i}]", low=1, high=64, meaning="units") for i, n in enumerate(layer_sizes))


def _check_masks(keep_masks: object, sizes: tuple[int, ...]) -> list[np.ndarray]:
    if keep_masks is None:
        return [np.ones(size, dtype=bool) for size in sizes]
    if not isinstance(keep_masks, (list, tuple)) or len(keep_masks) != len(sizes):
        raise ValueError(f"keep_masks must be None or a list of one mask per layer ({len(sizes)} masks)")
    masks = [np.asarray(mask) for mask in keep_masks]
    for index, (mask, size) in enumerate(zip(masks, sizes, strict=True)):
        if mask.dtype != np.bool_ or mask.shape != (size,):
            raise ValueError(f"keep_masks[{index}] must be booleans of shape ({size},); got {mask.dtype} {mask.shape}")
    return masks


def layer_names(n_layers: int) -> list[str]:
    """``["input", "hidden 1", ..., "output"]`` for a network of ``n_layers`` layers (2 to 12)."""
    n_layers = check_int(n_layers, "n_layers", low=2, high=12, meaning="layers to draw")
    return ["input", *(f"hidden {i}" for i in range(1, n_layers - 1)), "output"]


def sample_masks(
    layer_sizes: Sequence[int], rate: float, *, rng: np.random.Generator, input_rate: float = 0.0
) -> list[np.ndarray]:
    """One keep mask per layer, as one training step draws them.

    Hidden units are kept with probability ``1 - rate``, input units with ``1 - input_rate``;
    output units are never dropped. Each mask is ``rng.random(size) >= rate`` (the course's rule).
    """
    sizes = _check_layer_sizes(layer_sizes)
    rates = [check_rate(input_rate, "input_rate")] + [check_rate(rate)] * (len(sizes) - 2)
    masks = [bernoulli_keep_mask(size, layer_rate, rng=rng) for size, layer_rate in zip(sizes[:-1], rates, strict=True)]
    return [*masks, np.ones(sizes[-1], dtype=bool)]


def count_connections(layer_sizes: Sequence[int], keep_masks: Sequence[np.ndarray] | None = None) -> int:
    """Connections between kept units of consecutive layers (all of them when ``keep_masks`` is None)."""
    sizes = _check_layer_sizes(layer_sizes)
    masks = _check_masks(keep_masks, sizes)
    return int(sum(int(a.sum()) * int(b.sum()) for a, b in itertools.pairwise(masks)))


def draw_network(
    layer_sizes: Sequence[int],
    keep_masks: Sequence[np.ndarray] | None = None,
    *,
    ax: plt.Axes | None = None,
    title: str | None = None,
    label_layers: bool = True,
) -> plt.Axes:
    """Draw a fully connected network; with ``keep_masks``, the thinned network they leave.

    Kept units are filled circles, dropped units hollow grey circles with a cross; a connection is
    drawn only when both of its ends are kept. Returns the Axes (whose first collection holds the
    connections, one segment each).
    """
    sizes = _check_layer_sizes(layer_sizes)
    masks = _check_masks(keep_masks, sizes)
    check_choice(label_layers, "label_layers", (True, False))
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None; got {type(title).__name__} {title!r:.40}")
    ax = _axes(ax, figsize=(1.3 * len(sizes) + 1, 0.5 * max(sizes) + 1.2))
    tallest = max(sizes)  # layer k is drawn at x = k, its units 1 apart, centred, first unit on top
    ys = [(tallest - 1) / 2 + (size - 1) / 2 - np.arange(size) for size in sizes]
    segments = [
        [(k, ys[k][i]), (k + 1, ys[k + 1][j])]
        for k in range(len(sizes) - 1)
        for i in np.flatnonzero(masks[k])
        for j in np.flatnonzero(masks[k + 1])
    ]
    ax.add_collection(LineCollection(segments, colors="#555555", linewidths=0.7, alpha=0.6, zorder=1))
    kept, dropped = (
        np.array([(k, y) for k in range(len(sizes)) for y in ys[k][masks[k] == keep]], float).reshape(-1, 2)
        for keep in (True, False)
    )
    ax.scatter(kept[:, 0], kept[:, 1], s=170, color=KEPT_COLOR, edgecolors="black", zorder=3, label="kept")
    ax.scatter(*dropped.T, s=170, facecolors="white", edgecolors=DROPPED_COLOR, zorder=3, label="dropped")
    ax.scatter(*dropped.T, s=60, marker="x", color=DROPPED_COLOR, zorder=4)
    if label_layers:
        for layer, name in enumerate(layer_names(len(sizes))):
            ax.text(layer, -0.8, name.replace(" ", "\n"), ha="center", va="top", fontsize=10)
    ax.set(xlim=(-0.6, len(sizes) - 0.4), ylim=(-1.8, tallest - 0.3))
    ax.set_axis_off()
    n_kept = int(sum(m.sum() for m in masks[1:-1]))
    n_hidden = sum(sizes[1:-1])
    ax.set_title(title or f"{n_kept} of {n_hidden} hidden units kept", fontsize=12)
    return ax
