"""Copies of the ``#@save`` cells of notebook 01, where the learner reads them (the network, its training
and its evaluation); ``tests/test_saved_code.py`` fails when they differ: edit the notebook, then copy."""

from __future__ import annotations

import keras

from helpers import progress

__all__ = ["build_mlp", "evaluate", "train_model"]


def build_mlp(hidden_units=(256, 256), rate=0.0, *, seed=0, name=None):
    """A compiled MLP for 28x28 images: Flatten, Dense-ReLU (+ Dropout), ..., softmax.

    rate: the probability of dropping a unit (p = 1 - rate keeps it); 0 adds no Dropout.
    seed: the same seed gives the same initial weights and the same training run.
    """
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(name=name)
    model.add(keras.Input(shape=(28, 28)))
    model.add(keras.layers.Flatten(name="flatten"))
    for i, units in enumerate(hidden_units, start=1):
        model.add(keras.layers.Dense(units, activation="relu", name=f"hidden_{i}"))
        if rate:  # Keras refuses a rate outside [0, 1]
            model.add(keras.layers.Dropout(rate, name=f"dropout_{i}"))
    model.add(keras.layers.Dense(10, activation="softmax", name="output"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        # speed only: 16 mini-batches per call into TensorFlow, the same updates
        steps_per_execution=16,
    )
    return model


def train_model(model, train, validation=None, *, epochs=30, batch_size=128, label=""):
    """model.fit on data.Dataset objects, with a progress bar; the history as a dict.

    label: the text left of the bar in JupyterLab, for example "run 3 of 6".
    """
    if validation is not None:
        validation = (validation.images, validation.labels)
    history = model.fit(
        train.images,
        train.labels,
        validation_data=validation,
        epochs=epochs,
        batch_size=batch_size,
        verbose=0,  # no Keras log lines: the progress bar shows how far fit is
        callbacks=[progress.TrainingProgress(label)],
    )
    return history.history


def evaluate(model, dataset):
    """Loss and accuracy on a data.Dataset in inference mode (dropout off)."""
    images, labels = dataset.images, dataset.labels
    loss, accuracy = model.evaluate(images, labels, batch_size=1024, verbose=0)
    return {"loss": loss, "accuracy": accuracy}
