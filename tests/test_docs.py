"""The run times that the start page and the instructor guide state are the ones `make bench` measured."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "results" / "bench.json"
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
GUIDE = REPO / "INSTRUCTOR_GUIDE.md"


def _medians() -> dict[str, float]:
    report = json.loads(BENCH.read_text(encoding="utf-8"))
    return {entry["notebook"]: entry["median_seconds"] for entry in report["notebooks"]}


def stated_seconds(text: str, number: str) -> int | None:
    """The run time stated in the table row of notebook ``number`` ("| 01 ... | 27 s |"), if any."""
    for line in text.splitlines():
        if re.match(rf"\|\s*(?:\d:\d\d\s*\|\s*)?{number}\b", line):
            found = re.search(r"\|\s*(\d+) s\s*\|", line)
            return int(found.group(1)) if found else None
    return None


def test_stated_seconds_reads_a_table_row() -> None:
    assert stated_seconds("| 01 | [Why](x) | what | 27 s |", "01") == 27
    assert stated_seconds("| 0:10 | 01 Why dropout | 31 s | do |", "01") == 31
    assert stated_seconds("| 02 | x | y | RT02 |", "02") is None


def test_every_notebook_was_benchmarked() -> None:
    assert BENCH.is_file(), "results/bench.json is missing: run `make bench`"
    assert sorted(_medians()) == [path.name for path in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_guide_states_the_measured_run_time(path: Path) -> None:
    stated = stated_seconds(GUIDE.read_text(encoding="utf-8"), path.name[:2])
    assert stated == round(_medians()[path.name]), f"INSTRUCTOR_GUIDE.md: {path.name} run time is not the measured one"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00_")], ids=lambda p: p.name)
def test_the_start_page_states_the_measured_run_time(path: Path) -> None:
    start = json.loads(NOTEBOOKS[0].read_text(encoding="utf-8"))
    text = "\n".join("".join(cell["source"]) for cell in start["cells"] if cell["cell_type"] == "markdown")
    assert stated_seconds(text, path.name[:2]) == round(_medians()[path.name]), (
        f"00_start_here's course map: {path.name} run time is not the measured one"
    )


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00_")], ids=lambda p: p.name)
def test_each_notebook_states_its_measured_run_time(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    stated = re.search(r"\*\*Run time:\*\* about (\d+) seconds", text)
    assert stated, f"{path.name} states no '**Run time:** about N seconds'"
    expected = max(5, round(_medians()[path.name] / 5) * 5)  # the median, to the nearest 5 s
    assert int(stated.group(1)) == expected, f"{path.name}: states {stated.group(1)} s, measured {expected} s"
