#!/usr/bin/env python3
"""Keep each notebook and its text source (jupytext py:percent, ``notebooks/src/``) in step.

    .venv/bin/python scripts/sync_notebooks.py            # text -> .ipynb (the text is the source)
    .venv/bin/python scripts/sync_notebooks.py --check    # exit 1 and name each cell that differs
    .venv/bin/python scripts/sync_notebooks.py --from-ipynb notebooks/03_keras_dropout.ipynb

The text source is what people edit and review. Syncing writes its cells (type, source, tags and
the ``jupyter`` display metadata) into the paired ``.ipynb`` and keeps the stored outputs of every
cell whose source did not change; ``make execute`` then re-runs the notebook. A notebook with no
``.ipynb`` yet is created from its text. ``--from-ipynb`` goes the other way, for a notebook edited
in JupyterLab without jupytext; it refuses to overwrite a text source that has changes of its own
unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import jupytext
import nbformat
from jupytext.combine import combine_inputs_with_outputs

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
SOURCES = NOTEBOOKS / "src"
FORMAT = "py:percent"
#: Cell metadata that belongs to the source (what the text file carries); the rest is run-time state.
KEPT_METADATA = ("tags", "jupyter")


def pairs(selection: list[str] | None = None) -> list[tuple[Path, Path]]:
    """(text source, notebook) for the text sources in notebooks/src/ (all, or those named), in course order."""
    texts = sorted(SOURCES.glob("[0-9][0-9]_*.py"))
    if selection:
        texts = [text for text in texts if any(text.stem.startswith(item) for item in selection)]
    return [(text, NOTEBOOKS / f"{text.stem}.ipynb") for text in texts]


def cell_signature(cell: nbformat.NotebookNode) -> tuple[str, str, tuple]:
    """What must agree between a notebook and its text: type, source and the kept metadata."""
    metadata = tuple((key, repr(cell.metadata.get(key))) for key in KEPT_METADATA if cell.metadata.get(key))
    return cell.cell_type, cell.source.strip("\n"), metadata


def differences(text: Path, notebook: Path) -> list[str]:
    """Human-readable differences between a text source and its notebook (empty when in sync)."""
    if not notebook.exists():
        return [f"{notebook.relative_to(REPO)} does not exist (run `make sync`)"]
    source = jupytext.read(text, fmt=FORMAT)
    stored = nbformat.read(notebook, as_version=4)
    left = [cell_signature(cell) for cell in source.cells]
    right = [cell_signature(cell) for cell in stored.cells]
    found = []
    if len(left) != len(right):
        found.append(f"{text.name}: {len(left)} cells in the text, {len(right)} in the notebook")
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        if a != b:
            what = "type" if a[0] != b[0] else "source" if a[1] != b[1] else "tags/metadata"
            first_line = (a[1].splitlines() or [""])[0][:70]
            found.append(f"{text.name}: cell {index} differs in {what} (text starts {first_line!r})")
    return found


def _write(notebook: nbformat.NotebookNode, path: Path) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    nbformat.write(notebook, temporary)
    os.replace(temporary, path)


def text_to_notebook(text: Path, notebook: Path) -> bool:
    """Write the text's cells into the notebook, keeping outputs of unchanged cells. True if it changed."""
    if not differences(text, notebook):
        return False
    source = jupytext.read(text, fmt=FORMAT)
    if notebook.exists():
        stored = nbformat.read(notebook, as_version=4)
        combined = combine_inputs_with_outputs(source, stored, fmt=FORMAT)
        combined.metadata = stored.metadata
        for cell in combined.cells:
            if cell.cell_type == "code":
                # run-time metadata (execution, scrolled...) goes; the source's own metadata stays
                cell.metadata = {key: value for key, value in cell.metadata.items() if key in KEPT_METADATA}
    else:
        combined = source
        combined.metadata = {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }
    combined.metadata.pop("jupytext", None)
    nbformat.validate(combined)
    _write(combined, notebook)
    return True


def notebook_to_text(notebook: Path, *, force: bool = False) -> Path:
    """Write a notebook's cells to its text source (for edits made in JupyterLab without jupytext)."""
    text = SOURCES / f"{notebook.stem}.py"
    stored = nbformat.read(notebook, as_version=4)
    if text.exists() and not force:
        try:
            last_commit = os.popen(f"git -C {REPO} status --porcelain -- {text}").read().strip()
        except OSError:
            last_commit = ""
        if last_commit:
            raise SystemExit(f"{text.relative_to(REPO)} has uncommitted changes; commit them or pass --force")
    stored.metadata.pop("jupytext", None)
    jupytext.write(stored, text, fmt=FORMAT)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebook numbers or names (default: all)")
    parser.add_argument("--check", action="store_true", help="only report differences; exit 1 if any")
    parser.add_argument("--from-ipynb", nargs="+", type=Path, metavar="NOTEBOOK", help="write these notebooks' text")
    parser.add_argument("--force", action="store_true", help="with --from-ipynb: overwrite uncommitted text")
    args = parser.parse_args(argv)
    if args.from_ipynb:
        for notebook in args.from_ipynb:
            print(f"wrote {notebook_to_text(notebook.resolve(), force=args.force).relative_to(REPO)}")
        return 0
    found_pairs = pairs(args.notebooks)
    if not found_pairs:
        print(f"sync_notebooks: no text sources in {SOURCES.relative_to(REPO)} match {args.notebooks}", file=sys.stderr)
        return 1
    every_notebook = {notebook for _, notebook in pairs()}
    orphans = [] if args.notebooks else sorted(set(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) - every_notebook)
    problems = [f"{path.relative_to(REPO)} has no text source in notebooks/src/" for path in orphans]
    if args.check:
        for text, notebook in found_pairs:
            problems += differences(text, notebook)
        for line in problems:
            print(line)
        if not problems:
            print(f"{len(found_pairs)} notebooks in sync with their text sources")
        return 1 if problems else 0
    for text, notebook in found_pairs:
        if text_to_notebook(text, notebook):
            print(f"synced {notebook.relative_to(REPO)} from {text.relative_to(REPO)} (run `make execute` next)")
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
