#!/usr/bin/env python3
"""Benchmark the course: notebook wall times and kernel memory, the dropout-mask throughput, the budgets.

    .venv/bin/python scripts/bench.py                  # make bench: writes results/bench.md + bench.json
    .venv/bin/python scripts/bench.py --check          # make bench-check: exit 1 when a budget is exceeded
    .venv/bin/python scripts/bench.py --make-test      # also time `make test` in a clean clone (slow)

Every notebook is executed ``--repeats`` times (3 by default), each time in a fresh kernel on a
copy (``scripts/notebook_runs.py``; the committed notebooks are not touched), round-robin so that
a burst of load from other programs is spread over the notebooks. Reported per notebook: the
median wall time from kernel start to shutdown, and the peak resident memory (RSS) of the kernel's
process tree, sampled with psutil (plus Linux's own high-water mark). The course's time is the
sum of the medians.

Then ``helpers.mask_speed.measure_mask_speed`` times the five ways to apply a dropout mask side by
side in one separate process (the notebook 02 comparison), and the ratios are reported.

Budgets (2-core CPU, no GPU): each notebook <= 60 s, the course <= 300 s, peak kernel RSS <= 2 GB
(2e9 bytes), ``make test`` from a clean clone <= 600 s (only when measured with ``--make-test``).
``--check`` reads ``results/bench.json`` (running the bench first when there is none) and also
fails when a notebook's code has changed since it was measured or a notebook was never measured.
These are benchmarks, not unit tests: they run when asked, never inside ``make test``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
RESULTS = REPO / "results"
SCHEMA = 1

#: The packages whose versions the report records.
PACKAGES: tuple[str, ...] = (
    "tensorflow",
    "keras",
    "numpy",
    "matplotlib",
    "ipykernel",
    "ipywidgets",
    "jupyterlab",
    "nbclient",
    "nbformat",
    "nbval",
    "pytest",
    "hypothesis",
    "psutil",
)

#: The mask-throughput ratios reported: (faster, slower), "how many times faster".
MASK_RATIOS: tuple[tuple[str, str], ...] = (
    ("fast", "numpy"),
    ("fast", "tf.nn.dropout"),
    ("fast", "keras"),
    ("tf.nn.dropout", "keras"),
    ("copy", "numpy"),
    ("copy", "fast"),
    ("copy", "tf.nn.dropout"),
    ("copy", "keras"),
)

#: The dropout rate of the mask-throughput comparison.
MASK_RATE = 0.5


@dataclass(frozen=True)
class Budgets:
    """The course's speed and memory budgets on a 2-core CPU without a GPU."""

    notebook_seconds: float = 60.0
    course_seconds: float = 300.0
    kernel_rss_bytes: int = 2_000_000_000
    make_test_seconds: float = 600.0
    #: notebook 02's target: the fast from-scratch mask at least this many times tf.nn.dropout at 4 M elements
    fast_mask_speedup: float = 2.0
    fast_mask_elements: int = 2**22


BUDGETS = Budgets()


# ---------------------------------------------------------------- pure logic (unit-tested) ----


def median(values: list[float]) -> float:
    """The median of a non-empty list of numbers."""
    if not values:
        raise ValueError("values must hold at least one number")
    return float(statistics.median(values))


def code_fingerprint(path: Path) -> str:
    """SHA-256 of a notebook's code cells' sources: what the timing depends on (outputs excluded)."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    sources = [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in notebook.get("cells", [])
        if cell.get("cell_type") == "code"
    ]
    return hashlib.sha256(json.dumps(sources).encode("utf-8")).hexdigest()


def summarise_notebook(name: str, walls: list[float], peaks: list[int], fingerprint: str) -> dict:
    """One notebook's entry in the report from its runs."""
    if len(walls) != len(peaks) or not walls:
        raise ValueError(f"walls and peaks must be equally long and non-empty; got {len(walls)} and {len(peaks)}")
    return {
        "notebook": name,
        "code_sha256": fingerprint,
        "wall_seconds": [round(w, 3) for w in walls],
        "median_seconds": round(median(walls), 3),
        "peak_rss_bytes": [int(p) for p in peaks],
        "max_peak_rss_bytes": int(max(peaks)),
        "error": None,
    }


