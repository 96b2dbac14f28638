"""Long cells show progress: every code cell that ran longer than ``NBVAL_LONG_CELL_S`` in the last strict nbval
run (``make nbval``, which ``make test`` runs just before ``make browser``) draws a progress display.

The browser test no longer runs the long cells (it runs the stored notebooks' set-up and widget cells live:
test_notebooks_in_lab.py), so it cannot watch them. This test does without a browser: the root conftest.py
writes each nbval cell's time to build/nbval_cell_seconds.json (with a hash of the notebook's code), and a
long cell passes when its code uses a progress widget, directly or through a function of the notebook or of
helpers/ that does (tests/browser/notebook_cells.py: ``shows_progress``). The set-up cell (TensorFlow's
import) is exempt, as in the browser. That progress bars render and are seen live in JupyterLab is shown by
test_checks_can_fail.py (a bar counts, a silent cell is caught) and by ``make browser-full`` (Run All of
every notebook, watched).

The threshold: the browser check's 10 s (``BROWSER_LONG_CELL_S``) over 2, since a cell ran about twice as
long in JupyterLab with Chromium as under a headless kernel on the same machine (notebook-testing.md), in
seconds of a quiet machine: a cell's nbval time is divided by how much slower than quiet that nbval run was
(:func:`slowdown`), so a shared, loaded machine does not turn 2-s cells into long ones.
"""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from . import notebook_cells
from .conftest import REPO, notebooks_to_test

NBVAL_SECONDS_FILE = REPO / "build" / "nbval_cell_seconds.json"
NBVAL_LONG_CELL_S = float(os.environ.get("BROWSER_LONG_CELL_S", "10")) / 2
BENCH = REPO / "results" / "bench.json"
#: the most a load average is taken to slow a run down (without a bench entry to compare with)
MAX_LOAD_SLOWDOWN = 3.0


def slowdown(name: str, record: dict) -> float:
    """How many times slower than on a quiet machine the nbval run of notebook ``name`` was, at least 1: its
    summed cell times over the notebook's quiet fresh-kernel median (results/bench.json, ``make bench``);
    without a bench entry, the load average per CPU thread, at most ``MAX_LOAD_SLOWDOWN``."""
    try:
        quiet = {e["notebook"]: e["median_seconds"] for e in json.loads(BENCH.read_text(encoding="utf-8"))["notebooks"]}
    except (OSError, ValueError, KeyError, TypeError):
        quiet = {}
    if quiet.get(name):
        return max(1.0, sum(record["cells"].values()) / quiet[name])
    load = (record.get("load_average") or 0.0) / (os.cpu_count() or 1)
    return min(max(1.0, load), MAX_LOAD_SLOWDOWN)


def code_sha256(notebook) -> str:
    """The hash the root conftest.py stores with the times (the code cells' sources)."""
    sources = [source for _, source in notebook_cells.code_cells(notebook)]
    return hashlib.sha256("\n\0".join(sources).encode("utf-8")).hexdigest()


def long_silent_cells(notebook, seconds: dict[str, float], threshold: float) -> list[str]:
    """The cells over ``threshold`` seconds (``seconds``: code cell number -> time) that draw no progress."""
    cells = notebook_cells.code_cells(notebook)
    progress = notebook_cells.shows_progress(notebook)
    silent = []
    for number, took in seconds.items():
        index, source = cells[int(number)]
        if took > threshold and not progress[index] and not notebook_cells.SETUP_CELL.search(source):
            first = source.strip().splitlines()[0][:60] if source.strip() else "(empty)"
            silent.append(f"cell {index} ({first!r}): {took:.1f} s")
    return silent


@pytest.mark.parametrize("notebook", notebooks_to_test(), ids=lambda path: path.name)
def test_long_cells_show_progress(notebook) -> None:
    try:
        record = json.loads(NBVAL_SECONDS_FILE.read_text(encoding="utf-8")).get(notebook.name)
    except (OSError, ValueError):
        record = None
    parsed = notebook_cells.read(notebook)
    if not record or record.get("code_sha256") != code_sha256(parsed):
        pytest.skip(f"no nbval cell times for the current code of {notebook.name}: run `make nbval` first")
    factor = slowdown(notebook.name, record)
    silent = long_silent_cells(parsed, record["cells"], NBVAL_LONG_CELL_S * factor)
    assert not silent, (
        f"{notebook.name}: cells over {NBVAL_LONG_CELL_S:g} s on a quiet machine ({NBVAL_LONG_CELL_S * factor:.1f} s "
        f"in the nbval run of {record.get('measured')}, {factor:.1f}x slower than quiet, load average "
        f"{record.get('load_average')}) draw no progress (use helpers.progress.TrainingProgress or "
        f"helpers.training.train_model): {silent}"
    )


def test_the_long_cell_check_can_fail() -> None:
    """A silent long cell is caught; one that trains through a progress function (the notebook's own, or
    helpers.training.train_model) passes; the set-up cell is exempt."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    sources = [
        "from helpers import course\nprint(course.setup_notebook(seed=0))",
        "import time\ntime.sleep(7)",
        "from helpers.progress import TrainingProgress\n"
        "def fit(model):\n    model.fit(x, y, verbose=0, callbacks=[TrainingProgress('run')])",
        "fit(model)",
        "from helpers import training\ntraining.train_model(model, train, label='run 1 of 1')",
        "%time total = sum(range(10))",
    ]
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    seconds = {str(number): 30.0 for number in range(len(sources))}
    silent = long_silent_cells(notebook, seconds, 5.0)
    assert [line.split(" (")[0] for line in silent] == ["cell 1", "cell 5"], silent
    assert long_silent_cells(notebook, {"1": 4.0}, 5.0) == []
