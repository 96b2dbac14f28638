#!/usr/bin/env python3
"""Execute notebooks top to bottom in a fresh kernel, in place: the stored outputs nbval compares.

    .venv/bin/python scripts/execute_notebooks.py                  # every notebook
    .venv/bin/python scripts/execute_notebooks.py notebooks/02_*.ipynb

Each notebook runs in its own fresh kernel (the course's spec and environment, scripts/install_kernel.py)
with the working directory ``notebooks/``, no timing metadata, and its widgets' final state stored so
that GitHub and the HTML export can show them. ``bench.py`` and ``check_determinism.py`` run copies
through :func:`run_copy`, which also measures the kernel's peak memory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from install_kernel import REPO, use_kernel_environment  # scripts/ is not a package

NOTEBOOKS = REPO / "notebooks"
NETGUARD_DIR = REPO / "tests" / "netguard"


def prepare_environment() -> None:
    """The kernels' batch environment; under scripts/run_offline.py also the network guard (tests/netguard)."""
    use_kernel_environment(batch=True)
    if os.environ.get("DROPOUT_COURSE_OFFLINE") == "1":
        entries = [str(NETGUARD_DIR), *os.environ.get("PYTHONPATH", "").split(os.pathsep)]
        os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(filter(None, entries)))


def discover_notebooks(paths: list[Path] | None = None) -> list[Path]:
    """The given notebooks (which must exist), else every ``notebooks/NN_*.ipynb`` in order."""
    missing = [str(path) for path in paths or [] if not Path(path).is_file()]
    if missing:
        raise SystemExit(f"no such notebook: {', '.join(missing)}")
    return [Path(p).resolve() for p in paths] if paths else sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def execute(path: Path, timeout: int) -> float:
    """Execute one notebook in place; return the wall time in seconds (a failure leaves the file alone)."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",  # the course's spec: fd output not captured
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        record_timing=False,
        store_widget_state=True,
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    notebook.metadata.pop("execution", None)
    nbformat.validate(notebook)
    temporary = path.with_name(f".{path.name}.tmp")
    nbformat.write(notebook, temporary)
    os.replace(temporary, path)
    return elapsed


def _peak_rss(pid: int) -> int:
    """Linux's high-water mark of a process's resident memory (VmHWM), in bytes; 0 when unknown."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next((int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:")), 0)
    except (OSError, ValueError):
        return 0


def run_copy(path: Path, folder: Path, timeout: int = 600) -> tuple[Path, float, int]:
    """Execute a copy of ``path`` in ``folder``: (the executed copy, wall seconds, peak kernel RSS in bytes).

    A thread samples this process's children (the kernel and what it starts) every 50 ms; each one's
    peak is its largest sampled RSS or VmHWM, and the peaks are summed.
    """
    import psutil

    folder.mkdir(parents=True, exist_ok=True)
    copy = Path(shutil.copyfile(path, folder / Path(path).name))
    peaks: dict[tuple[int, float], int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            for child in psutil.Process().children(recursive=True):
                try:
                    key, rss = (child.pid, child.create_time()), child.memory_info().rss
                except psutil.Error:
                    continue
                peaks[key] = max(peaks.get(key, 0), rss, _peak_rss(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        wall = execute(copy, timeout)
    finally:
        done.set()
        sampler.join()
    return copy, wall, sum(peaks.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to execute (default: all)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    args = parser.parse_args(argv)
    prepare_environment()
    for path in discover_notebooks(args.notebooks):
        print(f"executed {path.name} in {execute(path, args.timeout):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