def course_summary(notebooks: list[dict]) -> dict:
    """The whole course: the sum of the notebooks' medians and the largest kernel peak."""
    measured = [entry for entry in notebooks if entry.get("error") is None]
    return {
        "median_seconds": round(sum(entry["median_seconds"] for entry in measured), 3),
        "max_peak_rss_bytes": max((entry["max_peak_rss_bytes"] for entry in measured), default=0),
        "notebooks": len(notebooks),
        "failed": len(notebooks) - len(measured),
    }


def mask_ratios(timings: list[dict], pairs: tuple[tuple[str, str], ...] = MASK_RATIOS) -> list[dict]:
    """For each size and (faster, slower) pair present: slower's median time / faster's."""
    seconds = {(t["method"], int(t["n_elements"])): float(t["seconds"]) for t in timings}
    sizes = sorted({size for _, size in seconds})
    ratios = []
    for size in sizes:
        for faster, slower in pairs:
            if (faster, size) in seconds and (slower, size) in seconds and seconds[(faster, size)] > 0:
                ratio = seconds[(slower, size)] / seconds[(faster, size)]
                ratios.append({"n_elements": size, "faster": faster, "slower": slower, "ratio": round(ratio, 3)})
    return ratios


_REQUIRED = {
    "schema": int,
    "created": str,
    "machine": dict,
    "packages": dict,
    "repeats": int,
    "budgets": dict,
    "notebooks": list,
    "course": dict,
}
_REQUIRED_NOTEBOOK = {"notebook": str, "code_sha256": str, "median_seconds": (int, float), "max_peak_rss_bytes": int}


def validate_report(report: object) -> dict:
    """Check a bench report's shape; raise ValueError naming the first problem."""
    if not isinstance(report, dict):
        raise ValueError(f"a bench report must be a JSON object; got {type(report).__name__}")
    for key, kind in _REQUIRED.items():
        if key not in report:
            raise ValueError(f"bench report: missing key {key!r}")
        if not isinstance(report[key], kind) or isinstance(report[key], bool):
            raise ValueError(f"bench report: {key!r} must be {kind.__name__}; got {type(report[key]).__name__}")
    if report["schema"] != SCHEMA:
        raise ValueError(f"bench report: schema {report['schema']} is not {SCHEMA}; run `make bench` again")
    for index, entry in enumerate(report["notebooks"]):
        if not isinstance(entry, dict):
            raise ValueError(f"bench report: notebooks[{index}] must be an object")
        if entry.get("error") is not None:
            if not isinstance(entry.get("notebook"), str):
                raise ValueError(f"bench report: notebooks[{index}] has no notebook name")
            continue
        for key, kind in _REQUIRED_NOTEBOOK.items():
            value = entry.get(key)
            if not isinstance(value, kind) or isinstance(value, bool):
                raise ValueError(f"bench report: notebooks[{index}].{key} is missing or not a number/text")
            if kind is not str and value < 0:
                raise ValueError(f"bench report: notebooks[{index}].{key} is negative")
    return report


def load_report(path: Path) -> dict:
    """Read and validate ``results/bench.json`` (or another report)."""
    try:
        report = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path} is not valid JSON ({error}); run `make bench` again") from error
    return validate_report(report)


