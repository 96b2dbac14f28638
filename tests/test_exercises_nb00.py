"""Checkers of notebook 00's exercises: right answers pass, wrong ones get feedback, nothing raises."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.exercises import nb00


def test_test_counts_checker(capsys: pytest.CaptureFixture[str]) -> None:
    assert nb00.check_test_counts([500] * 10)
    assert nb00.check_test_counts(np.full(10, 500))
    assert not nb00.check_test_counts([1000] * 10)
    assert "test* split" in capsys.readouterr().out
    assert not nb00.check_test_counts([500] * 9)
    assert "Expected 10 counts" in capsys.readouterr().out
    assert not nb00.check_test_counts(None)
    assert "No answer yet" in capsys.readouterr().out
    assert not nb00.check_test_counts("lots")


def test_brightest_class_checker(capsys: pytest.CaptureFixture[str]) -> None:
    assert nb00.check_brightest_class("Coat")
    assert not nb00.check_brightest_class("Sandal")
    assert "mean pixel value" in capsys.readouterr().out
    assert not nb00.check_brightest_class("coat")
    assert "one of the class names" in capsys.readouterr().out
    assert not nb00.check_brightest_class(None)
