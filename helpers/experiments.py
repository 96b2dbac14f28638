"""The experiments of notebook 04: sweeps over the dropout rate and the data size, Monte-Carlo dropout.

Laptop-scale counterparts of Srivastava et al. (2014), Figures 9, 10 and 11, and of the uncertainty
estimates of Gal and Ghahramani (2016). Every runner trains models from ``helpers.training`` with an
explicit seed, so the same arguments give the same numbers; nothing here prints or plots.

- :func:`train_and_test` trains one MLP and measures it on a test set (a :class:`RunResult`);
  :func:`rate_sweep` and :func:`data_size_sweep` call it for several rates or training-set sizes.
- :func:`mc_predict` runs k stochastic forward passes (dropout on); :func:`mc_convergence` compares the
  average of the first k passes with the deterministic model for each k.
- :func:`predictive_entropy` measures how spread out a predicted distribution is;
  :func:`shuffle_pixels` makes out-of-distribution images with the same pixel values as real ones.
- :func:`results_table` formats rows of numbers as an aligned plain-text table.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import keras
import numpy as np

from helpers import training
from helpers.data import Dataset

__all__ = [
    "RunResult",
    "balanced_subset",
    "data_size_sweep",
    "generalization_gap",
    "mc_convergence",
    "mc_predict",
    "predictive_entropy",
    "rate_sweep",
    "results_table",
    "shuffle_pixels",
    "train_and_test",
    "train_for_steps",
]


@dataclass(frozen=True)
class RunResult:
    """One trained model's numbers: its dropout rate, training-set size, history and test scores."""

    rate: float
    n_train: int
    test_loss: float
    test_accuracy: float
    history: dict[str, list[float]] = field(default_factory=dict)
    train_accuracy: float = math.nan

    @property
    def test_error(self) -> float:
        """The fraction of test images misclassified, ``1 - test_accuracy``."""
        return 1.0 - self.test_accuracy


def _check_positive_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise ValueError(f"{name} must be a positive integer; got {value!r}")
    return int(value)


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= int(seed) < 2**32:
        raise ValueError(f"seed must be an integer in [0, 2**32); got {seed!r}")
    return int(seed)


def _check_dataset(dataset: object, name: str) -> Dataset:
    if not isinstance(dataset, Dataset):
        raise TypeError(f"{name} must be a helpers.data.Dataset; got {type(dataset).__name__}")
    return dataset


def balanced_subset(dataset: Dataset, n: int, *, seed: int = 0) -> Dataset:
    """``n`` examples of ``dataset`` with the same number from each class (``n`` divisible by the classes).

    Drawn without replacement with ``np.random.default_rng(seed)``; the order is shuffled, and a smaller
    ``n`` with the same seed does not in general give a subset of a larger one.
    """
    dataset = _check_dataset(dataset, "dataset")
    n = _check_positive_int(n, "n")
    seed = _check_seed(seed)
    classes = np.unique(dataset.labels)
    if n % len(classes):
        raise ValueError(f"n must be a multiple of the number of classes ({len(classes)}); got {n}")
    per_class = n // len(classes)
    rng = np.random.default_rng(seed)
    chosen = []
    for label in classes:
        members = np.flatnonzero(dataset.labels == label)
        if per_class > members.size:
            raise ValueError(f"n must be at most {members.size * len(classes)} for this dataset; got {n}")
        chosen.append(rng.choice(members, size=per_class, replace=False))
    order = rng.permutation(np.concatenate(chosen))
    return Dataset(dataset.images[order], dataset.labels[order], dataset.class_names)


