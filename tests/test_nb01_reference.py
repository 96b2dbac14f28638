"""Notebook 01's written-out dropout code against the course's tested reference (helpers/dropout.py),
and 01's claim definitions (helpers/findings/nb01.py) on made-up measurements.

The notebook shows the rule; the comparison with the reference copy lives here, not in a learner's cell.
"""

from __future__ import annotations

from pathlib import Path

import notebook_code
import numpy as np
import pytest

from helpers import dropout
from helpers.findings import nb01

SOURCE = Path(__file__).resolve().parent.parent / "notebooks" / "src" / "01_why_dropout.py"


def _code_cell(marker: str) -> str:
    """The one code cell of 01's text source that contains ``marker``."""
    return notebook_code.code_cell(SOURCE.stem, marker)


@pytest.mark.parametrize("seed", [0, 3, 11])
def test_the_notebooks_masks_are_the_references_on_the_same_stream(seed: int, capsys) -> None:
    namespace = {"np": np, "SEED": seed}
    exec(_code_cell("steps = "), namespace)  # the notebook's own cell
    capsys.readouterr()
    reference = np.random.default_rng(seed)
    shape, rate = (namespace["batch"], namespace["units"]), namespace["rate"]
    for step in namespace["steps"]:  # two training steps, drawn one after the other
        assert np.array_equal(step, dropout.bernoulli_keep_mask(shape, rate, rng=reference))


@pytest.mark.parametrize("seed", [0, 5])
def test_the_notebooks_original_method_is_the_references(seed: int) -> None:
    cell = _code_cell("original = ")
    wanted = ("rate, a = ", "x = ", "kept = ", "original = ")
    namespace = {"np": np, "SEED": seed}
    exec("\n".join(line for line in cell.splitlines() if line.startswith(wanted)), namespace)
    x, rate = namespace["x"], namespace["rate"]
    train, _ = dropout.classic_dropout_forward(x, rate, rng=np.random.default_rng(seed))
    test, _ = dropout.classic_dropout_forward(x, rate, rng=np.random.default_rng(seed), training=False)
    assert np.array_equal(namespace["original"][0], train)
    assert np.allclose(namespace["original"][1], test)


def _history(val_loss: list[float]) -> dict[str, list[float]]:
    epochs = len(val_loss)
    return {"loss": list(np.linspace(1.0, 0.1, epochs)), "val_loss": val_loss, "accuracy": [0.9] * epochs}


def test_overfitting_holds_only_for_a_validation_loss_that_rises_late_enough() -> None:
    rising = [0.5] * 10 + [0.4] + [0.45] * 19  # lowest at epoch 11, then +0.05 (not more)
    assert nb01.overfitting(_history([*rising[:-1], 0.5]), 30)[0].holds
    assert not nb01.overfitting(_history(rising), 30)[0].holds  # a rise of 0.05 is not > 0.05
    late = [0.5] * 27 + [0.3, 0.5, 0.5]  # lowest 3 epochs before the end
    assert not nb01.overfitting(_history(late), 30)[0].holds


def test_comparison_flags_a_dropout_run_that_does_not_narrow_the_gap() -> None:
    history = {**_history([0.5] * 30), "val_accuracy": [0.85] * 30}
    histories = {"no dropout": history, "dropout": history}
    plain = ({"loss": 0.1, "accuracy": 0.95}, {"loss": 0.4, "accuracy": 0.85})
    same = {"no dropout": plain, "dropout": plain}
    verdicts = {claim.id: claim.holds for claim in nb01.comparison(histories, same)}
    assert not verdicts["gap_narrows"] and not verdicts["val_loss_lower"]
    better = {"no dropout": plain, "dropout": ({"loss": 0.2, "accuracy": 0.92}, {"loss": 0.3, "accuracy": 0.87})}
    verdicts = {claim.id: claim.holds for claim in nb01.comparison(histories, better)}
    assert verdicts["gap_narrows"] and verdicts["val_loss_lower"] and verdicts["val_accuracy_higher"]
