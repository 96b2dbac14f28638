#!/usr/bin/env python3
"""The seed ledger (make claims): run notebooks at many seeds, record every claim they check.

    .venv/bin/python scripts/run_claims.py [04] [--seeds 10] [--jobs 2]   # default: all with parameters

``SEED = s`` is injected after the cell tagged ``parameters``, for seeds 0 .. N-1 (``--seeds``, else
``# ledger seeds: N`` in that cell, else 10); every ``claims.Checker.that(...)`` is recorded and
merged into ``results/claims.json`` (these notebooks' entries replaced) and ``results/claims.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import platform
import re
import statistics
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

import execute_notebooks as runner
import nbformat

sys.path.insert(0, str(runner.REPO))
from helpers.claims import RECORD_ENV

REPO = runner.REPO
DEFAULT_SEEDS = 10
HEADER = """# The seed ledger

Written by `make claims` (`scripts/run_claims.py`); do not edit. Each claim a notebook checks, run at
every seed listed: how many seeds it holds for, and the recorded value (median, range). The
notebooks state a claim only as strongly as this table supports; `tests/test_claims.py` ties
the numbers in their text to `results/claims.json`.
"""


def parameters_cell(notebook: nbformat.NotebookNode) -> int | None:
    return next((i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])), None)


def run_at_seed(path: Path, seed: int, folder: Path, timeout: int) -> str | None:
    """(In a worker process.) Run a copy with ``SEED = seed`` after the parameters cell; None or the error."""
    os.environ[RECORD_ENV] = str(folder / f"{seed}.jsonl")
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(parameters_cell(notebook) + 1, nbformat.v4.new_code_cell(f"SEED = {seed}  # make claims"))
    nbformat.write(notebook, folder / f"{seed}.ipynb")
    try:
        runner.execute(folder / f"{seed}.ipynb", timeout)
    except Exception as error:
        return runner.describe(error)
    return None


def summarise(records: list[dict], seeds: list[int], errors: dict[int, str]) -> dict:
    """One notebook's ledger entry from its records, in seed order (a claim's sentence: its first)."""
    claims: dict[str, dict] = {}
    for record in records:
        entry = claims.setdefault(record["id"], {"sentence": record["sentence"], "per_seed": {}})
        entry["per_seed"][str(record["seed"])] = {key: record[key] for key in ("holds", "value", "shown")}
    for entry in claims.values():
        results = entry["per_seed"].values()
        entry["seeds"] = len(entry["per_seed"])
        entry["held"] = sum(result["holds"] for result in results)
        entry["held_at"] = sorted(int(seed) for seed, result in entry["per_seed"].items() if result["holds"])
        values = [result["value"] for result in results if result["value"] is not None]
        if values:
            entry["median"], entry["min"], entry["max"] = statistics.median(values), min(values), max(values)
    return {"seeds": seeds, "errors": {str(seed): text for seed, text in errors.items()}, "claims": claims}


def write_ledger(name: str, entry: dict, results: Path) -> None:
    """Put one notebook's entry into ``results/claims.json`` (under a lock) and rewrite claims.md."""
    ledger_path = results / "claims.json"
    packages = ("tensorflow", "keras", "numpy", "matplotlib")
    versions = {"python": platform.python_version(), **{package: metadata.version(package) for package in packages}}
    entry.update(date=dt.date.today().isoformat(), versions=versions)
    try:
        with open(results / "claims.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            ledger = json.loads(ledger_path.read_text(encoding="utf-8")) if ledger_path.exists() else {}
            ledger["notebooks"] = dict(sorted({**ledger.get("notebooks", {}), name: entry}.items()))
            markdown = report(ledger)  # before anything is written: the two files always agree
            runner.write_atomically(ledger_path, json.dumps(ledger, indent=1, ensure_ascii=False) + "\n")
            runner.write_atomically(results / "claims.md", markdown)
    finally:
        (results / "claims.lock").unlink(missing_ok=True)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"


def report(ledger: dict) -> str:
    lines = [HEADER]
    for name, entry in ledger.get("notebooks", {}).items():
        seeds, versions = entry["seeds"], ", ".join(f"{key} {value}" for key, value in entry["versions"].items())
        lines += [f"## {name}", "", f"Seeds {seeds[0]}-{seeds[-1]} ({len(seeds)}), {entry['date']}; {versions}.", ""]
        lines += [f"Runs that raised: {entry['errors']}", ""] if entry["errors"] else []
        lines += ["| claim | holds | median | range | sentence |", "|---|---|---|---|---|"]
        for claim_id, claim in entry["claims"].items():
            value_range = f"{_number(claim.get('min'))} to {_number(claim.get('max'))}" if "min" in claim else ""
            median, held = _number(claim.get("median")), f"{claim['held']}/{claim['seeds']}"
            lines.append(f"| `{claim_id}` | {held} | {median} | {value_range} | {claim['sentence']} |")
        lines.append("")
    return "\n".join(lines)


def run_notebook(path: Path, seeds: list[int], jobs: int, timeout: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="claims-") as scratch, ProcessPoolExecutor(jobs) as pool:
        futures = {seed: pool.submit(run_at_seed, path, seed, Path(scratch), timeout) for seed in seeds}
        errors = {seed: error for seed, future in futures.items() if (error := future.result())}
        files = [Path(scratch) / f"{seed}.jsonl" for seed in seeds]
        lines = [line for file in files if file.exists() for line in file.read_text(encoding="utf-8").splitlines()]
    return summarise([json.loads(line) for line in lines if line], seeds, errors)


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1 (``--seeds 0`` would write an empty ledger)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1; got {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = runner.runner_parser(__doc__, timeout=900)  # notebooks: numbers or names
    parser.add_argument("--seeds", type=_positive, default=None, help=f"seeds 0..N-1 (default {DEFAULT_SEEDS})")
    parser.add_argument("--jobs", type=_positive, default=2, help="notebook runs at once (default 2)")
    parser.add_argument("--results", type=Path, default=REPO / "results", help="instead of results/ (tests)")
    args = parser.parse_args(argv)
    chosen = [p for p in runner.discover_notebooks() if p.stem.startswith(tuple(args.notebooks or [""]))]
    notebooks = {path: nbformat.read(path, as_version=4) for path in chosen}
    notebooks = {path: nb.cells[i] for path, nb in notebooks.items() if (i := parameters_cell(nb)) is not None}
    if not notebooks:
        raise SystemExit("run_claims: no notebook with a cell tagged 'parameters' matches")
    runner.use_kernel_environment(batch=True, guard=True)
    # --jobs runs at once: one TensorFlow thread each (results hold under other thread counts)
    os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
    os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
    raised = False  # a notebook must run to the end at every seed: only the stored seed may fail a claim
    for path, cell in notebooks.items():
        wanted = re.search(r"#\s*ledger seeds:\s*(\d+)", cell.source)
        seeds = list(range(args.seeds or (int(wanted[1]) if wanted else DEFAULT_SEEDS)))
        entry = run_notebook(path, seeds, args.jobs, args.timeout)
        write_ledger(path.stem, entry, args.results)
        held = sum(claim["held"] == claim["seeds"] == len(seeds) for claim in entry["claims"].values())
        counts = f"{len(entry['claims'])} claims, {held} hold at all {len(seeds)} seeds"
        print(f"{path.stem}: {counts}; runs that raised (none may): {entry['errors'] or 'none'}", flush=True)
        raised |= bool(entry["errors"])
    print(f"wrote {args.results / 'claims.json'} and {args.results / 'claims.md'}")
    return 1 if raised else 0


if __name__ == "__main__":
    sys.exit(main())
