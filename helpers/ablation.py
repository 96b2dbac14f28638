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

from helpers._checks import check_array, check_int, check_rng

__all__ = ["accuracy_without_units", "random_removal", "single_unit_removal"]


def _check_problem(hidden: object, kernel: object, bias: object, labels: object) -> tuple[np.ndarray, ...]:
    """The four arrays, refused by name unless real numbers of consistent shapes with labels 0 to classes - 1."""
    real = "an array of real numbers"
    hidden = check_array(hidden, "hidden", ndim=2, meaning=f"{real} (examples, units)").astype(np.float32, copy=False)
    kernel = check_array(kernel, "kernel", ndim=2, meaning=f"{real} (units, classes)").astype(np.float32, copy=False)
    bias = check_array(bias, "bias", ndim=1, meaning=f"{real} (classes,)").astype(np.float32, copy=False)
    labels = check_array(labels, "labels", ndim=1, meaning="an array of class labels (examples,)")
    shapes = [hidden.shape, kernel.shape, bias.shape, labels.shape]
    if shapes != [(len(hidden), len(kernel)), (hidden.shape[1], len(bias)), bias.shape, hidden.shape[:1]]:
        raise ValueError(
            "hidden, kernel, bias and labels must have shapes (examples, units), (units, classes), (classes,) "
            f"and (examples,); got {', '.join(map(str, shapes))}"
        )
    if labels.size and not (0 <= labels.min() and labels.max() < len(bias) and (labels % 1 == 0).all()):  # NaN: False
        got = f"{labels.min()} to {labels.max()}"
        raise ValueError(f"labels must be class indices, whole numbers from 0 to {len(bias) - 1}; got {got}")
    return hidden, kernel, bias, labels


def accuracy_without_units(
    hidden: np.ndarray, kernel: np.ndarray, bias: np.ndarray, labels: np.ndarray, removed: np.ndarray
) -> np.ndarray | float:
    """Accuracy when the units marked True in ``removed`` output zero.

    ``hidden``: (examples, units); ``kernel``, ``bias``: the output layer's, (units, classes) and
    (classes,); ``labels``: (examples,); ``removed``: a boolean mask, (units,) for one removal or
    (removals, units), never unit indices (for those: ``np.isin(np.arange(units), indices)``).
    Returns a float, or one accuracy per removal.
    """
    hidden, kernel, bias, labels = _check_problem(hidden, kernel, bias, labels)
    n_units, n_classes = kernel.shape
    allowed = (
        f"a boolean mask of shape ({n_units},) or (removals, {n_units}), True for a removed unit "
        f"(unit indices i: np.isin(np.arange({n_units}), i))"
    )
    mask = check_array(removed, "removed", kinds="b", meaning=allowed)
    if mask.ndim not in (1, 2) or mask.shape[-1] != n_units:
        raise ValueError(f"removed must be {allowed}; got {mask.dtype} of shape {mask.shape}")
    keep = ~np.atleast_2d(mask)  # (removals, units)
    # one matrix product for every removal at once: the kernels side by side, (units, removals x classes)
    kernels = (keep[:, :, None] * kernel).transpose(1, 0, 2).reshape(n_units, -1)
    with np.errstate(invalid="ignore", over="ignore"):  # a NaN or infinite example is counted wrong below
        logits = (hidden @ kernels).reshape(len(hidden), len(keep), n_classes) + bias
    correct = (logits.argmax(axis=-1) == labels[:, None]) & np.isfinite(logits).all(axis=-1)
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
    hidden, kernel, bias, labels = _check_problem(hidden, kernel, bias, labels)
    n_units, rng = len(kernel), check_rng(rng)
    n_draws = check_int(n_draws, "n_draws", high=10_000, meaning="random removals per count; one mask each")
    sizes = counts.tolist() if isinstance(counts, np.ndarray) else counts
    if not isinstance(sizes, (list, tuple)) or not 1 <= len(sizes) <= 1000:
        raise TypeError(f"counts must be a list of 1 to 1,000 numbers of units to remove; got {counts!r:.60}")
    counts = [check_int(k, "each of counts", low=0, high=n_units, meaning="units to remove") for k in sizes]
    masks = np.zeros((len(counts), n_draws, n_units), dtype=bool)
    for row, k in enumerate(counts):
        for draw in range(n_draws):
            masks[row, draw, rng.choice(n_units, size=k, replace=False)] = True
    accuracy = accuracy_without_units(hidden, kernel, bias, labels, masks.reshape(-1, n_units))
    return accuracy.reshape(len(counts), n_draws)


def single_unit_removal(hidden: np.ndarray, kernel: np.ndarray, bias: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Accuracy when unit ``u`` alone is removed, for every ``u``: shape (units,)."""
    hidden, kernel, bias, labels = _check_problem(hidden, kernel, bias, labels)
    return accuracy_without_units(hidden, kernel, bias, labels, np.eye(len(kernel), dtype=bool))
