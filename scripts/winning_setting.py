"""Search for a setting where dropout beats a plain and an early-stopped plain network in test error.

Issue 17, item 6. For each seed, one plain and one dropout network are trained for a fixed number of
epochs; after every epoch the validation loss and error and the test error are recorded. Every choice
is made on validation data only: the early-stopped epoch of each network is the one
``EarlyStopping(monitor, patience, restore_best_weights=True)`` would restore, for ``monitor`` the
validation loss and, separately, the validation error. The test error is then read at that epoch
(the same number a single test evaluation after restoring the weights gives).

    .venv/bin/python scripts/winning_setting.py CANDIDATE --seeds 0-9 [--out results/winning_setting]

``--list`` prints the candidates. Without ``--out`` the per-seed rows are only printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

UPPER_BODY = (0, 2, 4, 6)  # T-shirt/top, Pullover, Coat, Shirt
BASE = {
    "units": (256, 256), "input_rate": 0.0, "rate": 0.5, "lr": 1e-3, "cosine": False, "epochs": 40,
    "batch": 128, "n_train": None, "n_val": 2000, "classes": None, "full": False, "patience": 10,
    "maxnorm": None, "label_noise": 0.0,
}  # fmt: skip
#: What each candidate changes in BASE (n_train None: all the subset's images left after validation).
CANDIDATES: dict[str, dict] = {
    "base256": {},
    "upper256": {"classes": UPPER_BODY, "n_val": 800},
    "upper1024_in": {"units": (1024, 1024), "classes": UPPER_BODY, "n_val": 800, "input_rate": 0.2},
    "base256_cos": {"cosine": True},
    "w512_in_cos": {"units": (512, 512), "input_rate": 0.2, "cosine": True},
    "w1024_in_cos": {"units": (1024, 1024), "input_rate": 0.2, "cosine": True},
    "s2k256_in": {"n_train": 2000, "epochs": 60, "input_rate": 0.2},  # the winner
    "s2k256_in_cos": {"n_train": 2000, "epochs": 60, "input_rate": 0.2, "cosine": True},
    "full256_in": {"full": True, "n_val": 10000, "input_rate": 0.2},
    "s2k1024_in": {"n_train": 2000, "epochs": 80, "input_rate": 0.2, "units": (1024, 1024)},
    "s2k1024_in_mn": {"n_train": 2000, "epochs": 80, "input_rate": 0.2, "units": (1024, 1024), "maxnorm": 3.0},
    "s1k1024_in": {"n_train": 1000, "epochs": 100, "input_rate": 0.2, "units": (1024, 1024)},
    "s2k256_in_long": {"n_train": 2000, "epochs": 150, "input_rate": 0.2, "patience": 20},
    "s2k512_in_long": {"n_train": 2000, "epochs": 150, "input_rate": 0.2, "patience": 20, "units": (512, 512)},
    "s2k256_in_noise30": {"n_train": 2000, "epochs": 60, "input_rate": 0.2, "label_noise": 0.3},
    "s4k256_in_noise30": {"n_train": 4000, "epochs": 60, "input_rate": 0.2, "label_noise": 0.3},
    "s2k512x3_in": {"n_train": 2000, "epochs": 80, "input_rate": 0.2, "units": (512, 512, 512)},
}


def load(config: dict, seed: int):
    """(train, validation, test) as (images, labels) arrays for one seed, classes remapped to 0..k-1."""
    from helpers import data, experiments

    if config["full"]:
        idx_dir = data.find_idx_dir()
        pool, test = (
            data.Dataset(images.astype(np.float32) / 255.0, labels.astype(np.int64))
            for images, labels in (data.read_idx_pair(idx_dir, split) for split in ("train", "test"))
        )
        order = np.random.default_rng(seed).permutation(len(pool))
        pool = data.Dataset(pool.images[order], pool.labels[order])
    else:
        pool, test = data.load_fashion_mnist("train"), data.load_fashion_mnist("test")
    if config["classes"] is not None:
        keep = np.asarray(config["classes"])

        def select(d):
            mask = np.isin(d.labels, keep)
            return data.Dataset(d.images[mask], np.searchsorted(keep, d.labels[mask]))

        pool, test = select(pool), select(test)
    pool, validation = data.split_off_validation(pool, config["n_val"])
    if config["n_train"] is None:  # the whole rest of the pool
        train = pool
    elif config["full"]:
        train = data.Dataset(pool.images[: config["n_train"]], pool.labels[: config["n_train"]])
    else:
        train = experiments.balanced_subset(pool, config["n_train"], seed=seed)
    if config["label_noise"]:  # wrong labels in training and validation data (the test labels stay right)
        rng, classes = np.random.default_rng(seed + 1_000_003), int(pool.labels.max()) + 1
        train, validation = (
            data.Dataset(d.images, _relabel(d.labels, config["label_noise"], classes, rng)) for d in (train, validation)
        )
    return [(d.images, d.labels) for d in (train, validation, test)]


def _relabel(labels: np.ndarray, fraction: float, classes: int, rng: np.random.Generator) -> np.ndarray:
    """``labels`` with a ``fraction`` of them replaced by a different class drawn uniformly."""
    labels = labels.copy()
    wrong = rng.random(len(labels)) < fraction
    labels[wrong] = (labels[wrong] + rng.integers(1, classes, wrong.sum())) % classes
    return labels


def build(config: dict, n_train: int, n_classes: int, dropout: bool, seed: int):
    """Flatten, Dense ReLU layers, softmax, Adam; with ``dropout`` the input and hidden dropout of ``config``."""
    import keras

    keras.utils.set_random_seed(seed)
    layers = [keras.Input(shape=(28, 28)), keras.layers.Flatten()]
    if dropout and config["input_rate"]:
        layers.append(keras.layers.Dropout(config["input_rate"]))
    for units in config["units"]:
        constraint = keras.constraints.MaxNorm(config["maxnorm"]) if dropout and config["maxnorm"] else None
        layers.append(keras.layers.Dense(units, activation="relu", kernel_constraint=constraint))
        if dropout and config["rate"]:
            layers.append(keras.layers.Dropout(config["rate"]))
    model = keras.Sequential([*layers, keras.layers.Dense(n_classes, activation="softmax")])
    rate = config["lr"]
    if config["cosine"]:  # decay to 0 over the whole run: the last epochs are stable
        steps = config["epochs"] * -(-n_train // config["batch"])
        rate = keras.optimizers.schedules.CosineDecay(config["lr"], decay_steps=steps)
    model.compile(
        optimizer=keras.optimizers.Adam(rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=16,
    )
    return model


def stop_epoch(values: list[float], patience: int) -> int:
    """0-based epoch EarlyStopping(patience, restore_best_weights=True) restores (lower is better)."""
    best, since = 0, 0
    for epoch in range(1, len(values)):
        if values[epoch] < values[best]:
            best, since = epoch, 0
        else:
            since += 1
            if since >= patience:
                break
    return best


def train_one(config: dict, sets, dropout: bool, seed: int) -> dict:
    """Per-epoch validation loss/error and test error of one network, and its training seconds."""
    import keras

    (x, y), (xv, yv), (xt, yt) = sets
    model = build(config, len(y), int(y.max()) + 1, dropout, seed)
    record, epochs = {"val_loss": [], "val_error": [], "test_error": []}, config["epochs"]
    spent = [0.0]

    class Record(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            start = time.perf_counter()
            record["val_loss"].append(float(logs["val_loss"]))
            record["val_error"].append(1.0 - float(logs["val_accuracy"]))
            # test only where EarlyStopping could restore (a new best) and at the end: NaN elsewhere
            if any(record[m][-1] <= min(record[m]) for m in ("val_loss", "val_error")) or epoch + 1 == epochs:
                predicted = np.argmax(self.model.predict(xt, batch_size=2500, verbose=0), axis=1)
                record["test_error"].append(float(np.mean(predicted != yt)))
            else:
                record["test_error"].append(float("nan"))
            spent[0] += time.perf_counter() - start

    start = time.perf_counter()
    model.fit(x, y, epochs=epochs, batch_size=config["batch"], validation_data=(xv, yv),
              verbose=0, callbacks=[Record()])  # fmt: skip
    record["seconds"] = time.perf_counter() - start - spent[0]
    return record


def summarise(plain: dict, drop: dict, patience: int) -> dict:
    """Test errors at the last epoch and at each early-stopped epoch (chosen on validation)."""
    row = {"plain": plain["test_error"][-1], "dropout_last": drop["test_error"][-1]}
    for monitor in ("val_loss", "val_error"):
        tag = monitor.removeprefix("val_")
        for name, rec in (("plain_es", plain), ("dropout_es", drop)):
            epoch = stop_epoch(rec[monitor], patience)
            row[f"{name}_{tag}"], row[f"{name}_{tag}_epoch"] = rec["test_error"][epoch], epoch + 1
    row["seconds_plain"], row["seconds_dropout"] = round(plain["seconds"], 1), round(drop["seconds"], 1)
    return row


def parse_seeds(text: str) -> list[int]:
    if "-" in text:
        low, high = map(int, text.split("-"))
        return list(range(low, high + 1))
    return [int(s) for s in text.split(",")]


def report(name: str, config: dict, rows: list[dict]) -> str:
    """A Markdown table of the per-seed rows and the win counts."""
    cols = ["seed", "plain", "plain_es_loss", "plain_es_error", "dropout_last", "dropout_es_loss",
            "dropout_es_error", "plain_es_loss_epoch", "dropout_es_loss_epoch", "seconds_plain",
            "seconds_dropout"]  # fmt: skip
    lines = [f"## {name}", "", f"config: `{json.dumps(config)}`", "",
             "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]  # fmt: skip
    lines += ["| " + " | ".join(f"{r[c]:.4f}" if c[0] in "pd" and "epoch" not in c else str(r[c]) for c in cols)
              + " |" for r in rows]  # fmt: skip
    lines.append(
        "\n*_epoch: the 1-based epoch EarlyStopping restores; seconds_*: wall time of the whole fit on one "
        "thread (TF_NUM_INTRAOP_THREADS=1), test evaluations excluded, on a shared 2-core machine."
    )
    for tag in ("loss", "error"):
        drop = np.array([r[f"dropout_es_{tag}"] for r in rows])
        best_plain = np.array([min(r["plain"], r[f"plain_es_{tag}"]) for r in rows])
        margin = best_plain - drop
        lines.append(
            f"\nmonitor val_{tag}: dropout (early-stopped) beats both plain and early-stopped plain in "
            f"{int(np.sum(margin > 0))} of {len(rows)} seeds; by at least 0.01 in {int(np.sum(margin >= 0.01))}; "
            f"margin median {np.median(margin):.4f}, range {margin.min():.4f} to {margin.max():.4f}"
        )
    last = np.array([min(r["plain"], r["plain_es_loss"]) - r["dropout_last"] for r in rows])
    lines.append(
        f"\ndropout after all its epochs (no early stopping) beats both plain and early-stopped plain in "
        f"{int(np.sum(last > 0))} of {len(rows)} seeds; by at least 0.01 in {int(np.sum(last >= 0.01))}; "
        f"margin median {np.median(last):.4f}, range {last.min():.4f} to {last.max():.4f}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("candidate", nargs="?", choices=sorted(CANDIDATES))
    parser.add_argument("--seeds", default="0", help="'0-9' or '0,3,5'")
    parser.add_argument("--out", type=Path, help="write OUT.json and OUT.md")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--rewrite-md", type=Path, nargs="+", help="rewrite OUT.md from stored OUT.json files")
    args = parser.parse_args()
    if args.rewrite_md:
        for path in args.rewrite_md:
            stored = json.loads(path.read_text())
            path.with_suffix(".md").write_text(report(stored["candidate"], stored["config"], stored["rows"]) + "\n")
        return
    if args.list or args.candidate is None:
        for name, change in CANDIDATES.items():
            print(name, change)
        return
    config = {**BASE, **CANDIDATES[args.candidate]}
    rows, curves = [], []
    for seed in parse_seeds(args.seeds):
        sets = load(config, seed)
        plain, drop = (train_one(config, sets, dropout, seed) for dropout in (False, True))
        rows.append({"seed": seed, **summarise(plain, drop, config["patience"])})
        print(json.dumps(rows[-1]), flush=True)
        curves.append({"seed": seed, "plain": plain, "dropout": drop})
    text = report(args.candidate, config, rows)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        payload = {"candidate": args.candidate, "config": config, "rows": rows, "curves": curves}
        args.out.with_suffix(".json").write_text(json.dumps(payload, indent=1) + "\n")
        args.out.with_suffix(".md").write_text(text + "\n")


if __name__ == "__main__":
    main()
