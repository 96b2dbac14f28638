#!/usr/bin/env python3
"""Create the course's virtual environment (called by `make`; standard library only).

    python3 scripts/bootstrap_venv.py .venv

Debian and Ubuntu ship ``python3`` without ``ensurepip`` unless ``python3-venv`` is installed: as
root this installs it with apt-get, otherwise it stops with the one command that fixes it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

MINIMUM = (3, 10)


def main(argv: list[str]) -> int:
    if sys.version_info < MINIMUM:
        raise SystemExit(f"The course needs Python {'.'.join(map(str, MINIMUM))}+; this is {sys.version.split()[0]}.")
    target = Path(argv[1] if len(argv) > 1 else ".venv")
    python = target / "bin" / "python"
    if target.exists() and not python.exists():
        # make only calls this script when the venv's python is missing: most often a venv made by a
        # Python that was since upgraded or removed, which leaves bin/python a dangling link.
        where = f" (it points to {os.readlink(python)}, which no longer exists)" if python.is_symlink() else ""
        fix = f"Recreate it with:\n    rm -rf {target} && make setup\nthen run the make command again."
        raise SystemExit(f"{target} exists but its Python does not work{where}.\n{fix}")
    if importlib.util.find_spec("ensurepip") is None:
        package = f"python{sys.version_info[0]}.{sys.version_info[1]}-venv"
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            fix = f"Install it once with:\n    sudo apt-get install {package}\nthen run the make command again."
            raise SystemExit(f"Python's venv support is missing. {fix}")
        print(f"Python's venv support is missing: installing Debian's {package} with apt-get.")
        subprocess.run(["apt-get", "install", "-y", "-q", package], check=True)
    venv.EnvBuilder(with_pip=True).create(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
