"""The offline guarantee: notebook kernels under ``make nbval`` cannot reach another machine.

``scripts/run_offline.py`` wraps the nbval run (see ``NBVAL`` in the Makefile); ``conftest.py``
gives the kernels ``tests/netguard`` on their path. These tests show that the guard blocks a
non-loopback connection and a name look-up, that loopback keeps working, and that the whole chain
(run_offline -> pytest --nbval -> conftest -> kernel) fails a notebook that downloads.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
NETGUARD_DIR = REPO / "tests" / "netguard"
RUN_OFFLINE = REPO / "scripts" / "run_offline.py"

sys.path.insert(0, str(NETGUARD_DIR))
import course_netguard  # noqa: E402  (lives in tests/netguard, which is not a package)

sys.path.remove(str(NETGUARD_DIR))


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DROPOUT_COURSE_OFFLINE", "PYTEST_"))}
    env.pop("PYTHONPATH", None)
    env.update(extra)
    return env


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "::ffff:127.0.0.1", "localhost", "LOCALHOST.", "", None],
)
def test_loopback_and_localhost_names_are_local(host: object) -> None:
    assert course_netguard.is_local_address(host)


@pytest.mark.parametrize(
    "host",
    ["192.0.2.1", "10.0.0.1", "8.8.8.8", "2001:db8::1", "::ffff:8.8.8.8", "example.com", "pypi.org", 42, b"1.1.1.1"],
)
def test_other_addresses_are_not_local(host: object) -> None:
    assert not course_netguard.is_local_address(host)


def test_own_host_name_is_local() -> None:
    assert course_netguard.is_local_address(socket.gethostname())


@pytest.fixture
def guarded():
    """The guard installed in this test process, removed afterwards."""
    course_netguard.install()
    try:
        yield
    finally:
        course_netguard.uninstall()
    assert not course_netguard.is_installed()


def test_guard_blocks_non_loopback_connect_at_once(guarded: None) -> None:
    with (
        socket.socket() as sock,
        pytest.raises(course_netguard.NetworkDisabledError, match="network access is disabled"),
    ):
        sock.connect(("192.0.2.1", 80))
    with socket.socket() as sock, pytest.raises(ConnectionError):
        sock.connect_ex(("192.0.2.1", 80))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock, pytest.raises(OSError, match="sendto"):
        sock.sendto(b"x", ("192.0.2.1", 53))


def test_guard_blocks_name_lookups_and_urllib(guarded: None) -> None:
    import urllib.error
    import urllib.request

    with pytest.raises(socket.gaierror, match=r"getaddrinfo of 'example\.com'"):
        socket.getaddrinfo("example.com", 443)
    with pytest.raises(OSError, match="gethostbyname"):
        socket.gethostbyname("pypi.org")
    with pytest.raises(urllib.error.URLError, match="network access is disabled"):
        urllib.request.urlopen("https://example.com/", timeout=5)


def test_guard_allows_loopback(guarded: None) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(("localhost", server.getsockname()[1]), timeout=5) as client:
            peer, _ = server.accept()
            client.sendall(b"ping")
            assert peer.recv(4) == b"ping"
            peer.close()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.sendto(b"x", ("127.0.0.1", 9))  # no error: loopback


def test_uninstall_restores_the_socket_module() -> None:
    original = socket.socket.connect, socket.getaddrinfo
    course_netguard.install()
    course_netguard.install()  # idempotent
    assert socket.socket.connect is not original[0]
    course_netguard.uninstall()
    assert (socket.socket.connect, socket.getaddrinfo) == original


def test_sitecustomize_guards_a_fresh_python_process() -> None:
    probe = textwrap.dedent(
        """
        import json, socket
        result = {}
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0)); server.listen(1)
            socket.create_connection(server.getsockname(), timeout=5).close()
            result["loopback"] = "ok"
        try:
            socket.create_connection(("192.0.2.1", 80), timeout=5)
            result["external"] = "connected"
        except OSError as error:
            result["external"] = type(error).__name__
        print(json.dumps(result))
        """
    )
    env = _clean_env(PYTHONPATH=str(NETGUARD_DIR))
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(out.stdout) == {"loopback": "ok", "external": "NetworkDisabledError"}


def _notebook(path: Path, source: str) -> None:
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(textwrap.dedent(source).strip())
    notebook.cells = [cell]
    nbformat.write(notebook, path)


def test_make_nbval_chain_fails_a_downloading_notebook_and_keeps_loopback(tmp_path: Path) -> None:
    """run_offline.py -> pytest --nbval -> conftest.py -> kernel: the Makefile's NBVAL path, end to end."""
    build = REPO / "build"
    build.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="netguard-", dir=build))  # under the repo, so conftest.py applies
    try:
        _notebook(
            folder / "downloads.ipynb",
            """
            import urllib.request
            urllib.request.urlopen("http://192.0.2.1/data.npz", timeout=10).read()
            """,
        )
        _notebook(
            folder / "loopback.ipynb",
            """
            import os, socket
            with socket.socket() as server:
                server.bind(("127.0.0.1", 0)); server.listen(1)
                socket.create_connection(server.getsockname(), timeout=5).close()
            assert os.environ["DROPOUT_COURSE_OFFLINE"] == "1"
            import sys
            assert sys.modules["course_netguard"].is_installed()  # imported by tests/netguard/sitecustomize.py
            """,
        )
        report = tmp_path / "report.xml"
        command = [
            sys.executable, str(RUN_OFFLINE), "--",
            sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider",
            "-n", "2", "--dist", "loadfile",  # as NBVAL in the Makefile: kernels started by xdist workers
            "-q", f"--junitxml={report}", str(folder),
        ]  # fmt: skip
        result = subprocess.run(command, cwd=REPO, env=_clean_env(), capture_output=True, text=True, timeout=300)
        outcomes = {}
        for case in ET.parse(report).iter("testcase"):
            failure = case.find("failure")
            stem = next(name for name in ("downloads", "loopback") if name in case.get("classname", ""))
            outcomes[stem] = "" if failure is None else failure.text or ""
        assert result.returncode == 1, result.stdout + result.stderr
        assert set(outcomes) == {"downloads", "loopback"}, outcomes
        assert outcomes["loopback"] == "", outcomes["loopback"]
        assert "network access is disabled" in outcomes["downloads"], outcomes["downloads"]
    finally:
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        folder.rmdir()


