"""Plumbing for notebook 04's experiments (the experiments themselves are written in the notebook).

- :func:`balanced_subset`: a class-balanced random subset (the training sets of the data-size sweep).
- :func:`shuffle_pixels`: out-of-distribution images with the same pixel values as real ones.
"""

from __future__ import annotations

import numpy as np

from helpers._checks import check_array, check_int, check_seed
from helpers.data import Dataset

__all__ = ["balanced_subset", "shuffle_pixels"]


def balanced_subset(dataset: Dataset, n: int, *, seed: int = 0) -> Dataset:
    """``n`` examples of ``dataset``, the same number from each class (``n`` a multiple of the classes).

    Drawn without replacement with ``np.random.default_rng(seed)``, in shuffled order.
    """
    if not isinstance(dataset, Dataset) or len(dataset) == 0:
        raise TypeError(f"dataset must be a non-empty helpers.data.Dataset (images and labels); got {dataset!r:.60}")
    classes = np.unique(dataset.labels)
    smallest = min(int(np.sum(dataset.labels == label)) for label in classes)
    high = smallest * len(classes)
    per_class, remainder = divmod(
        check_int(n, "n", high=high, meaning="examples this dataset can supply"), len(classes)
    )
    if remainder:
        raise ValueError(f"n must be a multiple of the number of classes ({len(classes)}); got {n}")
    rng = np.random.default_rng(check_seed(seed))
    chosen = [rng.choice(np.flatnonzero(dataset.labels == label), per_class, replace=False) for label in classes]
    order = rng.permutation(np.concatenate(chosen))
    return Dataset(dataset.images[order], dataset.labels[order], dataset.class_names)


def shuffle_pixels(images: np.ndarray, *, seed: int = 0) -> np.ndarray:
    """Each image's pixels in a new random order (its own permutation): same values, no garment.

    ``images`` has shape ``(n, height, width)``.
    """
    array = check_array(images, "images", ndim=3, meaning="an array of numbers of shape (n, height, width)")
    if array.shape[0] == 0:
        raise ValueError(f"images must have shape (n, height, width) with n > 0; got {array.shape}")
    rng = np.random.default_rng(check_seed(seed))
    return rng.permuted(array.reshape(array.shape[0], -1), axis=1).reshape(array.shape)
