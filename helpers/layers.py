"""A dropout layer written from scratch as a Keras layer: the inverted-dropout mask of notebook 02.

``ScratchDropout(rate)`` behaves like ``keras.layers.Dropout(rate)``: in training it keeps each value
with probability ``1 - rate`` (independently per example and per call), zeroes the others and scales
the kept ones by ``1 / (1 - rate)``; at inference it returns its input unchanged. Its random numbers
come from a ``keras.random.SeedGenerator``, so a seeded layer repeats its masks, and a new mask is drawn
at every call (every training step). Notebook 03 writes the same class out and checks it against
this one and against Keras's own layer.
"""

from __future__ import annotations

from collections.abc import Sequence

import keras
import numpy as np

from helpers.training import check_rate

__all__ = ["ScratchDropout"]


def _check_noise_shape(noise_shape: object) -> tuple[int | None, ...] | None:
    if noise_shape is None:
        return None
    if isinstance(noise_shape, (str, bytes)) or not isinstance(noise_shape, Sequence):
        raise ValueError(f"noise_shape must be None or a sequence of positive integers or None; got {noise_shape!r}")
    checked: list[int | None] = []
    for dim in noise_shape:
        if dim is None:
            checked.append(None)
        elif isinstance(dim, bool) or not isinstance(dim, (int, np.integer)) or dim <= 0:
            raise ValueError(f"noise_shape must hold positive integers or None; got {noise_shape!r}")
        else:
            checked.append(int(dim))
    return tuple(checked)


@keras.saving.register_keras_serializable(package="dropout_course")
class ScratchDropout(keras.layers.Layer):
    """Inverted dropout from scratch: ``keep = uniform >= rate``; ``out = where(keep, x / (1 - rate), 0)``.

    Args:
        rate: the fraction of values to drop, in [0, 1).
        noise_shape: the shape of the mask, broadcast against the input; ``None`` entries take the
            input's size. ``(None, 1, features)`` on ``(batch, steps, features)`` shares one mask
            over the steps. ``None`` (the default): one independent draw per value.
        seed: seeds the layer's ``keras.random.SeedGenerator``; ``None`` takes one from Keras's
            global seed (``keras.utils.set_random_seed``).
    """

    def __init__(
        self,
        rate: float,
        noise_shape: Sequence[int | None] | None = None,
        seed: int | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        self.rate = check_rate(rate, "rate")
        self.noise_shape = _check_noise_shape(noise_shape)
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0):
            raise ValueError(f"seed must be None or a non-negative integer; got {seed!r}")
        self.seed = None if seed is None else int(seed)
        self.seed_generator = keras.random.SeedGenerator(self.seed)
        self.supports_masking = True

    def _mask_shape(self, inputs: keras.KerasTensor) -> tuple[int, ...]:
        input_shape = keras.ops.shape(inputs)
        if self.noise_shape is None:
            return tuple(input_shape)
        if len(self.noise_shape) != len(input_shape):
            raise ValueError(
                f"noise_shape must have one entry per input dimension ({len(input_shape)}); got {self.noise_shape}"
            )
        return tuple(size if dim is None else dim for dim, size in zip(self.noise_shape, input_shape, strict=True))

    def call(self, inputs: keras.KerasTensor, training: bool = False) -> keras.KerasTensor:
        if not training or self.rate == 0.0:
            return inputs
        uniform = keras.random.uniform(self._mask_shape(inputs), seed=self.seed_generator, dtype=inputs.dtype)
        keep = keras.ops.greater_equal(uniform, self.rate)  # True with probability 1 - rate
        return keras.ops.where(keep, inputs / (1.0 - self.rate), keras.ops.zeros_like(inputs))

    def compute_output_shape(self, input_shape: tuple[int | None, ...]) -> tuple[int | None, ...]:
        return input_shape

    def get_config(self) -> dict[str, object]:
        return {**super().get_config(), "rate": self.rate, "noise_shape": self.noise_shape, "seed": self.seed}
