"""Checkers for the exercises of notebook 00 (start here)."""

from __future__ import annotations

import numpy as np

from helpers.data import CLASS_NAMES, load_fashion_mnist
from helpers.exercises._harness import Wrong, array, checker

__all__ = ["check_brightest_class", "check_test_counts"]


@checker("your list of 10 counts")
def check_test_counts(counts: object) -> str:
    answer = array(counts, what="your counts").reshape(-1)
    if answer.size != 10:
        raise Wrong(f"give 10 counts, one per class in label order; you gave {answer.size}.")
    if answer.dtype == bool:
        raise Wrong("give counts of images, not True/False values (hint: np.bincount).")
    if not np.all(answer == np.round(answer)):
        raise Wrong("counts are whole numbers of images; count the labels (hint: np.bincount).")
    expected = np.bincount(load_fashion_mnist("test").labels, minlength=10)
    if not np.array_equal(answer, expected):
        raise Wrong("count the labels of the *test* split, one number per class, in label order.")
    return f"{int(expected[0])} test images in each class: the subset is class-balanced."


@checker('a class name in quotes, for example "Bag"')
def check_brightest_class(class_name: object) -> str:
    if not isinstance(class_name, str) or class_name not in CLASS_NAMES:
        raise Wrong(f"answer with one of the class names: {', '.join(CLASS_NAMES)}.")
    train = load_fashion_mnist("train")
    means = [float(train.images[train.labels == label].mean()) for label in range(10)]
    if class_name != train.class_names[int(np.argmax(means))]:
        mine = means[train.class_names.index(class_name)]
        raise Wrong(f"{class_name} has a mean pixel value of {mine:.3f}; another class has more ink.")
    return f"{class_name} images have the most ink (mean pixel value {max(means):.3f})."
