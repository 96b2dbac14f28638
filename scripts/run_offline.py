#!/usr/bin/env python3
"""Run a command with the network off for notebook kernels: what `make nbval` uses.

    .venv/bin/python scripts/run_offline.py -- .venv/bin/python -m pytest --nbval notebooks

Two layers, so that a notebook that would download anything fails:

1. Always: ``DROPOUT_COURSE_OFFLINE=1`` in the environment. ``conftest.py`` then puts
   ``tests/netguard`` on the ``PYTHONPATH`` of the kernels that nbval starts, and their
   ``sitecustomize`` makes every non-loopback connection and name look-up raise
   ``NetworkDisabledError`` with a message that says why (Python code: urllib, requests, Keras).
2. Where the system permits it: the whole command runs in a new network namespace
   (``unshare --net``, with ``--map-root-user`` when not root) that has only the loopback
   interface, brought up here. That also stops programs in C and shell commands (``!curl``).
   Where it is not permitted (a container without user namespaces), layer 1 still applies and
   a line on stderr says so. ``DROPOUT_COURSE_NETNS=0`` skips this layer on purpose;
   ``DROPOUT_COURSE_NETNS=1`` makes its absence an error.

Loopback keeps working in both layers: the kernels talk to pytest over ZeroMQ on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import os
import shutil
import socket
import struct
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NETGUARD_DIR = REPO / "tests" / "netguard"
OFFLINE_FLAG = "DROPOUT_COURSE_OFFLINE"
NETNS_FLAG = "DROPOUT_COURSE_NETNS"
#: Set inside the namespace, so that tests can see which layers are active.
NETNS_ACTIVE_FLAG = "DROPOUT_COURSE_NETNS_ACTIVE"

_SIOCGIFFLAGS = 0x8913
_SIOCSIFFLAGS = 0x8914
_IFF_UP = 0x1
_UNREACHABLE_PROBE = ("192.0.2.1", 9)  # TEST-NET-1 (RFC 5737): never a real host


def unshare_command() -> list[str] | None:
    """The ``unshare`` prefix for a new network namespace, or None when the system does not allow it."""
    program = shutil.which("unshare")
    if program is None or not sys.platform.startswith("linux"):
        return None
    command = [program, "--net"] + ([] if os.geteuid() == 0 else ["--map-root-user"])
    try:
        probe = subprocess.run([*command, "true"], capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return command if probe.returncode == 0 else None


def bring_up_loopback() -> None:
    """Set the ``lo`` interface up (a new network namespace starts with it down)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as control:
        request = struct.pack("16sH", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(control, _SIOCGIFFLAGS, request)[:18])[1]
        fcntl.ioctl(control, _SIOCSIFFLAGS, struct.pack("16sH", b"lo", flags | _IFF_UP))


def external_network_reachable() -> bool:
    """False when a connection to a non-loopback address fails at once with 'network unreachable'."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(2)
        code = probe.connect_ex(_UNREACHABLE_PROBE)
    return code not in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL)


def _inside_namespace(command: list[str]) -> int:
    bring_up_loopback()
    if external_network_reachable():
        print("run_offline: the new network namespace still routes outside; refusing to continue", file=sys.stderr)
        return 3
    os.environ[NETNS_ACTIVE_FLAG] = "1"
    os.execvp(command[0], command)
    return 127  # not reached


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inside-namespace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command to run, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    os.environ[OFFLINE_FLAG] = "1"
    if args.inside_namespace:
        return _inside_namespace(command)

    wanted = os.environ.get(NETNS_FLAG, "auto")
    prefix = None if wanted == "0" else unshare_command()
    if prefix is None:
        reason = "skipped (DROPOUT_COURSE_NETNS=0)" if wanted == "0" else "not permitted on this system"
        if wanted == "1":
            print(f"run_offline: a network namespace (unshare --net) is required but {reason}", file=sys.stderr)
            return 3
        print(f"run_offline: network namespace {reason}; Python socket guard in the kernels only", file=sys.stderr)
        os.execvp(command[0], command)
    print(
        "run_offline: network namespace with loopback only (unshare --net) + Python socket guard in the kernels",
        file=sys.stderr,
    )
    sys.stdout.flush()
    os.execvp(prefix[0], [*prefix, sys.executable, str(Path(__file__).resolve()), "--inside-namespace", "--", *command])
    return 127  # not reached


if __name__ == "__main__":
    sys.exit(main())
