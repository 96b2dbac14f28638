"""Notebook 10: its schedule layer and callback really switch dropout off inside ``fit`` (the Python
``rate`` of Keras's Dropout does not), its ``NewHead`` keeps a base's BatchNorm untouched while a
functional model does not, its one-line dropout test tells a working layer from a silent one, and its
claims (helpers/findings/nb10.py) hold on measurements like the notebook's and fail when broken."""

from __future__ import annotations

import ast
from pathlib import Path

import jupytext
import keras
import numpy as np
import pytest

from helpers.findings import nb10

SOURCE = Path(__file__).resolve().parent.parent / "notebooks" / "src" / "10_dropout_today.py"


def notebook_names(*names: str) -> dict:
    """The classes and functions ``names`` as the notebook defines them (only their definitions)."""
    cells = [c.source for c in jupytext.read(SOURCE, fmt="py:percent").cells if c.cell_type == "code"]
    found = [
        node
        for source in cells
        for node in ast.parse(source).body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in names
    ]
    assert sorted(node.name for node in found) == sorted(names), "10 should define each name once"
    namespace: dict = {"keras": keras, "np": np, "SEED": 0, "x": np.ones((16, 8), dtype="float32")}
    exec(compile(ast.Module(body=found, type_ignores=[]), "10", "exec"), namespace)
    return namespace


def _constant_loss_probe(layer: keras.layers.Layer, callbacks: list) -> list[float]:
    """Per-epoch losses of Dropout → fixed Dense(ones) on inputs of ones at learning rate 0 (16: no dropout)."""
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input(shape=(4,)),
            layer,
            keras.layers.Dense(1, kernel_initializer="ones", use_bias=False),
        ]
    )
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
    ones, zeros = np.ones((512, 4), "float32"), np.zeros((512, 1), "float32")
    return model.fit(ones, zeros, epochs=4, batch_size=512, verbose=0, callbacks=callbacks).history["loss"]


def test_the_schedule_layer_switches_dropout_off_inside_fit() -> None:
    names = notebook_names("ScheduledDropout", "DropoutOff")
    losses = _constant_loss_probe(names["ScheduledDropout"](0.5), [names["DropoutOff"](2)])
    assert all(abs(loss - 16) > 1 for loss in losses[:2]), losses
    assert losses[2:] == pytest.approx([16.0, 16.0]), losses


def test_assigning_a_python_rate_inside_fit_changes_nothing() -> None:
    class PythonRateOff(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 1:
                self.model.layers[0].rate = 0.0

    losses = _constant_loss_probe(keras.layers.Dropout(0.5), [PythonRateOff()])
    assert all(abs(loss - 16) > 1 for loss in losses), losses


def test_the_schedule_layer_is_inverted_dropout() -> None:
    layer = notebook_names("ScheduledDropout")["ScheduledDropout"](0.25)
    out = keras.ops.convert_to_numpy(layer(np.ones((200, 200), "float32"), training=True))
    assert np.allclose(out[out != 0], 1 / 0.75)
    assert np.mean(out == 0) == pytest.approx(0.25, abs=0.01)
    assert np.array_equal(keras.ops.convert_to_numpy(layer(np.ones((3, 3)), training=False)), np.ones((3, 3)))


def test_the_one_line_test_tells_working_dropout_from_silent_dropout() -> None:
    names = notebook_names("dropout_runs", "Block")
    assert names["dropout_runs"](keras.layers.Dropout(0.5))
    assert not names["dropout_runs"](keras.layers.Identity())
    assert not names["dropout_runs"](names["Block"]())


def _base() -> keras.Sequential:
    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(8),
            keras.layers.BatchNormalization(),
            keras.layers.Dropout(0.3),
        ]
    )


@pytest.mark.parametrize("subclass", [True, False])
def test_only_a_flag_inside_call_keeps_an_unfrozen_base_in_inference_mode(subclass: bool) -> None:
    base = _base()
    if subclass:
        model = notebook_names("NewHead")["NewHead"](base)
    else:
        inputs = keras.Input(shape=(28, 28))
        model = keras.Model(inputs, keras.layers.Dense(5, activation="softmax")(base(inputs, training=False)))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    norm = base.layers[2]
    before = keras.ops.convert_to_numpy(norm.moving_mean).copy()
    rng = np.random.default_rng(0)
    model.fit(rng.random((64, 28, 28), dtype=np.float32), rng.integers(0, 5, 64), epochs=1, verbose=0)
    moved = np.abs(keras.ops.convert_to_numpy(norm.moving_mean) - before).max()
    assert (moved == 0) if subclass else (moved > 0)


