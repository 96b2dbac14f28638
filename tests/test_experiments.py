"""helpers.experiments: the plumbing of notebook 04 (subsets, shuffled images, entropy)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import experiments
from helpers.data import Dataset


def _dataset(per_class: int = 5) -> Dataset:
    labels = np.repeat(np.arange(10), per_class)
    images = np.repeat(np.arange(labels.size, dtype=np.float32) / labels.size, 784).reshape(-1, 28, 28)
    return Dataset(images, labels)


def test_balanced_subset_draws_the_same_number_per_class_reproducibly() -> None:
    subset = experiments.balanced_subset(_dataset(), 30, seed=3)
    assert np.bincount(subset.labels).tolist() == [3] * 10
    again = experiments.balanced_subset(_dataset(), 30, seed=3)
    assert np.array_equal(subset.images, again.images)
    # each image keeps its own label
    assert np.array_equal(np.rint(subset.images[:, 0, 0] * 50).astype(int) // 5, subset.labels)


@pytest.mark.parametrize(
    ("n", "seed", "message"),
    [
        (10**12, 0, r"n must be an integer from 1 to 50 \(examples this dataset can supply\)"),
        (49, 0, "multiple of the number of classes"),
        (0, 0, "n must be an integer from 1 to 50"),
        (True, 0, "n must be an integer"),
        (10.0, 0, "n must be an integer"),
        (10, -1, "seed must be an integer"),
    ],
)
def test_balanced_subset_refuses_absurd_sizes_and_bad_seeds(n, seed, message) -> None:
    with pytest.raises(ValueError, match=message):
        experiments.balanced_subset(_dataset(), n, seed=seed)


@pytest.mark.parametrize("dataset", [np.zeros((50, 28, 28)), None, "train"])
def test_balanced_subset_wants_a_dataset(dataset) -> None:
    with pytest.raises(TypeError, match=r"dataset must be a non-empty helpers\.data\.Dataset"):
        experiments.balanced_subset(dataset, 10)


def test_shuffle_pixels_keeps_each_images_values_and_moves_them() -> None:
    images = np.random.default_rng(0).random((4, 5, 5))
    shuffled = experiments.shuffle_pixels(images, seed=1)
    assert shuffled.shape == images.shape
    for before, after in zip(images, shuffled, strict=True):
        assert np.array_equal(np.sort(before.ravel()), np.sort(after.ravel()))
        assert not np.array_equal(before, after)
    with pytest.raises(ValueError, match="shape"):
        experiments.shuffle_pixels(images[0])


@pytest.mark.parametrize("images", [[[[1.0]], [[1.0, 2.0]]], np.full((2, 3, 3), "x"), np.zeros((2, 3, 3), complex)])
def test_shuffle_pixels_refuses_what_is_not_images_by_name(images) -> None:
    with pytest.raises(TypeError, match=r"^images must be an array of numbers of shape \(n, height, width\); got "):
        experiments.shuffle_pixels(images)
