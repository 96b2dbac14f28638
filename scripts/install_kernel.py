#!/usr/bin/env python3
"""The course's Jupyter kernel, its spec and environment defined once (batch runs, conftest.py and the
browser test import them). Run by `make` and Binder's postBuild, it installs :data:`KERNEL` and a
``dropout_course.pth`` (``import helpers`` from any directory) into the environment.
"""

from __future__ import annotations

import json
import os
import sys
import sysconfig
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NETGUARD_DIR = REPO / "tests" / "netguard"

#: Every kernel the course starts: TensorFlow quiet, stable hashing.
KERNEL_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0"}
#: Batch runs also tell the helpers that nobody watches (no live progress bars are stored).
BATCH_ENV = {"DROPOUT_COURSE_BATCH": "1"}
#: Never inherited: MPLBACKEND=Agg breaks figure cells (inline is chosen when it is unset), and under
#: PYTEST_CURRENT_TEST ipykernel stops capturing fd output.
UNSET = ("MPLBACKEND", "PYTEST_CURRENT_TEST")

KERNEL = {
    # "python" is the server's interpreter; capture_fd_output=False keeps TensorFlow's C++ lines out of notebooks
    "argv": ["python", "-m", "ipykernel_launcher", "--IPKernelApp.capture_fd_output=False", "-f", "{connection_file}"],
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "env": {**KERNEL_ENV, "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    "metadata": {"debugger": True},
}


def kernel_environment(base: Mapping[str, str] | None = None, *, batch: bool) -> dict[str, str]:
    """``base`` (default: this process's) made into the kernels'; ``batch=False`` is a learner's session."""
    env = {k: v for k, v in (os.environ if base is None else base).items() if k not in (*UNSET, *BATCH_ENV)}
    env.update({**KERNEL_ENV, **(BATCH_ENV if batch else {})})
    paths = [str(Path(sys.prefix) / "share" / "jupyter"), *env.get("JUPYTER_PATH", "").split(os.pathsep)]
    env["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(filter(None, paths)))
    return env


def use_kernel_environment(*, batch: bool = True, guard: bool = False) -> None:
    """Give this process the kernels' environment, so that the kernels it starts inherit it; ``guard``:
    under run_offline.py, tests/netguard on their ``PYTHONPATH`` (its sitecustomize blocks the network)."""
    wanted = kernel_environment(batch=batch)
    if guard and wanted.get("DROPOUT_COURSE_OFFLINE") == "1":
        entries = [str(NETGUARD_DIR), *wanted.get("PYTHONPATH", "").split(os.pathsep)]
        wanted["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(filter(None, entries)))
    for name in set(os.environ) - set(wanted):
        del os.environ[name]
    os.environ.update(wanted)


def main() -> int:
    if sys.prefix == sys.base_prefix and "CONDA_PREFIX" not in os.environ:
        raise SystemExit("install_kernel.py runs with the course's Python: .venv/bin/python (or a conda env)")
    kernel_dir = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3"
    kernel_dir.mkdir(parents=True, exist_ok=True)
    (kernel_dir / "kernel.json").write_text(json.dumps(KERNEL, indent=1) + "\n", encoding="utf-8")
    (Path(sysconfig.get_paths()["purelib"]) / "dropout_course.pth").write_text(f"{REPO}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
