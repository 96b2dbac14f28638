"""Checkers of notebook 01's exercises: right answers pass, typical wrong ones get useful feedback, nothing raises."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.exercises import nb01


def test_classic_test_output_checker(capsys: pytest.CaptureFixture[str]) -> None:
    assert nb01.check_classic_test_output(1.6)
    assert nb01.check_classic_test_output(np.float32(1.6))
    assert "Correct" in capsys.readouterr().out
    assert not nb01.check_classic_test_output(0.4)  # the course page's rule: scaled by the rate
    assert "course page's rule" in capsys.readouterr().out
    assert not nb01.check_classic_test_output(2.0)  # Keras's inverted dropout at inference
    assert "inverted dropout" in capsys.readouterr().out
    assert not nb01.check_classic_test_output(2.5)  # 1 / (1 - rate)
    assert "training-time scaling" in capsys.readouterr().out
    assert not nb01.check_classic_test_output(0.0)
    assert "no unit is dropped" in capsys.readouterr().out
    assert not nb01.check_classic_test_output(1.0)
    assert "Work out the mean" in capsys.readouterr().out
    assert not nb01.check_classic_test_output(None)
    assert "No answer yet" in capsys.readouterr().out
    for bad in ("1.6x", True, float("nan"), [1.6, 1.6]):
        assert not nb01.check_classic_test_output(bad)
        assert "one finite number" in capsys.readouterr().out


def test_page_rule_ratio_checker(capsys: pytest.CaptureFixture[str]) -> None:
    assert nb01.check_page_rule_ratio(lambda rate: rate / (1 - rate))
    assert "Correct" in capsys.readouterr().out

    def monte_carlo(rate: float) -> float:  # an estimate from simulated masks also passes
        rng = np.random.default_rng(0)
        kept = rng.random(1_000_000) >= rate
        return rate / kept.mean()

    assert nb01.check_page_rule_ratio(monte_carlo)
    assert not nb01.check_page_rule_ratio(lambda rate: (1 - rate) / rate)
    assert "upside down" in capsys.readouterr().out
    assert not nb01.check_page_rule_ratio(lambda rate: 1.0)
    assert "only at one rate" in capsys.readouterr().out
    assert not nb01.check_page_rule_ratio(lambda rate: rate)
    assert "expected 0.1111" in capsys.readouterr().out
    assert not nb01.check_page_rule_ratio(lambda rate: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert not nb01.check_page_rule_ratio(lambda rate: "0.25")  # a string is a number here, but wrong
    assert not nb01.check_page_rule_ratio(lambda rate: None)
    assert "one finite number" in capsys.readouterr().out
    assert not nb01.check_page_rule_ratio(0.25)
    assert "function itself" in capsys.readouterr().out
    assert not nb01.check_page_rule_ratio(None)
    assert "No answer yet" in capsys.readouterr().out


def test_masks_per_epoch_checker(capsys: pytest.CaptureFixture[str]) -> None:
    assert nb01.check_masks_per_epoch(8000)
    assert nb01.check_masks_per_epoch(np.int64(8000))
    assert "63 times" in capsys.readouterr().out
    assert not nb01.check_masks_per_epoch(1)
    assert "(or epoch)" in capsys.readouterr().out
    assert not nb01.check_masks_per_epoch(63)
    assert "number of steps" in capsys.readouterr().out
    assert not nb01.check_masks_per_epoch(62)
    assert "full batches" in capsys.readouterr().out
    assert not nb01.check_masks_per_epoch(128)
    assert "one batch's worth" in capsys.readouterr().out
    assert not nb01.check_masks_per_epoch(16000)
    assert "each with its mask" in capsys.readouterr().out
    assert not nb01.check_masks_per_epoch(None)
    assert "No answer yet" in capsys.readouterr().out
    for bad in (8000.5, "many", True):
        assert not nb01.check_masks_per_epoch(bad)
        assert "whole number" in capsys.readouterr().out
