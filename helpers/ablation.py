"""Remove hidden units from a trained network and measure what is left ("ablation").

Notebook 05 holds the employee-team simulation against a real network: an employee who leaves for
good is a hidden unit whose output is set to zero for good. For the course's MLPs (``build_mlp``),
removing units of the last hidden layer only changes the last matrix product, so the hidden
activations ``h`` are computed once and every removal is a cheap NumPy product::

    logits = (h * keep) @ kernel + bias      # keep[u] = 0 for a removed unit u

which is the same as zeroing the removed units' rows of the output layer's kernel (their outgoing
weights). The softmax does not change which class has the largest output, so accuracy is read off
the logits.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "accuracy_without_units",
    "last_hidden_activations",
    "output_weights",
    "random_removal",
    "single_unit_removal",
]


def _check_problem(hidden: object, kernel: object, bias: object, labels: object) -> tuple[np.ndarray, ...]:
    h = np.asarray(hidden, dtype=np.float32)
    w = np.asarray(kernel, dtype=np.float32)
    b = np.asarray(bias, dtype=np.float32)
    y = np.asarray(labels)
    if h.ndim != 2 or 0 in h.shape:
        raise ValueError(f"hidden must be a non-empty array of shape (examples, units); got shape {h.shape}")
    if w.ndim != 2 or w.shape[0] != h.shape[1]:
        raise ValueError(f"kernel must have shape (units = {h.shape[1]}, classes); got shape {w.shape}")
    if b.shape != (w.shape[1],):
        raise ValueError(f"bias must have shape ({w.shape[1]},), one value per class; got shape {b.shape}")
    if y.shape != (h.shape[0],) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"labels must be integers of shape ({h.shape[0]},), one per example; got {y.dtype} {y.shape}")
    if y.min() < 0 or y.max() >= w.shape[1]:
        raise ValueError(f"labels must be class indices in [0, {w.shape[1]})")
    return h, w, b, y


def accuracy_without_units(
    hidden: np.ndarray, kernel: np.ndarray, bias: np.ndarray, labels: np.ndarray, removed: np.ndarray
) -> np.ndarray | float:
    """Accuracy when the units marked in ``removed`` output zero.

    Args:
        hidden: activations of the last hidden layer, shape (examples, units).
        kernel, bias: the output layer's weights, shapes (units, classes) and (classes,).
        labels: the true classes, shape (examples,).
        removed: booleans of shape (units,) for one removal, or (removals, units) for many at once.

    Returns:
        A float, or an array with one accuracy per removal.
    """
    h, w, b, y = _check_problem(hidden, kernel, bias, labels)
    mask = np.asarray(removed)
    if mask.dtype != bool:
        raise TypeError(f"removed must be a boolean array (True = removed unit); got dtype {mask.dtype}")
    single = mask.ndim == 1
    mask = mask[None] if single else mask
    if mask.ndim != 2 or mask.shape[1] != h.shape[1]:
        raise ValueError(f"removed must have shape ({h.shape[1]},) or (removals, {h.shape[1]}); got {mask.shape}")
    keep = (~mask).astype(np.float32)
    logits = h @ (keep[:, :, None] * w) + b  # (removals, examples, classes): zeroed outgoing weights
    accuracy = (logits.argmax(axis=-1) == y).mean(axis=1)
    return float(accuracy[0]) if single else accuracy


def random_removal(
    hidden: np.ndarray,
    kernel: np.ndarray,
    bias: np.ndarray,
    labels: np.ndarray,
    counts: Sequence[int],
    *,
    n_draws: int = 20,
    rng: np.random.Generator,
) -> np.ndarray:
    """Accuracy after removing ``k`` units chosen at random, for each ``k`` in ``counts``.

    Returns:
        Shape (len(counts), n_draws): one accuracy per count and random draw of the removed units.
    """
    h, w, b, y = _check_problem(hidden, kernel, bias, labels)
    n_units = h.shape[1]
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)); got {rng!r}")
    if isinstance(n_draws, bool) or not isinstance(n_draws, (int, np.integer)) or n_draws < 1:
        raise ValueError(f"n_draws must be a positive integer; got {n_draws!r}")
    if isinstance(counts, (str, bytes)) or len(counts) == 0:
        raise ValueError(f"counts must be a non-empty sequence of unit counts; got {counts!r}")
    for k in counts:
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k <= n_units:
            raise ValueError(f"counts must hold integers in [0, {n_units}] (units to remove); got {k!r}")
    masks = np.zeros((len(counts), n_draws, n_units), dtype=bool)
    for row, k in enumerate(counts):
        for draw in range(n_draws):
            masks[row, draw, rng.choice(n_units, size=int(k), replace=False)] = True
    return accuracy_without_units(h, w, b, y, masks.reshape(-1, n_units)).reshape(len(counts), n_draws)


def single_unit_removal(hidden: np.ndarray, kernel: np.ndarray, bias: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Accuracy when unit ``u`` alone is removed, for every ``u``: shape (units,).

    Its minimum is the accuracy without the single most important unit.
    """
    h, w, b, y = _check_problem(hidden, kernel, bias, labels)
    return accuracy_without_units(h, w, b, y, np.eye(h.shape[1], dtype=bool))


def output_weights(model) -> tuple[np.ndarray, np.ndarray]:
    """The kernel (units, classes) and bias (classes,) of the layer named ``"output"`` (as ``build_mlp`` names it)."""
    names = [layer.name for layer in model.layers]
    if "output" not in names:
        raise ValueError(f"model must have a layer named 'output' (see training.build_mlp); it has {names}")
    kernel, bias = model.get_layer("output").get_weights()
    return np.asarray(kernel), np.asarray(bias)


def last_hidden_activations(model, images: np.ndarray, *, batch_size: int = 1024) -> np.ndarray:
    """Activations of the layer that feeds ``"output"`` (the last hidden layer), in inference mode.

    Dropout layers are identity at inference, so for a model from ``build_mlp`` these are the
    ReLU outputs of the last ``hidden_*`` layer. Shape (examples, units).
    """
    import keras

    names = [layer.name for layer in model.layers]
    if "output" not in names:
        raise ValueError(f"model must have a layer named 'output' (see training.build_mlp); it has {names}")
    if names.index("output") == 0:
        raise ValueError("model must have at least one layer before 'output'")
    feeder = model.layers[names.index("output") - 1]
    extractor = keras.Model(model.inputs, feeder.output)
    return np.asarray(extractor.predict(np.asarray(images), batch_size=batch_size, verbose=0))
