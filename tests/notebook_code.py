"""Code read out of a notebook's text source, for the tests that compare a notebook's own code with
the tested helper (micrograd's way: the comparison is a test, not a learner cell). One copy, used by
test_nb01_reference, test_nb02_reference, test_nb05_reference and test_notebook_reference_copies."""

from __future__ import annotations

import ast
from pathlib import Path

import jupytext

SOURCES = Path(__file__).resolve().parent.parent / "notebooks" / "src"


def source_path(stem: str) -> Path:
    return SOURCES / f"{stem}.py"


def code_cells(stem: str, text: str | None = None) -> list[str]:
    """The code cells of notebook ``stem`` (or of ``text``, a changed copy of its source)."""
    text = source_path(stem).read_text(encoding="utf-8") if text is None else text
    return [c.source for c in jupytext.reads(text, fmt="py:percent").cells if c.cell_type == "code"]


def code_cell(stem: str, marker: str) -> str:
    """The one code cell of notebook ``stem`` that contains ``marker``."""
    found = [source for source in code_cells(stem) if marker in source]
    assert len(found) == 1, f"expected one code cell with {marker!r} in {stem}, found {len(found)}"
    return found[0]


def functions(stem: str, names: tuple[str, ...], namespace: dict, text: str | None = None) -> dict:
    """Run only the ``def`` statements of ``names`` found in the notebook's code cells, in ``namespace``
    (the modules they use), and return it; each name must be defined exactly once."""
    found = [
        node
        for cell in code_cells(stem, text)
        for node in ast.parse(cell).body
        if isinstance(node, ast.FunctionDef) and node.name in names
    ]
    assert sorted(node.name for node in found) == sorted(names), f"{stem} should define each of {names} once"
    exec(compile(ast.Module(body=found, type_ignores=[]), f"{stem}.py", "exec"), namespace)
    return namespace


def definition(stem: str, name: str, namespace: dict) -> object:
    """Run the one code cell of notebook ``stem`` that defines class ``name``; return the class."""
    cells = [source for source in code_cells(stem) if f"class {name}(" in source]
    assert len(cells) == 1, f"{stem} should define {name} in exactly one cell"
    exec(compile(cells[0], f"{stem}:{name}", "exec"), namespace)
    return namespace[name]
