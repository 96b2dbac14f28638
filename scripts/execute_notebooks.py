#!/usr/bin/env python3
"""Execute notebooks top to bottom in a fresh kernel, in place: the stored outputs nbval compares.

    .venv/bin/python scripts/execute_notebooks.py                  # every notebook
    .venv/bin/python scripts/execute_notebooks.py notebooks/02_*.ipynb

Each notebook runs in its own fresh kernel with the working directory ``notebooks/``, with
TensorFlow's start-up lines kept out of the stored outputs, no timing metadata, and the final
state of its widgets stored so that GitHub and the HTML export can show them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"

# The kernel inherits these: quiet TensorFlow, stable hashing, figures inline, and a flag that
# tells helpers the run is a batch run (no live progress widgets to store).
KERNEL_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "DROPOUT_COURSE_BATCH": "1",
}


def prepare_environment() -> None:
    """Set the kernel's environment and put the course's kernel spec first on Jupyter's path."""
    os.environ.update(KERNEL_ENV)
    os.environ.pop("PYTEST_CURRENT_TEST", None)  # under pytest, ipykernel would skip fd capture anyway
    jupyter_path = str(Path(sys.prefix) / "share" / "jupyter")
    if jupyter_path not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [jupyter_path, os.environ.get("JUPYTER_PATH")]))


def execute(path: Path, timeout: int) -> float:
    """Execute one notebook in place; return the wall time in seconds."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",  # the course's spec (scripts/install_kernel.py): fd output not captured
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
    os.replace(temporary, path)  # a failed run above leaves the stored notebook untouched
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to execute (default: all)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        print("execute_notebooks: no notebooks found", file=sys.stderr)
        return 1
    prepare_environment()
    for path in paths:
        elapsed = execute(Path(path).resolve(), args.timeout)
        print(f"executed {Path(path).name} in {elapsed:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
