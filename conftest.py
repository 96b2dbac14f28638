"""pytest configuration shared by the unit tests and the nbval run over ``notebooks/``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO / "scripts"))

from install_kernel import use_kernel_environment  # noqa: E402  (the kernels' environment, defined once)

use_kernel_environment(batch=True)  # nbval's kernels inherit it: TF quiet, PYTHONHASHSEED=0, no MPLBACKEND


def pytest_configure(config: pytest.Config) -> None:
    if not (getattr(config.option, "nbval", False) or getattr(config.option, "nbval_lax", False)):
        return
    # A notebook's cells run in order: pytest-randomly (random order for the unit tests) must not shuffle them.
    config.option.randomly_reorganize = False
    # The sanitize file is found from this file, whatever the working directory.
    if not getattr(config.option, "nbval_sanitize_with", None):
        config.option.nbval_sanitize_with = str(REPO / "tests" / "nbval_sanitize.cfg")
    # Under scripts/run_offline.py the kernels get the network guard; an xdist controller starts no
    # kernel and leaves PYTHONPATH alone, so that pytest itself (and its workers) are not guarded.
    if not getattr(config.option, "numprocesses", None) or hasattr(config, "workerinput"):
        use_kernel_environment(batch=True, guard=True)


def pytest_collectstart(collector: pytest.Collector) -> None:
    # TensorFlow may print to stderr in one run and not in another; nothing a learner needs is
    # there, so stderr is never compared (nbval's own test-suite does the same).
    if collector.fspath and collector.fspath.ext == ".ipynb" and hasattr(collector, "skip_compare"):
        collector.skip_compare = (*collector.skip_compare, "stderr")


#: notebook name -> code cell number (nbval's "Cell N") -> seconds the cell took in this strict nbval run
NBVAL_SECONDS: dict[str, dict[str, float]] = {}
#: where they are written; tests/browser/test_long_cells.py requires progress of the long cells
NBVAL_SECONDS_FILE = REPO / "build" / "nbval_cell_seconds.json"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # on the pytest-xdist controller too: it receives every worker's reports
    path, _, cell = report.nodeid.partition("::")
    if report.when == "call" and path.endswith(".ipynb") and cell.startswith("Cell ") and report.passed:
        NBVAL_SECONDS.setdefault(Path(path).name, {})[cell.split()[1]] = round(report.duration, 2)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """After an nbval run, add each notebook's cell times to build/nbval_cell_seconds.json, with the hash of
    its code cells (times of a notebook whose code changed since are stale) and the load average."""
    if not NBVAL_SECONDS or hasattr(session.config, "workerinput"):
        return
    import hashlib
    import json
    import os
    import time

    try:
        record = json.loads(NBVAL_SECONDS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    for name, cells in NBVAL_SECONDS.items():
        path = REPO / "notebooks" / name
        if not path.is_file():
            continue
        notebook = json.loads(path.read_text(encoding="utf-8"))
        sources = ["".join(c["source"]) for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
        record[name] = {
            "code_sha256": hashlib.sha256("\n\0".join(sources).encode("utf-8")).hexdigest(),
            "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "load_average": round(os.getloadavg()[0], 1),
            "cells": dict(sorted(cells.items(), key=lambda item: int(item[0]))),
        }
    NBVAL_SECONDS_FILE.parent.mkdir(exist_ok=True)
    NBVAL_SECONDS_FILE.write_text(json.dumps(dict(sorted(record.items())), indent=2) + "\n", encoding="utf-8")
