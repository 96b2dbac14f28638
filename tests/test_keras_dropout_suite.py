"""Keras's own Dropout tests, run against helpers.layers.ScratchDropout.

The tests are Keras 3.15.1's ``keras/src/layers/regularization/dropout_test.py``, imported from the
installed wheel (which ships them) and run unchanged: each test method looks up ``layers.Dropout``
in its module, and here that name points at ScratchDropout for the duration of the test. A learner
who compares the from-scratch layer with Keras's finds it held to the same 14 tests.
"""

from __future__ import annotations

import types
import unittest.mock

import keras
import pytest
from keras.src.layers.regularization import dropout_test as keras_dropout_test

from helpers.layers import ScratchDropout

# run_layer_test fits a model with no weights on a generator: Keras's own Dropout warns the same there
pytestmark = [
    pytest.mark.filterwarnings("ignore:The model does not have any trainable weights"),
    pytest.mark.filterwarnings("ignore:`shuffle=True` was passed, but will be ignored"),
]
KERAS_TESTS = sorted(name for name in vars(keras_dropout_test.DropoutTest) if name.startswith("test_"))


class TestScratchDropoutAgainstKerasSuite(keras_dropout_test.DropoutTest):
    """Every ``test_*`` method of Keras's DropoutTest, with ``layers.Dropout`` replaced by ScratchDropout."""

    def setUp(self) -> None:
        super().setUp()
        patch = unittest.mock.patch.object(keras_dropout_test, "layers", types.SimpleNamespace(Dropout=ScratchDropout))
        patch.start()
        self.addCleanup(patch.stop)


def test_the_suite_is_keras_3_15_1_s_fourteen_tests_and_is_patched() -> None:
    """Guards the run above: the tests exist (not silently zero) and the swap reaches them."""
    assert keras.__version__ == "3.15.1" and len(KERAS_TESTS) == 14, (keras.__version__, KERAS_TESTS)
    seen = []
    case = TestScratchDropoutAgainstKerasSuite("test_validate_noise_shape_none")
    case.setUp()
    try:
        seen.append(type(keras_dropout_test.layers.Dropout(0.5)))
    finally:
        case.doCleanups()
    assert seen == [ScratchDropout] and keras_dropout_test.layers.Dropout is keras.layers.Dropout
