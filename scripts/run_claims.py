#!/usr/bin/env python3
"""The seed ledger: run notebooks at many seeds and record every claim they check.

    .venv/bin/python scripts/run_claims.py                      # every notebook with a parameters cell
    .venv/bin/python scripts/run_claims.py 04 --seeds 10 --jobs 2

Each notebook whose text source has a cell tagged ``parameters`` (papermill's convention) is run in
fresh kernels with ``SEED = s`` injected after that cell, for seeds 0 .. N-1. Every
``claims.Checker.that(...)`` call is recorded (``helpers/claims.py``). The results are merged into
``results/claims.json`` (the notebooks run now replace their old entries) and ``results/claims.md``:
per claim, the seeds it holds for, its value at each seed, median and range, with package versions
and the date. A maintainer's command (it takes a while), not part of ``make test``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from helpers.claims import LEDGER_PATH, RECORD_ENV  # noqa: E402

NOTEBOOKS = REPO / "notebooks"
REPORT_PATH = REPO / "results" / "claims.md"
#: Seeds per notebook unless the notebook's parameters cell says ``# ledger seeds: N``.
DEFAULT_SEEDS = 10


def parameter_notebooks(selection: list[str]) -> list[Path]:
    """Notebooks (in course order) that have a cell tagged ``parameters``, filtered by number/name."""
    found = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        if selection and not any(path.stem.startswith(item) for item in selection):
            continue
        notebook = nbformat.read(path, as_version=4)
        if any("parameters" in cell.metadata.get("tags", []) for cell in notebook.cells):
            found.append(path)
    return found


def seeds_wanted(path: Path) -> int:
    """``# ledger seeds: N`` in the parameters cell, else DEFAULT_SEEDS (20 where a run is cheap)."""
    import re

    notebook = nbformat.read(path, as_version=4)
    cell = next(cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", []))
    found = re.search(r"#\s*ledger seeds:\s*(\d+)", cell.source)
    return int(found.group(1)) if found else DEFAULT_SEEDS


def run_one(path: Path, seed: int, record: Path, timeout: int) -> str | None:
    """Execute one notebook at one seed in a fresh kernel; return an error text or None."""
    command = [sys.executable, __file__, "--one", str(path), str(seed), str(record), "--timeout", str(timeout)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return (
            (result.stderr or result.stdout).strip().splitlines()[-1] if (result.stderr or result.stdout) else "failed"
        )
    return None


def execute_at_seed(path: Path, seed: int, record: Path, timeout: int) -> None:
    """(In a child process.) Inject ``SEED = seed`` after the parameters cell and run the notebook."""
    from execute_notebooks import prepare_environment
    from nbclient import NotebookClient

    prepare_environment()
    os.environ[RECORD_ENV] = str(record)
    # Runs go two (or --jobs) at a time on a small machine: one TensorFlow thread each avoids
    # oversubscribing the cores (results held under other thread counts: notebook-testing notes).
    os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
    os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
    notebook = nbformat.read(path, as_version=4)
    index = next(i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", []))
    injected = nbformat.v4.new_code_cell(f"# injected by make claims\nSEED = {seed}")
    notebook.cells.insert(index + 1, injected)
    NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()


def summarise(records: list[dict], seeds: list[int], errors: dict[int, str]) -> dict:
    """One notebook's ledger entry from its records."""
    claims: dict[str, dict] = {}
    for record in records:
        entry = claims.setdefault(record["id"], {"sentence": record["sentence"], "per_seed": {}})
        entry["sentence"] = record["sentence"] if record["seed"] == 0 else entry["sentence"]
        entry["per_seed"][str(record["seed"])] = {
            "holds": record["holds"],
            "value": record["value"],
            "shown": record["shown"],
        }
    for entry in claims.values():
        results = entry["per_seed"].values()
        entry["seeds"] = len(entry["per_seed"])
        entry["held"] = sum(result["holds"] for result in results)
        entry["held_at"] = sorted(int(seed) for seed, result in entry["per_seed"].items() if result["holds"])
        values = [result["value"] for result in results if result["value"] is not None]
        if values:
            entry["median"], entry["min"], entry["max"] = statistics.median(values), min(values), max(values)
    return {"seeds": seeds, "errors": {str(seed): text for seed, text in errors.items()}, "claims": claims}


def versions() -> dict[str, str]:
    names = ("tensorflow", "keras", "numpy", "matplotlib")
    return {"python": platform.python_version(), **{name: metadata.version(name) for name in names}}


def write_ledger(entries: dict[str, dict]) -> dict:
    """Merge the notebooks run now into the ledger (under a lock) and rewrite the report."""
    LEDGER_PATH.parent.mkdir(exist_ok=True)
    with open(LEDGER_PATH.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ledger = json.loads(LEDGER_PATH.read_text(encoding="utf-8")) if LEDGER_PATH.exists() else {}
        ledger.setdefault("notebooks", {})
        for name, entry in entries.items():
            entry["date"] = dt.date.today().isoformat()
            entry["versions"] = versions()
            ledger["notebooks"][name] = entry
        ledger["notebooks"] = dict(sorted(ledger["notebooks"].items()))
        temporary = LEDGER_PATH.with_name(f".{LEDGER_PATH.name}.tmp")
        temporary.write_text(json.dumps(ledger, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, LEDGER_PATH)
        REPORT_PATH.write_text(report(ledger), encoding="utf-8")
    LEDGER_PATH.with_suffix(".lock").unlink(missing_ok=True)
    return ledger


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"


def report(ledger: dict) -> str:
    lines = [
        "# The seed ledger",
        "",
        "Written by `make claims` (`scripts/run_claims.py`); do not edit. Each claim a notebook checks, run at",
        "every seed listed: how many seeds it holds for, and the recorded value (median, range). The",
        "notebooks state a claim only as strongly as this table supports; `tests/test_claims.py` ties",
        "the numbers in their text to `results/claims.json`.",
        "",
    ]
    for name, entry in ledger.get("notebooks", {}).items():
        seeds = entry["seeds"]
        versions_text = ", ".join(f"{key} {value}" for key, value in entry.get("versions", {}).items())
        lines += [
            f"## {name}",
            "",
            f"Seeds {seeds[0]}-{seeds[-1]} ({len(seeds)}), {entry.get('date', '')}; {versions_text}.",
            "",
        ]
        if entry.get("errors"):
            lines += [f"Runs that raised: {entry['errors']}", ""]
        lines += ["| claim | holds | median | range | sentence |", "|---|---|---|---|---|"]
        for claim_id, claim in entry["claims"].items():
            value_range = f"{_number(claim.get('min'))} to {_number(claim.get('max'))}" if "min" in claim else ""
            lines.append(
                f"| `{claim_id}` | {claim['held']}/{claim['seeds']} | {_number(claim.get('median'))} | {value_range} "
                f"| {claim['sentence']} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebook numbers or names (default: all with parameters)")
    parser.add_argument("--seeds", type=int, default=None, help=f"seeds 0..N-1 (default {DEFAULT_SEEDS})")
    parser.add_argument("--jobs", type=int, default=2, help="notebook runs at once (default 2)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell")
    parser.add_argument("--one", nargs=3, metavar=("NOTEBOOK", "SEED", "RECORD"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        execute_at_seed(Path(args.one[0]), int(args.one[1]), Path(args.one[2]), args.timeout)
        return 0
    if args.seeds is not None and args.seeds < 1:
        parser.error(f"--seeds must be a positive integer; got {args.seeds}")
    if args.jobs < 1:
        parser.error(f"--jobs must be a positive integer; got {args.jobs}")
    paths = parameter_notebooks(args.notebooks)
    if not paths:
        print("run_claims: no notebook with a cell tagged 'parameters' matches", file=sys.stderr)
        return 1
    entries = {}
    with tempfile.TemporaryDirectory() as scratch:
        for path in paths:
            seeds = list(range(args.seeds or seeds_wanted(path)))
            records_dir = Path(scratch) / path.stem
            records_dir.mkdir()
            with ThreadPoolExecutor(max_workers=args.jobs) as pool:
                futures = {
                    seed: pool.submit(run_one, path, seed, records_dir / f"{seed}.jsonl", args.timeout)
                    for seed in seeds
                }
                errors = {seed: error for seed, future in futures.items() if (error := future.result())}
            records = []
            for seed in seeds:
                file = records_dir / f"{seed}.jsonl"
                if file.exists():
                    records += [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line]
            entries[path.stem] = summarise(records, seeds, errors)
            held = sum(claim["held"] == claim["seeds"] == len(seeds) for claim in entries[path.stem]["claims"].values())
            print(
                f"{path.stem}: {len(entries[path.stem]['claims'])} claims, {held} hold at all {len(seeds)} seeds; "
                f"{len(errors)} runs raised",
                flush=True,
            )
            write_ledger({path.stem: entries[path.stem]})
    print(f"wrote {LEDGER_PATH.relative_to(REPO)} and {REPORT_PATH.relative_to(REPO)}")
    raised = {name: entry["errors"] for name, entry in entries.items() if entry["errors"]}
    if raised:  # a notebook must run to the end at every seed: only the stored seed may fail a claim
        print(f"run_claims: runs that raised (a notebook must never raise at another seed): {raised}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
