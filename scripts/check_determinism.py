#!/usr/bin/env python3
"""Run each notebook in two fresh kernels and let nbval compare the runs (strict): any difference fails.

    .venv/bin/python scripts/check_determinism.py                    # every notebook (make determinism)
    .venv/bin/python scripts/check_determinism.py notebooks/02_*.ipynb

The first run executes a copy in a scratch folder under ``build/`` (inside the repository, so that
conftest.py and tests/nbval_sanitize.cfg apply); ``pytest --nbval`` then runs it again and compares,
exactly as `make nbval` compares the committed notebooks, which are not touched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from execute_notebooks import REPO, describe, discover_notebooks, run_copy, use_kernel_environment


def check(path: Path, scratch: Path, timeout: int) -> bool:
    """Two runs of one notebook compared by nbval; print a line (and nbval's report on a failure)."""
    try:
        copy, wall, _ = run_copy(path, scratch / path.stem, timeout)
    except Exception as error:  # a failing cell: report it with the notebook's name and go on
        print(f"FAIL {path.name}: the first run did not complete: {describe(error)}", flush=True)
        return False
    nbval = ["--nbval", "--nbval-current-env", f"--nbval-cell-timeout={timeout}", "-q", "--no-header", "--color=no"]
    command = [sys.executable, "-m", "pytest", *nbval, str(copy)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    summary = (result.stdout.strip().splitlines() or ["no output from pytest"])[-1].strip("= ")
    print(f"{'ok  ' if result.returncode == 0 else 'FAIL'} {path.name}: second run {summary} (first {wall:.1f} s)")
    if result.returncode:
        print(textwrap.indent(result.stdout + result.stderr, "    "))
    return result.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to check (default: all)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    args = parser.parse_args(argv)
    paths = discover_notebooks(args.notebooks)
    use_kernel_environment(batch=True, guard=True)
    (REPO / "build").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="determinism-", dir=REPO / "build"))
    try:
        passed = sum(check(path, scratch, args.timeout) for path in paths)
    finally:
        shutil.rmtree(scratch)
    print(f"determinism: {passed} of {len(paths)} notebooks identical across two fresh runs")
    return 0 if passed == len(paths) else 1


if __name__ == "__main__":
    sys.exit(main())
