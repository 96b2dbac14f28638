# ruff: noqa: E501 - the tables of baselines and bad values read best one callable per line
"""Fuzz every public callable of ``helpers`` with bad arguments, one argument changed at a time.

    .venv/bin/python scripts/fuzz_helpers.py                 # the full run: results/fuzz.json and fuzz.md
    .venv/bin/python scripts/fuzz_helpers.py --only dropout  # callables whose name starts with "dropout": build/fuzz-only.*

Each callable has a valid baseline call (``SPECS``); each argument is replaced in turn by every value of its
kind's catalogue (``KINDS``): bad values must be refused, the unusual but valid ones (NumPy scalars, lists
for arrays...) accepted. Calls run in worker subprocesses (TensorFlow imported once per worker) in a scratch
folder, with 10 s (``signal.alarm``, then a kill) and 4 GiB (``RLIMIT_AS``) per call; an audit hook records
any file opened for writing outside the scratch folder. :func:`classify` turns each outcome into a category
(``CATEGORIES``); an exercise checker is called through ``check.judge`` and must never raise nor pass a bad
answer.
"""

from __future__ import annotations

import argparse
import collections
import decimal
import functools
import importlib
import json
import linecache
import math
import os
import queue
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S, MEMORY_BYTES = 10, 4 * 2**30
CATEGORIES = {
    "clean": "clean error (names the argument; a checker's 'Not quite'/'Not yet')",
    "poorly worded": "poorly worded error",
    "silently accepted": "silently accepted",
    "false pass": "checker false pass ('Correct' for a bad answer)",
    "checker raised": "checker raised",
    "hang/memory": "hang, memory blow-up or crash",
    "valid refused": "valid input refused",
    "valid accepted": "valid input accepted",
}
BAD_CATEGORIES = ("clean", "poorly worded", "silently accepted", "false pass", "checker raised", "hang/memory")
LIBRARIES = ("numpy", "keras", "tensorflow", "matplotlib", "ipywidgets", "traitlets", "IPython", "PIL")


# ---------------------------------------------------------------------------------------------- the tables
class Fix(str):
    """A baseline value built in the worker by ``FIXTURES[name]()`` (a fresh object for every call)."""


@dataclass
class Arg:
    kind: str  # a key of KINDS
    base: object  # the valid value (a Fix for objects built in the worker)
    bad: dict = field(default_factory=dict)  # extra bad values: label -> f(baseline)
    ok: dict = field(default_factory=dict)  # extra valid values: label -> f(baseline)
    skip: tuple = ()  # catalogue labels that are valid here: tried as valid values (a comment at the spec says why)
    drop: tuple = ()  # catalogue labels that make no sense here (not tried)
    word: str = ""  # the word an error must contain (default: the argument's name)


@dataclass
class Spec:
    target: str  # "module.function", "module.Class.method" (first arg: the instance) or a checker
    args: dict  # name -> Arg, in the call's order
    pos: int = 0  # how many of args are passed positionally


def c(value):
    """A catalogue entry that ignores the baseline."""
    return lambda _b: value


def _scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(dir="."))


def _fifo(_b=None) -> str:
    path = _scratch_dir() / "fifo"
    os.mkfifo(path)
    return str(path)


def _sparse(_b=None) -> str:
    path = _scratch_dir() / "sparse.bin"
    with open(path, "wb") as handle:
        handle.truncate(6 * 2**30)
    return str(path)


def _empty_file(_b=None) -> str:
    path = _scratch_dir() / "empty.bin"
    path.write_bytes(b"")
    return str(path)


def _loop(_b=None) -> str:
    folder = _scratch_dir().resolve()
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    return str(folder / "a")


def _dir_of(content):
    """A folder whose data files (the course's names) are all ``content``: "fifo", "sparse", "empty", a path, None."""

    def make(_b=None) -> str:
        folder = _scratch_dir()
        for name in (*SUBSET_NAMES, *IDX_NAMES) if content else ():
            target = {"fifo": _fifo, "sparse": _sparse, "empty": _empty_file}.get(content, lambda: content)()
            (folder / name).symlink_to(Path(target).resolve())
        return str(folder)

    return make


SUBSET_NAMES = ("fashion-mnist-subset-train.npz", "fashion-mnist-subset-test.npz")
IDX_NAMES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
IDX_NAMES += ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")


# fmt: off
NUMBER_BAD = {
    "nan": c(math.nan), "inf": c(math.inf), "-inf": c(-math.inf), "10**400": c(10**400), "-10**12": c(-10**12),
    '"5"': c("5"), '"False"': c("False"), '"nan"': c("nan"), "b'5'": c(b"5"), "None": c(None), "[]": c([]),
    "{}": c({}), "(5,)": c((5,)), "np.array([5])": c(np.array([5])), "True": c(True), "np.True_": c(np.True_),
    "1j": c(1j), "np.float32(nan)": c(np.float32("nan")), "Decimal('5')": c(decimal.Decimal("5")), "object()": c(object()),
}
ARRAY_BAD = {
    "None": c(None), '"x"': c("x"), "5j": c(5j), "{}": c({}), "a set": c({1.0, 2.0}), "ragged": c([[1.0, 2.0], [3.0]]),
    "strings": lambda b: np.full(np.shape(b), "a"), "objects": lambda b: np.full(np.shape(b), None, dtype=object),
    "complex": lambda b: np.asarray(b) + 1j,
}
def ANSWER(f):
    return lambda b: lambda *a: f(b, a)
INT_BAD = {**NUMBER_BAD, "-1": c(-1), "0": c(0), "10**12": c(10**12), "2.5": c(2.5), "5.0": c(5.0), "2**64": c(2**64),
           "np.float64(5)": c(np.float64(5)), "-2**63": c(-2**63)}
