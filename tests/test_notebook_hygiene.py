"""The stored notebooks, as a learner finds them after a clone (and as nbval compares them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]*.ipynb"))
TEACHING = [path for path in NOTEBOOKS if not path.name.startswith("00_")]

NOISE = re.compile(
    r"I0000 |W0000 |E0000 |absl::InitializeLog|oneDNN custom operations|cuda drivers|cpu_feature_guard|"
    r"rebuild TensorFlow|UserWarning|DeprecationWarning|FutureWarning"
)
MACHINE_PATH = re.compile(r"/root/|/home/[^/\s]+/|/tmp/[^\s'\"]+|/work/|/usr/local/lib/python|site-packages/")
# Keras progress bars ("63/63 ━━━━━━━━━━ 1s 5ms/step"), backspaces and ANSI codes; a summary table's ━ is fine.
PROGRESS_BAR = re.compile(r"\x08|\x1b\[|\d+/\d+ ━|━ \d+m?s")
MAX_OUTPUT_BYTES = 2_000_000
MAX_WIDGET_STATE_BYTES = 300_000


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _text(output: dict) -> str:
    parts = [output.get("text", "")]
    parts += [value for mime, value in output.get("data", {}).items() if mime.startswith("text/")]
    return "".join("".join(part) if isinstance(part, list) else part for part in parts)


def _code_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code" and "".join(cell["source"]).strip()]


def test_the_course_has_its_notebooks() -> None:
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_top_to_bottom_in_one_fresh_run(path: Path) -> None:
    counts = [cell["execution_count"] for cell in _code_cells(_load(path))]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: run `make execute` (counts {counts})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_hold_no_errors_noise_paths_or_progress_bars(path: Path) -> None:
    problems = []
    for index, cell in enumerate(_load(path)["cells"]):
        for output in cell.get("outputs", []):
            text = _text(output)
            if output["output_type"] == "error":
                problems.append(f"cell {index}: error {output['ename']}")
            if NOISE.search(text):
                problems.append(f"cell {index}: TensorFlow noise or a warning: {NOISE.search(text).group(0)!r}")
            if MACHINE_PATH.search(text):
                problems.append(f"cell {index}: machine path {MACHINE_PATH.search(text).group(0)!r}")
            if PROGRESS_BAR.search(text):
                problems.append(f"cell {index}: a Keras progress bar (use verbose=0 or 2)")
    assert not problems, f"{path.name}: {problems}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_and_widget_state_stay_small(path: Path) -> None:
    notebook = _load(path)
    output_bytes = sum(len(json.dumps(output)) for cell in notebook["cells"] for output in cell.get("outputs", []))
    widget_bytes = len(json.dumps(notebook["metadata"].get("widgets", {})))
    assert output_bytes < MAX_OUTPUT_BYTES, f"{path.name}: {output_bytes:,} bytes of outputs"
    assert widget_bytes < MAX_WIDGET_STATE_BYTES, f"{path.name}: {widget_bytes:,} bytes of widget state"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opens_with_a_numbered_title_and_runs_the_setup_first(path: Path) -> None:
    notebook = _load(path)
    first = "".join(notebook["cells"][0]["source"])
    assert first.startswith(f"# {path.name[:2]} · "), f"{path.name}: the first cell must be '# {path.name[:2]} · Title'"
    cells = [c for c in _code_cells(notebook) if "parameters" not in c.get("metadata", {}).get("tags", [])]
    setup = "".join(cells[0]["source"])  # the parameters cell (SEED) may come first
    assert "course.setup_notebook(" in setup, f"{path.name}: the first code cell must call course.setup_notebook"
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_teaching_notebooks_have_the_course_skeleton(path: Path) -> None:
    markdown = "\n".join("".join(c["source"]) for c in _load(path)["cells"] if c["cell_type"] == "markdown")
    for heading in ("## Setup", "## Recap", "## Self-check", "## Exercises", "## Further reading"):
        assert heading in markdown, f"{path.name}: missing '{heading}'"
    assert re.search(r"(?i)learning objectives", markdown), f"{path.name}: no learning objectives"
    assert re.search(r"(?i)run time", markdown), f"{path.name}: no run time stated"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_nbval_markers_are_ones_nbval_recognises(path: Path) -> None:
    for cell in _code_cells(_load(path)):
        source = "".join(cell["source"])
        assert not re.search(r"#\s*NBVAL_\w+\s*\S", source), "nbval ignores markers with text after them"
        assert not re.search(r"verbose\s*=\s*1\b|verbose\s*=\s*\"auto\"", source), "use verbose=0 or 2"


def test_the_start_page_lists_every_notebook() -> None:
    start = "\n".join("".join(c["source"]) for c in _load(NOTEBOOKS[0])["cells"])
    for path in TEACHING:
        assert f"({path.name})" in start, f"00_start_here does not link {path.name}"
