"""pytest configuration shared by the unit tests and the nbval run over ``notebooks/``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent
SANITIZE_FILE = REPO / "tests" / "nbval_sanitize.cfg"
sys.path.insert(0, str(REPO / "scripts"))

from install_kernel import use_kernel_environment  # noqa: E402  (the kernels' environment, defined once)

use_kernel_environment(batch=True)  # nbval's kernels inherit it: TF quiet, PYTHONHASHSEED=0, no MPLBACKEND


def pytest_configure(config: pytest.Config) -> None:
    # The sanitize file is found from this file, whatever the working directory.
    if getattr(config.option, "nbval", False) and not getattr(config.option, "nbval_sanitize_with", None):
        config.option.nbval_sanitize_with = str(SANITIZE_FILE)
    _guard_kernel_network(config)


NETGUARD_DIR = REPO / "tests" / "netguard"


def _guard_kernel_network(config: pytest.Config) -> None:
    """Under scripts/run_offline.py (``make nbval``), the kernels nbval starts get the network guard.

    run_offline.py sets DROPOUT_COURSE_OFFLINE=1; the process that starts kernels (this one, or each
    xdist worker) then puts tests/netguard on PYTHONPATH, so that every kernel imports its
    sitecustomize and any non-loopback connection raises. pytest itself is not guarded, and an
    xdist controller leaves the variable alone so that only its workers' kernels inherit it.
    """
    if os.environ.get("DROPOUT_COURSE_OFFLINE") != "1":
        return
    if not (getattr(config.option, "nbval", False) or getattr(config.option, "nbval_lax", False)):
        return
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        return  # xdist controller: starts no kernel
    entries = [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    if str(NETGUARD_DIR) not in entries:
        os.environ["PYTHONPATH"] = os.pathsep.join([str(NETGUARD_DIR), *entries])


def pytest_collectstart(collector: pytest.Collector) -> None:
    # TensorFlow may print to stderr in one run and not in another; nothing a learner needs is
    # there, so stderr is never compared (nbval's own test-suite does the same).
    if collector.fspath and collector.fspath.ext == ".ipynb" and hasattr(collector, "skip_compare"):
        collector.skip_compare = (*collector.skip_compare, "stderr")
