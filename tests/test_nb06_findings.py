"""Notebook 06: its `stop_epoch` applies Keras's EarlyStopping rule (the notebook derives its
early-stopped network from the plain run with it), and its claims (helpers/findings/nb06.py) hold on
measurements like the notebook's and fail when their own condition is broken."""

from __future__ import annotations

import ast
from pathlib import Path

import jupytext
import keras
import numpy as np
import pytest

from helpers.findings import nb06

SOURCE = Path(__file__).resolve().parent.parent / "notebooks" / "src" / "06_dropout_among_regularizers.py"


def notebook_function(name: str) -> object:
    """The function ``name`` as the notebook defines it (only its ``def``, not the rest of the cell)."""
    notebook = jupytext.read(SOURCE, fmt="py:percent")
    found = [
        node
        for cell in notebook.cells
        if cell.cell_type == "code" and f"def {name}(" in cell.source
        for node in ast.parse(cell.source).body
        if isinstance(node, ast.FunctionDef) and node.name == name
    ]
    assert len(found) == 1, f"06 should define {name} once"
    namespace: dict = {}
    exec(compile(ast.Module(body=found, type_ignores=[]), f"06:{name}", "exec"), namespace)
    return namespace[name]


def keras_stop(val_losses: list[float], patience: int = 5) -> int:
    """How many epochs Keras's EarlyStopping lets run on these validation losses."""
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    callback = keras.callbacks.EarlyStopping(patience=patience, restore_best_weights=True)
    callback.set_model(model)
    model.stop_training = False  # as fit sets it
    callback.on_train_begin()
    for epoch, loss in enumerate(val_losses):
        callback.on_epoch_end(epoch, {"val_loss": loss})
        if model.stop_training:
            return epoch + 1
    return len(val_losses)


LOSSES = [
    [0.9, 0.7, 0.6, 0.62, 0.64, 0.65, 0.66, 0.7, 0.8, 0.9],  # stops 5 epochs after epoch 3
    [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3],  # never stops
    [0.5, 0.6, 0.5, 0.5, 0.55, 0.6, 0.7, 0.4],  # a tie is no improvement
    [0.5, 0.6, 0.7, 0.8, 0.49, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9],  # improves at the last chance
]


@pytest.mark.parametrize("val_losses", LOSSES)
def test_stop_epoch_is_keras_early_stopping(val_losses: list[float]) -> None:
    assert notebook_function("stop_epoch")(val_losses) == keras_stop(val_losses)


def test_a_different_patience_would_be_caught() -> None:
    assert notebook_function("stop_epoch")(LOSSES[0]) != keras_stop(LOSSES[0], patience=3)


def _run(train: float, val: float) -> dict[str, float]:
    return {"train_loss": train, "val_loss": val, "loss_gap": val - train}


RESULTS = {
    "none": _run(0.13, 0.68),
    "dropout": _run(0.27, 0.526),
    "L2": _run(0.11, 0.61),
    "L2 + dropout": _run(0.28, 0.531),
    "early stopping": _run(0.32, 0.523),
}
NONE_VAL = [0.7, 0.6, 0.55, 0.52, 0.53, 0.56, 0.6, 0.64, 0.68]
DROPOUT_VAL = [0.8, 0.7, 0.6, 0.56, 0.54, 0.53, 0.52, 0.521, 0.525]
VAL_LOSS = {0.0: 0.523, 0.2: 0.556, 0.5: 0.525, 0.75: 0.629}
NORMS = np.full(512, 2.5)


def _verdicts(found: list) -> dict[str, bool]:
    return {claim.id: bool(claim.holds) for claim in found}


def _all(results=RESULTS, none_val=NONE_VAL, dropout_val=DROPOUT_VAL, val_loss=VAL_LOSS, input_loss=0.527) -> dict:
    histories = {
        "none": {"val_loss": none_val},
        "dropout": {"val_loss": dropout_val},
        "early stopping": {"val_loss": none_val[:7]},
    }
    with_max_norm = {**results, "max-norm + dropout": _run(0.3, 0.58)}
    return {
        **_verdicts(nb06.regularizers(results, histories, epochs=len(none_val))),
        **_verdicts(nb06.epoch_price(histories)),
        **_verdicts(nb06.rate_choice(val_loss)),
        **_verdicts(nb06.max_norm(NORMS, with_max_norm)),
        **_verdicts(nb06.paper_defaults(val_loss, {"input 0.2": input_loss})),
    }


def test_every_claim_holds_on_measurements_like_the_notebooks() -> None:
    found = _all()
    assert len(found) == 15 and all(found.values()), [key for key, holds in found.items() if not holds]


