#!/usr/bin/env python3
"""Execute notebooks top to bottom in a fresh kernel, in place: the stored outputs nbval compares.

    .venv/bin/python scripts/execute_notebooks.py                  # every notebook
    .venv/bin/python scripts/execute_notebooks.py notebooks/02_*.ipynb

Each kernel has the course's spec and environment (install_kernel.py) and the working directory
``notebooks/``; no timing metadata is stored, and the widgets' final state is (GitHub and the HTML
export show it). bench.py, check_determinism.py and run_claims.py run copies through this module too.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
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
    """An exception in one line: a failing cell's error is the last line of nbclient's message."""
    last = (re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip().splitlines() or [""])[-1]  # no colours
    return f"{type(error).__name__}: {last[:200]}"


def _high_water_mark(pid: int) -> int:
    """Linux's peak resident memory of a process (VmHWM), in bytes; 0 when unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines()
        return next((int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:")), 0)
    except (OSError, ValueError):
        return 0


def execute(path: Path, timeout: int = 600) -> tuple[float, int]:
    """Execute one notebook in place (a failure leaves the file alone): wall seconds, peak memory in bytes.

    The peak is the sum of the high-water marks of this process's children (the kernel and what it
    starts), read after every cell.
    """
    notebook = nbformat.read(path, as_version=4)
    peaks: dict[int, int] = {}

    def measure(**_: object) -> None:
        for child in psutil.Process().children(recursive=True):
            peaks[child.pid] = max(peaks.get(child.pid, 0), _high_water_mark(child.pid))

    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",  # the course's spec: fd output not captured
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        record_timing=False,
        store_widget_state=True,
        on_cell_executed=measure,
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    notebook.metadata.pop("execution", None)
    nbformat.validate(notebook)
    write_atomically(path, nbformat.writes(notebook) + "\n")
    return elapsed, sum(peaks.values())


def run_copy(path: Path, folder: Path, timeout: int = 600) -> tuple[Path, float, int]:
    """Execute a copy of ``path`` in ``folder``: (the executed copy, wall seconds, peak memory in bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = Path(shutil.copyfile(path, folder / Path(path).name))
    return (copy, *execute(copy, timeout))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to execute (default: all)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    args = parser.parse_args(argv)
    use_kernel_environment(batch=True, guard=True)
    for path in discover_notebooks(args.notebooks):
        print(f"executed {path.name} in {execute(path, args.timeout)[0]:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
