"""The saved functions of notebook 01 (helpers/training.py) refuse bad input by name, before Keras sees it."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import data, training

SMALL = data.Dataset(np.zeros((8, 28, 28), dtype="float32"), np.arange(8) % 10)


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"hidden_units": []}, "hidden_units"),
        ({"hidden_units": None}, "hidden_units"),
        ({"hidden_units": 5}, "hidden_units"),
        ({"hidden_units": [0]}, "hidden_units"),
        ({"hidden_units": [2.5]}, "hidden_units"),
        ({"hidden_units": [True]}, "hidden_units"),
        ({"hidden_units": [10**12]}, "hidden_units"),
        ({"hidden_units": "44"}, "hidden_units"),
        ({"rate": 1.0}, "rate"),
        ({"rate": float("nan")}, "rate"),
        ({"rate": "0.5"}, "rate"),
        ({"rate": None}, "rate"),
        ({"rate": True}, "rate"),
        ({"rate": 10**400}, "rate"),
        ({"seed": 2.5}, "seed"),
        ({"seed": -1}, "seed"),
        ({"seed": True}, "seed"),
        ({"name": "a/b"}, "name"),
        ({"name": 5}, "name"),
    ],
)
def test_build_mlp_names_its_bad_argument(kwargs, named) -> None:
    arguments = {"hidden_units": (4,), "rate": 0.5, "seed": 0} | kwargs
    with pytest.raises((TypeError, ValueError), match=named):
        training.build_mlp(arguments.pop("hidden_units"), arguments.pop("rate"), **arguments)


def test_build_mlp_takes_numpy_integers() -> None:
    model = training.build_mlp(np.array([4, 3]), np.float32(0.25), seed=np.int64(1))
    assert [layer.name for layer in model.layers][:3] == ["flatten", "hidden_1", "dropout_1"]


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"epochs": 10**12}, "epochs"),
        ({"epochs": 0}, "epochs"),
        ({"epochs": -1}, "epochs"),
        ({"epochs": 2.0}, "epochs"),
        ({"epochs": True}, "epochs"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 10**12}, "batch_size"),
        ({"batch_size": None}, "batch_size"),
        ({"train": None}, "train"),
        ({"train": (SMALL.images, SMALL.labels)}, "train"),
        ({"validation": 5}, "validation"),
        ({"model": None}, "model"),
    ],
)
def test_train_model_names_its_bad_argument(kwargs, named) -> None:
    arguments = {"model": training.build_mlp((4,)), "train": SMALL, "validation": None, "epochs": 1} | kwargs
    with pytest.raises((TypeError, ValueError), match=named):
        training.train_model(arguments.pop("model"), arguments.pop("train"), arguments.pop("validation"), **arguments)


def test_evaluate_names_its_bad_argument() -> None:
    with pytest.raises(TypeError, match="model"):
        training.evaluate("model", SMALL)
    with pytest.raises(TypeError, match="dataset"):
        training.evaluate(training.build_mlp((4,)), None)
    assert set(training.evaluate(training.build_mlp((4,)), SMALL)) == {"loss", "accuracy"}


@pytest.mark.parametrize(
    "arrays",
    [(SMALL.images + np.nan, SMALL.labels), (SMALL.images, SMALL.labels + 0.5), (SMALL.images, SMALL.labels + 10)],
)
def test_a_bad_dataset_cannot_reach_train_model(arrays) -> None:
    with pytest.raises(ValueError, match="Dataset"):
        data.Dataset(*arrays)