INT_OK = {"np.int64": lambda b: np.int64(b), "np.uint8": lambda b: np.uint8(b), "np.int32": lambda b: np.int32(b)}
FLOAT_OK = {"np.float32": lambda b: np.float32(2.5 if b is None else b), "np.float64": lambda b: np.float64(2.5 if b is None else b)}
KINDS: dict[str, tuple[dict, dict]] = {
    "int": (INT_BAD, INT_OK),
    "index": ({k: v for k, v in INT_BAD.items() if k != "0"}, INT_OK),  # an int from 0
    "seed": ({**{k: v for k, v in INT_BAD.items() if k != "0"}, "2**32": c(2**32)}, {**INT_OK, "np.uint32": lambda b: np.uint32(b)}),
    "rate": ({**NUMBER_BAD, "-0.1": c(-0.1), "1.0": c(1.0), "1.5": c(1.5), "array": c(np.array([0.5, 0.5])),
              "-1e-300": c(-1e-300), "1 + 1e-12": c(1 + 1e-12)},
             {**FLOAT_OK, "int 0": c(0), "np.float16": lambda b: np.float16(b), "0.999": c(0.999), "1e-300": c(1e-300)}),
    "real": ({**NUMBER_BAD, "-1": c(-1.0), "0": c(0.0)}, FLOAT_OK),  # a positive real number
    "bool": ({'"False"': c("False"), '"True"': c("True"), '"no"': c("no"), "0.5": c(0.5), "None": c(None), "[]": c([]),
              "np.array([True])": c(np.array([True])), "nan": c(math.nan), "2": c(2), '""': c("")},
             {"np.bool_": lambda b: np.bool_(b)}),
    "choice": ({"None": c(None), "5": c(5), '""': c(""), '"nonexistent"': c("nonexistent"), "bytes": lambda b: b.encode(),
                "[value]": lambda b: [b], "upper": lambda b: b.upper(), "padded": lambda b: f" {b} ", "{}": c({}),
                '"*"': c("*"), '"../x"': c("../x"), "NUL inside": lambda b: b + "\x00"},
               {"np.str_": lambda b: np.str_(b)}),
    "text": ({"5": c(5), "bytes": c(b"x"), "['a']": c(["a"]), "None": c(None), "1.5": c(1.5), "{}": c({})},
             {'""': c(""), "unicode": c("ünï ✓ 'q' <b>"), "np.str_": c(np.str_("t"))}),
    "array": ({**ARRAY_BAD, "5": c(5), "empty": lambda b: np.asarray(b)[:0],
               "other ndim": lambda b: np.asarray(b).reshape(-1) if np.ndim(b) > 1 else np.asarray(b)[:, None],
               "extra axis": lambda b: np.asarray(b)[None],
               "NaN": lambda b: np.full(np.shape(b), np.nan), "inf": lambda b: np.full(np.shape(b), np.inf),
               "one NaN": lambda b: np.where(np.arange(np.size(b)).reshape(np.shape(b)) == 0, np.nan, np.asarray(b, dtype=float))},
              {"list": lambda b: np.asarray(b).tolist(), "float32": lambda b: np.asarray(b, dtype=np.float32)}),
    "anyarray": (ARRAY_BAD,  # any shape, any real dtype (the dropout functions, like Keras's layer)
                 {"list": lambda b: np.asarray(b).tolist(), "float32": lambda b: np.asarray(b, dtype=np.float32),
                  "1-D": lambda b: np.asarray(b).reshape(-1), "3-D": lambda b: np.asarray(b)[None],
                  "int": lambda b: np.ones(np.shape(b), dtype=np.int64), "Fortran order": lambda b: np.asfortranarray(b)}),
    "rng": ({"None": c(None), "0": c(0), '"rng"': c("rng"), "RandomState": lambda _b: np.random.RandomState(0),
             "np.random": c(np.random), "a BitGenerator": lambda _b: np.random.PCG64(0), "[]": c([])},
            {"SFC64": lambda _b: np.random.Generator(np.random.SFC64(0)), "PCG64(7)": lambda _b: np.random.default_rng(7)}),
    "function": ({  # a learner's function in a checker: every one of these is a wrong answer
        "raises": c(lambda *a: 1 / 0), "returns None": c(lambda *a: None), "returns NaN": c(lambda *a: math.nan),
        "returns inf": c(lambda *a: math.inf), "returns -inf": c(lambda *a: -math.inf), "returns str": c(lambda *a: "0.5"),
        "returns True": c(lambda *a: True), "wrong shape": c(lambda *a: np.zeros((7, 7))), "constant 0": c(lambda *a: 0.0),
        "constant 1": c(lambda *a: 1.0), "returns 10**400": c(lambda *a: 10**400), "returns 1j": c(lambda *a: 1j),
        "returns a dict": c(lambda *a: {}), "returns a generator": c(lambda *a: (x for x in ())),
        "returns its first argument": c(lambda *a: a[0]), "returns [nan]": c(lambda *a: [math.nan]),
        "negated": ANSWER(lambda f, a: -np.asarray(f(*a), dtype=float) - 0.5),
        "times 1.1 plus 0.1": ANSWER(lambda f, a: np.asarray(f(*a), dtype=float) * 1.1 + 0.1),
        "NaN of its shape": ANSWER(lambda f, a: np.asarray(f(*a), dtype=float) * np.nan),
        "twice the answer": ANSWER(lambda f, a: [f(*a), f(*a)]),
        "not callable": c(5), "no arguments": c(lambda: 1.0), "a class": c(int)},
        {"returns list": ANSWER(lambda f, a: np.asarray(f(*a)).tolist()), "partial": lambda b: functools.partial(b),
         "returns float32": ANSWER(lambda f, a: np.asarray(f(*a), dtype=np.float64))}),
    "answer": ({**{k: v for k, v in NUMBER_BAD.items()}, "negated": lambda b: -np.asarray(b, dtype=float) - 1,
                "times 1.1 plus 1": lambda b: np.asarray(b, dtype=float) * 1.1 + 1, "zero": lambda b: np.zeros(np.shape(b)),
                "str of it": lambda b: str(b), "dict": c({"a": 1}), "NaN of its shape": lambda b: np.full(np.shape(b), np.nan),
                "twice": lambda b: [b, b]},
               {"np.float64": lambda b: np.asarray(b, dtype=np.float64), "list": lambda b: np.asarray(b).tolist()}),
    "path": ({"directory": c("."), "/dev/zero": c("/dev/zero"), "/dev/urandom": c("/dev/urandom"), "FIFO": _fifo,
              "missing": c("missing.bin"), '""': c(""), "None": c(None), "0 (stdin)": c(0), "bytes": c(b"missing.bin"),
              "sparse 6 GiB": _sparse, "NUL inside": c("a\x00b"), "a 5000-char name": c("a" * 5000), "a symlink loop": _loop,
              "5.0": c(5.0), "['x']": c(["x"])},
             {"str": lambda b: str(b), "Path": lambda b: Path(b), "empty file": _empty_file}),
    "dir": ({"missing": c("missing-dir"), "a file": c(str(ROOT / "README.md")), "/dev/zero": c("/dev/zero"), "5": c(5),
             "None": c(None), "FIFOs inside": _dir_of("fifo"), "/dev/zero inside": _dir_of("/dev/zero"),
             "sparse 6 GiB inside": _dir_of("sparse"), "empty files inside": _dir_of("empty"), "an empty folder": _dir_of(None),
             "bytes": c(b"missing-dir"), "NUL inside": c("a\x00b")},
            {"str": lambda b: str(b), "Path": lambda b: Path(b)}),
    "dataset": ({"None": c(None), "5": c(5), "tuple": lambda b: (b.images, b.labels),
                 "mismatched": lambda b: type(b)(b.images, b.labels[:-3]), "empty": lambda b: type(b)(b.images[:0], b.labels[:0]),
                 "NaN images": lambda b: type(b)(b.images * np.nan, b.labels), "labels + 0.5": lambda b: type(b)(b.images, b.labels + 0.5),
                 "labels + 10": lambda b: type(b)(b.images, b.labels + 10), "labels 2-D": lambda b: type(b)(b.images, b.labels[:, None]),
                 "flat images": lambda b: type(b)(b.images.reshape(len(b.images), -1), b.labels),
                 "string labels": lambda b: type(b)(b.images, b.labels.astype(str)), "a dict": lambda b: vars(b)},
                {"float64 images": lambda b: type(b)(b.images.astype(np.float64), b.labels),
                 "int32 labels": lambda b: type(b)(b.images, b.labels.astype(np.int32))}),
    "sizes": ({"[]": c([]), "[0]": c([0]), "[-1]": c([-1]), "[2.5]": c([2.5]), '"44"': c("44"), "None": c(None),
               "[10**12]": c([10**12]), "5": c(5), "[nan]": c([math.nan]), "[True]": c([True]), "[4, None]": c([4, None]),
               "[[4]]": c([[4]]), "[4, '4']": c([4, "4"]), "{}": c({}), "[-10**12]": c([-(10**12)]), "a set": c({4})},
              {"np.array": lambda b: np.array(b), "tuple": lambda b: tuple(b), "list": lambda b: list(b),
               "np.int64 items": lambda b: [np.int64(v) for v in b]}),
    "ax": ({'"ax"': c("ax"), "5": c(5), "a Figure": lambda _b: _plt().figure(), "a list of Axes": lambda _b: list(_plt().subplots(1, 2)[1])},
           {"Axes": lambda _b: _plt().subplots()[1]}),
    "mapping": ({"None": c(None), "{}": c({}), "[]": c([]), '"x"': c("x"), "5": c(5), "{1: 2}": c({1: 2}), "a set": c({1})}, {}),
    "any": ({}, {}),  # not fuzzed: only the extra values at the spec
}
# fmt: on


def _plt():
    import matplotlib.pyplot as plt

    return plt


def _dataset(n: int = 200, split: str = "test"):
    from helpers import data

    full = _load(split)
    return data.Dataset(full.images[:n], full.labels[:n])


@functools.cache
def _load(split: str):
    from helpers import data

    return data.load_fashion_mnist(split)


@functools.cache
def _mlp():
    from helpers import training

    return training.build_mlp((8,), 0.0)


def _idx_dir() -> str:
    """A folder with a tiny valid IDX pair for both splits (3 images each)."""
    import gzip

    folder = Path(tempfile.mkdtemp(dir="."))
    for images, labels in (IDX_NAMES[:2], IDX_NAMES[2:]):
        (folder / images).write_bytes(
            gzip.compress(b"\x00\x00\x08\x03" + b"".join(v.to_bytes(4, "big") for v in (3, 28, 28)) + bytes(3 * 784))
        )
        (folder / labels).write_bytes(gzip.compress(b"\x00\x00\x08\x01" + (3).to_bytes(4, "big") + bytes([1, 2, 3])))
    return str(folder)


def _helpers(name: str):
    return importlib.import_module(f"helpers.{name}")


def _keras():
    return importlib.import_module("keras")


def _placement_model(*layers, input_shape=(28, 28)):
    return _keras().Sequential([_keras().Input(shape=input_shape), *layers])


def _functional(model):
    inputs = _keras().Input(shape=(28, 28))
    return _keras().Model(inputs, model(inputs))


def _nb03(
    rate=0.3,
    noise=None,
    dropout=None,
    flatten=True,
    last="softmax",
    widths=(128, 64),
    act="relu",
    extra_output_dropout=False,
):
    """Notebook 03's exercise model (Flatten, Dense 128, Dropout 0.3, Dense 64, Dropout 0.3, softmax), or a variant."""
    keras = _keras()
    layers = [keras.layers.Flatten()] if flatten else []
    for width in widths:
        layers.append(keras.layers.Dense(width, activation=act))
        if rate:
            layers.append(
                dropout(width) if dropout else keras.layers.Dropout(rate, noise_shape=noise(width) if noise else None)
            )
    layers.append(keras.layers.Dense(10, activation=last))
    if extra_output_dropout:
        layers.append(keras.layers.Dropout(rate))
    return _placement_model(*layers)


def _relu_after_dropout():
    keras = _keras()
    layers = [keras.layers.Flatten()]
    for width in (128, 64):
        layers += [keras.layers.Dense(width), keras.layers.Dropout(0.3), keras.layers.ReLU()]
    return [*layers, keras.layers.Dense(10, activation="softmax")]


def _mc_probs():
    rng = np.random.default_rng(0)
    det = rng.dirichlet(np.ones(10), size=20)
    logits = np.log(det)[None] + 0.3 * rng.standard_normal((60, 20, 10))
    return np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True), det


def _brightest():
    from helpers import data

    train = _load("train")
    return data.CLASS_NAMES[int(np.argmax([train.images[train.labels == k].mean() for k in range(10)]))]


def _worst_means():
    from helpers import team

    results = team.sweep((0.0, 0.5), range(20), forgetting_rate=0.0)
    return [float(results[a]["worst_leaver"].mean()) for a in (0.0, 0.5)]


def _remove_units(kernel, units):
    out = np.array(kernel, copy=True)
    out[list(units)] = 0.0
    return out


