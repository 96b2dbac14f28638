"""Checkers for the exercises of notebook 00 (start here)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.data import load_fashion_mnist

__all__ = ["check_brightest_class", "check_test_counts"]


def check_test_counts(counts: Sequence[int] | np.ndarray) -> bool:
    """Exercise 1: the number of test images in each of the 10 classes, in label order."""
    if counts is None:
        print("No answer yet: replace None with your list of 10 counts.")
        return False
    expected = np.bincount(load_fashion_mnist("test").labels, minlength=10)
    try:
        answer = np.asarray(counts, dtype=np.int64).reshape(-1)
    except (TypeError, ValueError):
        print("Give a list or array of 10 integers, one count per class (hint: np.bincount).")
        return False
    if answer.shape != (10,):
        print(f"Expected 10 counts, one per class; got {answer.size}.")
        return False
    if np.array_equal(answer, expected):
        print("Correct: 500 test images in each class. The subset is class-balanced.")
        return True
    print("Not quite: count the labels of the *test* split, one number per class (np.bincount(test.labels)).")
    return False


def check_brightest_class(class_name: str) -> bool:
    """Exercise 2: the class whose training images have the highest mean pixel value."""
    if class_name is None:
        print('No answer yet: replace None with a class name, for example "Bag".')
        return False
    train = load_fashion_mnist("train")
    means = [float(train.images[train.labels == label].mean()) for label in range(10)]
    expected = train.class_names[int(np.argmax(means))]
    if not isinstance(class_name, str) or class_name not in train.class_names:
        print(f"Answer with one of the class names: {', '.join(train.class_names)}.")
        return False
    if class_name == expected:
        print(f"Correct: {expected} images have the most ink (mean pixel value {max(means):.3f}).")
        return True
    print(f"Not quite: {class_name} has a mean pixel value of {means[train.class_names.index(class_name)]:.3f}.")
    return False
