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