def _entropy(p):
    p = np.asarray(p, dtype=float)
    return float(-(p[p > 0] * np.log(p[p > 0])).sum())


def _mutual_information(passes):
    def h(q):
        return -(q * np.log(np.clip(q, 1e-12, 1))).sum(axis=-1)

    return h(passes.mean(axis=0)) - h(passes).mean(axis=0)


@functools.cache
def _nb10_layers() -> dict:
    """Notebook 10's bug-clinic layers: the fix of bugs 1 and 3, then the bugs and typical wrong answers."""
    keras = _keras()

    class Fixed(keras.layers.Layer):
        def __init__(self, units=32, rate=0.5, **kwargs):
            super().__init__(**kwargs)
            self.dense = keras.layers.Dense(units, activation="relu")
            self.dropout = keras.layers.Dropout(rate)

        def call(self, inputs, training=None):
            return self.dropout(self.dense(inputs), training=training)

    class LostFlag(Fixed):  # bug 1: the flag looked for in **kwargs
        def call(self, inputs, training=None, **kwargs):
            return self.dropout(self.dense(inputs), training=kwargs.get("training"))

    class Discarding(Fixed):  # bug 3: the dropout output thrown away
        def call(self, inputs, training=None):
            hidden = self.dense(inputs)
            self.dropout(hidden, training=training)
            return hidden

    class AlwaysOn(Fixed):
        def call(self, inputs, training=None):
            return self.dropout(self.dense(inputs), training=True)

    class NoDropout(Fixed):
        def call(self, inputs, training=None):
            return self.dense(inputs)

    class Summed(Fixed):
        def call(self, inputs, training=None):
            return keras.ops.sum(self.dropout(self.dense(inputs), training=training), axis=1)

    class Crashes(Fixed):
        def call(self, inputs, training=None):
            raise ValueError("no")

    class BadInit(keras.layers.Layer):
        def __init__(self):
            super().__init__()

    return {k.__name__: k for k in (Fixed, LostFlag, Discarding, AlwaysOn, NoDropout, Summed, Crashes, BadInit)}


def _nb10_head(base, flag="False"):
    """Notebook 10's frozen head: a keras.Model subclass that calls ``base`` with ``training=False`` (or a bug)."""
    keras = _keras()

    class Head(keras.Model):
        def __init__(self):
            super().__init__()
            self.base, self.out = base, keras.layers.Dense(5, activation="softmax")

        def call(self, inputs, training=False):
            flags = {"False": {"training": False}, "inherit": {}, "passed on": {"training": training}}
            features = self.base(inputs, **flags[flag])
            return self.out(keras.layers.Dropout(0.3)(features, training=training))

    return Head()


def _nb10_functional_head(base):
    keras = _keras()
    inputs = keras.Input(shape=(28, 28))
    return keras.Model(inputs, keras.layers.Dense(5, activation="softmax")(base(inputs, training=False)))


def S(target, pos=0, **args):
    return Spec(target, args, pos)


def _ans(name, kind="answer", **kw):
    return Arg(kind, Fix(name), **kw)


# fmt: off
FIXTURES = {
    "rng": lambda: np.random.default_rng(0),
    "x": lambda: np.random.default_rng(1).standard_normal((4, 5)),
    "mask": lambda: np.random.default_rng(2).random((4, 5)) >= 0.5,
    "hidden": lambda: np.random.default_rng(3).random((20, 8)).astype(np.float32),
    "kernel": lambda: np.random.default_rng(4).standard_normal((8, 10)).astype(np.float32),
    "bias": lambda: np.zeros(10, dtype=np.float32),
    "labels": lambda: np.arange(20) % 10,
    "removed": lambda: np.arange(8) < 2,
    "skills": lambda: np.random.default_rng(5).random((4, 3)),
    "present": lambda: np.array([True, False, True, True]),
    "dataset": lambda: _dataset(200),
    "dataset64": lambda: _dataset(64),
    "dataset32": lambda: _dataset(32, "train"),
    "images": lambda: _dataset(6).images,
    "mlp": _mlp,
    "idx_dir": _idx_dir,
    "data_dir": lambda: str(ROOT / "data"),
    "readme": lambda: str(ROOT / "data" / "README.md"),
    "checker0": lambda: _helpers("claims").Checker("01_why_dropout", seed=0),
    "ledger": lambda: _helpers("claims").load_ledger(),
    "question": lambda: _helpers("quiz").load_quiz("01_why_dropout")[0],
    "questions": lambda: _helpers("quiz").load_quiz("01_why_dropout"),
    "figure": lambda: _plt().subplots()[0],
    "groups": lambda: {"test": np.linspace(0, 2, 30), "ood": np.linspace(0.5, 2.3, 30)},
    "histories": lambda: {"no dropout": {"loss": [1.0, 0.6], "val_loss": [1.1, 0.9]}},
    "curves": lambda: {"a": [0.1, 0.2, 0.3], "b": [0.3, 0.2, 0.1]},
    "team_results": lambda: {r: {m: [0.5, 0.6] for m in ("training", "presentation", "worst_leaver", "mean_leaver")} for r in (0.0, 0.5)},
    "team_run": lambda: _helpers("team").simulate_team(0.2, [0, 1], n_days=20),
    "rows": lambda: [("no dropout", 0.1523, 8000), ("dropout", 0.1401, 8000)],
    "layer_input": lambda: np.random.default_rng(6).random((4, 6)).astype(np.float32),
    "scratch_layer": lambda: _helpers("layers").ScratchDropout(0.5, seed=0),
    "keep_masks": lambda: [np.ones(3, bool), np.array([True, False, True, True]), np.ones(2, bool)],
    # right answers to the exercises
    "test_counts": lambda: np.bincount(_load("test").labels, minlength=10).tolist(),
    "brightest": _brightest,
    "page_rule_ratio": lambda: lambda r: r / (1 - r),
    "backward": lambda: lambda g, m, r: g * m / (1 - r),
    "classic_forward": lambda: lambda x, r: x * (1 - r),
    "variance": lambda: lambda a, r: a**2 * r / (1 - r),
    "nb03_model": lambda: _nb03(),
    "kept_scale": lambda: lambda r: 1 / (1 - r),
    "final_gap": lambda: lambda h: h["accuracy"][-1] - h["val_accuracy"][-1],
    "entropy": lambda: _entropy,
    "mc_probs": lambda: _mc_probs()[0],
    "deterministic": lambda: _mc_probs()[1],
    "worst_leaver": lambda: lambda s: float(_helpers("team").leave_one_out(s).min()),
    "remove_units": lambda: _remove_units,
    "worst0": lambda: _worst_means()[0],
    "worst5": lambda: _worst_means()[1],
    "epochs_to_best": lambda: lambda h: int(np.argmin(h["val_loss"])) + 1,
    "units_for": lambda: lambda r, kept=128: kept / (1 - r),
    "choose_rate": lambda: lambda losses: min(losses, key=losses.get),
    "variance_ratio": lambda: lambda m, v, r: ((v + m * m) / (1 - r) - m * m) / v,
    "mutual_information": lambda: _mutual_information,
    "penalty_coefficient": lambda: lambda r: r / (1 - r),
    "drop_path_rates": lambda: lambda r, n: np.linspace(0, r, n),
    "dropconnect_mask_shape": lambda: lambda b, i, u, e: (b, i, u) if e else (i, u),
    "fixed_block": lambda: _nb10_layers()["Fixed"],
    "rate_from_keep_prob": lambda: lambda k: 1 - k,
    "test_time_output": lambda: lambda a, r: a * (1 - r),
    "forward": lambda: lambda m, x: m(x, training=True),
    "frozen_head": lambda: _nb10_head,
}

R = Fix("rng")
NONFINITE = ("NaN", "inf", "one NaN")  # ablation counts an example with NaN or infinite logits as wrong, by design
HIDDEN = {"hidden": Arg("array", Fix("hidden"), skip=NONFINITE), "kernel": Arg("array", Fix("kernel"), skip=NONFINITE),
          "bias": Arg("array", Fix("bias"), skip=NONFINITE),
          "labels": Arg("array", Fix("labels"), bad={"labels -1": lambda b: b - 1, "labels + 0.5": lambda b: b + 0.5, "labels 10": lambda b: b * 0 + 10})}
NB03_BAD = {  # wrong models: each must get "Not quite"
    "no dropout": lambda _b: _nb03(rate=0.0), "Dropout(0.5)": lambda _b: _nb03(rate=0.5),
    "Dropout(0.2)": lambda _b: _nb03(rate=0.2), "Dropout(0.4)": lambda _b: _nb03(rate=0.4),
    "noise_shape (None, 1)": lambda _b: _nb03(noise=lambda n: (None, 1)), "noise_shape (1, n)": lambda _b: _nb03(noise=lambda n: (1, n)),
    "dropout after the output": lambda _b: _nb03(extra_output_dropout=True), "no softmax": lambda _b: _nb03(last=None),
    "sigmoid output": lambda _b: _nb03(last="sigmoid"), "widths 64, 128": lambda _b: _nb03(widths=(64, 128)),
    "one hidden layer": lambda _b: _nb03(widths=(128,)), "tanh hidden": lambda _b: _nb03(act="tanh"),
    "GaussianDropout(0.3)": lambda _b: _nb03(dropout=lambda n: _keras().layers.GaussianDropout(0.3)),
    "AlphaDropout(0.3)": lambda _b: _nb03(dropout=lambda n: _keras().layers.AlphaDropout(0.3)),
    "Input(784,)": lambda _b: _placement_model(*_nb03().layers, input_shape=(784,)),
    "no Flatten": lambda _b: _nb03(flatten=False),
    "a string": c("model"), "a Dense layer": lambda _b: _keras().layers.Dense(10), "5": c(5), "None": c(None),
}
NB03_BAD["ScratchDropout(0.3)"] = lambda _b: _nb03(dropout=lambda n: _helpers("layers").ScratchDropout(0.3))  # the exercise asks for keras.layers.Dropout itself
NB03_OK = {  # equivalent right models
    "Dropout before a ReLU layer": lambda _b: _placement_model(*_relu_after_dropout()),
    "Dropout(0.3, seed=1)": lambda _b: _nb03(dropout=lambda n: _keras().layers.Dropout(0.3, seed=1)),
    "functional": lambda _b: _functional(_nb03()),
}

