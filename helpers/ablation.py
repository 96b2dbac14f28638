"""Remove hidden units from a trained network and measure what is left ("ablation"), for notebook 05.

An employee who leaves for good is a hidden unit whose output is zero for good. Removing units of the
last hidden layer only changes the last matrix product, so the activations ``h`` are computed once::

    logits = (h * keep) @ kernel + bias      # keep[u] = 0 for a removed unit u

the same as zeroing the removed units' outgoing weights (rows of the output kernel). An example whose
logits are not finite (NaN or infinite activations) counts as wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers._checks import check_int, check_rng

__all__ = ["accuracy_without_units", "random_removal", "single_unit_removal"]


def accuracy_without_units(
    hidden: np.ndarray, kernel: np.ndarray, bias: np.ndarray, labels: np.ndarray, removed: np.ndarray
) -> np.ndarray | float:
    """Accuracy when the units marked True in ``removed`` output zero.

    ``hidden``: (examples, units); ``kernel``, ``bias``: the output layer's, (units, classes) and
    (classes,); ``labels``: (examples,); ``removed``: a boolean mask, (units,) for one removal or
    (removals, units), never unit indices (for those: ``np.isin(np.arange(units), indices)``).
    Returns a float, or one accuracy per removal.
    """
    mask = np.asarray(removed)
    hidden = np.asarray(hidden, dtype=np.float32)
    kernel = np.asarray(kernel, dtype=np.float32)
    shapes = [hidden.shape, kernel.shape, np.shape(bias), np.shape(labels)]
    n_examples, n_units = hidden.shape if hidden.ndim == 2 else (None, None)
    n_classes = kernel.shape[-1] if kernel.ndim == 2 else None
    if shapes != [(n_examples, n_units), (n_units, n_classes), (n_classes,), (n_examples,)]:
        raise ValueError(
            "hidden, kernel, bias and labels must have shapes (examples, units), (units, classes), (classes,) "
            f"and (examples,); got {', '.join(map(str, shapes))}"
        )
    if mask.dtype != bool or mask.ndim not in (1, 2) or mask.shape[-1] != n_units:
        raise ValueError(
            f"removed must be a boolean mask of shape ({n_units},) or (removals, {n_units}), True for a removed "
            f"unit (unit indices i: np.isin(np.arange({n_units}), i)); got {mask.dtype} of shape {mask.shape}"
        )
    keep = ~np.atleast_2d(mask)  # (removals, units)
    # one matrix product for every removal at once: the kernels side by side, (units, removals x classes)
    kernels = (keep[:, :, None] * kernel).transpose(1, 0, 2).reshape(n_units, -1)
    with np.errstate(invalid="ignore", over="ignore"):  # a NaN or infinite example is counted wrong below
        logits = (hidden @ kernels).reshape(len(hidden), len(keep), n_classes) + np.asarray(bias, dtype=np.float32)
    correct = (logits.argmax(axis=-1) == np.asarray(labels)[:, None]) & np.isfinite(logits).all(axis=-1)
    accuracy = correct.mean(axis=0)
    return float(accuracy[0]) if mask.ndim == 1 else accuracy


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
    """Accuracy after removing ``k`` units chosen at random: shape (len(counts), n_draws)."""
    n_units, rng = (np.shape(hidden)[-1:] or (0,))[0], check_rng(rng)
    n_draws = check_int(n_draws, "n_draws", high=10_000, meaning="random removals per count; one mask each")
    counts = [check_int(k, "each of counts", low=0, high=n_units, meaning="units to remove") for k in counts]
    masks = np.zeros((len(counts), n_draws, n_units), dtype=bool)
    for row, k in enumerate(counts):
        for draw in range(n_draws):
            masks[row, draw, rng.choice(n_units, size=k, replace=False)] = True
    accuracy = accuracy_without_units(hidden, kernel, bias, labels, masks.reshape(-1, n_units))
    return accuracy.reshape(len(counts), n_draws)


def single_unit_removal(hidden: np.ndarray, kernel: np.ndarray, bias: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Accuracy when unit ``u`` alone is removed, for every ``u``: shape (units,)."""
    n_units = (np.shape(hidden)[-1:] or (0,))[0]  # a hidden that is not (examples, units) is refused below
    return accuracy_without_units(hidden, kernel, bias, labels, np.eye(n_units, dtype=bool))
