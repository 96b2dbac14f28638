"""A network guard for notebook kernels: any connection that would leave this machine raises.

``tests/netguard/sitecustomize.py`` installs it in every Python process started with
``tests/netguard`` on ``PYTHONPATH``; ``scripts/run_offline.py`` (used by ``make nbval``) puts it
there for the notebook kernels. Loopback keeps working (the kernel talks to its client over
ZeroMQ on 127.0.0.1, and a notebook may run a local server); everything else fails at once:

* ``socket.connect`` / ``connect_ex`` / ``sendto`` / ``sendmsg`` to an address that is not
  loopback (127.0.0.0/8, ::1), for IPv4 and IPv6 sockets (Unix sockets are local and allowed);
* name look-ups (``socket.getaddrinfo``, ``gethostbyname``, ``gethostbyname_ex``) of any name
  other than ``localhost`` and this machine's own host name, so a download fails before DNS.

This layer sees Python code only (urllib, requests, ``keras.utils.get_file``, ``pip``...); a
program in C that opens its own sockets is caught by the second layer, a network namespace
without external interfaces (``unshare --net``), which ``scripts/run_offline.py`` adds where
the system permits it.
"""

from __future__ import annotations

import ipaddress
import socket

__all__ = ["ENV_FLAG", "NetworkDisabledError", "install", "is_installed", "is_local_address", "uninstall"]

#: Set to "1" by ``scripts/run_offline.py``; ``conftest.py`` then puts this folder on the kernels' path.
ENV_FLAG = "DROPOUT_COURSE_OFFLINE"

_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_INET_FAMILIES = frozenset({socket.AF_INET, getattr(socket, "AF_INET6", socket.AF_INET)})
_ORIGINALS: dict[tuple[object, str], object] = {}


class NetworkDisabledError(ConnectionRefusedError, socket.gaierror):
    """Raised instead of contacting another machine while the course's tests run offline."""


def _message(what: str) -> str:
    return (
        f"network access is disabled while the course's notebooks are tested ({what}); "
        "the course must run offline: use the data in data/ and nothing downloaded "
        "(guard: tests/netguard/course_netguard.py)"
    )


def _host_of(address: object) -> str | None:
    if isinstance(address, tuple) and address:
        host = address[0]
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        return str(host)
    return None


def is_local_address(host: object) -> bool:
    """True for loopback IP addresses (127.0.0.0/8, ::1, IPv4-mapped loopback) and localhost names.

    ``None`` and ``""`` (the wildcard used when binding) count as local; so does this machine's
    own host name, which resolves from /etc/hosts without any network.
    """
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip().strip("[]").split("%", 1)[0].rstrip(".").lower()
    if name in ("", *_LOCAL_NAMES) or name == socket.gethostname().lower():
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _is_numeric(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


def _check_address(sock: socket.socket, address: object, action: str) -> None:
    if sock.family not in _INET_FAMILIES:
        return  # Unix, netlink, ...: local by construction
    host = _host_of(address)
    if not is_local_address(host):
        raise NetworkDisabledError(_message(f"{action} to {address!r}"))


def _check_name(host: object, action: str) -> None:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    # A numeric address needs no DNS; its connection, if any, is checked by connect().
    if isinstance(host, str) and _is_numeric(host):
        return
    if not is_local_address(host):
        raise NetworkDisabledError(_message(f"{action} of {host!r}"))


def _patch(owner: object, name: str, replacement: object) -> None:
    _ORIGINALS[(owner, name)] = getattr(owner, name)
    setattr(owner, name, replacement)


def is_installed() -> bool:
    """True while the guard is active in this process."""
    return bool(_ORIGINALS)


def install() -> None:
    """Activate the guard in this process (idempotent)."""
    if is_installed():
        return
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto
    real_sendmsg = socket.socket.sendmsg
    real_getaddrinfo = socket.getaddrinfo
    real_gethostbyname = socket.gethostbyname
    real_gethostbyname_ex = socket.gethostbyname_ex

    def connect(self: socket.socket, address: object) -> None:
        _check_address(self, address, "connect")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        _check_address(self, address, "connect_ex")
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: bytes, *args: object) -> int:
        _check_address(self, args[-1] if args else None, "sendto")
        return real_sendto(self, data, *args)

    def sendmsg(self: socket.socket, buffers: object, *args: object) -> int:
        if len(args) >= 3 and args[2] is not None:
            _check_address(self, args[2], "sendmsg")
        return real_sendmsg(self, buffers, *args)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> list:
        _check_name(host, "getaddrinfo")
        return real_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host: object) -> str:
        _check_name(host, "gethostbyname")
        return real_gethostbyname(host)

    def gethostbyname_ex(host: object) -> tuple:
        _check_name(host, "gethostbyname_ex")
        return real_gethostbyname_ex(host)

    _patch(socket.socket, "connect", connect)
    _patch(socket.socket, "connect_ex", connect_ex)
    _patch(socket.socket, "sendto", sendto)
    _patch(socket.socket, "sendmsg", sendmsg)
    _patch(socket, "getaddrinfo", getaddrinfo)
    _patch(socket, "gethostbyname", gethostbyname)
    _patch(socket, "gethostbyname_ex", gethostbyname_ex)


def uninstall() -> None:
    """Restore the original socket functions (for tests of the guard itself)."""
    while _ORIGINALS:
        (owner, name), original = _ORIGINALS.popitem()
        setattr(owner, name, original)