def check_budgets(
    report: dict,
    budgets: Budgets = BUDGETS,
    *,
    current: dict[str, str] | None = None,
    allow_stale: bool = False,
) -> tuple[list[str], list[str]]:
    """Return (violations, warnings) for a validated report.

    ``current`` maps each notebook now in the repository to its :func:`code_fingerprint`; a notebook
    missing from the report, or whose code changed since it was measured, is a violation (a warning
    with ``allow_stale``). A value equal to its budget is within it.
    """
    violations: list[str] = []
    warnings: list[str] = []
    for entry in report["notebooks"]:
        name = entry["notebook"]
        if entry.get("error") is not None:
            violations.append(f"{name}: failed during the bench: {entry['error']}")
            continue
        if entry["median_seconds"] > budgets.notebook_seconds:
            violations.append(f"{name}: median {entry['median_seconds']:.1f} s > {budgets.notebook_seconds:g} s")
        if entry["max_peak_rss_bytes"] > budgets.kernel_rss_bytes:
            violations.append(
                f"{name}: peak kernel RSS {entry['max_peak_rss_bytes'] / 1e6:,.0f} MB "
                f"> {budgets.kernel_rss_bytes / 1e6:,.0f} MB"
            )
    course_seconds = sum(entry["median_seconds"] for entry in report["notebooks"] if entry.get("error") is None)
    if course_seconds > budgets.course_seconds:
        violations.append(f"course: {course_seconds:.1f} s > {budgets.course_seconds:g} s")
    masks = report.get("mask_throughput")
    if isinstance(masks, dict) and not masks.get("error"):
        target = [
            r["ratio"]
            for r in masks.get("ratios", [])
            if (r["faster"], r["slower"], r["n_elements"]) == ("fast", "tf.nn.dropout", budgets.fast_mask_elements)
        ]
        if not target:
            warnings.append("the fast mask was not compared with tf.nn.dropout at 4 M elements")
        elif target[0] < budgets.fast_mask_speedup:
            violations.append(
                f"fast mask: {target[0]:.2f}x tf.nn.dropout at 4 M elements < the {budgets.fast_mask_speedup:g}x target"
            )
    else:
        warnings.append("the dropout-mask throughput was not measured")
    make_test = report.get("make_test")
    if isinstance(make_test, dict):
        if make_test.get("returncode") != 0:
            violations.append(f"make test (clean clone) failed with exit status {make_test.get('returncode')}")
        elif make_test.get("seconds", 0) > budgets.make_test_seconds:
            violations.append(
                f"make test (clean clone): {make_test['seconds']:.0f} s > {budgets.make_test_seconds:g} s"
            )
    else:
        warnings.append("make test from a clean clone was not timed (scripts/bench.py --make-test)")
    if current is not None:
        measured = {entry["notebook"]: entry.get("code_sha256") for entry in report["notebooks"]}
        stale = []
        for name, fingerprint in current.items():
            if name not in measured:
                stale.append(f"{name}: not in the bench report (run `make bench`)")
            elif measured[name] not in (None, fingerprint):
                stale.append(f"{name}: code changed since it was measured (run `make bench`)")
        for name in sorted(set(measured) - set(current)):
            warnings.append(f"{name}: measured but no longer in notebooks/")
        (warnings if allow_stale else violations).extend(stale)
    return violations, warnings


def _mb(value: int) -> str:
    return f"{value / 1e6:,.0f}"