def generalization_gap(history: Mapping[str, Sequence[float]], metric: str = "accuracy") -> float:
    """The gap between training and validation at the last epoch, positive when training looks better.

    For ``"accuracy"`` it is training minus validation accuracy; for ``"loss"`` validation minus
    training loss. Note that Keras's training numbers are measured with dropout on, averaged over
    the epoch, so a dropout model's training accuracy is an underestimate.
    """
    if metric not in ("accuracy", "loss"):
        raise ValueError(f"metric must be 'accuracy' or 'loss'; got {metric!r}")
    for key in (metric, f"val_{metric}"):
        if key not in history or len(history[key]) == 0:
            raise ValueError(f"history must hold a non-empty {key!r} list; it has {sorted(history)}")
    train, validation = float(history[metric][-1]), float(history[f"val_{metric}"][-1])
    return train - validation if metric == "accuracy" else validation - train


def train_for_steps(
    model: keras.Model, train: Dataset, *, steps: int, batch_size: int = 128, seed: int = 0
) -> dict[str, list[float]]:
    """Train ``model`` for exactly ``steps`` mini-batches, reshuffling ``train`` at every pass over it.

    With a small training set this is much faster than many tiny Keras epochs, and it gives models
    trained on different amounts of data the same number of updates. Returns the Keras history
    (one entry: the training loss and accuracy averaged over all steps).
    """
    import tensorflow as tf

    train = _check_dataset(train, "train")
    steps = _check_positive_int(steps, "steps")
    batch_size = _check_positive_int(batch_size, "batch_size")
    seed = _check_seed(seed)
    stream = (
        tf.data.Dataset.from_tensor_slices((train.images, train.labels))
        .shuffle(len(train), seed=seed, reshuffle_each_iteration=True)
        .repeat()
        .batch(batch_size)
    )
    history = model.fit(stream, epochs=1, steps_per_epoch=steps, shuffle=False, verbose=0)
    return {key: [float(v) for v in values] for key, values in history.history.items()}


def train_and_test(
    rate: float,
    train: Dataset,
    test: Dataset,
    *,
    validation: Dataset | None = None,
    hidden_units: Sequence[int] = (256, 256),
    epochs: int = 20,
    steps: int | None = None,
    batch_size: int = 256,
    seed: int = 0,
) -> RunResult:
    """Build the course MLP with dropout ``rate`` after each hidden layer, train it, test it.

    Trains for ``epochs`` epochs (recording a history, validated on ``validation`` when given) or,
    when ``steps`` is given, for that many mini-batches (:func:`train_for_steps`). The model is built
    with ``training.build_mlp(..., seed=seed)``, so runs with the same seed start from the same weights.
    """
    rate = training.check_rate(rate, "rate")
    train = _check_dataset(train, "train")
    test = _check_dataset(test, "test")
    if validation is not None:
        _check_dataset(validation, "validation")
    seed = _check_seed(seed)
    model = training.build_mlp(tuple(hidden_units), rate, seed=seed)
    if steps is None:
        history = training.train_model(model, train, validation, epochs=epochs, batch_size=batch_size)
    else:
        history = train_for_steps(model, train, steps=steps, batch_size=batch_size, seed=seed)
    scores = training.evaluate(model, test)
    train_accuracy = training.evaluate(model, train)["accuracy"]
    return RunResult(
        rate=rate,
        n_train=len(train),
        test_loss=scores["loss"],
        test_accuracy=scores["accuracy"],
        history=history,
        train_accuracy=train_accuracy,
    )


def rate_sweep(rates: Sequence[float], train: Dataset, test: Dataset, **kwargs: object) -> dict[float, RunResult]:
    """Train one model per dropout rate (same seed, same data); ``kwargs`` go to :func:`train_and_test`."""
    if isinstance(rates, (str, bytes)) or not isinstance(rates, Sequence) or not rates:
        raise ValueError(f"rates must be a non-empty sequence of rates in [0, 1); got {rates!r}")
    checked = [training.check_rate(rate, "rates") for rate in rates]
    if len(set(checked)) != len(checked):
        raise ValueError(f"rates must not repeat; got {list(rates)!r}")
    return {rate: train_and_test(rate, train, test, **kwargs) for rate in checked}  # type: ignore[arg-type]


