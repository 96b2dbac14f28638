"""Shared by scripts/bench.py and scripts/check_determinism.py: run copies of notebooks in fresh kernels.

Each run copies a notebook into a scratch folder and executes the copy with
``scripts/execute_notebooks.py``'s :func:`execute` (the course's kernel spec, working directory
``notebooks/``, the same environment as the stored outputs), so the committed notebooks are never
touched. While it runs, a thread samples the memory of this process's children with psutil: the
kernel and anything it starts.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import psutil

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
NOTEBOOKS = REPO / "notebooks"
NETGUARD_DIR = REPO / "tests" / "netguard"
OFFLINE_FLAG = "DROPOUT_COURSE_OFFLINE"

if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from execute_notebooks import execute, prepare_environment  # noqa: E402  (scripts/ is not a package)

__all__ = ["NotebookRun", "TreeMemoryMonitor", "discover_notebooks", "prepare_kernel_environment", "run_copy"]


def discover_notebooks(paths: list[Path] | None = None) -> list[Path]:
    """The given notebooks (checked to exist), else every ``notebooks/NN_*.ipynb`` in order."""
    if paths:
        missing = [str(path) for path in paths if not Path(path).is_file()]
        if missing:
            raise FileNotFoundError(f"no such notebook: {', '.join(missing)}")
        return [Path(path).resolve() for path in paths]
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def prepare_kernel_environment() -> None:
    """The environment ``scripts/execute_notebooks.py`` gives kernels, plus the network guard when offline.

    Under ``scripts/run_offline.py`` (``DROPOUT_COURSE_OFFLINE=1``) the kernels get ``tests/netguard``
    on their ``PYTHONPATH``, as nbval's kernels do through ``conftest.py``.
    """
    prepare_environment()
    if os.environ.get(OFFLINE_FLAG) == "1":
        entries = [str(NETGUARD_DIR), *(e for e in os.environ.get("PYTHONPATH", "").split(os.pathsep) if e)]
        os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(entries))


def _high_water_mark(pid: int) -> int:
    """The kernel's own record of a process's peak resident memory (Linux VmHWM), 0 elsewhere."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeMemoryMonitor:
    """Peak resident memory (RSS) of the process tree under ``root_pid`` (its children, not itself).

    A thread polls every ``interval`` seconds; each process's peak is the larger of its sampled RSS
    and its VmHWM (the kernel's exact high-water mark, on Linux), and :attr:`peak_bytes` sums the
    peaks of all processes seen, an upper bound of the tree's simultaneous peak (exact for one kernel).
    """

    def __init__(self, root_pid: int | None = None, interval: float = 0.05) -> None:
        if not isinstance(interval, (int, float)) or isinstance(interval, bool) or not 0 < interval <= 10:
            raise ValueError(f"interval must be a number of seconds in (0, 10]; got {interval!r}")
        self.root_pid = os.getpid() if root_pid is None else int(root_pid)
        self.interval = float(interval)
        self._peaks: dict[tuple[int, float], int] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def peak_bytes(self) -> int:
        """The sum over processes of each one's peak RSS, in bytes."""
        return sum(self._peaks.values())

    @property
    def processes_seen(self) -> int:
        return len(self._peaks)

    def sample(self) -> None:
        """Take one sample now (the thread calls this; tests may too)."""
        try:
            children = psutil.Process(self.root_pid).children(recursive=True)
        except psutil.Error:
            return
        for child in children:
            try:
                key = (child.pid, child.create_time())  # a reused pid is another process
                rss = child.memory_info().rss
            except psutil.Error:
                continue
            self._peaks[key] = max(self._peaks.get(key, 0), rss, _high_water_mark(child.pid))

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemoryMonitor:
        self._thread = threading.Thread(target=self._run, name="tree-memory-monitor", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


@dataclass(frozen=True)
class NotebookRun:
    """One execution of one notebook in a fresh kernel."""

    notebook: str
    wall_seconds: float
    peak_rss_bytes: int
    executed_path: Path


def run_copy(
    path: Path, scratch: Path, *, label: str = "run", timeout: int = 600, poll_interval: float = 0.05
) -> NotebookRun:
    """Execute a copy of ``path`` inside ``scratch`` in a fresh kernel; the original is not modified.

    The wall time is that of ``execute`` (kernel start, every cell, kernel shutdown). Raises
    nbclient's ``CellExecutionError`` when a cell fails.
    """
    path = Path(path)
    target_dir = Path(scratch) / label
    target_dir.mkdir(parents=True, exist_ok=True)
    copy = target_dir / path.name
    shutil.copyfile(path, copy)
    with TreeMemoryMonitor(interval=poll_interval) as monitor:
        wall = execute(copy, timeout)
    return NotebookRun(notebook=path.name, wall_seconds=wall, peak_rss_bytes=monitor.peak_bytes, executed_path=copy)