def _size_label(n: int) -> str:
    for unit, scale in (("M", 2**20), ("K", 2**10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return str(n)


def render_markdown(report: dict, budgets: Budgets = BUDGETS) -> str:
    """The report as Markdown: machine, notebook table with budgets, mask throughput, packages."""
    machine = report["machine"]
    lines = [
        "# Benchmark: notebook run times, kernel memory, dropout-mask throughput",
        "",
        f"Measured {report['created']} by `make bench` (`scripts/bench.py`).",
        "",
        f"- Machine: {machine.get('cpu_count')} CPUs (`os.cpu_count()`; {machine.get('cpus_usable')} usable by the "
        f"bench), {machine.get('cpu_model', 'unknown CPU')}, {machine.get('memory_total_bytes', 0) / 1e9:.1f} GB RAM, "
        f"{machine.get('platform')}, Python {machine.get('python')}.",
        f"- Load average (1 min) at start {machine.get('load_average_start', ['?'])[0]}, "
        f"at end {machine.get('load_average_end', ['?'])[0]}.",
    ]
    if report.get("note"):
        lines.append(f"- Note: {report['note']}")
    lines += [
        f"- Each notebook ran {report['repeats']} times, each in a fresh kernel (wall time from kernel start to "
        "shutdown; median reported); memory is the peak RSS of the kernel's process tree.",
        "",
        "## Notebooks",
        "",
        "| notebook | median wall (s) | runs (s) | peak kernel RSS (MB) | within budget |",
        "|---|---:|---|---:|---|",
    ]
    for entry in report["notebooks"]:
        if entry.get("error") is not None:
            lines.append(f"| {entry['notebook']} | failed | | | no: {entry['error']} |")
            continue
        ok = (
            entry["median_seconds"] <= budgets.notebook_seconds
            and entry["max_peak_rss_bytes"] <= budgets.kernel_rss_bytes
        )
        runs = ", ".join(f"{w:.1f}" for w in entry["wall_seconds"])
        lines.append(
            f"| {entry['notebook']} | {entry['median_seconds']:.1f} | {runs} | {_mb(entry['max_peak_rss_bytes'])} "
            f"| {'yes' if ok else '**no**'} |"
        )
    course = report["course"]
    course_ok = course["median_seconds"] <= budgets.course_seconds and not course.get("failed")
    lines += [
        f"| **course** (sum of medians) | **{course['median_seconds']:.1f}** | | {_mb(course['max_peak_rss_bytes'])} "
        f"(largest) | {'yes' if course_ok else '**no**'} |",
        "",
        f"Budgets: each notebook <= {budgets.notebook_seconds:g} s, the course <= {budgets.course_seconds:g} s, "
        f"peak kernel RSS <= {_mb(budgets.kernel_rss_bytes)} MB, `make test` from a clean clone "
        f"<= {budgets.make_test_seconds:g} s.",
    ]
    make_test = report.get("make_test")
    if isinstance(make_test, dict):
        lines += ["", f"`make test` in a clean clone: {make_test.get('seconds', 0):.0f} s, "
                  f"exit status {make_test.get('returncode')}."]  # fmt: skip
    masks = report.get("mask_throughput")
    lines += ["", "## Dropout-mask throughput (notebook 02's comparison)", ""]
    if not isinstance(masks, dict) or masks.get("error"):
        reason = masks.get("error") if isinstance(masks, dict) else "not measured (--no-masks)"
        lines.append(f"Not available: {reason}")
    else:
        timings = masks["timings"]
        methods = list(dict.fromkeys(t["method"] for t in timings))
        sizes = sorted({int(t["n_elements"]) for t in timings})
        by_key = {(t["method"], int(t["n_elements"])): t for t in timings}
        lines += [
            f"Million float32 elements per second, median of {masks.get('repeats')} interleaved samples "
            f"(rate {masks.get('rate')}); `helpers.mask_speed.measure_mask_speed`, one process, side by side.",
            "",
            "| elements | " + " | ".join(masks.get("labels", {}).get(m, m) for m in methods) + " |",
            "|---:|" + "---:|" * len(methods),
        ]
        for size in sizes:
            cells = [
                f"{by_key[(m, size)]['n_elements'] / by_key[(m, size)]['seconds'] / 1e6:,.0f}"
                if (m, size) in by_key
                else "-"
                for m in methods
            ]
            lines.append(f"| {_size_label(size)} | " + " | ".join(cells) + " |")
        ratios = masks.get("ratios", [])
        if ratios:
            pairs = list(dict.fromkeys((r["faster"], r["slower"]) for r in ratios))
            lines += [
                "",
                "Ratios (the second method's time / the first's: how many times faster the first is):",
                "",
                "| elements | " + " | ".join(f"{a} vs {b}" for a, b in pairs) + " |",
                "|---:|" + "---:|" * len(pairs),
            ]
            table = {(r["n_elements"], r["faster"], r["slower"]): r["ratio"] for r in ratios}
            for size in sorted({r["n_elements"] for r in ratios}):
                cells = [f"{table[(size, a, b)]:.2f}" if (size, a, b) in table else "-" for a, b in pairs]
                lines.append(f"| {_size_label(size)} | " + " | ".join(cells) + " |")
    lines += ["", "## Packages", "", "| package | version |", "|---|---|"]
    lines += [f"| {name} | {version} |" for name, version in report["packages"].items()]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------- measurement ----


def package_versions(names: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    """Installed versions (without importing the packages), and Python's."""
    versions = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine_description() -> dict:
    """CPU count (and the CPUs this process may use), model, memory, platform, load average."""
    import psutil

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "cpu_model": _cpu_model(),
        "memory_total_bytes": int(psutil.virtual_memory().total),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }


_MASK_PROBE = """
import json, sys
from helpers import course
course.quiet_tensorflow()
from helpers import mask_speed
kwargs = json.loads(sys.argv[1])
timings = mask_speed.measure_mask_speed(**kwargs)
print("MASK-SPEED-JSON " + json.dumps({"timings": [t.as_dict() for t in timings], "labels": mask_speed.METHODS}))
"""


def measure_masks(repeats: int, sizes: list[int] | None, timeout: int = 900) -> dict:
    """Run ``helpers.mask_speed.measure_mask_speed`` in a separate Python process; return its table and ratios."""
    kwargs: dict = {"repeats": repeats, "rate": MASK_RATE}
    if sizes:
        kwargs["sizes"] = sizes
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-c", _MASK_PROBE, json.dumps(kwargs)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"helpers.mask_speed took longer than {timeout} s"}
    lines = [line for line in result.stdout.splitlines() if line.startswith("MASK-SPEED-JSON ")]
    if result.returncode != 0 or not lines:
        tail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"helpers.mask_speed failed (exit {result.returncode}): {tail}"}
    payload = json.loads(lines[-1].split(" ", 1)[1])
    return {
        "timings": payload["timings"],
        "labels": payload["labels"],
        "ratios": mask_ratios(payload["timings"]),
        "repeats": repeats,
        "rate": MASK_RATE,
        "seconds": round(time.perf_counter() - start, 1),
    }


def run_notebooks(paths: list[Path], repeats: int, timeout: int) -> list[dict]:
    """Execute each notebook ``repeats`` times, round-robin, in fresh kernels; one entry per notebook."""
    from notebook_runs import prepare_kernel_environment, run_copy

    prepare_kernel_environment()
    walls: dict[Path, list[float]] = {path: [] for path in paths}
    peaks: dict[Path, list[int]] = {path: [] for path in paths}
    errors: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for repeat in range(1, repeats + 1):
            for path in paths:
                if path in errors:
                    continue
                try:
                    run = run_copy(path, Path(scratch) / f"{path.stem}-{repeat}", timeout=timeout)
                except Exception as error:  # a failing notebook is reported, the others still measured
                    errors[path] = f"{type(error).__name__}: {(str(error).strip().splitlines() or [''])[0][:200]}"
                    print(f"  {path.name} run {repeat}: FAILED {errors[path]}", flush=True)
                    continue
                walls[path].append(run.wall_seconds)
                peaks[path].append(run.peak_rss_bytes)
                print(
                    f"  {path.name} run {repeat}/{repeats}: {run.wall_seconds:.1f} s, "
                    f"peak RSS {run.peak_rss_bytes / 1e6:,.0f} MB",
                    flush=True,
                )
    entries = []
    for path in paths:
        fingerprint = code_fingerprint(path)
        if path in errors:
            entries.append({"notebook": path.name, "code_sha256": fingerprint, "error": errors[path]})
        else:
            entries.append(summarise_notebook(path.name, walls[path], peaks[path], fingerprint))
    return entries


def time_make_test(timeout: int = 3600) -> dict:
    """Clone the repository's committed state into a scratch folder and time `make test` there.

    The clone gets its own .venv, installed from pip's cache (warm after the first setup).
    """
    with tempfile.TemporaryDirectory(prefix="bench-make-test-") as scratch:
        clone = Path(scratch) / "course"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "JUPYTER_PATH", "PYTHONPATH")}
        start = time.perf_counter()
        try:
            result = subprocess.run(["make", "test"], cwd=clone, env=env, timeout=timeout, check=False)
            code = result.returncode
        except subprocess.TimeoutExpired:
            code = "timeout"
        return {"seconds": round(time.perf_counter() - start, 1), "returncode": code, "commit": _head_commit()}


