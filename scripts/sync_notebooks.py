#!/usr/bin/env python3
"""Write each text source (jupytext py:percent, ``notebooks/src/``) into its notebook (make sync).

    .venv/bin/python scripts/sync_notebooks.py [01] [--check]   # --check: name each cell that differs

As ``jupytext --update``: the text's cells (type, source, tags, ``jupyter`` metadata) with the stored
outputs of unchanged cells, without jupytext's own metadata. The other way: jupytext's CLI (CONTRIBUTING).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat
from execute_notebooks import NOTEBOOKS, REPO, write_atomically
from jupytext.combine import combine_inputs_with_outputs

SOURCES = NOTEBOOKS / "src"
FORMAT = "py:percent"
#: Cell metadata that belongs to the source (what the text file carries); the rest is run-time state.
KEPT_METADATA = ("tags", "jupyter")


def cell_signature(cell: nbformat.NotebookNode) -> tuple[str, str, tuple]:
    metadata = tuple((key, repr(cell.metadata.get(key))) for key in KEPT_METADATA if cell.metadata.get(key))
    return cell.cell_type, cell.source.strip("\n"), metadata


def differences(text: Path, notebook: Path) -> list[str]:
    """Human-readable differences between a text source and its notebook (empty when in sync)."""
    if not notebook.exists():
        return [f"{notebook.relative_to(REPO)} does not exist (run `make sync`)"]
    left = [cell_signature(cell) for cell in jupytext.read(text, fmt=FORMAT).cells]
    right = [cell_signature(cell) for cell in nbformat.read(notebook, as_version=4).cells]
    found = (
        [f"{text.name}: {len(left)} cells in the text, {len(right)} in the notebook"] if len(left) != len(right) else []
    )
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        if a != b:
            what = "type" if a[0] != b[0] else "source" if a[1] != b[1] else "tags/metadata"
            first_line = (a[1].splitlines() or [""])[0][:70]
            found.append(f"{text.name}: cell {index} differs in {what} (text starts {first_line!r})")
    return found


def text_to_notebook(text: Path, notebook: Path) -> bool:
    """Write the text's cells into the notebook, keeping outputs of unchanged cells. True if it changed."""
    if not differences(text, notebook):
        return False
    combined = jupytext.read(text, fmt=FORMAT)
    if notebook.exists():
        stored = nbformat.read(notebook, as_version=4)
        combined = combine_inputs_with_outputs(combined, stored, fmt=FORMAT)
        combined.metadata = stored.metadata
        for cell in (cell for cell in combined.cells if cell.cell_type == "code"):
            # run-time metadata (execution, scrolled...) goes; the source's own metadata stays
            cell.metadata = {key: value for key, value in cell.metadata.items() if key in KEPT_METADATA}
    else:
        kernelspec = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
        combined.metadata = {"kernelspec": kernelspec}  # nbclient adds language_info
    nbformat.validate(combined)
    write_atomically(notebook, nbformat.writes(combined) + "\n")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebook numbers or names (default: all)")
    parser.add_argument("--check", action="store_true", help="only report differences; exit 1 if any")
    args = parser.parse_args(argv)
    texts = [t for t in sorted(SOURCES.glob("[0-9][0-9]_*.py")) if t.stem.startswith(tuple(args.notebooks or [""]))]
    chosen = [(text, NOTEBOOKS / f"{text.stem}.ipynb") for text in texts]
    if not chosen:
        raise SystemExit(f"sync_notebooks: no text sources in notebooks/src/ match {args.notebooks}")
    orphans = [] if args.notebooks else sorted(set(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) - {nb for _, nb in chosen})
    problems = [f"{path.relative_to(REPO)} has no text source in notebooks/src/" for path in orphans]
    for text, notebook in chosen:
        if args.check:
            problems += differences(text, notebook)
        elif text_to_notebook(text, notebook):
            print(f"synced {notebook.relative_to(REPO)} from {text.relative_to(REPO)} (run `make execute` next)")
    if problems or args.check:
        print("\n".join(problems) or f"{len(chosen)} notebooks in sync with their text sources")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
