"""Checkers of notebook 05's exercises: right answers pass, wrong ones get feedback, nothing raises."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import team
from helpers.exercises import nb05


def test_worst_leaver_checker(capsys: pytest.CaptureFixture[str]) -> None:
    def right(skills):
        return min(team.presentation_output(skills, leaver=e) for e in range(skills.shape[0]))

    assert nb05.check_worst_leaver(right)
    assert "Correct" in capsys.readouterr().out
    assert not nb05.check_worst_leaver(lambda skills: team.presentation_output(skills))
    assert "everyone present" in capsys.readouterr().out
    assert not nb05.check_worst_leaver(lambda skills: float(team.leave_one_out(skills).mean()))
    assert "keep the lowest" in capsys.readouterr().out
    assert not nb05.check_worst_leaver(lambda skills: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert not nb05.check_worst_leaver(None)
    assert "No answer yet" in capsys.readouterr().out
    assert not nb05.check_worst_leaver(0.8)
    assert "function itself" in capsys.readouterr().out


def test_remove_units_checker(capsys: pytest.CaptureFixture[str]) -> None:
    def right(kernel, units):
        result = kernel.copy()
        result[units] = 0.0
        return result

    def in_place(kernel, units):
        kernel[units] = 0.0
        return kernel

    def columns(kernel, units):
        result = kernel.copy()
        result[:, [u for u in units if u < kernel.shape[1]]] = 0.0
        return result

    assert nb05.check_remove_units(right)
    assert "Correct" in capsys.readouterr().out
    assert not nb05.check_remove_units(in_place)
    assert "copy" in capsys.readouterr().out
    assert not nb05.check_remove_units(columns)
    assert "Not quite" in capsys.readouterr().out
    assert not nb05.check_remove_units(lambda kernel, units: kernel[:2])
    assert "shape" in capsys.readouterr().out
    assert not nb05.check_remove_units(None)
    assert not nb05.check_remove_units(lambda kernel, units: undefined_name)  # noqa: F821
    assert "NameError" in capsys.readouterr().out


def test_no_forgetting_checker(capsys: pytest.CaptureFixture[str]) -> None:
    results = team.sweep((0.0, 0.5), range(20), forgetting_rate=0.0)
    right = (results[0.0]["worst_leaver"].mean(), results[0.5]["worst_leaver"].mean())
    assert right[1] > right[0] + 0.1  # what the checker's message says: the headline holds without forgetting
    assert nb05.check_no_forgetting(*right)
    assert "Correct" in capsys.readouterr().out
    assert nb05.check_no_forgetting(round(right[0], 4), round(right[1], 4))
    assert not nb05.check_no_forgetting(right[1], right[0])
    assert "swapped" in capsys.readouterr().out
    default = team.sweep((0.0, 0.5), range(20))
    assert not nb05.check_no_forgetting(default[0.0]["worst_leaver"].mean(), default[0.5]["worst_leaver"].mean())
    assert "forgetting_rate=0.0" in capsys.readouterr().out
    assert not nb05.check_no_forgetting(0.5, 0.5)
    assert "Not quite" in capsys.readouterr().out
    assert not nb05.check_no_forgetting(None, None)
    assert not nb05.check_no_forgetting("high", np.float64(0.9))
    assert "two numbers" in capsys.readouterr().out
