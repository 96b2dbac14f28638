"""scripts/check_determinism.py: it compares what nbval compares, and names the cell that differs."""

from __future__ import annotations

import inspect
import os
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbval.plugin import IPyNbFile

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import check_determinism  # noqa: E402


def stream(text: str, name: str = "stdout") -> nbformat.NotebookNode:
    return new_output("stream", name=name, text=text)


def result(data: dict) -> nbformat.NotebookNode:
    return new_output("execute_result", data=data, execution_count=1)


def notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# title"), *cells]
    return nb


def code(outputs: list, source: str = "x", tags: list[str] | None = None) -> nbformat.NotebookNode:
    cell = new_code_cell(source, outputs=outputs, execution_count=1)
    if tags:
        cell.metadata["tags"] = tags
    return cell


def compare(first: nbformat.NotebookNode, second: nbformat.NotebookNode) -> list:
    return check_determinism.compare_notebooks("nb.ipynb", first, second)


def test_identical_runs_have_no_difference() -> None:
    cells = [code([stream("a = 1\n")]), code([result({"text/plain": "2"})])]
    assert compare(notebook(*cells), notebook(*cells)) == []


def test_a_changed_number_names_nbvals_cell_number_and_the_file_index() -> None:
    first = notebook(code([stream("ok\n")]), code([stream("loss 0.4123\n")]))
    second = notebook(code([stream("ok\n")]), code([stream("loss 0.4124\n")]))
    (text,) = compare(first, second)  # the second code cell, after a markdown cell
    assert text.startswith("nb.ipynb: Cell 1 (cell 2 in the file): 'stdout' differs")
    assert "-loss 0.4123" in text and "+loss 0.4124" in text


@pytest.mark.parametrize(
    ("tags", "source"),
    [
        (["nbval-ignore-output"], "x"),
        (["nbval-skip"], "x"),
        (None, "# NBVAL_IGNORE_OUTPUT\nx"),
        (None, "# NBVAL_SKIP\nx"),
    ],
)
def test_cells_nbval_does_not_check_are_left_out(tags: list[str] | None, source: str) -> None:
    first = notebook(code([stream("12.3 s\n")], source, tags))
    second = notebook(code([stream("14.9 s\n")], source, tags))
    assert compare(first, second) == []
    assert check_determinism.checked_cells(first) == []


def test_stderr_images_metadata_and_counts_are_not_compared() -> None:
    first = code([stream("warn A\n", "stderr"), new_output("display_data", data={"image/png": "AAAA"}, metadata={})])
    second = code(
        [stream("warn B\n", "stderr"), new_output("display_data", data={"image/png": "BBBB"}, metadata={"w": 1})]
    )
    second.execution_count = 7
    assert compare(notebook(first), notebook(second)) == []


def test_figure_text_is_compared_even_when_the_image_is_not() -> None:
    first = code(
        [new_output("display_data", data={"image/png": "A", "text/plain": "<Figure size 600x300 with 1 Axes>"})]
    )
    second = code(
        [new_output("display_data", data={"image/png": "A", "text/plain": "<Figure size 600x300 with 2 Axes>"})]
    )
    (difference,) = compare(notebook(first), notebook(second))
    assert "'text/plain' differs" in difference


def test_sanitize_rules_apply_as_in_nbval() -> None:
    first = code([result({"text/plain": "<object at 0x7f3a2b1c4d50>"}), stream("3.2 ms/step\n")])
    second = code([result({"text/plain": "<object at 0x7f99aa00bb11>"}), stream("4.7 ms/step\n")])
    assert compare(notebook(first), notebook(second)) == []


def test_streams_are_merged_before_comparison() -> None:
    split = code([stream("a\n"), stream("b\n")])
    whole = code([stream("a\nb\n")])
    assert compare(notebook(split), notebook(whole)) == []


def test_a_missing_or_extra_output_field_is_a_difference() -> None:
    first = notebook(code([stream("a\n")]))
    second = notebook(code([stream("a\n"), result({"text/plain": "1"})]))
    (difference,) = compare(first, second)
    assert "only in run 2 ['text/plain']" in difference
    (count,) = compare(notebook(code([result({"text/plain": "1"})])), notebook(code([])))
    assert "output fields differ" in count


def test_different_notebooks_are_refused() -> None:
    (difference,) = compare(notebook(code([], "x = 1")), notebook(code([], "x = 2")))
    assert "not of the same notebook" in difference


def test_skip_list_covers_nbvals_own() -> None:
    """If a new nbval skips more keys by default, this test says so."""
    source = inspect.getsource(IPyNbFile.__init__).split("self.skip_compare = (", 1)[1]
    code_lines = [line for line in source.splitlines() if not line.strip().startswith("#")]
    nbval_keys = set(re.findall(r"'([^']+)'", "\n".join(code_lines)))
    assert {"metadata", "execution_count", "image/png"} <= nbval_keys
    assert nbval_keys <= set(check_determinism.SKIP_COMPARE)
    assert "stderr" in check_determinism.SKIP_COMPARE  # as conftest.py adds for notebooks


def test_sanitize_file_is_read_in_order() -> None:
    patterns = check_determinism.load_sanitize_patterns()
    assert patterns[0][0] == "0x[0-9a-fA-F]{6,16}"
    assert len(patterns) >= 4


def test_two_real_runs_find_the_nondeterministic_cell_and_leave_the_notebook_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    """End to end with fresh kernels (no TensorFlow: about a second per run)."""
    monkeypatch.setattr(os, "environ", dict(os.environ))
    path = tmp_path / "tiny.ipynb"
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# tiny"),
        new_code_cell("import os, random\nprint(sum(range(10)))"),
        new_code_cell("print(random.SystemRandom().random())"),
        new_code_cell("print(os.getpid())", metadata={"tags": ["nbval-ignore-output"]}),
    ]
    nbformat.write(nb, path)
    before = path.read_bytes()
    check_determinism.prepare_environment()
    assert check_determinism.check([path], timeout=60, scratch=tmp_path / "runs") == 1
    out = capsys.readouterr().out
    assert "FAIL tiny.ipynb: 1 of 2 checked cells differ" in out
    assert "tiny.ipynb: Cell 1 (cell 2 in the file): 'stdout' differs" in out
    assert path.read_bytes() == before
