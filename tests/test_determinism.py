"""`make determinism` (execute_notebooks.py --determinism): two fresh runs compared by nbval itself."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import execute_notebooks  # noqa: E402


def _write(path: Path, *sources: str, ignored: str = "print(os.getpid())") -> Path:
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# tiny"), *(new_code_cell(source) for source in sources)]
    nb.cells.append(new_code_cell(ignored, metadata={"tags": ["nbval-ignore-output"]}))
    nbformat.write(nb, path)
    return path


def test_two_real_runs_compare_as_nbval_does_and_leave_the_notebooks_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capfd
) -> None:
    """End to end with fresh kernels (no TensorFlow: a few seconds per notebook)."""
    monkeypatch.setattr(os, "environ", dict(os.environ))
    steady = _write(
        tmp_path / "steady.ipynb",
        "import os, sys\nprint(sum(range(10)))",
        "print(object())  # an address: tests/nbval_sanitize.cfg",
        "print(os.getpid(), file=sys.stderr)  # stderr: never compared (conftest.py)",
    )
    random = _write(tmp_path / "random.ipynb", "import os, random", "print(random.SystemRandom().random())")
    broken = _write(tmp_path / "broken.ipynb", "raise RuntimeError('boom')")
    before = [path.read_bytes() for path in (steady, random, broken)]
    assert execute_notebooks.main(["--determinism", str(steady), str(random), str(broken)]) == 1
    out = capfd.readouterr().out
    assert "ok   steady.ipynb: identical in two fresh runs" in out and "4 passed" in out
    assert "FAIL random.ipynb: nbval found differences (above) between two fresh runs" in out
    assert "random.ipynb::Cell 1" in out and "mismatch 'stdout'" in out and "1 failed, 2 passed" in out
    assert "FAIL broken.ipynb: the first run did not complete: CellExecutionError: RuntimeError: boom" in out
    assert "determinism: 1 of 3 notebooks identical across two fresh runs" in out
    assert [path.read_bytes() for path in (steady, random, broken)] == before
    assert not list((REPO / "build").glob("determinism-*")), "the scratch folder is removed"
