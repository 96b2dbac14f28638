#!/usr/bin/env python3
"""Execute notebooks (default: all) in place in fresh kernels: the stored outputs nbval compares.

    .venv/bin/python scripts/execute_notebooks.py [notebooks/02_*.ipynb]                 # make execute
    .venv/bin/python scripts/execute_notebooks.py --determinism [notebooks/02_*.ipynb]   # make determinism

Kernels get the course's spec and environment (install_kernel.py), run in ``notebooks/`` and store the
widgets' state (GitHub and the HTML export show it). bench.py and run_claims.py share this plumbing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from install_kernel import REPO, use_kernel_environment  # scripts/ is not a package

NOTEBOOKS = REPO / "notebooks"


def discover_notebooks(paths: list[Path] | None = None) -> list[Path]:
    """The given notebooks (which must exist), else every ``notebooks/NN_*.ipynb`` in order."""
    missing = [str(path) for path in paths or [] if not Path(path).is_file()]
    if missing:
        raise SystemExit(f"no such notebook: {', '.join(missing)}")
    return [Path(p).resolve() for p in paths] if paths else sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def write_atomically(path: Path, payload: bytes | str) -> None:
    """Write to a temporary file beside ``path``, then rename: a crash never leaves half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload.encode("utf-8") if isinstance(payload, str) else payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; the files are for everyone
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def describe(error: BaseException) -> str:
    """An exception in one line (a failing cell's error is the last line of nbclient's message, coloured)."""
    last = (re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip().splitlines() or [""])[-1]
    return f"{type(error).__name__}: {last[:200]}"


def execute(path: Path, timeout: int = 600) -> tuple[float, int]:
    """Execute a notebook in place (a failure leaves the file alone): wall seconds, peak memory in bytes,
    the summed high-water marks (Linux's VmHWM) of the kernel and what it starts, read after each cell."""
    notebook = nbformat.read(path, as_version=4)
    peaks: dict[int, int] = {}

    def measure(**_: object) -> None:
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(OSError, psutil.Error):  # the process is gone
                status = Path(f"/proc/{child.pid}/status").read_text(encoding="ascii")
                high_water = re.search(r"VmHWM:\s*(\d+)", status)
                if high_water:  # a zombie has no VmHWM line
                    peaks[child.pid] = max(peaks.get(child.pid, 0), int(high_water[1]) * 1024)

    # the course's kernel spec ("python3": fd output not captured); widget state is stored by default
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", record_timing=False, on_cell_executed=measure
    )
    start = time.perf_counter()
    client.execute(cwd=str(NOTEBOOKS))
    elapsed = time.perf_counter() - start
    nbformat.validate(notebook)
    write_atomically(path, nbformat.writes(notebook) + "\n")
    return elapsed, sum(peaks.values())


def run_copy(path: Path, folder: Path, timeout: int = 600) -> tuple[Path, float, int]:
    folder.mkdir(parents=True, exist_ok=True)
    copy = Path(shutil.copyfile(path, folder / Path(path).name))
    return (copy, *execute(copy, timeout))


def runner_parser(doc: str | None, timeout: int = 600) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: all)")
    parser.add_argument("--timeout", type=int, default=timeout, help="seconds allowed per cell")
    return parser


def check_determinism(path: Path, scratch: Path, timeout: int) -> bool:
    """Execute a copy in ``scratch`` (inside the repository: conftest.py and tests/nbval_sanitize.cfg apply),
    then let nbval run it again and compare, as `make nbval` does; nbval's report, then a line."""
    try:
        copy, wall, _ = run_copy(path, scratch / path.stem, timeout)
    except Exception as error:  # a failing cell: report it with the notebook's name and go on
        print(f"FAIL {path.name}: the first run did not complete: {describe(error)}", flush=True)
        return False
    pytest = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-q", "--no-header", "--color=no"]
    passed = subprocess.run([*pytest, f"--nbval-cell-timeout={timeout}", str(copy)], cwd=REPO).returncode == 0
    verdict = "ok   {}: identical in" if passed else "FAIL {}: nbval found differences (above) between"
    print(verdict.format(path.name), f"two fresh runs (the first took {wall:.1f} s)", flush=True)
    return passed


def main(argv: list[str] | None = None) -> int:
    parser = runner_parser(__doc__)
    parser.add_argument("--determinism", action="store_true", help="two fresh runs of copies compared by nbval")
    args = parser.parse_args(argv)
    paths = discover_notebooks(args.notebooks)
    use_kernel_environment(batch=True, guard=True)
    if not args.determinism:
        for path in paths:
            print(f"executed {path.name} in {execute(path, args.timeout)[0]:.1f} s", flush=True)
        return 0
    (REPO / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="determinism-", dir=REPO / "build") as scratch:
        passed = sum(check_determinism(path, Path(scratch), args.timeout) for path in paths)
    print(f"determinism: {passed} of {len(paths)} notebooks identical across two fresh runs")
    return 0 if passed == len(paths) else 1


if __name__ == "__main__":
    sys.exit(main())
