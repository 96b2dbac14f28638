#!/usr/bin/env python3
"""Run a command with the network off for notebook kernels: ``run_offline.py -- COMMAND...``.

1. ``DROPOUT_COURSE_OFFLINE=1``: the kernels that the runners start import ``tests/netguard``, which
   makes every non-loopback connection and look-up raise.
2. Where the system permits it, a new network namespace with only loopback (``unshare --net``) also
   stops C code and ``!curl``; stderr says which layers apply (``DROPOUT_COURSE_NETNS=0`` skips it).
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import socket
import struct
import subprocess
import sys


def _inside_namespace(command: list[str]) -> int:
    """Bring up ``lo`` (a new namespace starts with it down), make sure nothing else routes, run."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as control:
        flags = struct.unpack("16sH", fcntl.ioctl(control, 0x8913, struct.pack("16sH", b"lo", 0))[:18])[1]
        fcntl.ioctl(control, 0x8914, struct.pack("16sH", b"lo", flags | 0x1))  # SIOCSIFFLAGS, IFF_UP
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(2)
        if probe.connect_ex(("192.0.2.1", 9)) not in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL):
            print("run_offline: the new network namespace still routes outside; refusing to continue", file=sys.stderr)
            return 3
    os.environ["DROPOUT_COURSE_NETNS_ACTIVE"] = "1"
    os.execvp(command[0], command)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    inside = argv[:1] == ["--inside-namespace"]
    command = argv[argv.index("--") + 1 :] if "--" in argv else argv[inside:]
    if not command:
        print("usage: run_offline.py -- COMMAND...: give the command to run after --", file=sys.stderr)
        return 2
    os.environ["DROPOUT_COURSE_OFFLINE"] = "1"
    if inside:
        return _inside_namespace(command)
    unshare = [shutil.which("unshare") or "unshare", "--net"] + ([] if os.geteuid() == 0 else ["--map-root-user"])
    permitted = os.environ.get("DROPOUT_COURSE_NETNS") != "0"  # 0: do not try
    try:  # does the system permit a new network namespace?
        permitted = permitted and subprocess.run([*unshare, "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        permitted = False
    if not permitted:
        print("run_offline: no network namespace (not permitted or skipped); Python guard only", file=sys.stderr)
        os.execvp(command[0], command)
    print("run_offline: network namespace with loopback only (unshare --net) + Python guard", file=sys.stderr)
    os.execvp(unshare[0], [*unshare, sys.executable, os.path.abspath(__file__), "--inside-namespace", "--", *command])


if __name__ == "__main__":
    sys.exit(main())
