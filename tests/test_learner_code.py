"""The code a learner reads stays readable (issue 17): short cells, and checking code out of the way.

Counted over the code cells of every notebook's text source, exercise scaffolds aside (a cell that
calls an exercise checker): the median cell has at most 8 non-blank lines, no cell more than 30, and
at most 5 % of the lines are claim checks (``check.section`` / ``check.that`` and their arguments).
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import jupytext
import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
EXERCISE = re.compile(r"\bnb\d\d\.check_\w+\(")
CHECK = re.compile(r"^\s*check\.(section|that)\(")


def learner_cells(path: Path) -> list[list[str]]:
    """The non-blank lines of each code cell a learner reads (exercise scaffolds left out)."""
    cells = []
    for cell in jupytext.read(path, fmt="py:percent").cells:
        if cell.cell_type == "code" and not EXERCISE.search(cell.source):
            cells.append([line for line in cell.source.splitlines() if line.strip()])
    return cells


def check_lines(cell: list[str]) -> int:
    """Lines of claim-check calls: the call and its continuation lines up to the closing bracket."""
    count, depth = 0, 0
    for line in cell:
        if depth or CHECK.match(line):
            count += 1
            depth += line.count("(") - line.count(")")
            depth = max(depth, 0)
    return count


def code_figures(path: Path) -> dict[str, float]:
    cells = [cell for cell in learner_cells(path) if cell]
    lines = sum(len(cell) for cell in cells)
    return {
        "median": statistics.median(len(cell) for cell in cells),
        "longest": max(len(cell) for cell in cells),
        "check_share": sum(check_lines(cell) for cell in cells) / lines,
    }


@pytest.mark.parametrize("path", SOURCES, ids=[path.stem for path in SOURCES])
def test_code_cells_are_short_and_checks_stay_out_of_the_way(path: Path) -> None:
    figures = code_figures(path)
    assert figures["median"] <= 8, f"{path.stem}: median code cell {figures['median']} non-blank lines (at most 8)"
    assert figures["longest"] <= 30, f"{path.stem}: a code cell of {figures['longest']} lines (at most 30)"
    assert figures["check_share"] <= 0.05, f"{path.stem}: {figures['check_share']:.1%} of code lines are checks"


def test_the_course_as_a_whole_keeps_checks_under_five_percent() -> None:
    cells = [cell for path in SOURCES for cell in learner_cells(path) if cell]
    share = sum(check_lines(cell) for cell in cells) / sum(len(cell) for cell in cells)
    assert share <= 0.05, f"{share:.1%} of the course's code lines are claim checks"


def test_the_counting_sees_a_long_check_call() -> None:
    cell = ["x = 1", "check.that(", '    "id", "a claim",', "    x > 0,", ")", "print(x)"]
    assert check_lines(cell) == 4