def data_size_sweep(
    sizes: Sequence[int],
    train: Dataset,
    test: Dataset,
    *,
    rates: Sequence[float] = (0.0, 0.5),
    steps: int = 500,
    batch_size: int = 128,
    hidden_units: Sequence[int] = (256, 256),
    seed: int = 0,
) -> dict[int, dict[float, RunResult]]:
    """For each training-set size, train one model per rate for the same number of ``steps``.

    The training subsets are class-balanced draws from ``train`` (:func:`balanced_subset` with ``seed``);
    every model is tested on the whole of ``test``. Returns size -> rate -> :class:`RunResult`.
    """
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or not sizes:
        raise ValueError(f"sizes must be a non-empty sequence of positive integers; got {sizes!r}")
    checked_sizes = [_check_positive_int(size, "sizes") for size in sizes]
    if isinstance(rates, (str, bytes)) or not isinstance(rates, Sequence) or not rates:
        raise ValueError(f"rates must be a non-empty sequence of rates in [0, 1); got {rates!r}")
    checked_rates = [training.check_rate(rate, "rates") for rate in rates]
    results: dict[int, dict[float, RunResult]] = {}
    for size in checked_sizes:
        subset = balanced_subset(train, size, seed=seed)
        results[size] = {
            rate: train_and_test(
                rate,
                subset,
                test,
                hidden_units=hidden_units,
                steps=steps,
                batch_size=batch_size,
                seed=seed,
            )
            for rate in checked_rates
        }
    return results


def mc_predict(model: keras.Model, images: np.ndarray, n_passes: int, *, batch_size: int = 2500) -> np.ndarray:
    """Class probabilities from ``n_passes`` forward passes with dropout on (``training=True``).

    Each pass draws new masks from the model's Dropout layers. Returns an array of shape
    ``(n_passes, len(images), n_classes)``; its mean over axis 0 is the Monte-Carlo prediction.
    """
    n_passes = _check_positive_int(n_passes, "n_passes")
    batch_size = _check_positive_int(batch_size, "batch_size")
    images = np.asarray(images)
    if images.ndim < 2 or images.shape[0] == 0:
        raise ValueError(f"images must be a non-empty batch (n, ...); got shape {images.shape}")
    passes = []
    for _ in range(n_passes):
        chunks = [
            keras.ops.convert_to_numpy(model(images[start : start + batch_size], training=True))
            for start in range(0, images.shape[0], batch_size)
        ]
        passes.append(np.concatenate(chunks))
    return np.stack(passes)


def _check_probabilities(probs: object, name: str, ndim: int | None = None) -> np.ndarray:
    array = np.asarray(probs, dtype=np.float64)
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimensions; got shape {array.shape}")
    if array.ndim == 0 or array.shape[-1] < 2:
        raise ValueError(f"{name} must have at least 2 classes on its last axis; got shape {array.shape}")
    if not np.all(np.isfinite(array)) or array.min() < 0:
        raise ValueError(f"{name} must hold finite, non-negative probabilities")
    if not np.allclose(array.sum(axis=-1), 1.0, atol=1e-3):
        raise ValueError(f"{name} must sum to 1 over its last axis (within 1e-3)")
    return array


def predictive_entropy(probs: np.ndarray) -> np.ndarray:
    """Entropy in nats, ``-sum p log p`` over the last axis: 0 for a certain prediction, log(C) at most.

    For Monte-Carlo dropout pass the average over the passes, ``mc_probs.mean(axis=0)``.
    """
    array = _check_probabilities(probs, "probs")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(array > 0, array * np.log(array), 0.0)
    return -terms.sum(axis=-1)


