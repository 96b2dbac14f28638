#!/usr/bin/env python3
"""`make lab` calls this first: exit 1 with a clear message when TCP port PORT on 127.0.0.1 is taken.

    python3 scripts/check_port.py 8888

JupyterLab would otherwise serve on another port while the README and the instructor say 8888.
"""

from __future__ import annotations

import socket
import sys


def main(argv: list[str]) -> int:
    text = argv[1] if len(argv) > 1 else ""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise SystemExit(f"PORT must be a number from 1 to 65535; got {text!r}. Example: make lab PORT=9000")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", int(text)))
        except OSError:
            hint = f"Stop it, or choose another port: make lab PORT={int(text) + 1000}"
            raise SystemExit(f"Port {text} on 127.0.0.1 is already in use (another JupyterLab?). {hint}") from None
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
