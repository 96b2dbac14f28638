#!/usr/bin/env python3
"""Execute every notebook twice in fresh kernels and compare what nbval compares: any difference fails.

    .venv/bin/python scripts/check_determinism.py                    # every notebook (make determinism)
    .venv/bin/python scripts/check_determinism.py notebooks/02_*.ipynb

The two runs execute copies in a scratch folder (the committed notebooks are not touched) with
``scripts/execute_notebooks.py``'s settings. The comparison follows nbval 0.11 (``--nbval``, as
``make nbval`` runs it): code cells only, numbered as nbval numbers them ("Cell 3" is the fourth
code cell); cells tagged ``nbval-skip`` / ``nbval-ignore-output`` (or with the comment markers)
left out; outputs merged per stream; metadata, execution counts, images and widget model ids
ignored, and stderr ignored as ``conftest.py`` does; text sanitised with ``tests/nbval_sanitize.cfg``.
Each difference names the notebook and the cell. Exit status 1 when anything differs or fails.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tempfile
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbval.plugin import (
    coalesce_streams,
    find_comment_markers,
    find_metadata_tags,
    get_sanitize_patterns,
    transform_streams_for_comparison,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))

from notebook_runs import REPO, discover_notebooks, prepare_kernel_environment, run_copy

SANITIZE_FILE = REPO / "tests" / "nbval_sanitize.cfg"

#: What nbval 0.11 leaves out of the comparison (IPyNbFile.skip_compare without --nbdime), plus
#: "stderr", which conftest.py adds for notebooks.
SKIP_COMPARE: tuple[str, ...] = (
    "metadata",
    "traceback",
    "prompt_number",
    "output_type",
    "name",
    "execution_count",
    "application/vnd.jupyter.widget-view+json",
    "image/png",
    "image/jpeg",
    "stderr",
)


@dataclass(frozen=True)
class Difference:
    """One cell whose checked outputs differ between two runs."""

    notebook: str
    cell: int  # nbval's number: the index among code cells
    file_index: int  # the index among all cells of the notebook file
    detail: str

    def __str__(self) -> str:
        return f"{self.notebook}: Cell {self.cell} (cell {self.file_index} in the file): {self.detail}"


def load_sanitize_patterns(path: Path = SANITIZE_FILE) -> OrderedDict[str, str]:
    """The regex -> replacement pairs of an nbval sanitize file, in order (as nbval keeps them)."""
    return OrderedDict(get_sanitize_patterns(Path(path).read_text(encoding="utf-8")))


def checked_cells(notebook: nbformat.NotebookNode) -> list[tuple[int, int, nbformat.NotebookNode]]:
    """(nbval cell number, index in the file, cell) of every code cell whose outputs nbval checks."""
    cells = []
    number = 0
    for file_index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        options = defaultdict(bool, find_metadata_tags(cell.metadata))
        options.update(dict(find_comment_markers(cell.source)))
        options.setdefault("check", True)
        if not options["skip"] and options["check"]:
            cells.append((number, file_index, cell))
        number += 1
    return cells


def _sanitize(value: object, patterns: OrderedDict[str, str]) -> object:
    if not isinstance(value, str):
        return value
    for regex, replace in patterns.items():
        value = re.sub(regex, replace, value)
    return value


def comparable_outputs(outputs: list, patterns: OrderedDict[str, str]) -> dict[str, list]:
    """Outputs as nbval compares them: key (stream name or MIME type) -> sanitised values in order."""
    merged = coalesce_streams([nbformat.from_dict(output) for output in outputs])
    flat: dict[str, list] = defaultdict(list)
    for output in transform_streams_for_comparison(merged):
        for key, value in output.items():
            if key in SKIP_COMPARE:
                continue
            if key == "data":
                for mime, data in value.items():
                    if mime not in SKIP_COMPARE:
                        flat[mime].append(_sanitize(data, patterns))
            else:
                flat[key].append(_sanitize(value, patterns))
    return dict(flat)


def _describe(key: str, first: object, second: object) -> str:
    left = first if isinstance(first, str) else repr(first)
    right = second if isinstance(second, str) else repr(second)
    diff = difflib.unified_diff(left.splitlines(), right.splitlines(), "run 1", "run 2", lineterm="", n=1)
    lines = list(diff)[2:14]
    return f"{key!r} differs:\n    " + "\n    ".join(lines)


def compare_notebooks(
    name: str,
    first: nbformat.NotebookNode,
    second: nbformat.NotebookNode,
    patterns: OrderedDict[str, str] | None = None,
) -> list[Difference]:
    """The checked cells whose outputs differ between two executions of the same notebook."""
    patterns = load_sanitize_patterns() if patterns is None else patterns
    cells_first = checked_cells(first)
    cells_second = checked_cells(second)
    if [(n, i, c.source) for n, i, c in cells_first] != [(n, i, c.source) for n, i, c in cells_second]:
        return [Difference(name, -1, -1, "the two runs are not of the same notebook (cells differ)")]
    differences = []
    for (number, file_index, cell_a), (_, _, cell_b) in zip(cells_first, cells_second, strict=True):
        a = comparable_outputs(cell_a.outputs, patterns)
        b = comparable_outputs(cell_b.outputs, patterns)
        detail = None
        if set(a) != set(b):
            only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
            detail = f"output fields differ: only in run 1 {only_a}, only in run 2 {only_b}"
        else:
            for key in a:
                if len(a[key]) != len(b[key]):
                    detail = f"{key!r}: {len(a[key])} outputs in run 1, {len(b[key])} in run 2"
                    break
                mismatch = next(((x, y) for x, y in zip(a[key], b[key], strict=True) if x != y), None)
                if mismatch is not None:
                    detail = _describe(key, *mismatch)
                    break
        if detail is not None:
            differences.append(Difference(name, number, file_index, detail))
    return differences


def check(paths: list[Path], *, timeout: int, scratch: Path) -> int:
    """Run each notebook twice and compare; print a line per notebook; return the number of failures."""
    patterns = load_sanitize_patterns()
    failures = 0
    for path in paths:
        runs = []
        try:
            for label in ("first", "second"):
                runs.append(run_copy(path, scratch / path.stem, label=label, timeout=timeout))
        except Exception as error:  # a failing cell: report it with the notebook's name and go on
            first_line = str(error).strip().splitlines()[:1]
            print(f"FAIL {path.name}: run {len(runs) + 1} did not complete: {type(error).__name__} {first_line}")
            failures += 1
            continue
        first, second = (nbformat.read(run.executed_path, as_version=4) for run in runs)
        differences = compare_notebooks(path.name, first, second, patterns)
        checked = len(checked_cells(first))
        times = ", ".join(f"{run.wall_seconds:.1f} s" for run in runs)
        if differences:
            failures += 1
            print(f"FAIL {path.name}: {len(differences)} of {checked} checked cells differ (runs took {times})")
            for difference in differences:
                print(f"  {difference}")
        else:
            print(f"ok   {path.name}: {checked} checked cells identical in two fresh runs ({times})")
        sys.stdout.flush()
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to check (default: all)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    parser.add_argument("--keep", type=Path, default=None, help="keep the executed copies in this folder")
    args = parser.parse_args(argv)
    paths = discover_notebooks(args.notebooks)
    if not paths:
        print("check_determinism: no notebooks found", file=sys.stderr)
        return 1
    prepare_kernel_environment()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        failures = check(paths, timeout=args.timeout, scratch=args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="determinism-") as scratch:
            failures = check(paths, timeout=args.timeout, scratch=Path(scratch))
    print(f"determinism: {len(paths) - failures} of {len(paths)} notebooks identical across two fresh runs")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
