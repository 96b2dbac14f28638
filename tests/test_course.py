"""helpers.course: quiet set-up with seeding, the environment report."""

from __future__ import annotations

import random

import numpy as np
import pytest

from helpers import course


def test_setup_notebook_makes_python_and_numpy_repeat() -> None:
    course.setup_notebook(7, tensorflow=False, style=False)
    first = (random.random(), np.random.random())  # noqa: NPY002 - the legacy global state is what is seeded
    course.setup_notebook(7, tensorflow=False, style=False)
    assert (random.random(), np.random.random()) == first  # noqa: NPY002


def test_setup_notebook_seeds_keras_too() -> None:
    import keras

    course.setup_notebook(3, style=False)
    first = keras.random.uniform((4,)).numpy()
    course.setup_notebook(3, style=False)
    np.testing.assert_array_equal(keras.random.uniform((4,)).numpy(), first)


@pytest.mark.parametrize("bad", [-1, 2**32, 1.5, "42", None, True])
def test_bad_seeds_are_refused(bad: object) -> None:
    with pytest.raises(ValueError, match=r"seed must be an integer from 0 to 4,294,967,295"):
        course.setup_notebook(bad, tensorflow=False, style=False)  # type: ignore[arg-type]


def test_setup_notebook_reports_versions_and_seed_and_sets_the_style() -> None:
    import keras
    import matplotlib as mpl
    import tensorflow as tf

    line = course.setup_notebook(seed=11)
    assert line == f"TensorFlow {tf.__version__}, Keras {keras.__version__}, NumPy {np.__version__}; seed 11"
    assert mpl.rcParams["font.size"] == 13


def test_setup_notebook_without_tensorflow_mentions_only_numpy() -> None:
    assert course.setup_notebook(seed=1, tensorflow=False, style=False) == f"NumPy {np.__version__}; seed 1"


def test_environment_report_lists_what_the_start_page_promises() -> None:
    rows = dict(course.environment_report())
    assert list(rows) == ["Python", "TensorFlow", "Keras", "NumPy", "CPU threads", "GPU", "Data files"]
    assert rows["Data files"].count(" ok") == 2


def test_environment_report_names_a_data_problem(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from helpers import data

    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    assert dict(course.environment_report())["Data files"].startswith("PROBLEM: The course data file")