SPECS: dict[str, Spec] = {
    "_checks.check_array": S("_checks.check_array", 2, value=Arg("anyarray", Fix("x"), word="x"), name=Arg("any", "x"), meaning=Arg("any", "an array of real numbers")),
    "_checks.check_bool": S("_checks.check_bool", 2, value=Arg("bool", True, word="flag"), name=Arg("any", "flag")),
    "_checks.check_choice": S("_checks.check_choice", 3, value=Arg("choice", "train", word="split"), name=Arg("any", "split"), choices=Arg("any", ("train", "test"))),
    "_checks.check_fraction": S("_checks.check_fraction", 2, value=Arg("rate", 0.5, word="rate"), name=Arg("any", "rate"), meaning=Arg("any", "x")),
    "_checks.check_int": S("_checks.check_int", 2, value=Arg("int", 5, word="size"), name=Arg("any", "size"), high=Arg("any", 100)),
    "_checks.check_real": S("_checks.check_real", 2, value=Arg("real", 2.5, word="z", skip=("0",)), name=Arg("any", "z"), low=Arg("any", 0.0), high=Arg("any", 10.0), meaning=Arg("any", "x")),
    "_checks.check_rng": S("_checks.check_rng", 1, rng=Arg("rng", R)),
    "_checks.check_seed": S("_checks.check_seed", 1, seed=Arg("seed", 3)),
    "_checks.check_shape": S("_checks.check_shape", 2, value=Arg("int", 5, word="shape", bad={"(10**9,)": c((10**9,)), "(-1, 2)": c((-1, 2))}, skip=("0", "[]", "(5,)", "np.array([5])"), ok={"(2, 3)": c((2, 3)), "np.array([2, 3])": c(np.array([2, 3]))}), name=Arg("any", "shape"), max_size=Arg("any", 100), meaning=Arg("any", "x")),  # 0: an empty array
    "_checks.is_integer": S("_checks.is_integer", 1, value=Arg("any", 3)),
    "_checks.is_real_number": S("_checks.is_real_number", 1, value=Arg("any", 3.0)),
    "ablation.accuracy_without_units": S("ablation.accuracy_without_units", 5, **HIDDEN, removed=Arg("array", Fix("removed"), bad={"unit indices": c(np.arange(8)), "floats 0.5": c(np.full(8, 0.5)), "float32": lambda b: b.astype(np.float32)}, skip=("extra axis",))),  # (1, units): one removal per row
    "ablation.random_removal": S("ablation.random_removal", 5, **HIDDEN, counts=Arg("sizes", [1, 2], skip=("[0]",)), n_draws=Arg("int", 3), rng=Arg("rng", R)),  # removing 0 units is a valid count
    "ablation.single_unit_removal": S("ablation.single_unit_removal", 4, **HIDDEN),
    "claims.Checker": S("claims.Checker", 2, notebook=Arg("choice", "01_why_dropout", skip=('"nonexistent"', "upper")), seed=Arg("seed", 0)),  # any new notebook's name
    "claims.Checker.that": S("claims.Checker.that", 4, self=Arg("any", Fix("checker0")), claim_id=Arg("text", "an_id", bad={'""': c("")}, drop=("unicode",)), sentence=Arg("text", "a sentence"), holds=Arg("bool", True, bad={"1": c(1), "0": c(0), "np.array([True, True])": c(np.array([True, True]))}), shown=Arg("text", ""), value=Arg("real", None, skip=("nan", "inf", "-inf", "None", "-1", "-10**12", "0", "np.float32(nan)"))),  # value: any number or None (no number)
    "claims.ledger_entry": S("claims.ledger_entry", 3, notebook=Arg("choice", "01_why_dropout", skip=('"nonexistent"', "upper")), claim_id=Arg("choice", "plain_gap", skip=('"nonexistent"', "upper")), ledger=Arg("mapping", Fix("ledger"), skip=("{}",))),  # a name not in the ledger gives None
    "claims.load_ledger": S("claims.load_ledger"),
    "course.setup_notebook": S("course.setup_notebook", 1, seed=Arg("seed", 0), tensorflow=Arg("bool", False), style=Arg("bool", False)),
    "course.environment_report": S("course.environment_report"),
    "data.find_idx_dir": S("data.find_idx_dir"),
    "data.load_fashion_mnist": S("data.load_fashion_mnist", 1, split=Arg("choice", "test"), full=Arg("bool", False), data_dir=Arg("dir", Fix("data_dir"), ok={"None": c(None)})),
    "data.read_idx_pair": S("data.read_idx_pair", 2, idx_dir=Arg("dir", Fix("idx_dir")), split=Arg("choice", "test")),
    "data.sha256_of": S("data.sha256_of", 1, path=Arg("path", Fix("readme"))),
    "data.split_off_validation": S("data.split_off_validation", 2, dataset=Arg("dataset", Fix("dataset")), n_validation=Arg("int", 50, bad={"200 (all)": c(200)})),
    "data.verify_subset_files": S("data.verify_subset_files", 1, data_dir=Arg("dir", Fix("data_dir"), ok={"None": c(None)})),
    "diagrams.count_connections": S("diagrams.count_connections", 2, layer_sizes=Arg("sizes", [3, 4, 2]), keep_masks=Arg("mapping", Fix("keep_masks"), bad={"int masks": lambda b: [m.astype(int) for m in b], "short": lambda b: b[:2]}, skip=("None",))),  # None: every unit kept
    "diagrams.draw_network": S("diagrams.draw_network", 2, layer_sizes=Arg("sizes", [3, 4, 2]), keep_masks=Arg("mapping", None, skip=("None",)), ax=Arg("ax", None), title=Arg("text", None, skip=("None",)), label_layers=Arg("bool", True)),
    "diagrams.layer_names": S("diagrams.layer_names", 1, n_layers=Arg("int", 4)),
    "diagrams.sample_masks": S("diagrams.sample_masks", 2, layer_sizes=Arg("sizes", [3, 4, 2]), rate=Arg("rate", 0.5), rng=Arg("rng", R), input_rate=Arg("rate", 0.2)),
    "dropout.bernoulli_keep_mask": S("dropout.bernoulli_keep_mask", 2, shape=Arg("int", 6, bad={"(10**9,)": c((10**9,)), "(-1, 2)": c((-1, 2))}, skip=("0", "[]", "(5,)", "np.array([5])"), ok={"(2, 3)": c((2, 3))}), rate=Arg("rate", 0.5), rng=Arg("rng", R)),  # 0: an empty mask
    "dropout.binomial_interval": S("dropout.binomial_interval", 2, n=Arg("int", 100, skip=("10**12",)), p=Arg("rate", 0.5, skip=("1.0",)), z=Arg("real", 4.0, skip=("0",))),  # n up to 2**53 (2**64 is refused by name: counts beyond 2**53 are not exact floats); p = 1 (every unit kept); z = 0: a zero-width interval
    "dropout.check_rate": S("dropout.check_rate", 1, rate=Arg("rate", 0.5)),
    "dropout.classic_dropout_forward": S("dropout.classic_dropout_forward", 2, x=Arg("anyarray", Fix("x")), rate=Arg("rate", 0.5), rng=Arg("rng", R), training=Arg("bool", True)),
    "dropout.dropout_backward": S("dropout.dropout_backward", 3, grad_out=Arg("anyarray", Fix("x"), drop=("1-D", "3-D")), keep_mask=Arg("array", Fix("mask"), bad={"one row (5,)": lambda b: b[0], "0.5s": lambda b: b * 0.5, "float32": lambda b: b.astype(np.float32)}, ok={"None": c(None)}), rate=Arg("rate", 0.5)),  # grad_out: the mask's shape
    "dropout.dropout_forward": S("dropout.dropout_forward", 2, x=Arg("anyarray", Fix("x")), rate=Arg("rate", 0.5), rng=Arg("rng", R), training=Arg("bool", True)),
    "dropout.fast_dropout_forward": S("dropout.fast_dropout_forward", 2, x=Arg("anyarray", Fix("x")), rate=Arg("rate", 0.5), rng=Arg("rng", R)),
    "dropout.fast_keep_mask": S("dropout.fast_keep_mask", 2, shape=Arg("int", 6, bad={"(10**9,)": c((10**9,)), "(-1, 2)": c((-1, 2))}, skip=("0", "[]", "(5,)", "np.array([5])"), ok={"(2, 3)": c((2, 3))}), rate=Arg("rate", 0.5), rng=Arg("rng", R)),  # 0: an empty mask
    "dropout.fast_keep_probability": S("dropout.fast_keep_probability", 1, rate=Arg("rate", 0.5)),
    "experiments.balanced_subset": S("experiments.balanced_subset", 2, dataset=Arg("dataset", Fix("dataset")), n=Arg("int", 20), seed=Arg("seed", 0)),
    "experiments.shuffle_pixels": S("experiments.shuffle_pixels", 1, images=Arg("array", Fix("images"), skip=("NaN", "inf", "one NaN")), seed=Arg("seed", 0)),  # a permutation: NaN pixels stay NaN
    "layers.ScratchDropout": S("layers.ScratchDropout", 1, rate=Arg("rate", 0.5), noise_shape=Arg("sizes", None, skip=("None", "[4, None]", "[]", "[10**12]"), bad={"(0, 6)": c((0, 6)), "(-1, 6)": c((-1, 6))}, drop=("np.array", "tuple", "list", "np.int64 items"), ok={"(None, 1)": c((None, 1)), "[np.int64(4), 6]": c([np.int64(4), 6])}), seed=Arg("seed", 0, skip=("None", "-1", "-10**12", "10**12", "-2**63", "2**32"))),  # noise_shape: Keras's rules ([] fails at call, like Keras's); seed: Keras's rule, any int or None
    "layers.ScratchDropout.__call__": S("layers.ScratchDropout.__call__", 2, self=Arg("any", Fix("scratch_layer")), inputs=Arg("anyarray", Fix("layer_input"), drop=("list", "int")), training=Arg("bool", True, skip=("None",))),  # None: Keras's "not set" (inference)
    "mask_speed.measure_mask_speed": S("mask_speed.measure_mask_speed", 1, sizes=Arg("sizes", [64]), rate=Arg("rate", 0.5), methods=Arg("sizes", ["copy", "numpy"], bad={"unknown": c(["nope"]), "a string": c("numpy")}, drop=("np.int64 items",), ok={"METHODS": lambda _b: _helpers("mask_speed").METHODS}), repeats=Arg("int", 2), min_sample_seconds=Arg("real", 1e-4, bad={"10**12": c(10**12)}, skip=("0",)), seed=Arg("seed", 0)),  # 0 s: one call per sample
    "plots.color_for": S("plots.color_for", 2, name=Arg("text", "dropout"), index=Arg("index", 2, skip=("10**400", "10**12", "2**64"))),  # any index wraps around the palette
    "plots.style_for": S("plots.style_for", 2, name=Arg("text", "dropout"), index=Arg("index", 2, skip=("10**400", "10**12", "2**64"))),
    "plots.figure_text_metadata": S("plots.figure_text_metadata", 1, figure=Arg("any", Fix("figure"), bad={"None": c(None), "an Axes": lambda b: b.axes[0], '"fig"': c("fig")})),
    "plots.plot_entropy_histogram": S("plots.plot_entropy_histogram", 1, groups=Arg("mapping", Fix("groups"), bad={"NaN values": c({"a": [math.nan, 1.0]}), "empty values": c({"a": []}), "negative": c({"a": [-1.0, 1.0]})}), bins=Arg("int", 10), max_entropy=Arg("real", None, skip=("None",)), title=Arg("text", "t"), ax=Arg("ax", None)),
    "plots.plot_learning_curves": S("plots.plot_learning_curves", 2, histories=Arg("mapping", Fix("histories"), bad={"missing val_loss": c({"a": {"loss": [1.0]}}), "lengths differ": c({"a": {"loss": [1.0, 2.0], "val_loss": [1.0]}})}), metric=Arg("choice", "loss"), ax=Arg("ax", None), title=Arg("text", None, skip=("None",))),
    "plots.plot_mc_convergence": S("plots.plot_mc_convergence", 3, ks=Arg("array", [1, 5, 50], bad={"k = 0": c([0, 5, 50])}), mc_values=Arg("array", [0.2, 0.15, 0.14], bad={"too short": c([0.2])}), deterministic_value=Arg("real", 0.14, skip=("0", "-1", "-10**12")), ax=Arg("ax", None)),  # any finite measure
    "plots.plot_skills": S("plots.plot_skills", 1, skills=Arg("array", Fix("skills"), bad={"27 tasks": c(np.zeros((3, 27)))}), ax=Arg("ax", None), title=Arg("text", "Skills")),
    "plots.plot_sweep": S("plots.plot_sweep", 2, x=Arg("array", [1, 2, 4]), curves=Arg("mapping", Fix("curves"), bad={"too short": c({"a": [1.0]})}), xlabel=Arg("text", "x"), ylabel=Arg("text", "y"), title=Arg("text", "t"), logx=Arg("bool", False), ax=Arg("ax", None)),
    "plots.plot_team_measures": S("plots.plot_team_measures", 2, results=Arg("mapping", Fix("team_results")), measures=Arg("sizes", ["training", "presentation"], bad={"unknown": c(["nope"]), "a string": c("training")}, drop=("np.int64 items",)), ax=Arg("ax", None), title=Arg("text", "t")),
    "plots.use_course_style": S("plots.use_course_style"),
    "progress.TrainingProgress": S("progress.TrainingProgress", 1, label=Arg("text", "run 1"), min_interval=Arg("real", 0.25, skip=("0",))),  # 0: redraw at every step
    "progress.in_notebook": S("progress.in_notebook"),
    "progress.is_batch_run": S("progress.is_batch_run"),
    "quiz.answers_html": S("quiz.answers_html", 1, questions=Arg("mapping", Fix("questions"), bad={"[None]": c([None]), "['q']": c(["q"])})),
    "quiz.build_quiz": S("quiz.build_quiz", 1, name=Arg("choice", "01_why_dropout")),
    "quiz.check_answer": S("quiz.check_answer", 2, question=Arg("any", Fix("question"), bad={"None": c(None), '"q"': c("q")}), choice=Arg("index", 1, bad={"99": c(99)}, skip=("None",))),  # None: nothing picked yet
    "quiz.load_quiz": S("quiz.load_quiz", 1, name=Arg("choice", "01_why_dropout")),
    "quiz.show_quiz": S("quiz.show_quiz", 1, name=Arg("choice", "01_why_dropout")),
    "tables.table": S("tables.table", 2, rows=Arg("mapping", Fix("rows"), bad={"ragged rows": c([(1, 2), (1,)]), "a dict": c({"a": 1})}, skip=("[]",)), headers=Arg("sizes", ["model", "error", "images"], bad={"too few": c(["a"])}, drop=("np.int64 items",)), digits=Arg("int", 4), title=Arg("text", None, skip=("None",))),  # no rows: headers only; numbers as headers are shown as text
    "team.assign_tasks": S("team.assign_tasks", 2, priority=Arg("array", Fix("skills"), drop=("extra axis",)), present=Arg("array", Fix("present"), bad={"floats 0.5": c(np.full(4, 0.5)), "float32": lambda b: b.astype(np.float32)})),  # a (1, e, t) priority needs a (1, e) present
    "team.leave_one_out": S("team.leave_one_out", 1, skills=Arg("array", Fix("skills"), skip=("extra axis",))),
    "team.measure_team": S("team.measure_team", 1, run=Arg("any", Fix("team_run"), bad={"None": c(None), "5": c(5), "a dict": c({})})),
    "team.presentation_output": S("team.presentation_output", 1, skills=Arg("array", Fix("skills"), skip=("extra axis",)), leaver=Arg("index", 1, skip=("None",), bad={"4 (= employees)": c(4)})),  # None: nobody leaves
    "team.simulate_team": S("team.simulate_team", 2, absence_rate=Arg("rate", 0.2), seeds=Arg("sizes", [0, 1], skip=("[0]", "5"), bad={"-1": c(-1)}), rule=Arg("choice", "best"), n_employees=Arg("int", 4), n_tasks=Arg("int", 3), n_days=Arg("int", 20), learning_rate=Arg("rate", 0.1), forgetting_rate=Arg("rate", 0.005), initial_skill=Arg("rate", 0.2)),  # one seed: an int
    "team.skill_spread": S("team.skill_spread", 1, skills=Arg("array", Fix("skills"), skip=("extra axis",)), threshold=Arg("rate", 0.5, skip=("1.0",))),  # threshold 1: "fully skilled"
    "team.sweep": S("team.sweep", 2, absence_rates=Arg("sizes", [0.0, 0.5], bad={"[1.5]": c([1.5])}, skip=("[0]", "np.int64 items"), word="absence_rate"), seeds=Arg("sizes", [0, 1], skip=("[0]", "5"))),  # rate 0 is valid; one seed: an int
    "training.build_mlp": S("training.build_mlp", 2, hidden_units=Arg("sizes", (4,)), rate=Arg("rate", 0.0), seed=Arg("seed", 0), name=Arg("text", None, skip=("None",), bad={'"a/b"': c("a/b"), '""': c(""), "unicode": c("ünï ✓")})),  # Keras's model names
    "training.evaluate": S("training.evaluate", 2, model=Arg("any", Fix("mlp"), bad={"None": c(None), '"model"': c("model"), "5": c(5)}), dataset=Arg("dataset", Fix("dataset64"))),
    "training.train_model": S("training.train_model", 2, model=Arg("any", Fix("mlp"), bad={"None": c(None), '"model"': c("model"), "5": c(5)}), train=Arg("dataset", Fix("dataset64")), validation=Arg("dataset", Fix("dataset32"), skip=("None",)), epochs=Arg("int", 1), batch_size=Arg("int", 32), label=Arg("text", "run")),  # validation None: no validation set
    "widgets.mask_explorer": S("widgets.mask_explorer", 0, n_units=Arg("int", 16), rate=Arg("rate", 0.5, bad={"0.999 (above the slider)": c(0.999)}, drop=("0.999",)), seed=Arg("seed", 0)),
    "widgets.plot_mask": S("widgets.plot_mask", 2, keep_mask=Arg("array", [True, False, True, True], bad={"2-D": c(np.ones((2, 2), bool)), "0.5s": c([0.5, 0.5])}), rate=Arg("rate", 0.5), ax=Arg("ax", None)),
    "widgets.team_explorer": S("widgets.team_explorer", 0, absence_rate=Arg("rate", 0.2, bad={"0.85 (above the slider)": c(0.85)}, drop=("0.999",)), n_seeds=Arg("int", 2), first_seed=Arg("seed", 0)),
    # exercise checkers: the baseline is a right answer ("Correct."), every bad value a wrong one
    "nb00.check_test_counts": S("nb00.check_test_counts", 1, counts=_ans("test_counts")),
    "nb00.check_brightest_class": S("nb00.check_brightest_class", 1, class_name=_ans("brightest", "choice", bad={"another class": lambda b: "Sandal" if b != "Sandal" else "Bag"})),
    "nb01.check_classic_test_output": S("nb01.check_classic_test_output", 1, answer=Arg("answer", 1.6, bad={"2.0": c(2.0), "0.4": c(0.4)})),
    "nb01.check_page_rule_ratio": S("nb01.check_page_rule_ratio", 1, page_rule_ratio=_ans("page_rule_ratio", "function")),
    "nb01.check_masks_per_epoch": S("nb01.check_masks_per_epoch", 1, answer=Arg("answer", 8000, bad={"63 (steps)": c(63), "8000.5": c(8000.5), "8064": c(8064)})),
    "nb02.check_dropout_backward": S("nb02.check_dropout_backward", 1, dropout_backward=_ans("backward", "function", bad={"float64": c(lambda g, m, r: g.astype(float) * m / (1 - r))}, drop=("returns float32", "returns list"))),  # float32 must stay float32
    "nb02.check_classic_test_forward": S("nb02.check_classic_test_forward", 1, classic_test_forward=_ans("classic_forward", "function")),
    "nb02.check_output_variance": S("nb02.check_output_variance", 1, output_variance=_ans("variance", "function")),
    "nb03.check_dropout_placement": S("nb03.check_dropout_placement", 1, model=Arg("any", Fix("nb03_model"), bad=NB03_BAD, ok=NB03_OK)),
    "nb03.check_inference_output": S("nb03.check_inference_output", 1, answer=Arg("answer", [4.0, 8.0, 12.0], bad={"scaled": c([3.0, 6.0, 9.0]), "two values": c([4.0, 8.0])})),
    "nb03.check_kept_scale": S("nb03.check_kept_scale", 1, kept_scale=_ans("kept_scale", "function", bad={"1 - rate": c(lambda r: 1 - r), "1 / rate": c(lambda r: 1 / r if r else 1.0)})),
    "nb04.check_final_gap": S("nb04.check_final_gap", 1, final_gap=_ans("final_gap", "function", bad={"first epoch": c(lambda h: h["accuracy"][0] - h["val_accuracy"][0]), "best epochs": c(lambda h: max(h["accuracy"]) - max(h["val_accuracy"]))})),
    "nb08.check_entropy": S("nb08.check_entropy", 1, entropy_nats=_ans("entropy", "function", bad={"in bits": c(lambda p: _entropy(p) / math.log(2)), "0 log 0 as NaN": c(lambda p: float(-(np.asarray(p) * np.log(p)).sum()))})),
    "nb04.check_closer_k": S("nb04.check_closer_k", 3, closer_k=Arg("answer", 50, bad={"5": c(5)}), mc_probs=Arg("array", Fix("mc_probs"), bad={"constant": lambda b: np.full(b.shape, 0.1), "negated": lambda b: -b, "49 passes": lambda b: b[:49], "every pass equal (a tie)": lambda b: np.broadcast_to(b.mean(axis=0), b.shape).copy()}), deterministic=Arg("array", Fix("deterministic"), bad={"negated": lambda b: -b})),
    "nb05.check_worst_leaver": S("nb05.check_worst_leaver", 1, worst_leaver=_ans("worst_leaver", "function", bad={"everyone present": c(lambda s: _helpers("team").presentation_output(s)), "best leaver": c(lambda s: float(_helpers("team").leave_one_out(s).max()))})),
    "nb05.check_remove_units": S("nb05.check_remove_units", 1, remove_units=_ans("remove_units", "function", bad={"changes its input": c(lambda k, u: (k.__setitem__(list(u), 0.0), k)[1])})),
    "nb05.check_no_forgetting": S("nb05.check_no_forgetting", 2, worst_without_absences=_ans("worst0"), worst_with_absences=_ans("worst5")),
    "nb06.check_epochs_to_best": S("nb06.check_epochs_to_best", 1, epochs_to_best=_ans("epochs_to_best", "function", bad={"from 0": c(lambda h: int(np.argmin(h["val_loss"]))), "last tie": c(lambda h: len(h["val_loss"]) - int(np.argmin(h["val_loss"][::-1])))})),
    "nb06.check_units_for": S("nb06.check_units_for", 1, units_for=_ans("units_for", "function", ok={"math.ceil": c(lambda r, kept=128: math.ceil(kept / (1 - r))), "round": c(lambda r, kept=128: round(kept / (1 - r)))}, bad={"kept * (1 - rate)": c(lambda r, kept=128: kept * (1 - r)), "kept / rate": c(lambda r, kept=128: kept / r if r else kept)})),
    "nb06.check_choose_rate": S("nb06.check_choose_rate", 1, choose_rate=_ans("choose_rate", "function", bad={"highest loss": c(lambda losses: max(losses, key=losses.get)), "the loss itself": c(lambda losses: min(losses.values()))})),
    "nb07.check_variance_ratio": S("nb07.check_variance_ratio", 1, variance_ratio=_ans("variance_ratio", "function")),
    "nb08.check_mutual_information": S("nb08.check_mutual_information", 1, mutual_information=_ans("mutual_information", "function")),
    "nb09.check_penalty_coefficient": S("nb09.check_penalty_coefficient", 1, penalty_coefficient=_ans("penalty_coefficient", "function", bad={"p(1 - p)": c(lambda r: r * (1 - r)), "the rate": c(lambda r: r), "p / (1 - p)": c(lambda r: (1 - r) / r), "1 / p": c(lambda r: 1 / (1 - r)), "constant 0.5": c(lambda r: 0.5)})),
    "nb09.check_drop_path_rates": S("nb09.check_drop_path_rates", 1, drop_path_rates=_ans("drop_path_rates", "function", bad={"Huang's l/L": c(lambda r, n: np.arange(1, n + 1) / n * r), "survival": c(lambda r, n: 1 - np.linspace(0, r, n)), "same rate": c(lambda r, n: [r] * n), "reversed": c(lambda r, n: np.linspace(0, r, n)[::-1]), "stops short": c(lambda r, n: np.arange(n) / n * r), "depth + 1": c(lambda r, n: np.linspace(0, r, n + 1))})),
    "nb09.check_dropconnect_mask_shape": S("nb09.check_dropconnect_mask_shape", 1, dropconnect_mask_shape=_ans("dropconnect_mask_shape", "function", ok={"list": c(lambda b, i, u, e: [b, i, u] if e else [i, u]), "np shape": c(lambda b, i, u, e: np.zeros((b, i, u) if e else (i, u), dtype=bool).shape)}, bad={"(batch, units)": c(lambda b, i, u, e: (b, u)), "(batch, inputs)": c(lambda b, i, u, e: (b, i)), "always per batch": c(lambda b, i, u, e: (i, u)), "always per example": c(lambda b, i, u, e: (b, i, u)), "(units, inputs)": c(lambda b, i, u, e: (b, u, i) if e else (u, i)), "inputs + 0.5": c(lambda b, i, u, e: (b, i + 0.5, u)), "[True, 3]": c(lambda b, i, u, e: (True, 3))})),
    "nb10.check_block": S("nb10.check_block", 1, cls=_ans("fixed_block", "function", bad={name: (lambda n: lambda _b: _nb10_layers()[n])(name) for name in ("LostFlag", "Discarding", "AlwaysOn", "NoDropout", "Summed", "Crashes", "BadInit")} | {"an instance": lambda b: b()}, drop=("returns list", "partial", "returns float32"))),  # the answer is a class: the wrapped functions are wrong answers
    "nb10.check_discarding": S("nb10.check_discarding", 1, cls=_ans("fixed_block", "function", bad={name: (lambda n: lambda _b: _nb10_layers()[n])(name) for name in ("Discarding", "LostFlag", "AlwaysOn", "NoDropout", "Crashes")}, drop=("returns list", "partial", "returns float32"))),  # a class, as above
    "nb10.check_rate_from_keep_prob": S("nb10.check_rate_from_keep_prob", 1, rate_from_keep_prob=_ans("rate_from_keep_prob", "function", bad={"keep_prob": c(lambda k: k), "1 / keep_prob": c(lambda k: 1 / k), "1 - 1 / keep_prob": c(lambda k: 1 - 1 / k), "[rate, keep_prob]": c(lambda k: [1 - k, k])})),
    "nb10.check_test_time_output": S("nb10.check_test_time_output", 1, test_time_output=_ans("test_time_output", "function", bad={"times the rate": c(lambda a, r: a * r), "inverted": c(lambda a, r: a / (1 - r)), "unchanged": c(lambda a, r: a.copy()), "summed": c(lambda a, r: a.sum()), "in place": c(lambda a, r: np.multiply(a, 1 - r, out=a))})),
    "nb10.check_forward": S("nb10.check_forward", 1, forward=_ans("forward", "function", bad={"model(x)": c(lambda m, x: m(x)), "training=False": c(lambda m, x: m(x, training=False)), "predict": c(lambda m, x: m.predict(x, verbose=0)), "one row": c(lambda m, x: m(x, training=True)[:1]), "plus noise": c(lambda m, x: m(x) + np.random.default_rng(0).random())})),
    "nb10.check_frozen_head": S("nb10.check_frozen_head", 1, frozen_head=_ans("frozen_head", "function", bad={"functional": c(_nb10_functional_head), "inherits the flag": c(lambda base: _nb10_head(base, "inherit")), "passes the flag on": c(lambda base: _nb10_head(base, "passed on")), "ignores the base": c(lambda base: _keras().Sequential([_keras().Input(shape=(28, 28)), _keras().layers.Flatten(), _keras().layers.Dense(5)])), "3 classes": c(lambda base: _keras().Sequential([base, _keras().layers.Dense(3)]))}, drop=("returns list", "returns float32"))),  # a model is no array
}
# fmt: on
#: Public names not called with a learner's arguments: records the helpers build, errors, the same object twice.
NOT_FUZZED = {
    "_checks.NotABoolError": "an exception class",
    "_checks.NotANumberError": "an exception class",
    "claims.ClaimError": "an exception class",
    "claims.Claim": "a record (NamedTuple) the findings modules build",
    "data.DataIntegrityError": "an exception class",
    "data.Dataset": "a record the loaders build (bad Datasets are fed to the functions that take one)",
    "mask_speed.Timing": "a record measure_mask_speed builds",
    "quiz.Question": "a record load_quiz builds",
    "tables.Table": "a record table() builds",
    "team.TeamRun": "a record simulate_team builds (fed to measure_team)",
    **{
        f"arguments.{name}": "training's argument checks, fuzzed through build_mlp, train_model and evaluate"
        for name in ("check_dataset", "check_evaluate_arguments", "check_fit_arguments", "check_mlp_arguments")
    },
}