def _results(sub=(0.80, 0.0, 0.90, 0.0), fun=(0.76, 0.0, 0.82, 0.7)) -> dict:
    """(accuracy with the head only, BatchNorm change by then, accuracy fine-tuned, change by then)."""
    return {nb10.SUBCLASS: sub, nb10.FUNCTIONAL: fun}


def _verdicts(claims) -> dict[str, bool]:
    return {claim.id: bool(claim.holds) for claim in claims}


def test_frozen_base_claims_hold_on_measurements_like_the_notebook_s() -> None:
    assert all(_verdicts(nb10.frozen_base(0.0, 6.5, True, _results())).values())


@pytest.mark.parametrize(
    ("args", "broken"),
    [
        ((0.01, 6.5, True, _results()), "frozen_bn_inference_dropout_on"),
        ((0.0, 0.0, True, _results()), "frozen_bn_inference_dropout_on"),
        ((0.0, 6.5, False, _results()), "functional_flag_overridden"),
        ((0.0, 6.5, True, _results(fun=(0.76, 0.1, 0.82, 0.7))), "frozen_bn_stays_put"),
        ((0.0, 6.5, True, _results(sub=(0.8, 0.0, 0.9, 0.2))), "subclass_keeps_bn"),
        ((0.0, 6.5, True, _results(fun=(0.76, 0.0, 0.82, 0.0))), "subclass_keeps_bn"),
        ((0.0, 6.5, True, _results(fun=(0.85, 0.0, 0.82, 0.7))), "head_only_gap"),
        ((0.0, 6.5, True, _results(fun=(0.76, 0.0, 0.92, 0.7))), "fine_tuned_gap"),
    ],
)
def test_each_frozen_base_claim_fails_when_its_condition_breaks(args, broken) -> None:
    verdicts = _verdicts(nb10.frozen_base(*args))
    assert not verdicts[broken]
    assert all(held for claim_id, held in verdicts.items() if claim_id != broken)


def test_bug_symptom_claims() -> None:
    assert all(_verdicts(nb10.bug_symptoms(False, 0.9)).values())
    assert not _verdicts(nb10.bug_symptoms(True, 0.9))["buggy_block_never_drops"]
    assert not _verdicts(nb10.bug_symptoms(False, 0.1))["ported_drops_90"]


#: (final training-set loss, training error, test error) per schedule
EARLY = {
    "no dropout": (0.55, 0.20, 0.222),
    "dropout throughout": (0.61, 0.22, 0.247),
    "early dropout": (0.535, 0.19, 0.219),
}


def test_early_dropout_claims_hold_on_measurements_like_the_notebook_s() -> None:
    assert all(_verdicts(nb10.early_dropout(19.1, EARLY)).values())


@pytest.mark.parametrize(
    ("loss_after", "early", "broken"),
    [
        (16.2, EARLY, "python_rate_baked_in"),
        (19.1, {**EARLY, "no dropout": (0.55, 0.10, 0.222)}, "narrow_mlp_underfits"),
        (19.1, {**EARLY, "no dropout": (0.55, 0.16, 0.222)}, "narrow_mlp_underfits"),
        (19.1, {**EARLY, "dropout throughout": (0.54, 0.22, 0.247)}, "throughout_underfits_more"),
        (19.1, {**EARLY, "early dropout": (0.62, 0.19, 0.219)}, "early_recovers"),
        (19.1, {**EARLY, "early dropout": (0.51, 0.19, 0.219)}, "early_no_train_gain"),
        (19.1, {**EARLY, "early dropout": (0.535, 0.19, 0.21)}, "early_no_test_gain"),
    ],
)
def test_each_early_dropout_claim_fails_when_its_condition_breaks(loss_after, early, broken) -> None:
    assert not _verdicts(nb10.early_dropout(loss_after, early))[broken]


def test_two_schedule_layers_draw_different_masks() -> None:
    layer = notebook_names("ScheduledDropout")["ScheduledDropout"]
    keras.utils.set_random_seed(0)
    first, second = layer(0.5), layer(0.5)
    ones = np.ones((8, 64), "float32")
    masks = [keras.ops.convert_to_numpy(drop(ones, training=True)) for drop in (first, second)]
    assert not np.array_equal(masks[0], masks[1])
