"""Solutions stay hidden until a learner asks: on GitHub, in JupyterLab and in the static pages.

A solution is a markdown cell folded in ``<details><summary>Solution ...</summary> ... </details>``
(code in a fenced block, never executed); an exercise cell holds the placeholder ``None`` and its
stored output only says "Not yet: replace None ...". Checked on every stored notebook (06, 07, ...
included) and on every text source.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOURCES = sorted((REPO / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
CHECKER_CALL = re.compile(r"\bnb\d\d\.check_\w+\(")


def _cells(path: Path) -> list:
    if path.suffix == ".py":
        return jupytext.read(path, fmt="py:percent").cells
    return nbformat.read(path, as_version=4).cells


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    return "".join(str(value) for value in output.get("data", {}).values())


@pytest.mark.parametrize("path", NOTEBOOKS + SOURCES, ids=lambda path: path.name)
def test_no_solution_is_a_code_cell(path: Path) -> None:
    for index, cell in enumerate(_cells(path)):
        if cell.cell_type != "code":
            continue
        assert not cell.metadata.get("jupyter", {}).get("source_hidden"), (
            f"{path.name} cell {index}: a collapsed code cell (GitHub and the pages show it); fold solutions "
            "in a markdown <details> block"
        )
        assert not re.match(r"\s*# Solution", cell.source), f"{path.name} cell {index}: a solution in a code cell"
        if CHECKER_CALL.search(cell.source):
            assert re.search(r"=\s*None\b", cell.source), (
                f"{path.name} cell {index}: an exercise cell must keep the placeholder None"
            )


@pytest.mark.parametrize("path", NOTEBOOKS + SOURCES, ids=lambda path: path.name)
def test_every_solution_is_folded(path: Path) -> None:
    for index, cell in enumerate(_cells(path)):
        if cell.cell_type != "markdown" or "```" not in cell.source or not CHECKER_CALL.search(cell.source):
            continue
        source = cell.source.strip()
        assert source.startswith("<details") and source.endswith("</details>"), (
            f"{path.name} cell {index}: a solution outside a folded <details> block"
        )
        summary = re.search(r"<summary>(.*?)</summary>", source, re.S)
        assert summary and "Solution" in summary.group(1) and "`" not in summary.group(1), (
            f"{path.name} cell {index}: the <summary> line must say 'Solution' and give nothing away"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_no_stored_output_reveals_an_answer(path: Path) -> None:
    for index, cell in enumerate(_cells(path)):
        if cell.cell_type != "code" or not CHECKER_CALL.search(cell.source):
            continue
        for output in cell.get("outputs", []):
            text = _text(output)
            assert output.get("output_type") != "execute_result", f"{path.name} cell {index}: a checker's Out[n]"
            assert "Correct" not in text, f"{path.name} cell {index}: a stored output reveals an answer: {text!r}"
            assert text.startswith("Not yet:"), f"{path.name} cell {index}: unexpected stored output {text!r}"
