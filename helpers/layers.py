"""``ScratchDropout``: inverted dropout written as a Keras layer, the tested copy of notebook 03's ``MyDropout``.

In training it keeps each value where ``uniform >= rate`` (a new mask per example and per call, from the
layer's own ``keras.random.SeedGenerator``) and scales it by ``1 / (1 - rate)``; at inference it is the identity.
"""

from __future__ import annotations

from collections.abc import Sequence

import keras

from helpers.dropout import check_rate

__all__ = ["ScratchDropout"]


@keras.saving.register_keras_serializable(package="dropout_course")
class ScratchDropout(keras.layers.Layer):
    """Inverted dropout from scratch, with Keras' ``noise_shape`` (``None`` entries take the input's size)."""

    def __init__(
        self, rate: float, noise_shape: Sequence[int | None] | None = None, seed: int | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.rate = check_rate(rate)
        self.noise_shape = None if noise_shape is None else tuple(noise_shape)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.supports_masking = True

    def call(self, inputs, training: bool = False):
        if not training or self.rate == 0.0:
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
