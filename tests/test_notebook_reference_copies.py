"""Code a learner writes out in a notebook, compared with the course's tested copy (micrograd's way:
the comparison with the reference is a test, not a learner's cell)."""

from __future__ import annotations

from pathlib import Path

import keras
import notebook_code
import numpy as np
import pytest

from helpers import layers

REPO = Path(__file__).resolve().parent.parent


notebook_definition = notebook_code.definition


@pytest.mark.parametrize("rate", [0.1, 0.5, 0.8])
def test_03_my_dropout_draws_the_masks_of_the_tested_layer(rate: float) -> None:
    my_dropout = notebook_definition("03_keras_dropout", "MyDropout", {"keras": keras})
    x = np.ones((64, 32), dtype="float32")
    mine, tested = my_dropout(rate, seed=3), layers.ScratchDropout(rate, seed=3)
    for _ in range(3):  # the same sequence of masks, call after call
        np.testing.assert_array_equal(
            keras.ops.convert_to_numpy(mine(x, training=True)), keras.ops.convert_to_numpy(tested(x, training=True))
        )
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(mine(x)), x)  # inference: the identity


def test_a_different_rule_would_be_caught() -> None:
    my_dropout = notebook_definition("03_keras_dropout", "MyDropout", {"keras": keras})
    x = np.ones((64, 32), dtype="float32")
    mine = keras.ops.convert_to_numpy(my_dropout(0.5, seed=3)(x, training=True))
    other = keras.ops.convert_to_numpy(layers.ScratchDropout(0.5, seed=4)(x, training=True))
    assert not np.array_equal(mine, other)
