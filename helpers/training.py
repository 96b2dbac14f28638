"""Model builders and a compact, quiet training routine shared by the notebooks."""

from __future__ import annotations

from collections.abc import Sequence

import keras
import numpy as np

from helpers.data import Dataset
from helpers.dropout import check_rate
from helpers.progress import TrainingProgress, progress_wanted

__all__ = ["STEPS_PER_EXECUTION", "build_mlp", "check_rate", "evaluate", "train_model"]

#: Mini-batches per call into TensorFlow in models built by :func:`build_mlp`.
STEPS_PER_EXECUTION = 16


def build_mlp(
    hidden_units: Sequence[int] = (256, 256),
    dropout_rate: float = 0.0,
    *,
    input_dropout_rate: float = 0.0,
    seed: int = 0,
    learning_rate: float = 1e-3,
    name: str | None = None,
) -> keras.Model:
    """A compiled MLP for 28x28 images: Flatten, [Dropout], (Dense-ReLU, [Dropout]) x n, Dense-softmax.

    ``dropout_rate`` follows each hidden layer, ``input_dropout_rate`` the input (the paper used
    0.2 on inputs and 0.5 on hidden units); a rate of 0 adds no layer. ``seed`` resets Keras's
    global seed first, so the same arguments give the same initial weights and the same masks.
    """
    if isinstance(hidden_units, (str, bytes)) or not isinstance(hidden_units, Sequence) or not hidden_units:
        raise ValueError(f"hidden_units must be a non-empty sequence of positive integers; got {hidden_units!r}")
    for units in hidden_units:
        if isinstance(units, bool) or not isinstance(units, (int, np.integer)) or units <= 0:
            raise ValueError(f"hidden_units must hold positive integers; got {units!r}")
    dropout_rate = check_rate(dropout_rate, "dropout_rate")
    input_dropout_rate = check_rate(input_dropout_rate, "input_dropout_rate")
    if not isinstance(learning_rate, (int, float)) or not learning_rate > 0:
        raise ValueError(f"learning_rate must be a positive number; got {learning_rate!r}")
    keras.utils.set_random_seed(int(seed))

    layers: list[keras.layers.Layer] = [keras.Input(shape=(28, 28)), keras.layers.Flatten(name="flatten")]
    if input_dropout_rate > 0:
        layers.append(keras.layers.Dropout(input_dropout_rate, name="input_dropout"))
    for index, units in enumerate(hidden_units, start=1):
        layers.append(keras.layers.Dense(int(units), activation="relu", name=f"hidden_{index}"))
        if dropout_rate > 0:
            layers.append(keras.layers.Dropout(dropout_rate, name=f"dropout_{index}"))
    layers.append(keras.layers.Dense(10, activation="softmax", name="output"))
    model = keras.Sequential(layers, name=name or f"mlp_dropout_{dropout_rate:g}".replace(".", "_"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        # 16 mini-batches per call into TensorFlow: the same updates in the same order (identical
        # results), a quarter less time on these small models, where per-step overhead dominates.
        steps_per_execution=STEPS_PER_EXECUTION,
    )
    return model


def train_model(
    model: keras.Model,
    train: Dataset,
    validation: Dataset | None = None,
    *,
    epochs: int = 20,
    batch_size: int = 128,
    callbacks: Sequence[keras.callbacks.Callback] = (),
    progress: bool | None = None,
) -> dict[str, list[float]]:
    """Fit quietly (``verbose=0``) and return the history: metric name -> one value per epoch.

    ``progress``: None (automatic) shows one progress bar in JupyterLab that disappears when training
    ends, and nothing in batch runs (``DROPOUT_COURSE_BATCH=1``: stored outputs, tests) or outside a
    notebook; True or False force it on (in a notebook kernel) or off. See ``helpers/progress.py``.
    """
    for argument, value in (("epochs", epochs), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
            raise ValueError(f"{argument} must be a positive integer; got {value!r}")
    callbacks = list(callbacks)
    bar = TrainingProgress() if progress_wanted(progress) else None
    if bar is not None:
        callbacks.append(bar)
    try:
        history = model.fit(
            train.images,
            train.labels,
            validation_data=None if validation is None else (validation.images, validation.labels),
            epochs=int(epochs),
            batch_size=int(batch_size),
            shuffle=True,
            verbose=0,
            callbacks=callbacks,
        )
    finally:
        if bar is not None:
            bar.close()  # also when fit is interrupted: no half-drawn bar left in the cell
    return {key: [float(v) for v in values] for key, values in history.history.items()}


def evaluate(model: keras.Model, dataset: Dataset, *, batch_size: int = 1024) -> dict[str, float]:
    """Loss and accuracy of ``model`` on ``dataset`` in inference mode (dropout off)."""
    loss, accuracy = model.evaluate(dataset.images, dataset.labels, batch_size=batch_size, verbose=0)
    return {"loss": float(loss), "accuracy": float(accuracy)}