@pytest.mark.parametrize(
    ("claim_id", "change"),
    [
        ("dropout_beats_l2", {"results": {**RESULTS, "dropout": _run(0.27, 0.62)}}),
        ("none_overfits", {"none_val": [0.7, 0.6, 0.55, 0.52, 0.53, 0.54, 0.55, 0.56, 0.57]}),
        ("early_stopping_stops", {"results": {**RESULTS, "early stopping": _run(0.32, 0.7)}}),
        ("max_norm_no_gain", {"results": {**RESULTS, "dropout": _run(0.27, 0.6)}}),
        ("dropout_slower", {"dropout_val": [0.5, *DROPOUT_VAL[1:]]}),
        ("best_losses_close", {"dropout_val": [*DROPOUT_VAL[:-1], 0.45]}),
        ("es_matches_dropout", {"val_loss": {**VAL_LOSS, 0.0: 0.56}}),
        ("rate_075_worst", {"val_loss": {**VAL_LOSS, 0.75: 0.54}}),
        ("input_dropout_small", {"input_loss": 0.56}),
    ],
)
def test_a_claim_fails_when_its_condition_is_broken(claim_id: str, change: dict) -> None:
    assert not _all(**change)[claim_id]


WINNER_ROW = {
    "seed": 0,
    "plain": 0.179,
    "plain_es_loss": 0.191,
    "dropout_es_loss": 0.166,
    "plain_es_loss_epoch": 6,
    "dropout_es_loss_epoch": 29,
}
# 40 epochs: plain's val loss is lowest at epoch 5, dropout's falls to epoch 30; test errors follow
PLAIN_CURVE = {
    "val_loss": [1 - 0.1 * min(e, 5) + 0.02 * max(e - 5, 0) for e in range(40)],
    "test_error": [0.20 - 0.002 * min(e, 5) for e in range(40)],
}
DROP_CURVE = {
    "val_loss": [1 - 0.02 * min(e, 30) for e in range(40)],
    "test_error": [0.21 - 0.002 * min(e, 30) for e in range(40)],
}
WINNER = {"rows": [WINNER_ROW], "curves": [{"seed": 0, "plain": PLAIN_CURVE, "dropout": DROP_CURVE}]}
FRESH = [{"plain": 0.16, "plain_es_loss": 0.19, "dropout_es_loss": 0.17}] * 10  # dropout loses at every fresh seed


def test_the_stored_win_holds_and_fails_when_plain_is_as_good() -> None:
    assert all(claim.holds for claim in nb06.dropout_wins(WINNER, FRESH, seed=0))
    tied = {**WINNER, "rows": [{**WINNER_ROW, "plain_es_loss": 0.166}]}
    assert not _verdicts(nb06.dropout_wins(tied, FRESH, seed=0))["dropout_beats_both"]
    sooner = {**WINNER, "rows": [{**WINNER_ROW, "dropout_es_loss_epoch": 6}]}
    assert not _verdicts(nb06.dropout_wins(sooner, FRESH, seed=0))["win_restores_later"]
    as_often = [{"plain": 0.18, "plain_es_loss": 0.19, "dropout_es_loss": 0.17}] * 10  # 10 of 10 fresh, 1 of 1 searched
    assert not _verdicts(nb06.dropout_wins(WINNER, as_often, seed=0))["fresh_seeds_win"]


def test_a_seed_without_a_stored_run_is_a_failed_claim_not_an_error() -> None:
    (claim,) = nb06.dropout_wins(WINNER, FRESH, seed=17)
    assert not claim.holds and "seed 17" in claim.shown


NOISY_ROW = {"seed": 0, "plain": 0.307, "plain_es_loss": 0.215, "dropout_es_loss": 0.199, "dropout_last": 0.188,
             "plain_es_loss_epoch": 4, "dropout_es_loss_epoch": 27}  # fmt: skip
NOISY = {"rows": [NOISY_ROW]}
CONFIRM = {"rows": [{**NOISY_ROW, "seed": s} for s in range(20, 30)]}


def test_the_label_noise_win_holds_and_each_claim_can_fail() -> None:
    def verdicts(noisy=NOISY, confirm=CONFIRM, seed=0):
        return _verdicts(nb06.dropout_wins_noisy(noisy, {"rows": []}, confirm, seed=seed))

    assert all(verdicts().values()) and len(verdicts()) == 4
    assert verdicts({"rows": [{**NOISY_ROW, "dropout_es_loss": 0.22}]}) == {
        "noisy_plain_memorises": True,
        "noisy_beats_both": False,
        "noisy_last_beats_both": True,
        "noisy_confirmed": True,
    }
    lost = verdicts({"rows": [{**NOISY_ROW, "plain": 0.18}]})  # the plain network at the end is the best
    assert not lost["noisy_plain_memorises"] and not lost["noisy_beats_both"] and not lost["noisy_last_beats_both"]
    seven = {"rows": CONFIRM["rows"][:7] + [{**NOISY_ROW, "dropout_last": 0.3}] * 3}
    assert not verdicts(confirm=seven)["noisy_confirmed"]
    assert not verdicts(confirm={"rows": CONFIRM["rows"][:9]})["noisy_confirmed"]  # 9 of 9 is not 8 of 10
    (claim,) = nb06.dropout_wins_noisy(NOISY, {"rows": []}, CONFIRM, seed=12)
    assert not claim.holds and "seed 12" in claim.shown
