#!/usr/bin/env python3
"""Benchmark the notebooks: median wall time of fresh-kernel runs (round-robin), peak kernel memory.

.venv/bin/python scripts/bench.py                # make bench: results/bench.md and results/bench.json
.venv/bin/python scripts/bench.py --check        # make bench-check: exit 1 over a budget, or when a
                                                 #   notebook's code changed since it was measured
.venv/bin/python scripts/bench.py --write-docs   # the medians into the docs' run times
.venv/bin/python scripts/bench.py --merge notebooks/08_*.ipynb   # measure only these notebooks and
                                                 #   replace their entries in results/bench.json
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import platform
import re
import statistics
import sys
import tempfile
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import execute_notebooks as runner

REPO = runner.REPO
BUDGETS = {"notebook_seconds": 45.0, "course_seconds": 300.0, "kernel_rss_bytes": 2_000_000_000}
#: Notebooks numbered from here on are Part II ("after the course"): the course budget is Part I's (00-07);
#: Part II's total is reported beside it (scripts/study_time.py splits the study times the same way).
PART_TWO_FROM = 8


def part_one(entries: list[dict]) -> list[dict]:
    return [e for e in entries if int(e["notebook"][:2]) < PART_TWO_FROM]


def code_fingerprint(path: Path) -> str:
    """SHA-256 of a notebook's code cells' sources: what the timing depends on (outputs excluded)."""
    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    sources = ["".join(c["source"]) for c in cells if c.get("cell_type") == "code"]
    return hashlib.sha256(json.dumps(sources).encode("utf-8")).hexdigest()


def summarise(name: str, fingerprint: str, runs: list[tuple[float, int]], error: str | None = None) -> dict:
    entry = {"notebook": name, "code_sha256": fingerprint}
    if error is None:
        walls = [wall for wall, _ in runs]
        entry.update(wall_seconds=[round(w, 3) for w in walls], median_seconds=round(statistics.median(walls), 3))
        entry["max_peak_rss_bytes"] = max(peak for _, peak in runs)
    return {**entry, "error": error}


def course_summary(entries: list[dict]) -> dict:
    measured = [e for e in entries if e.get("error") is None]
    first = part_one(measured)
    return {
        "median_seconds": round(sum(e["median_seconds"] for e in first), 3),
        "part_two_median_seconds": round(sum(e["median_seconds"] for e in measured if e not in first), 3),
        "max_peak_rss_bytes": max((e["max_peak_rss_bytes"] for e in measured), default=0),
        "failed": len(entries) - len(measured),
    }


def check_budgets(report: dict, current: dict[str, str] | None = None) -> list[str]:
    """The violations in a report; ``current`` maps each notebook now in the repository to its fingerprint."""
    violations = []
    for e in report["notebooks"]:
        name = e["notebook"]
        if e.get("error") is not None:
            violations.append(f"{name}: failed during the bench: {e['error']}")
            continue
        if e["median_seconds"] > BUDGETS["notebook_seconds"]:
            violations.append(f"{name}: median {e['median_seconds']:.1f} s > {BUDGETS['notebook_seconds']:g} s")
        if e["max_peak_rss_bytes"] > BUDGETS["kernel_rss_bytes"]:
            violations.append(f"{name}: peak kernel RSS {e['max_peak_rss_bytes'] / 1e6:,.0f} MB > 2,000 MB")
    total = course_summary(report["notebooks"])["median_seconds"]
    if total > BUDGETS["course_seconds"]:
        violations.append(f"course (00-07): {total:.1f} s > {BUDGETS['course_seconds']:g} s")
    measured = {e["notebook"]: e.get("code_sha256") for e in report["notebooks"]}
    for name, fingerprint in (current or {}).items():
        if measured.get(name) != fingerprint:
            violations.append(f"{name}: {'code changed since it was' if name in measured else 'never'} measured")
    return violations


def render_markdown(report: dict) -> str:
    m, course = report["machine"], report["course"]
    lines = [
        "# Benchmark: notebook run times and kernel memory",
        "",
        f"Measured {report['created']} by `make bench` (`scripts/bench.py`) on {m['cpus']} CPUs "
        f"({m['cpu_model']}), {m['platform']}, {m['versions']}; load average {m['load']}.",
        *([f"Note: {report['note']}"] if report.get("note") else []),
        f"Each notebook ran {report['repeats']} times in a fresh kernel (wall time from kernel start to shutdown, "
        "median reported); memory is the peak RSS of the kernel's processes.",
        "",
        "| notebook | median (s) | runs (s) | peak RSS (MB) | within budget |",
        "|---|---:|---|---:|---|",
    ]
    over = "\n".join(check_budgets(report)) + "\n"
    for e in report["notebooks"]:
        if e.get("error") is not None:
            lines.append(f"| {e['notebook']} | failed | | | no: {e['error']} |")
            continue
        runs, peak = ", ".join(f"{w:.1f}" for w in e["wall_seconds"]), e["max_peak_rss_bytes"] / 1e6
        ok = "**no**" if f"{e['notebook']}:" in over else "yes"
        lines.append(f"| {e['notebook']} | {e['median_seconds']:.1f} | {runs} | {peak:,.0f} | {ok} |")
    ok = "yes" if course["median_seconds"] <= BUDGETS["course_seconds"] and not course["failed"] else "**no**"
    total, peak = course["median_seconds"], course["max_peak_rss_bytes"] / 1e6
    lines += [f"| **course** (00-07, sum) | **{total:.1f}** | | {peak:,.0f} | {ok} |"]
    if course.get("part_two_median_seconds"):
        lines += [f"| Part II (08 onwards, sum) | {course['part_two_median_seconds']:.1f} | | | |"]
    budgets = "Budgets: each notebook <= 45 s, the course (00-07) <= 300 s, peak kernel RSS <= 2,000 MB."
    return "\n".join([*lines, ""]) + "\n" + budgets + "\n"


def run_bench(paths: list[Path], repeats: int, note: str, timeout: int = 600) -> dict:
    runner.use_kernel_environment(batch=True, guard=True)
    runs: dict[Path, list[tuple[float, int]]] = {path: [] for path in paths}
    errors: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for repeat, path in itertools.product(range(1, repeats + 1), paths):
            try:  # a failing notebook is reported; the others are still measured
                if path not in errors:
                    _, wall, peak = runner.run_copy(path, Path(scratch) / f"{path.stem}-{repeat}", timeout)
                    runs[path].append((wall, peak))
                    print(f"  {path.name} run {repeat}/{repeats}: {wall:.1f} s, peak {peak / 1e6:,.0f} MB", flush=True)
            except Exception as error:
                errors[path] = runner.describe(error)
                print(f"  {path.name} run {repeat}: FAILED {errors[path]}", flush=True)
    entries = [summarise(p.name, code_fingerprint(p), runs[p], errors.get(p)) for p in paths]
    cpuinfo = Path("/proc/cpuinfo")  # Linux only; elsewhere the CPU is "unknown"
    cpu = (
        re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(encoding="utf-8"), re.M) if cpuinfo.is_file() else None
    )
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("tensorflow", "keras", "numpy"))
    return {
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "note": note,
        "machine": {
            "cpus": os.cpu_count(),
            "cpu_model": cpu[1].strip() if cpu else platform.processor(),
            "platform": platform.platform(),
            "versions": f"Python {platform.python_version()}, {versions}",
            "load": round(os.getloadavg()[0], 2),
        },
        "repeats": repeats,
        "budgets": BUDGETS,
        "notebooks": entries,
        "course": course_summary(entries),
    }


def write_docs(report: dict) -> list[str]:
    """The medians into the guide's notebook table, the start page's course map and each notebook's "**Run
    time:**" (nearest 5 s); text sources only (`make sync` then carries them into the notebooks)."""
    medians = {entry["notebook"][:2]: entry["median_seconds"] for entry in report["notebooks"] if not entry["error"]}
    row = r"(\|\s*(?:\d:\d\d\s*\|\s*)?{n}\b[^\n]*\|\s*)\d+( s\s*\|)"
    changed = []
    for path in [REPO / "INSTRUCTOR_GUIDE.md", *sorted((REPO / "notebooks" / "src").glob("[0-9][0-9]_*.py"))]:
        text = original = path.read_text(encoding="utf-8")
        for number, median in medians.items():
            if path.parent.name != "src" or path.name.startswith("00_"):
                text = re.sub(row.format(n=number), rf"\g<1>{round(median)}\g<2>", text, count=1)
            elif path.name.startswith(number):
                rounded = max(5, round(median / 5) * 5)
                text = re.sub(r"(\*\*Run time:\*\* about )\d+( seconds)", rf"\g<1>{rounded}\g<2>", text)
        if text != original:
            path.write_text(text, encoding="utf-8")
            changed.append(path.relative_to(REPO).as_posix())
    return changed