def mc_convergence(
    mc_probs: np.ndarray, deterministic_probs: np.ndarray, labels: np.ndarray, ks: Sequence[int]
) -> dict[str, np.ndarray]:
    """How the average of the first k stochastic passes compares with the deterministic model.

    Args:
        mc_probs: ``(n_passes, n, C)`` from :func:`mc_predict`.
        deterministic_probs: ``(n, C)``, the same model with dropout off (weight scaling).
        labels: ``(n,)`` true classes.
        ks: numbers of passes to average, each in 1..n_passes.

    Returns arrays indexed like ``ks``: ``"k"``, ``"error"`` (test error of the k-pass average),
    ``"agreement"`` (fraction of images whose predicted class equals the deterministic one) and
    ``"mean_abs_diff"`` (mean absolute difference of the probabilities from the deterministic ones).
    """
    mc = _check_probabilities(mc_probs, "mc_probs", ndim=3)
    det = _check_probabilities(deterministic_probs, "deterministic_probs", ndim=2)
    labels = np.asarray(labels)
    if mc.shape[1:] != det.shape:
        raise ValueError(f"mc_probs (k, n, C) and deterministic_probs (n, C) disagree: {mc.shape} vs {det.shape}")
    if labels.shape != (det.shape[0],):
        raise ValueError(f"labels must have shape ({det.shape[0]},); got {labels.shape}")
    if isinstance(ks, (str, bytes)) or not isinstance(ks, Sequence) or not ks:
        raise ValueError(f"ks must be a non-empty sequence of pass counts; got {ks!r}")
    checked = [_check_positive_int(k, "ks") for k in ks]
    if max(checked) > mc.shape[0]:
        raise ValueError(f"ks must be at most the number of passes ({mc.shape[0]}); got {max(checked)}")
    cumulative = np.cumsum(mc, axis=0)
    det_class = det.argmax(axis=1)
    error, agreement, diff = [], [], []
    for k in checked:
        average = cumulative[k - 1] / k
        predicted = average.argmax(axis=1)
        error.append(float(np.mean(predicted != labels)))
        agreement.append(float(np.mean(predicted == det_class)))
        diff.append(float(np.mean(np.abs(average - det))))
    return {
        "k": np.array(checked),
        "error": np.array(error),
        "agreement": np.array(agreement),
        "mean_abs_diff": np.array(diff),
    }


def shuffle_pixels(images: np.ndarray, *, seed: int = 0) -> np.ndarray:
    """Out-of-distribution images: each image's pixels in a new random order (its own permutation).

    The result has exactly the pixel values of each input image, so brightness and contrast are
    unchanged, but no garment shape is left. ``images`` has shape ``(n, height, width)``.
    """
    seed = _check_seed(seed)
    array = np.asarray(images)
    if array.ndim != 3 or array.shape[0] == 0:
        raise ValueError(f"images must have shape (n, height, width) with n > 0; got {array.shape}")
    rng = np.random.default_rng(seed)
    flat = array.reshape(array.shape[0], -1)
    return rng.permuted(flat, axis=1).reshape(array.shape)


def results_table(rows: Sequence[Sequence[object]], headers: Sequence[str], *, digits: int = 4) -> str:
    """An aligned plain-text table; floats are rounded to ``digits`` significant digits.

    >>> print(results_table([("no dropout", 0.15234), ("dropout 0.5", 0.1401)], ["model", "test error"]))
    model        test error
    -----------  ----------
    no dropout   0.1523
    dropout 0.5  0.1401
    """
    if isinstance(headers, (str, bytes)) or not headers:
        raise ValueError(f"headers must be a non-empty sequence of column names; got {headers!r}")
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= 12:
        raise ValueError(f"digits must be an integer from 1 to 12; got {digits!r}")
    rendered = []
    for number, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or len(row) != len(headers):
            raise ValueError(f"rows[{number}] must have {len(headers)} cells (one per header); got {row!r}")
        cells = []
        for value in row:
            if isinstance(value, (float, np.floating)):
                cells.append(f"{float(value):.{digits}g}")
            else:
                cells.append(str(value))
        rendered.append(cells)
    widths = [max([len(str(header))] + [len(cells[i]) for cells in rendered]) for i, header in enumerate(headers)]
    lines = [
        "  ".join(str(header).ljust(width) for header, width in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * width for width in widths),
    ]
    lines += [
        "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip() for cells in rendered
    ]
    return "\n".join(lines)
