"""Clear errors for what a learner passes to the saved functions of notebook 01 (``helpers/training.py``).

Each ``#@save`` function starts with one line that calls a function here, so the notebook shows the
network and its training, not argument checks; a bad argument is named with the values allowed,
before Keras or TensorFlow see it (their messages name internals a learner never wrote).
"""

from __future__ import annotations

import re

import keras
import numpy as np

from helpers import data
from helpers._checks import check_fraction, check_int, check_seed, is_integer

__all__ = ["check_dataset", "check_evaluate_arguments", "check_fit_arguments", "check_mlp_arguments"]

MAX_LAYERS, MAX_UNITS, MAX_EPOCHS = 10, 8192, 1000
_LAYER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")


def check_mlp_arguments(hidden_units: object, rate: object, seed: object, name: object) -> tuple:
    """``(hidden_units as a tuple of ints, rate as a float, seed as an int, name)`` for ``build_mlp``."""
    units = hidden_units.tolist() if isinstance(hidden_units, np.ndarray) and hidden_units.ndim == 1 else hidden_units
    allowed = f"a list or tuple of 1 to {MAX_LAYERS} layer sizes, each an integer from 1 to {MAX_UNITS:,}"
    if not isinstance(units, (list, tuple)) or not 1 <= len(units) <= MAX_LAYERS:
        raise TypeError(f"hidden_units must be {allowed}, such as (256, 256); got {hidden_units!r:.60}")
    if not all(is_integer(size) and 1 <= size <= MAX_UNITS for size in units):
        raise ValueError(f"hidden_units must be {allowed}; got {hidden_units!r:.60}")
    rate = check_fraction(rate, "rate", meaning="the probability of dropping a unit; 1 would drop every unit")
    if name is not None and not (isinstance(name, str) and _LAYER_NAME.fullmatch(name)):
        raise ValueError(
            f"name must be None or a model name of letters, digits, _ . - such as 'plain'; got {name!r:.60}"
        )
    return tuple(int(size) for size in units), rate, check_seed(seed), name


def check_dataset(dataset: object, name: str) -> data.Dataset:
    """``dataset`` if it is a ``data.Dataset`` (which checks its own images and labels when built)."""
    if not isinstance(dataset, data.Dataset):
        raise TypeError(f"{name} must be a data.Dataset (from data.load_fashion_mnist); got {type(dataset).__name__}")
    return dataset


def check_evaluate_arguments(model: object, dataset: object, name: str = "dataset") -> None:
    """Refuse, by name, what ``evaluate`` cannot measure."""
    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a Keras model (from build_mlp); got {type(model).__name__}")
    check_dataset(dataset, name)


def check_fit_arguments(model: object, train: object, validation: object, epochs: object, batch_size: object) -> None:
    """Refuse, by name, what ``train_model`` cannot train with (before ``fit`` starts)."""
    check_evaluate_arguments(model, train, "train")
    if validation is not None:
        check_dataset(validation, "validation")
    check_int(epochs, "epochs", low=1, high=MAX_EPOCHS, meaning="passes over the training images")
    check_int(batch_size, "batch_size", low=1, high=len(train), meaning="images per step, at most the training set")
