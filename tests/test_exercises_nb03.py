"""The checkers of notebook 03's exercises: right answers pass, typical wrong ones fail with a hint."""

from __future__ import annotations

import keras
import pytest

from helpers.exercises import nb03


def _model(*layers: keras.layers.Layer) -> keras.Sequential:
    return keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(), *layers])


def D(units: int, activation: str) -> keras.layers.Dense:
    return keras.layers.Dense(units, activation=activation)


def test_placement_right_answer(capsys) -> None:
    model = _model(
        D(128, "relu"), keras.layers.Dropout(0.3), D(64, "relu"), keras.layers.Dropout(0.3), D(10, "softmax")
    )
    assert nb03.check_dropout_placement(model) is True
    assert "Correct" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("layers", "hint"),
    [
        ((D(128, "relu"), D(64, "relu"), D(10, "softmax"), keras.layers.Dropout(0.3)), "after the output"),
        ((D(128, "relu"), keras.layers.Dropout(0.3), D(64, "relu"), D(10, "softmax")), "followed by Dropout"),
        (
            (D(128, "relu"), keras.layers.Dropout(0.5), D(64, "relu"), keras.layers.Dropout(0.5), D(10, "softmax")),
            "0.3",
        ),
        ((D(128, "relu"), D(10, "softmax")), "Dense layers should be"),
        (
            (
                keras.layers.Dropout(0.3),
                D(128, "relu"),
                keras.layers.Dropout(0.3),
                D(64, "relu"),
                keras.layers.Dropout(0.3),
                D(10, "softmax"),
            ),
            "Exactly one Dropout",
        ),
    ],
)
def test_placement_wrong_answers(layers, hint, capsys) -> None:
    assert nb03.check_dropout_placement(_model(*layers)) is False
    assert hint in capsys.readouterr().out


def test_placement_no_answer_or_not_a_model(capsys) -> None:
    assert nb03.check_dropout_placement(None) is False
    assert nb03.check_dropout_placement("model") is False
    out = capsys.readouterr().out
    assert "No answer yet" in out and "keras.Sequential" in out


@pytest.mark.parametrize(
    ("answer", "passed", "hint"),
    [
        ([4.0, 8.0, 12.0], True, "identity"),
        ([3.0, 6.0, 9.0], False, "keep probability"),
        ([1.0, 2.0, 3.0], False, "course page says"),
        ([16 / 3, 32 / 3, 16.0], False, "in training"),
        ([0.0, 8.0, 12.0], False, "nothing is dropped"),
        ([1.0, 1.0, 1.0], False, "training=False"),
        ([1.0, 2.0], False, "exactly three"),
        ("four", False, "as a list"),
        (None, False, "No answer yet"),
    ],
)
def test_inference_output(answer, passed, hint, capsys) -> None:
    assert nb03.check_inference_output(answer) is passed
    assert hint in capsys.readouterr().out


@pytest.mark.parametrize(
    ("function", "passed", "hint"),
    [
        (lambda rate: 1 / (1 - rate), True, "Correct"),
        (lambda rate: 1 - rate, False, "keep probability"),
        (lambda rate: 1 / rate, False, "not by the rate"),
        (lambda rate: 2.0, False, "expected"),
        (lambda rate: 1 / 0, False, "ZeroDivisionError"),
        (2.0, False, "the function itself"),
        (None, False, "No answer yet"),
    ],
)
def test_kept_scale(function, passed, hint, capsys) -> None:
    assert nb03.check_kept_scale(function) is passed
    assert hint in capsys.readouterr().out