def public_callables() -> list[str]:
    """Every public callable: the ``__all__`` of each module of helpers/ and of helpers/exercises/nb*.py."""
    names = []
    for path in sorted([*ROOT.glob("helpers/*.py"), *ROOT.glob("helpers/exercises/nb*.py")]):
        if path.stem == "__init__":
            continue
        module = ("exercises." if path.parent.name == "exercises" else "") + path.stem
        found = re.search(r"__all__\s*=\s*\[(.*?)\]", path.read_text(encoding="utf-8"), re.S)
        for name in re.findall(r'"(\w+)"', found.group(1) if found else ""):
            if not name.isupper():  # constants
                names.append(f"{module.removeprefix('exercises.')}.{name}")
    return names


def cases(only: str = "") -> list[dict]:
    """Every call to make: the baseline of each spec, then each argument changed to each catalogue value."""
    out = []
    for spec_name, spec in SPECS.items():
        if only and not any(spec_name.startswith(prefix) for prefix in only.split(",")):
            continue
        out.append({"spec": spec_name, "arg": "", "label": "baseline", "expect": "ok"})
        for arg_name, arg in spec.args.items():
            bad, ok = KINDS[arg.kind]
            for label in {**bad, **arg.bad}:
                if label not in arg.skip and label not in arg.ok and label not in arg.drop:
                    out.append({"spec": spec_name, "arg": arg_name, "label": label, "expect": "bad"})
            for label in [
                k for k in {**ok, **arg.ok, **dict.fromkeys(arg.skip)} if k not in arg.drop and k not in arg.bad
            ]:
                out.append({"spec": spec_name, "arg": arg_name, "label": label, "expect": "ok"})
    return out


