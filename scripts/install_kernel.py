#!/usr/bin/env python3
"""Make the venv's Python the course's Jupyter kernel, and put ``helpers`` on its path.

Run by `make` with the venv's Python after the requirements are installed (and by Binder's postBuild):

- writes ``<venv>/share/jupyter/kernels/python3/kernel.json`` with
  ``--IPKernelApp.capture_fd_output=False``: TensorFlow's C++ start-up lines then go to the
  terminal that runs JupyterLab instead of into the notebook, and ``TF_CPP_MIN_LOG_LEVEL=3``
  silences the rest. The Makefile puts this folder first on ``JUPYTER_PATH``.
- writes ``dropout_course.pth`` into site-packages, so ``import helpers`` works from any
  working directory (the repository root, ``notebooks/``, pytest, nbval).
"""

from __future__ import annotations

import json
import os
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

KERNEL = {
    "argv": [
        "python",  # jupyter_client substitutes the interpreter that runs the server: the venv's
        "-m",
        "ipykernel_launcher",
        "--IPKernelApp.capture_fd_output=False",
        "-f",
        "{connection_file}",
    ],
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "env": {"TF_CPP_MIN_LOG_LEVEL": "3", "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    "metadata": {"debugger": True},
}


def main() -> int:
    if sys.prefix == sys.base_prefix and "CONDA_PREFIX" not in os.environ:
        print(
            "install_kernel.py runs with the course's environment: .venv/bin/python (or a conda env)", file=sys.stderr
        )
        return 1
    kernel_dir = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3"
    kernel_dir.mkdir(parents=True, exist_ok=True)
    (kernel_dir / "kernel.json").write_text(json.dumps(KERNEL, indent=1) + "\n", encoding="utf-8")
    (Path(sysconfig.get_paths()["purelib"]) / "dropout_course.pth").write_text(f"{REPO}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
