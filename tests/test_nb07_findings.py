"""Notebook 07: its neighbour guess against a plain loop, and its claims judged on made-up measurements."""

from __future__ import annotations

from pathlib import Path

import jupytext
import numpy as np

from helpers.findings import nb07

SOURCE = Path(__file__).resolve().parent.parent / "notebooks" / "src" / "07_dropout_in_architectures.py"


def notebook_function(name: str):
    """Run the code cell of notebook 07 that defines ``name`` and return the function."""
    cells = [c.source for c in jupytext.read(SOURCE, fmt="py:percent").cells if f"def {name}(" in c.source]
    assert len(cells) == 1, f"07 should define {name} in exactly one cell"
    namespace = {"np": np}
    exec(compile(cells[0], f"07:{name}", "exec"), namespace)
    return namespace[name]


def loop_guess(maps: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """The mean of each value's kept 4-neighbours in its own map, one value at a time (nan: none)."""
    images, rows, cols, channels = maps.shape
    guess = np.full(maps.shape, np.nan)
    for n, r, c, k in np.ndindex(images, rows, cols, channels):
        near = [
            maps[n, i, j, k]
            for i, j in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1))
            if 0 <= i < rows and 0 <= j < cols and kept[n, i, j, k]
        ]
        if near:
            guess[n, r, c, k] = np.mean(near)
    return guess


def test_the_notebook_s_neighbour_guess_is_the_mean_of_kept_neighbours() -> None:
    neighbour_guess = notebook_function("neighbour_guess")
    rng = np.random.default_rng(0)
    maps = rng.normal(size=(2, 5, 4, 3))
    kept = rng.random(maps.shape) > 0.4
    np.testing.assert_allclose(neighbour_guess(maps, kept), loop_guess(maps, kept), equal_nan=True)


def _smooth_maps(rng: np.random.Generator) -> np.ndarray:
    """Maps whose neighbours are alike: a smooth ramp per map plus a little noise."""
    ramp = np.add.outer(np.arange(12.0), np.arange(12.0))[None, :, :, None]
    return ramp * rng.uniform(0.5, 2, size=(8, 1, 1, 4)) + rng.normal(scale=0.1, size=(8, 12, 12, 4))


def _verdicts(maps: np.ndarray, element: np.ndarray, spatial: np.ndarray) -> dict[str, bool]:
    guess = notebook_function("neighbour_guess")
    kept = {"Dropout": element, "SpatialDropout2D": spatial}
    guesses = {name: guess(maps, mask) for name, mask in kept.items()}
    return {c.id: bool(c.holds) for c in nb07.feature_maps(maps=maps, kept=kept, guesses=guesses)}


def test_feature_map_claims_hold_for_smooth_maps_and_whole_map_masks() -> None:
    rng = np.random.default_rng(1)
    maps = _smooth_maps(rng)
    element = rng.random(maps.shape) > 0.3
    spatial = np.broadcast_to(rng.random((8, 1, 1, 4)) > 0.3, maps.shape)
    assert all(_verdicts(maps, element, spatial).values())


def test_feature_map_claims_fail_for_noise_and_for_an_element_mask_called_spatial() -> None:
    rng = np.random.default_rng(2)
    noise = rng.normal(size=(8, 12, 12, 4))
    element = rng.random(noise.shape) > 0.3
    verdicts = _verdicts(noise, element, element)
    assert not verdicts["neighbours_correlated"]
    assert not verdicts["elementwise_recoverable"]
    assert not verdicts["spatial_whole_maps"]