# ------------------------------------------------------------------------------------------ classification
def classify(case: dict, outcome: dict) -> tuple[str, str]:
    """(category, detail) of one call: see CATEGORIES. Pure, so tests/test_fuzz_helpers.py can table-test it."""
    status, checker = outcome["status"], bool(re.match(r"nb\d", case["spec"]))
    if status == "setup":
        return "fuzzer error", outcome["message"]
    if status == "refused when built":  # the bad value cannot even be made (a Dataset refuses mismatched arrays)
        return ("clean", status) if case["expect"] == "bad" else ("valid refused", outcome["message"][:200])
    if status in ("timeout", "memory", "crash"):
        return "hang/memory", f"{status}: {outcome.get('message', '')}"[:200]
    if case["expect"] == "ok":
        refused = status == "raised" or (checker and outcome.get("verdict") != "correct")
        return ("valid refused", outcome.get("message", "")[:200]) if refused else ("valid accepted", "")
    if checker:
        if status == "raised":
            return "checker raised", f"{outcome['exc_type']}: {outcome['message']}"[:200]
        verdict, message = outcome.get("verdict"), outcome.get("message", "")
        if verdict == "correct":
            return "false pass", message[:200]
        if "could not use your answer" in message or len(message) > 400 or "\x1b" in message:
            return "poorly worded", "checker: " + ("its own code broke" if "could not" in message else "unreadable")
        return "clean", ""
    if status == "returned":
        return "silently accepted", ""
    exc, message, origin = outcome["exc_type"], outcome["message"], outcome["origin"]
    allowed = outcome.get("own_error") or {"ValueError", "TypeError"} & set(outcome.get("mro", [exc]))
    path = case.get("kind") in ("path", "dir")
    if path and "OSError" in outcome.get("mro", []):
        allowed = True  # FileNotFoundError, IsADirectoryError... from helpers or from Python's own file code
        origin, outcome = "helpers", {**outcome, "explicit": True}
    if origin != "helpers":
        return "poorly worded", f"from {origin}: {exc}"
    if not outcome.get("explicit"):
        return "poorly worded", f"accidental {exc} in helpers"
    if not allowed:
        return "poorly worded", f"unexpected type {exc}"
    given = str(outcome.get("value", "")).strip("'\"")
    name = os.path.basename(given.rstrip("/"))
    if path and (outcome.get("own_error") or (given and given in message) or (len(name) > 2 and name in message)):
        return "clean", ""  # a DataIntegrityError, or an error that names the file or folder it was given
    words = {case.get("word") or case["arg"], case["arg"]}
    if not any(re.search(rf"(?<![A-Za-z0-9]){re.escape(w)}(?![A-Za-z0-9])", message) for w in words):
        others = [a for a in case.get("others", []) if re.search(rf"\b{re.escape(a)}\b", message)]
        return "poorly worded", f"blames {others[0]}" if others else "does not name the argument"
    return "clean", ""


