"""``ScratchDropout``: inverted dropout written as a Keras layer, the tested copy of notebook 03's ``MyDropout``.

In training it keeps each value where ``uniform >= rate`` (a new mask per example and per call, from the
layer's own ``keras.random.SeedGenerator``) and scales it by ``1 / (1 - rate)``; at inference it is the identity.
Its arguments are checked as ``keras.layers.Dropout`` checks them (same messages), and Keras's own Dropout
tests pass against it (``tests/test_keras_dropout_suite.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import keras

from helpers._checks import NotANumberError, check_array, check_bool, check_int, is_integer
from helpers.dropout import check_rate

__all__ = ["ScratchDropout"]


def _check_noise_shape(noise_shape: object) -> tuple[int | None, ...] | None:
    """Keras's rules and messages: None, or a tuple or list of positive integers (NumPy's too) and Nones."""
    if noise_shape is None:
        return None
    invalid = "Invalid value received for argument `noise_shape`. Expected"
    received = f"Received: noise_shape={noise_shape!r}"
    if not isinstance(noise_shape, (tuple, list)):
        raise NotANumberError(f"{invalid} a tuple or list of integers. {received}")
    if not all(dim is None or is_integer(dim) for dim in noise_shape):
        raise NotANumberError(f"{invalid} all elements to be integers or None. {received}")
    if any(dim is not None and dim <= 0 for dim in noise_shape):
        raise ValueError(f"{invalid} all dimensions to be positive integers or None. {received}")
    return tuple(None if dim is None else int(dim) for dim in noise_shape)


@keras.saving.register_keras_serializable(package="dropout_course")
class ScratchDropout(keras.layers.Layer):
    """Inverted dropout from scratch, with Keras' ``noise_shape`` (``None`` entries take the input's size)."""

    def __init__(
        self, rate: float, noise_shape: Sequence[int | None] | None = None, seed: int | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        try:
            self.rate = check_rate(rate)
        except ValueError as error:  # Keras's wording, then the course's: [0, 1), as 1 would divide by zero
            message = f"Invalid value received for argument `rate`. Expected a float value between 0 and 1. {error}"
            raise type(error)(message) from None
        self.noise_shape = _check_noise_shape(noise_shape)
        # Keras's rule (a 64-bit integer, or None), NumPy's integers too, in the course's wording
        self.seed = None if seed is None else check_int(seed, "seed", low=-(2**63), high=2**63 - 1, meaning="or None")
        self.seed_generator = keras.random.SeedGenerator(self.seed)
        self.supports_masking = True
        self._build_at_init()  # no weights to create: built now, as keras.layers.Dropout is

    def __call__(self, *args, **kwargs):
        """Keras's ``__call__``, once inputs that are not floats are refused by name (Keras's errors name internals)."""
        inputs = args[0] if args else kwargs.get("inputs")
        if not (keras.ops.is_tensor(inputs) or isinstance(inputs, keras.KerasTensor)):
            check_array(inputs, "inputs", kinds="f", meaning="a tensor or array of floats, such as x (batch, units)")
        return super().__call__(*args, **kwargs)

    def call(self, inputs, training: bool | None = False):
        if keras.ops.is_tensor(training):  # Keras hands a NumPy bool over as a tensor
            training = keras.ops.convert_to_numpy(training)[()]
        if not check_bool(training, "training", none=True) or self.rate == 0.0:
            return inputs
        shape = keras.ops.shape(inputs)
        if self.noise_shape is not None:
            if len(self.noise_shape) != len(shape):
                raise ValueError(f"noise_shape needs one entry per input dimension ({len(shape)}): {self.noise_shape}")
            shape = tuple(size if dim is None else dim for dim, size in zip(self.noise_shape, shape, strict=True))
        uniform = keras.random.uniform(shape, seed=self.seed_generator, dtype=inputs.dtype)
        keep = keras.ops.greater_equal(uniform, self.rate)  # True with probability 1 - rate
        return keras.ops.where(keep, inputs / (1.0 - self.rate), keras.ops.zeros_like(inputs))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate, "noise_shape": self.noise_shape, "seed": self.seed}
