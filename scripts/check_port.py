#!/usr/bin/env python3
"""Exit with a clear message when a TCP port on 127.0.0.1 is taken (`make lab` calls it first).

    python3 scripts/check_port.py 8888

Without this check JupyterLab would quietly serve on the next free port while the README and the
instructor say 8888; `make lab` also passes ``--ServerApp.port_retries=0``.
"""

from __future__ import annotations

import socket
import sys


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def main(argv: list[str]) -> int:
    text = argv[1] if len(argv) > 1 else ""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        print(f"PORT must be a number from 1 to 65535; got {text!r}. Example: make lab PORT=9000", file=sys.stderr)
        return 2
    if not port_is_free(int(text)):
        print(
            f"Port {text} on 127.0.0.1 is already in use (another JupyterLab?). Stop it, or choose another "
            f"port: make lab PORT={int(text) + 1000}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
