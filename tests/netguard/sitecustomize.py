"""Installs the course's network guard in every Python process that has this folder on its path.

Only ``scripts/run_offline.py`` (via ``conftest.py``) and the guard's own tests put
``tests/netguard`` on ``PYTHONPATH``: the notebook kernels of ``make nbval`` and the processes
they start. See ``course_netguard.py`` for what is blocked and what stays allowed.
"""

from __future__ import annotations

import importlib.util
import os
import sys

import course_netguard

course_netguard.install()


def _chain_to_next_sitecustomize() -> None:
    # This file shadows any sitecustomize further down the path (a distribution's, say);
    # run that one too, so putting the guard first changes nothing else.
    here = os.path.dirname(os.path.abspath(__file__))
    rest = [entry for entry in sys.path if os.path.abspath(entry or os.curdir) != here]
    for entry in rest:
        candidate = os.path.join(entry or os.curdir, "sitecustomize.py")
        if os.path.isfile(candidate):
            spec = importlib.util.spec_from_file_location("_course_next_sitecustomize", candidate)
            if spec is not None and spec.loader is not None:
                spec.loader.exec_module(importlib.util.module_from_spec(spec))
            return


_chain_to_next_sitecustomize()
