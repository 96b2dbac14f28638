#!/usr/bin/env python3
"""Execute notebooks twice in fresh kernels and compare what nbval compares: any difference fails.

    .venv/bin/python scripts/check_determinism.py                    # every notebook (make determinism)
    .venv/bin/python scripts/check_determinism.py notebooks/02_*.ipynb

Copies run in a scratch folder (the committed notebooks are not touched). The comparison follows
nbval 0.11 in strict mode: code cells numbered as nbval numbers them ("Cell 3" is the fourth code
cell), cells marked nbval-skip / nbval-ignore-output left out, streams merged, the keys nbval skips
(and stderr, as conftest.py) ignored, text sanitised with tests/nbval_sanitize.cfg.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import nbformat
from execute_notebooks import REPO, discover_notebooks, prepare_environment, run_copy
from nbval.plugin import (
    coalesce_streams,
    find_comment_markers,
    find_metadata_tags,
    get_sanitize_patterns,
    transform_streams_for_comparison,
)

#: nbval 0.11's IPyNbFile.skip_compare, plus "stderr", which conftest.py adds for notebooks.
SKIP_COMPARE = ("metadata", "traceback", "prompt_number", "output_type", "name", "execution_count")
SKIP_COMPARE += ("application/vnd.jupyter.widget-view+json", "image/png", "image/jpeg", "stderr")


def load_sanitize_patterns(path: Path = REPO / "tests" / "nbval_sanitize.cfg") -> list[tuple[str, str]]:
    """The (regex, replacement) pairs of an nbval sanitize file, in order."""
    return list(get_sanitize_patterns(Path(path).read_text(encoding="utf-8")))


def checked_cells(notebook: nbformat.NotebookNode) -> list[tuple[int, int, nbformat.NotebookNode]]:
    """(nbval's cell number, index in the file, cell) of every code cell whose outputs nbval checks."""
    code = [(i, cell) for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
    checked = []
    for number, (file_index, cell) in enumerate(code):
        options = defaultdict(bool, find_metadata_tags(cell.metadata))
        options.update(dict(find_comment_markers(cell.source)))
        if not options["skip"] and options.get("check", True):
            checked.append((number, file_index, cell))
    return checked


def comparable_outputs(outputs: list, patterns: list[tuple[str, str]]) -> dict[str, list]:
    """Outputs as nbval compares them: key (stream name or MIME type) -> sanitised values in order."""
    flat: dict[str, list] = defaultdict(list)
    for output in transform_streams_for_comparison(coalesce_streams([nbformat.from_dict(o) for o in outputs])):
        items = [(k, v) for k, v in output.items() if k != "data"] + list(output.get("data", {}).items())
        for key, value in items:
            if key not in SKIP_COMPARE:
                for regex, replace in patterns if isinstance(value, str) else []:
                    value = re.sub(regex, replace, value)
                flat[key].append(value)
    return dict(flat)


def _detail(a: dict[str, list], b: dict[str, list]) -> str | None:
    if set(a) != set(b):
        return f"output fields differ: only in run 1 {sorted(set(a) - set(b))}, only in run 2 {sorted(set(b) - set(a))}"
    for key in a:
        if a[key] != b[key]:
            left, right = ("\n".join(map(str, values)) for values in (a[key], b[key]))
            diff = list(difflib.unified_diff(left.splitlines(), right.splitlines(), "run 1", "run 2", lineterm="", n=1))
            return f"{key!r} differs:\n    " + "\n    ".join(diff[2:14])
    return None


def compare_notebooks(name: str, first: nbformat.NotebookNode, second: nbformat.NotebookNode) -> list[str]:
    """One line per checked cell whose outputs differ between two runs of the same notebook."""
    patterns = load_sanitize_patterns()
    cells = checked_cells(first), checked_cells(second)
    if [c.source for _, _, c in cells[0]] != [c.source for _, _, c in cells[1]]:
        return [f"{name}: the two runs are not of the same notebook (cells differ)"]
    differences = []
    for (number, file_index, a), (_, _, b) in zip(*cells, strict=True):
        detail = _detail(comparable_outputs(a.outputs, patterns), comparable_outputs(b.outputs, patterns))
        if detail:
            differences.append(f"{name}: Cell {number} (cell {file_index} in the file): {detail}")
    return differences


def check(paths: list[Path], *, timeout: int, scratch: Path) -> int:
    """Run each notebook twice and compare; print a line per notebook; return the number of failures."""
    failures = 0
    for path in paths:
        try:
            runs = [run_copy(path, scratch / path.stem / label, timeout) for label in ("first", "second")]
        except Exception as error:  # a failing cell: report it with the notebook's name and go on
            print(f"FAIL {path.name}: a run did not complete: {type(error).__name__} {str(error).strip()[:200]}")
            failures += 1
            continue
        first, second = (nbformat.read(copy, as_version=4) for copy, _, _ in runs)
        differences = compare_notebooks(path.name, first, second)
        checked, times = len(checked_cells(first)), ", ".join(f"{wall:.1f} s" for _, wall, _ in runs)
        if differences:
            failures += 1
            print(f"FAIL {path.name}: {len(differences)} of {checked} checked cells differ (runs took {times})")
            print("\n".join(f"  {difference}" for difference in differences))
        else:
            print(f"ok   {path.name}: {checked} checked cells identical in two fresh runs ({times})", flush=True)
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to check (default: all)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    args = parser.parse_args(argv)
    paths = discover_notebooks(args.notebooks)
    prepare_environment()
    with tempfile.TemporaryDirectory(prefix="determinism-") as scratch:
        failures = check(paths, timeout=args.timeout, scratch=Path(scratch))
    print(f"determinism: {len(paths) - failures} of {len(paths)} notebooks identical across two fresh runs")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