def merge(old: dict, new: dict) -> dict:
    """``old`` with the entries of ``new``'s notebooks replaced (or added), in notebook order; each merged
    entry records when and under which load it was measured, and the note says which were merged."""
    fresh = {e["notebook"]: {**e, "measured": new["created"], "load": new["machine"]["load"]} for e in new["notebooks"]}
    kept = [e for e in old["notebooks"] if e["notebook"] not in fresh]
    entries = sorted([*kept, *fresh.values()], key=lambda e: e["notebook"])
    note = "; ".join(filter(None, [old.get("note", ""), f"{', '.join(sorted(fresh))} measured {new['created']}"]))
    return {**old, "note": note, "notebooks": entries, "course": course_summary(entries)}


def main(argv: list[str] | None = None) -> int:
    parser = runner.runner_parser(__doc__)  # notebooks given: measured and printed, results/ left alone
    parser.add_argument("--repeats", type=int, default=3, choices=range(1, 11), metavar="1..10")
    parser.add_argument("--note", default="", help="a remark stored with the results (e.g. 'machine shared')")
    parser.add_argument("--check", action="store_true", help="check results/bench.json against the budgets")
    parser.add_argument("--write-docs", action="store_true", help="copy results/bench.json's medians into the docs")
    parser.add_argument("--results", type=Path, default=REPO / "results", help="instead of results/ (tests)")
    parser.add_argument("--merge", action="store_true", help="with notebooks: replace their entries in bench.json")
    args = parser.parse_args(argv)
    if args.write_docs or args.check:
        try:
            report = json.loads((args.results / "bench.json").read_text(encoding="utf-8"))
            current = {path.name: code_fingerprint(path) for path in runner.discover_notebooks()}
            violations = check_budgets(report, current)
        except (OSError, ValueError, KeyError, TypeError) as error:
            print(f"bench: results/bench.json is missing or unreadable ({error!r}); run `make bench`")
            return 2
    if args.write_docs:
        print("\n".join(f"updated {path}" for path in write_docs(report)) or "docs already state the measured times")
        return 0
    if args.check:
        print("\n".join(f"bench-check: FAIL: {v}" for v in violations) or "bench-check: within budget")
        return 1 if violations else 0
    report = run_bench(runner.discover_notebooks(args.notebooks), args.repeats, args.note, args.timeout)
    print(render_markdown(report))
    if args.merge and args.notebooks:
        report = merge(json.loads((args.results / "bench.json").read_text(encoding="utf-8")), report)
    if args.merge or not args.notebooks:
        runner.write_atomically(args.results / "bench.json", json.dumps(report, indent=1) + "\n")
        runner.write_atomically(args.results / "bench.md", render_markdown(report))
    violations = check_budgets(report)
    print("bench: " + ("; ".join(violations) if violations else "every budget met"))
    return 1 if report["course"]["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
