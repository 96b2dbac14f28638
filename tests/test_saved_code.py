"""Code written where it is taught and reused later (d2l's ``#@save``): the notebook and the helper agree.

A code cell of a notebook's text source that starts with ``#@save`` (optionally ``#@save helpers.NAME``;
the default is ``helpers.training``) defines functions a learner reads there and later notebooks call
from ``helpers/``. Each such function's source must be exactly the helper's (``inspect.getsource``).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
SAVE = re.compile(r"#\s*@save(?:\s+(helpers(?:\.\w+)+))?\s*$")
DEFAULT_MODULE = "helpers.training"


def saved_functions(path: Path) -> list[tuple[str, str, str]]:
    """(module, function name, source) for every function in the ``#@save`` cells of one text source."""
    import jupytext

    found = []
    for cell in jupytext.read(path, fmt="py:percent").cells:
        first_line = cell.source.split("\n", 1)[0].strip() if cell.cell_type == "code" else ""
        marker = SAVE.fullmatch(first_line)
        if not marker:
            continue
        module = marker.group(1) or DEFAULT_MODULE
        tree = ast.parse(cell.source)
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                start = (node.decorator_list[0] if node.decorator_list else node).lineno
                lines = cell.source.splitlines()[start - 1 : node.end_lineno]
                found.append((module, node.name, "\n".join(lines)))
    return found


SAVED = [(path.stem, *item) for path in SOURCES for item in saved_functions(path)]


def test_the_course_saves_the_network_its_training_and_its_evaluation() -> None:
    names = {(notebook, name) for notebook, _, name, _ in SAVED}
    assert {("01_why_dropout", "build_mlp"), ("01_why_dropout", "train_model"), ("01_why_dropout", "evaluate")} <= names


def test_each_function_is_saved_once() -> None:
    keys = [(module, name) for _, module, name, _ in SAVED]
    assert len(keys) == len(set(keys)), f"saved twice: {sorted(k for k in keys if keys.count(k) > 1)}"


@pytest.mark.parametrize(("notebook", "module", "name", "source"), SAVED, ids=[f"{s[0]}:{s[2]}" for s in SAVED])
def test_the_saved_cell_and_the_helper_are_identical(notebook: str, module: str, name: str, source: str) -> None:
    helper = getattr(importlib.import_module(module), name, None)
    assert helper is not None, f"{notebook} saves {name}, but {module} has no {name}: copy the cell there"
    in_helper = textwrap.dedent(inspect.getsource(helper)).rstrip()
    assert in_helper == source.rstrip(), (
        f"{notebook}'s #@save cell and {module}.{name} differ; edit the notebook, then copy the function "
        f"into {module.replace('.', '/')}.py"
    )


def test_a_changed_cell_is_caught(tmp_path: Path) -> None:
    text = inspect.getsource(importlib.import_module(DEFAULT_MODULE).evaluate)
    source = tmp_path / "99_x.py"
    source.write_text(f"# %%\n#@save\n{text.replace('1024', '512')}", encoding="utf-8")
    ((module, name, saved),) = saved_functions(source)
    assert (module, name) == (DEFAULT_MODULE, "evaluate")
    assert saved.rstrip() != text.rstrip()
