"""Every notebook has a text source (jupytext py:percent in notebooks/src/) and the two agree."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import sync_notebooks  # noqa: E402

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_every_notebook_has_a_text_source_and_every_source_a_notebook() -> None:
    sources = {path.stem for path in (REPO / "notebooks" / "src").glob("[0-9][0-9]_*.py")}
    notebooks = {path.stem for path in NOTEBOOKS}
    assert notebooks, "no notebooks found"
    assert sources == notebooks, f"unpaired: {sorted(sources ^ notebooks)}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_cells_equal_its_text_source(notebook: Path) -> None:
    text = REPO / "notebooks" / "src" / f"{notebook.stem}.py"
    found = sync_notebooks.differences(text, notebook)
    assert not found, "text source and notebook differ (edit the text, then `make execute`):\n" + "\n".join(found)


def _copy_pair(tmp_path: Path, stem: str) -> tuple[Path, Path]:
    (tmp_path / "src").mkdir()
    text = shutil.copy(REPO / "notebooks" / "src" / f"{stem}.py", tmp_path / "src")
    notebook = shutil.copy(REPO / "notebooks" / f"{stem}.ipynb", tmp_path)
    return Path(text), Path(notebook)


def test_sync_writes_an_edit_into_the_notebook_and_keeps_other_outputs(tmp_path: Path) -> None:
    stem = NOTEBOOKS[0].stem
    text, notebook = _copy_pair(tmp_path, stem)
    before = nbformat.read(notebook, as_version=4)
    text.write_text(text.read_text(encoding="utf-8") + "\n# %%\nprint('a new cell')\n", encoding="utf-8")
    assert sync_notebooks.differences(text, notebook), "the edit should be seen as a difference"
    assert sync_notebooks.text_to_notebook(text, notebook) is True
    after = nbformat.read(notebook, as_version=4)
    assert not sync_notebooks.differences(text, notebook)
    assert after.cells[-1].source == "print('a new cell')" and after.cells[-1].outputs == []
    kept = [cell.outputs for cell in after.cells[:-1] if cell.cell_type == "code"]
    assert kept == [cell.outputs for cell in before.cells if cell.cell_type == "code"]
    assert sync_notebooks.text_to_notebook(text, notebook) is False  # a second sync changes nothing


def test_sync_check_names_the_cell_that_differs(tmp_path: Path) -> None:
    stem = NOTEBOOKS[0].stem
    text, notebook = _copy_pair(tmp_path, stem)
    stored = nbformat.read(notebook, as_version=4)
    index = next(i for i, cell in enumerate(stored.cells) if cell.cell_type == "code")
    stored.cells[index].source += "\nprint('edited in JupyterLab')"
    nbformat.write(stored, notebook)
    found = sync_notebooks.differences(text, notebook)
    assert found == [
        f"{stem}.py: cell {index} differs in source (text starts {stored.cells[index].source.splitlines()[0][:70]!r})"
    ]


def test_check_mode_passes_on_the_repository() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "sync_notebooks.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_file_outside_tests_looks_like_a_test_module() -> None:
    """pytest (test_*.py, *_test.py), coverage and code maps take such a file for a test: a notebook source
    named ``..._test.py`` was imported, and so executed, whenever pytest collected ``notebooks/``."""
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    looks_like_test = [
        path
        for path in tracked.splitlines()
        if not path.startswith("tests/") and re.fullmatch(r"(test_.*|.*_test)\.py", Path(path).name)
    ]
    assert not looks_like_test, f"rename these (outside tests/, a test-file name): {looks_like_test}"


def test_collecting_the_notebooks_runs_none_of_them() -> None:
    """Collecting `make nbval`'s items imports no notebook source: under 5 s (38 s when one was run)."""
    result = subprocess.run(
        # what `make nbval` collects
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:randomly",
            "--nbval",
            "--nbval-current-env",
            "--collect-only",
            "notebooks",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    collected = re.search(r"(\d+) tests? collected in ([\d.]+)s", result.stdout)
    assert collected, result.stdout[-2000:]
    assert int(collected.group(1)) >= 8 * 5, result.stdout[-2000:]  # every notebook's cells, none skipped
    assert float(collected.group(2)) < 5, f"collecting the notebooks took {collected.group(2)} s"


@pytest.mark.parametrize("source", sorted((REPO / "notebooks" / "src").glob("[0-9][0-9]_*.py")), ids=lambda p: p.stem)
def test_no_markdown_line_starts_with_an_html_comment(source: Path) -> None:
    """CommonMark opens a raw HTML block at a line that starts with ``<!--``: bold, backticks and
    paragraphs after it show literally. Anchors such as ``<!-- ledger: id -->`` go mid-line."""
    starts = [
        number
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
        if re.match(r"#\s*<!--", line)
    ]
    assert not starts, f"{source.name}: lines {starts} start with an HTML comment"