def _head_commit() -> str:
    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False)
    return result.stdout.strip() or "unknown"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def run_bench(args: argparse.Namespace) -> dict:
    from notebook_runs import discover_notebooks

    paths = discover_notebooks(args.notebooks)
    if not paths:
        raise SystemExit("bench: no notebooks found")
    report: dict = {
        "schema": SCHEMA,
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _head_commit(),
        "note": args.note,
        "machine": machine_description(),
        "packages": package_versions(),
        "repeats": args.repeats,
        "budgets": asdict(BUDGETS),
    }
    print(f"bench: {len(paths)} notebooks x {args.repeats} fresh runs", flush=True)
    report["notebooks"] = run_notebooks(paths, args.repeats, args.timeout)
    report["course"] = course_summary(report["notebooks"])
    if args.no_masks:
        report["mask_throughput"] = None
    else:
        print("bench: dropout-mask throughput (helpers.mask_speed)", flush=True)
        report["mask_throughput"] = measure_masks(args.mask_repeats, args.mask_sizes)
    if args.make_test:
        print("bench: `make test` in a clean clone", flush=True)
        report["make_test"] = time_make_test()
    report["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    return validate_report(report)


def check(results: Path, *, allow_stale: bool, budgets: Budgets = BUDGETS) -> int:
    """Print the budget verdict for ``results/bench.json``; 0 when within every budget, 1 when not."""
    from notebook_runs import discover_notebooks

    report = load_report(results / "bench.json")
    current = {path.name: code_fingerprint(path) for path in discover_notebooks()}
    violations, warnings = check_budgets(report, budgets, current=current, allow_stale=allow_stale)
    for warning in warnings:
        print(f"bench-check: warning: {warning}")
    for violation in violations:
        print(f"bench-check: OVER BUDGET: {violation}")
    course = report["course"]
    print(
        f"bench-check: {len(report['notebooks'])} notebooks, course {course['median_seconds']:.1f} s, "
        f"largest kernel {course['max_peak_rss_bytes'] / 1e6:,.0f} MB (measured {report['created']}): "
        + ("FAIL" if violations else "within budget")
    )
    return 1 if violations else 0


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer; got {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to measure (default: all)")
    parser.add_argument("--repeats", type=_positive, default=3, help="fresh runs per notebook (default 3)")
    parser.add_argument("--timeout", type=_positive, default=600, help="seconds allowed per cell")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for bench.md and bench.json")
    parser.add_argument("--note", default="", help="a remark stored with the results (e.g. 'machine shared')")
    parser.add_argument("--no-masks", action="store_true", help="skip the dropout-mask throughput comparison")
    parser.add_argument("--mask-repeats", type=_positive, default=7, help="interleaved samples per mask method")
    parser.add_argument("--mask-sizes", type=_positive, nargs="+", default=None, help="array sizes (elements)")
    parser.add_argument("--make-test", action="store_true", help="also time `make test` in a clean clone (slow)")
    parser.add_argument("--check", action="store_true", help="check results/bench.json against the budgets")
    parser.add_argument("--allow-stale", action="store_true", help="with --check: changed notebooks only warn")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(SCRIPTS))

    if args.check:
        if not (args.results / "bench.json").is_file():
            print(f"bench-check: no {args.results / 'bench.json'}; running the bench first", flush=True)
            args.notebooks = []
            report = run_bench(args)
            write_atomically(args.results / "bench.json", json.dumps(report, indent=1) + "\n")
            write_atomically(args.results / "bench.md", render_markdown(report))
        try:
            return check(args.results, allow_stale=args.allow_stale)
        except ValueError as error:
            print(f"bench-check: {error}", file=sys.stderr)
            return 2

    report = run_bench(args)
    if args.notebooks:
        print("bench: a subset of the notebooks was measured; results/ is left alone")
        print(render_markdown(report))
        return 0
    write_atomically(args.results / "bench.json", json.dumps(report, indent=1) + "\n")
    write_atomically(args.results / "bench.md", render_markdown(report))
    print(render_markdown(report))
    violations, _ = check_budgets(report)
    print("bench: " + ("; ".join(violations) if violations else "every budget met") + " (`make bench-check` gates)")
    return 1 if report["course"]["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
