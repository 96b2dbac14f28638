"""Code written where it is taught and reused later (d2l's ``#@save``): the helper is generated from it.

A code cell of a notebook's text source that starts with ``#@save`` (optionally ``#@save helpers.NAME``;
the default is ``helpers.training``) defines functions a learner reads there and later notebooks call
from ``helpers/``. ``make sync`` writes those modules (scripts/sync_notebooks.py); ``make lint`` and the
tests below fail when a module differs from its cells.
"""

from __future__ import annotations

import importlib
import inspect
import textwrap
from pathlib import Path

import pytest
import sync_notebooks  # scripts/ is on sys.path (conftest.py)

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
SAVED = [(path.stem, *item) for path in SOURCES for item in sync_notebooks.saved_functions(path)]


def test_the_course_saves_the_network_its_training_and_its_evaluation() -> None:
    names = {(notebook, name) for notebook, _, name, _ in SAVED}
    assert {("01_why_dropout", "build_mlp"), ("01_why_dropout", "train_model"), ("01_why_dropout", "evaluate")} <= names


def test_each_function_is_saved_once() -> None:
    keys = [(module, name) for _, module, name, _ in SAVED]
    assert len(keys) == len(set(keys)), f"saved twice: {sorted(k for k in keys if keys.count(k) > 1)}"


def test_every_saved_module_is_exactly_what_make_sync_generates() -> None:
    for path, text in sync_notebooks.saved_modules(SOURCES).items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} differs from its #@save cells: `make sync`"


@pytest.mark.parametrize(("notebook", "module", "name", "source"), SAVED, ids=[f"{s[0]}:{s[2]}" for s in SAVED])
def test_the_saved_cell_and_the_helper_are_identical(notebook: str, module: str, name: str, source: str) -> None:
    helper = getattr(importlib.import_module(module), name, None)
    assert helper is not None, f"{notebook} saves {name}, but {module} has no {name}: run `make sync`"
    assert textwrap.dedent(inspect.getsource(helper)).rstrip() == source.rstrip(), f"{module}.{name}: `make sync`"


def test_a_changed_cell_changes_the_generated_module(tmp_path: Path) -> None:
    text = inspect.getsource(importlib.import_module(sync_notebooks.DEFAULT_MODULE).evaluate)
    source = tmp_path / "99_x.py"
    source.write_text(f"# %%\n#@save\n{text.replace('1024', '512')}", encoding="utf-8")
    ((module, name, _saved),) = sync_notebooks.saved_functions(source)
    assert (module, name) == (sync_notebooks.DEFAULT_MODULE, "evaluate")
    ((path, generated),) = sync_notebooks.saved_modules([source]).items()
    assert path.name == "training.py" and "batch_size=512" in generated
    assert generated != path.read_text(encoding="utf-8")


def test_a_module_without_known_imports_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "99_x.py"
    source.write_text("# %%\n#@save helpers.elsewhere\ndef f():\n    return 1\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="SAVED_IMPORTS"):
        sync_notebooks.saved_modules([source])