def test_network_namespace_layer_blocks_code_that_bypasses_python_sockets() -> None:
    """The second layer: in run_offline's namespace even the C-level socket module cannot get out."""
    probe = textwrap.dedent(
        """
        import _socket, errno, os
        if os.environ.get("DROPOUT_COURSE_NETNS_ACTIVE") != "1":
            print("no-namespace")
        else:
            sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
            sock.settimeout(5)
            print(errno.errorcode.get(sock.connect_ex(("192.0.2.1", 80)), "connected"))
        """
    )
    result = subprocess.run(
        [sys.executable, str(RUN_OFFLINE), "--", sys.executable, "-c", probe],
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    if result.stdout.strip() == "no-namespace":
        assert "not permitted" in result.stderr
        pytest.skip("unshare --net is not permitted here; the Python guard alone applies")
    assert result.stdout.strip() == "ENETUNREACH"


def test_required_namespace_can_be_demanded_and_skipped() -> None:
    skipped = subprocess.run(
        [
            sys.executable,
            str(RUN_OFFLINE),
            "--",
            sys.executable,
            "-c",
            "import os; print(os.environ['DROPOUT_COURSE_OFFLINE'])",
        ],
        env=_clean_env(DROPOUT_COURSE_NETNS="0"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert skipped.stdout.strip() == "1"
    assert "skipped" in skipped.stderr
    missing = subprocess.run([sys.executable, str(RUN_OFFLINE)], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "give the command" in missing.stderr
