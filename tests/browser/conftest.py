"""Fixtures for the real-browser test: one JupyterLab server, one headless Chromium and one JupyterLab page
per test process (``make browser`` runs two, with pytest-xdist: two notebooks at a time on 2 cores).

JupyterLab runs on 127.0.0.1 with a random free port and a random token, serving a temporary copy of
``notebooks/`` (Run All must never overwrite the committed notebooks), with its own settings and
workspace folders, the course's kernel spec, and without ``DROPOUT_COURSE_BATCH``: the browser sees
what a learner sees, progress bars included. Chromium is Debian's (``make browser-deps``), driven by
the ``playwright`` package with ``executable_path`` (``playwright install`` is not used).

Under pytest-xdist each worker has its own server (its own free port, temporary folder, settings,
workspace and runtime folders, log ``build/browser-jupyterlab-<worker>.log``), browser and page; the
static site is built once per run and shared. The workers send their measurements to the controller
(``workeroutput``), which alone writes build/browser_phases.json, build/browser-report.json and the
times. Tests run longest first (the notebooks by their last recorded Run All), so the run ends on short
ones.

Environment:
    CHROMIUM                   path of the browser (default: ``chromium`` on PATH, else /usr/bin/chromium)
    BROWSER_NOTEBOOKS          space-separated notebook paths to test instead of notebooks/NN_*.ipynb
    DROPOUT_COURSE_REQUIRE_BROWSER=1 (or CI set)   fail instead of skipping when Chromium or Playwright is missing
    BROWSER_FULL=1             the full mode (``make browser-full``): Run All in every notebook, every cell
                               watched for progress, instead of the stored notebooks with their set-up and
                               widget cells run live (test_notebooks_in_lab.py)
    BROWSER_RECORD_TIMES=1     with BROWSER_FULL=1, also write the Run All times to results/browser_times.json
                               and .md (the times of either mode are always written to build/browser_times.json)
    BROWSER_LONG_CELL_S        seconds after which a running cell must show progress (default 10; half of it
                               for the cells' nbval times, test_long_cells.py)
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "build"
#: this process's pytest-xdist worker ("gw0", ...), or "" when pytest runs alone
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
#: Run All in every notebook (``make browser-full``) instead of the stored notebooks' live cells
FULL = os.environ.get("BROWSER_FULL") == "1"
REPORT = BUILD / "browser-report.json"
SCREENSHOTS = BUILD / "screenshots"
ENABLE_HINT = (
    "install Debian's Chromium with `make browser-deps` (and the pinned requirements, which include playwright, "
    "with `make setup`)"
)

# JupyterLab settings for the test: no autosave, no news or update checks (the test runs offline).
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # every cell in the page (the default skips the layout of cells out of view), per-cell run times
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none", "recordTiming": True},
}


def _required() -> bool:
    return os.environ.get("DROPOUT_COURSE_REQUIRE_BROWSER") == "1" or bool(os.environ.get("CI"))


def _missing(reason: str) -> None:
    message = f"browser test not run: {reason}; to enable it, {ENABLE_HINT}"
    if _required():
        pytest.fail(message + " (DROPOUT_COURSE_REQUIRE_BROWSER or CI is set, so this is an error)", pytrace=False)
    pytest.skip(message)


def chromium_path() -> str | None:
    """The Chromium executable to drive, or None when there is none."""
    candidates = [os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def notebooks_to_test() -> list[Path]:
    """notebooks/NN_*.ipynb, or the paths in BROWSER_NOTEBOOKS."""
    chosen = os.environ.get("BROWSER_NOTEBOOKS", "").split()
    if chosen:
        return [Path(path).resolve() for path in chosen]
    return sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LabServer:
    """A running JupyterLab: its URL, token, served folder, and log file."""

    url: str
    token: str
    root: Path
    log: Path
    process: subprocess.Popen = field(repr=False)

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/notebooks/{name}?reset&token={self.token}"

    def shutdown_kernels(self) -> None:
        for session in self.api("/api/sessions") or []:
            self.api(f"/api/sessions/{session['id']}", method="DELETE")


def _server_environment(root: Path) -> dict[str, str]:
    from install_kernel import kernel_environment  # scripts/, on sys.path through the root conftest.py

    env = kernel_environment(batch=False)  # a learner's session: live progress bars, inline figures
    env.pop("PYTEST_XDIST_WORKER", None)
    settings = root / ".lab-settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(root / ".lab-workspaces")
    env["JUPYTER_CONFIG_DIR"] = str(root / ".jupyter-config")
    env["JUPYTER_RUNTIME_DIR"] = str(root / ".jupyter-runtime")
    return env


def start_lab(root: Path, log: Path, *, attempts: int = 3, timeout: float = 90.0) -> LabServer:
    """Start JupyterLab serving ``root``; return when /api/status answers."""
    token = secrets.token_hex(16)
    env = _server_environment(root)
    for _ in range(attempts):
        port = _free_port()
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
            "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False",
        ]  # fmt: skip
        if os.geteuid() == 0:
            command.append("--allow-root")
        with log.open("ab") as handle:
            process = subprocess.Popen(command, cwd=root, env=env, stdout=handle, stderr=subprocess.STDOUT)
        server = LabServer(f"http://127.0.0.1:{port}", token, root, log, process)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            try:
                server.api("/api/status")
                return server
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        process.terminate()
        process.wait(timeout=20)
    raise RuntimeError(f"JupyterLab did not start; see {log}")


@pytest.fixture(scope="session")
def playwright_browser() -> Iterator[object]:
    """Headless Debian Chromium through Playwright (skipped, naming `make browser-deps`, when missing)."""
    executable = chromium_path()
    if executable is None:
        _missing("Chromium was not found (set CHROMIUM or install it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright Python package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory, playwright_browser) -> Iterator[LabServer]:
    """JupyterLab over a temporary copy of the notebooks under test."""
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    for path in notebooks_to_test():
        shutil.copy2(path, root / "notebooks" / path.name)
    BUILD.mkdir(exist_ok=True)
    log = BUILD / f"browser-jupyterlab{'-' + WORKER if WORKER else ''}.log"
    log.write_bytes(b"")
    server = start_lab(root, log)
    try:
        yield server
    finally:
        try:
            server.shutdown_kernels()
        except (urllib.error.URLError, OSError):
            pass
        server.process.terminate()
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()


def new_page(playwright_browser) -> tuple[object, list[str]]:
    """A page of a new 1366x768 context that may load nothing but the local server; and the list of
    URLs it tried to load from elsewhere."""
    context = playwright_browser.new_context(viewport={"width": 1366, "height": 768})
    outside: list[str] = []

    def offline(route) -> None:  # everything the page needs comes from the local server
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", offline)
    return context.new_page(), outside


class LabPage:
    """One JupyterLab page reused by the notebooks of a process (loading JupyterLab costs seconds).

    ``get()`` returns the page and the URLs it requested from outside (emptied for each test);
    ``discard()`` after a failed test closes it, so the next test starts on a fresh page."""

    def __init__(self, playwright_browser) -> None:
        self.browser, self.page, self.outside = playwright_browser, None, []

    def get(self) -> tuple[object, list[str]]:
        if self.page is None:
            self.page, self.outside = new_page(self.browser)
        self.outside.clear()
        return self.page, self.outside

    def discard(self) -> None:
        if self.page is not None:
            page, self.page = self.page, None
            page.context.close()


@pytest.fixture(scope="session")
def lab_page(playwright_browser) -> Iterator[LabPage]:
    """This process's JupyterLab page (see LabPage)."""
    holder = LabPage(playwright_browser)
    try:
        yield holder
    finally:
        holder.discard()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static pages (scripts/build_html.py, what `make html` runs) in a temporary folder, built once
    per run: pytest-xdist workers share the run's base folder and take turns through a lock."""
    import build_html  # scripts/, on sys.path through the root conftest.py

    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if WORKER else shared
    output, done = shared / "static" / "html", shared / "static" / "built"
    with (shared / "static.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits here while the pages are built
        if not done.is_file():
            build_html.build(output, sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")))  # every page: links
            done.write_text("", encoding="utf-8")
    return output


#: notebook name -> what the test measured (Run All seconds, cells over the progress threshold, ...)
TIMINGS: dict[str, dict] = {}
#: notebook name -> phase -> wall seconds (build/browser_phases.json, with each test's whole time)
PHASES: dict[str, dict[str, float]] = {}
#: notebook name -> what the screen checks measured (build/browser-report.json)
REPORT_ENTRIES: dict[str, dict] = {}
#: how many processes ran the notebooks (pytest-xdist workers seen by the controller; 1 alone)
WORKERS: set[str] = set()


def _expected_seconds(item: pytest.Item) -> float:
    """How long ``item`` is expected to take, to run the longest first: a notebook 60 s plus its last
    recorded Run All (results/browser_times.json; a tenth of it without BROWSER_FULL, where the screen checks,
    which grow with the notebook, take most of the time), the self-test 60 s, a static page 5 s, the rest 0."""
    name = item.name.split("[")[-1].rstrip("]")
    if "notebook_runs_in_jupyterlab" in item.name:
        try:
            recorded = json.loads((REPO / "results" / "browser_times.json").read_text(encoding="utf-8"))
            return 60.0 + float(recorded["notebooks"][name]["run_all_s"]) * (1.0 if FULL else 0.1)
        except (OSError, ValueError, KeyError, TypeError):
            return 120.0 if FULL else 70.0
    if "checks_catch" in item.name:
        return 60.0
    return 5.0 if "static_page" in item.name else 0.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if all(Path(__file__).parent in item.path.parents for item in items):  # a browser-only run
        items.sort(key=_expected_seconds, reverse=True)  # stable: ties keep their order


def pytest_sessionfinish(session: pytest.Session) -> None:
    if hasattr(session.config, "workeroutput"):  # a pytest-xdist worker: hand the measurements over
        session.config.workeroutput["browser"] = {"timings": TIMINGS, "phases": PHASES, "report": REPORT_ENTRIES}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """On the pytest-xdist controller: merge what a worker measured."""
    measured = getattr(node, "workeroutput", {}).get("browser")
    if not measured:
        return
    WORKERS.add(node.gateway.id)
    TIMINGS.update(measured["timings"])
    REPORT_ENTRIES.update(measured["report"])
    for name, phases in measured["phases"].items():
        PHASES.setdefault(name, {}).update(phases)


def write_report() -> None:
    """Add REPORT_ENTRIES to build/browser-report.json (the entries of notebooks not tested stay)."""
    report = json.loads(REPORT.read_text(encoding="utf-8")) if REPORT.is_file() else {}
    report.update(REPORT_ENTRIES)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def pytest_runtest_logreport(report) -> None:
    if report.when == "call" or (report.when == "setup" and report.duration > 1):
        phases = PHASES.setdefault(report.nodeid.split("::")[-1], {})
        phases[f"test {report.when}"] = round(report.duration, 2)


def _seconds_run(entry: dict) -> float:
    return entry.get("run_all_s", entry.get("live_s", 0.0))


def record_times(path: Path) -> None:
    """Write TIMINGS as JSON at ``path`` and a small Markdown table beside it (``.md``)."""
    import platform

    path.parent.mkdir(parents=True, exist_ok=True)
    full = all(entry.get("mode", "full") == "full" for entry in TIMINGS.values())
    run = "Run All" if full else "the live cells (set-up and widget cells of the stored notebook)"
    record = {
        "what": f"{run} in JupyterLab with headless Debian Chromium (tests/browser), seconds from the "
        "command to the last cell done, kernel already started, "
        f"{max(len(WORKERS), 1)} notebook{'s' if len(WORKERS) > 1 else ''} at a time",
        "machine": f"{os.cpu_count()} CPU threads, {platform.machine()}, "
        f"load average {os.getloadavg()[0]:.1f} at the end",
        "long_cell_s": float(os.environ.get("BROWSER_LONG_CELL_S", "10")),
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "notebooks": {name: TIMINGS[name] for name in sorted(TIMINGS)},
    }
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# {'Run All' if full else 'Live cells'} in JupyterLab + Chromium",
        "",
        f"{record['what']}; {record['machine']}; measured {record['measured']} by "
        f"`make {'browser-full' if full else 'browser'}` "
        "(the machine may have been shared: expect up to 2x); the set-up cell is not counted.",
        "",
        f"| notebook | {'Run All' if full else 'live cells'} (s) | slowest cell (s) | "
        f"cells over {record['long_cell_s']:g} s showing progress |",
        "|---|---:|---:|---|",
    ]
    for name, entry in record["notebooks"].items():
        long_cells = [cell for cell in entry.get("long_cells", []) if not cell.get("setup")]  # set-up: exempt
        shown = sum(1 for cell in long_cells if cell["progress"])
        lines.append(
            f"| {name} | {_seconds_run(entry):.0f} | {entry.get('slowest_cell_s', 0):.0f} | "
            f"{shown} of {len(long_cells)} |"
        )
    total = sum(_seconds_run(entry) for entry in record["notebooks"].values())
    lines += [f"| total | {total:.0f} | | |", ""]
    path.with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")


def pytest_terminal_summary(terminalreporter) -> None:
    if hasattr(terminalreporter.config, "workerinput"):
        return  # a pytest-xdist worker: the controller writes the files
    if REPORT_ENTRIES:
        write_report()
    if PHASES:
        BUILD.mkdir(exist_ok=True)
        (BUILD / "browser_phases.json").write_text(json.dumps(PHASES, indent=2) + "\n", encoding="utf-8")
    if not TIMINGS:
        return
    terminalreporter.write_sep("-", f"browser: {'Run All' if FULL else 'live cells'} wall time per notebook")
    for name, entry in TIMINGS.items():
        terminalreporter.write_line(f"{name:<40} {_seconds_run(entry):6.1f} s")
    terminalreporter.write_line(f"{'total':<40} {sum(_seconds_run(e) for e in TIMINGS.values()):6.1f} s")
    record_times(BUILD / "browser_times.json")
    if os.environ.get("BROWSER_RECORD_TIMES") == "1":
        if FULL:  # results/ keeps the Run All times (the ordering above reads them)
            record_times(REPO / "results" / "browser_times.json")
            terminalreporter.write_line("written: results/browser_times.json and .md")
        else:
            terminalreporter.write_line("BROWSER_RECORD_TIMES=1 needs BROWSER_FULL=1 (make browser-full): not written")