# ------------------------------------------------------------------------------------------------- worker
class CallTimeout(BaseException):  # not an Exception: a checker's `except Exception` must not catch it
    pass


def _origin(error: BaseException) -> tuple[str, bool]:
    """Where ``error`` was raised (helpers, a library, python), and whether by a ``raise`` statement in helpers."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return "python", False
    filename = tb.tb_frame.f_code.co_filename
    if str(ROOT / "helpers") in filename:
        line = linecache.getline(filename, tb.tb_lineno).strip()
        if line.startswith("raise"):
            return "helpers", True
        return ("numpy (called in helpers)" if "np." in line else "helpers"), False
    for library in LIBRARIES:
        if re.search(rf"(^|/){library}/", filename, re.IGNORECASE):
            return library, False
    return ("python" if "/lib/python3" in filename and "site-packages" not in filename else "other"), False


def _resolve(target: str):
    module, _, rest = target.partition(".")
    package = "helpers.exercises." if re.match(r"nb\d", module) else "helpers."
    obj = importlib.import_module(package + module)
    parts = rest.split(".")
    if len(parts) == 2:  # a method: the instance comes first
        return lambda self, *a, **k: getattr(self, parts[1])(*a, **k)
    function = getattr(obj, parts[0])
    return getattr(function, "judge", function)


def _build(value):
    return FIXTURES[value]() if isinstance(value, Fix) else value


def run_case(case: dict) -> dict:
    """Make one call in this process (the worker) and describe what happened."""
    import io
    import signal

    spec = SPECS[case["spec"]]
    try:
        values = {name: _build(arg.base) for name, arg in spec.args.items()}
        if case["arg"]:
            arg = spec.args[case["arg"]]
            bad, ok = KINDS[arg.kind]
            make = {**bad, **ok, **arg.bad, **arg.ok}[case["label"]]
            values[case["arg"]] = make(values[case["arg"]])
    except Exception as error:  # the fuzzer's own mistake, or a bad value that helpers refuse to build
        built = bool(case["arg"]) and _origin(error) == ("helpers", True)
        status = "refused when built" if built else "setup"
        return {"status": status, "message": f"{type(error).__name__}: {error}"[:200], "value": ""}
    shown = repr(values.get(case["arg"]))[:120] if case["arg"] else ""
    names = list(values)
    args, kwargs = [values[n] for n in names[: spec.pos]], {n: values[n] for n in names[spec.pos :]}
    if case["spec"].endswith(".__call__"):
        args, kwargs = [values["self"], values["inputs"]], {"training": values["training"]}
    function = _resolve(spec.target) if not case["spec"].endswith(".__call__") else (lambda s, x, **k: s(x, **k))
    out, start = {"value": shown}, time.monotonic()
    sys.stdout, printed = io.StringIO(), None
    signal.alarm(TIMEOUT_S)
    try:
        result = function(*args, **kwargs)
        out["status"] = "returned"
        if re.match(r"nb\d", case["spec"]):
            out["verdict"], out["message"] = result
    except CallTimeout:
        out |= {"status": "timeout", "message": f"no return within {TIMEOUT_S} s"}
    except MemoryError:
        out |= {"status": "memory", "message": f"MemoryError (limit {MEMORY_BYTES / 2**30:g} GiB)"}
    except BaseException as error:
        origin, explicit = _origin(error)
        mro = [k.__name__ for k in type(error).__mro__]
        own = type(error).__module__.startswith("helpers")
        out |= {"status": "raised", "exc_type": type(error).__name__, "message": str(error)[:400], "mro": mro}
        out |= {"origin": origin, "explicit": explicit, "own_error": own}
    finally:
        signal.alarm(0)
        printed, sys.stdout = sys.stdout.getvalue(), sys.__stdout__
        _plt().close("all")
    out |= {"seconds": round(time.monotonic() - start, 3), "printed": printed[:200]}
    return out


def worker(scratch: str) -> None:
    """Answer one JSON request per line on stdin; protocol on a copy of stdout, everything printed discarded."""
    import resource
    import signal

    proto = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.__stdout__ = sys.stdout = open(1, "w", closefd=False)
    import keras  # noqa: F401 - TensorFlow once per worker, before the memory limit
    import matplotlib

    matplotlib.use("Agg")
    _helpers("training").train_model(
        _mlp(), _dataset(64), _dataset(32, "train"), epochs=1, batch_size=32
    )  # traced once
    written: list[str] = []

    def audit(event: str, args: tuple) -> None:
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            mode, flags = args[1] or "", args[2] or 0
            writing = any(ch in str(mode) for ch in "wax+") or flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
            path = os.path.realpath(os.fsdecode(args[0]))
            if writing and not path.startswith(scratch) and path != os.devnull:
                written.append(path)

    sys.addaudithook(audit)
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(CallTimeout()))
    status = Path("/proc/self/status").read_text()
    vm = int(re.search(r"VmSize:\s+(\d+)", status).group(1)) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (vm + MEMORY_BYTES, resource.RLIM_INFINITY))
    proto.write("ready\n")
    for line in sys.stdin:
        case = json.loads(line)
        written.clear()
        result = run_case(case)
        result["wrote_outside"] = sorted(set(written))[:5]
        proto.write(json.dumps(result, default=str) + "\n")


# ------------------------------------------------------------------------------------------------- parent
class Worker:
    def __init__(self, scratch: str, env: dict) -> None:
        self.scratch, self.env, self.calls = scratch, env, 0
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", scratch],
            cwd=scratch,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(Path(scratch) / "worker-stderr.log", "ab"),
            text=True,
        )
        if self._read(120) != "ready":
            raise RuntimeError("a fuzz worker did not start; see worker-stderr.log in the scratch folder")

    def _read(self, timeout: float) -> str | None:
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        return self.process.stdout.readline().strip() if ready else None

    def call(self, case: dict) -> dict:
        self.calls += 1
        try:
            self.process.stdin.write(json.dumps(case) + "\n")
            self.process.stdin.flush()
            line = self._read(TIMEOUT_S + 20)
        except (BrokenPipeError, OSError):
            line = ""
        if line:
            return json.loads(line)
        self.process.kill()
        code = self.process.wait()
        status = "timeout" if line is None else "crash"
        return {
            "status": status,
            "message": f"worker killed after {TIMEOUT_S + 20} s" if line is None else f"worker died (exit {code})",
            "value": "",
        }

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.stdin.close()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()


def run(all_cases: list[dict], jobs: int, scratch: str) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": scratch, "MPLCONFIGDIR": scratch, "KERAS_HOME": scratch}
    env |= {"TMPDIR": scratch, "DROPOUT_COURSE_BATCH": "1", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("MPLBACKEND", None)
    env.pop("FASHION_MNIST_DIR", None)
    todo: queue.Queue = queue.Queue()
    for index, case in enumerate(all_cases):
        todo.put((index, case))
    results: list = [None] * len(all_cases)
    done = [0]

    def drive() -> None:
        current = Worker(scratch, env)
        while True:
            try:
                index, case = todo.get_nowait()
            except queue.Empty:
                break
            outcome = current.call(case)
            results[index] = outcome
            done[0] += 1
            if done[0] % 250 == 0:
                print(f"  {done[0]} of {len(all_cases)} calls", file=sys.stderr, flush=True)
            if not current.alive() or current.calls >= 400 or outcome["status"] == "memory":
                current.stop()
                current = Worker(scratch, env)
        current.stop()

    threads = [threading.Thread(target=drive) for _ in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def report(records: list[dict], seconds: float, only: str) -> str:
    """results/fuzz.md: the summary by category and by module, then every non-clean outcome."""
    bad = [r for r in records if r["expect"] == "bad"]
    ok = [r for r in records if r["expect"] == "ok"]
    count = collections.Counter(r["category"] for r in records)
    specs = sorted({r["spec"] for r in records})
    lines = [
        "# Fuzz of the public helpers (scripts/fuzz_helpers.py)",
        "",
        f"{len(bad):,} bad arguments and {len(ok):,} valid ones (baselines and unusual but valid values) to "
        f"{len(specs)} public callables{f' (--only {only})' if only else ''}, one argument changed at a time; "
        f"{TIMEOUT_S} s and {MEMORY_BYTES // 2**30} GiB per call; {seconds / 60:.1f} min. Rerun: "
        "`.venv/bin/python scripts/fuzz_helpers.py` (`--only MODULE` for some).",
        "",
        "| outcome | calls | share |",
        "|---|---:|---:|",
    ]
    for key in BAD_CATEGORIES:
        lines.append(f"| {CATEGORIES[key]} | {count[key]:,} | {count[key] / max(len(bad), 1):.1%} of bad |")
    for key in ("valid refused", "valid accepted"):
        lines.append(f"| {CATEGORIES[key]} | {count[key]:,} | {count[key] / max(len(ok), 1):.1%} of valid |")
    details = collections.Counter(r["detail"].split(":")[0] for r in records if r["category"] == "poorly worded")
    lines += ["", "Poorly worded, by kind: " + "; ".join(f"{k} {v}" for k, v in details.most_common()) + "."]
    wrote = sorted({p for r in records for p in r.get("wrote_outside", [])})
    lines += ["", f"Files opened for writing outside the scratch folder: {', '.join(wrote) if wrote else 'none'}."]
    missing = [n for n in public_callables() if n not in SPECS and n not in NOT_FUZZED]
    lines += [f"Public callables without a spec: {', '.join(missing) if missing else 'none'}."]
    columns = (*BAD_CATEGORIES, "valid refused")
    lines += ["", "## By module", "", "| module | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    by_module = collections.defaultdict(collections.Counter)
    for r in records:
        by_module[r["spec"].split(".")[0]][r["category"]] += 1
    for module, counts in sorted(by_module.items()):
        lines.append(f"| {module} | " + " | ".join(str(counts[k]) for k in columns) + " |")
    lines += ["", "## Every outcome that is not clean, by module and callable", ""]
    for spec in specs:
        rows = [r for r in records if r["spec"] == spec and r["category"] not in ("clean", "valid accepted")]
        if rows:
            lines.append(f"### {spec}")
            for r in rows:
                what = f"`{r['arg']}` = {r['label']}" if r["arg"] else "baseline"
                note = r["detail"] or r.get("message", "")
                lines.append(f"- {r['category']}: {what}" + (f" — {note[:160]}" if note else ""))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="comma-separated prefixes of callables (dropout, nb03., ...)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--out", help="writes OUT.json and OUT.md (default results/fuzz, build/fuzz-only with --only)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.worker:
        worker(options.worker)
        return 0
    out = options.out or str(ROOT / ("build/fuzz-only" if options.only else "results/fuzz"))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    all_cases = cases(options.only)
    for case in all_cases:
        spec = SPECS[case["spec"]]
        if case["arg"]:
            case |= {"kind": spec.args[case["arg"]].kind, "word": spec.args[case["arg"]].word}
            case["others"] = [a for a in spec.args if a != case["arg"]]
    scratch = os.path.realpath(tempfile.mkdtemp(prefix="fuzz-helpers-"))
    print(f"{len(all_cases):,} calls in {options.jobs} workers (scratch {scratch})", file=sys.stderr)
    start = time.monotonic()
    try:
        outcomes = run(all_cases, max(1, options.jobs), scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    seconds = time.monotonic() - start
    records = []
    for case, outcome in zip(all_cases, outcomes, strict=True):
        category, detail = classify(case, outcome)
        record = {k: case[k] for k in ("spec", "arg", "label", "expect")} | {"category": category, "detail": detail}
        record |= {"value": outcome.get("value", ""), "status": outcome["status"], "exc_type": outcome.get("exc_type")}
        record |= {"message": outcome.get("message", "")[:200], "seconds": outcome.get("seconds")}
        record |= {"wrote_outside": outcome.get("wrote_outside", [])}
        records.append(record)
    Path(out + ".json").write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    Path(out + ".md").write_text(report(records, seconds, options.only), encoding="utf-8")
    counts = collections.Counter(r["category"] for r in records)
    print(", ".join(f"{k} {v}" for k, v in counts.most_common()), f"({seconds:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
