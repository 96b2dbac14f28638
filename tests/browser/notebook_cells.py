"""Which cells of a stored notebook the browser test runs live, and which cells show progress, from the
notebook's code alone (no kernel, no browser).

The browser test opens each STORED executed notebook (strict nbval has shown that a fresh run reproduces
the stored outputs) and runs live only what needs a kernel: :func:`live_cells` gives the code cells up to
the set-up cell (the parameters cell and the set-up cell: seeds, plot style, imports), every cell whose
stored outputs hold a widget (quizzes, explorers), and every earlier cell those cells need, by the names
they use (:func:`dependencies`: a cell depends on each earlier cell that binds or changes at module level a
name it reads).

:func:`shows_progress` tells whether a cell draws a progress display while it runs: it uses a progress
widget (``TrainingProgress``, ``IntProgress``, ``FloatProgress``, ``tqdm``), directly or through a
function defined in an earlier cell of the notebook or in helpers/ that does. tests/browser/test_long_cells.py
requires it of every cell that ran longer than the threshold in the last strict nbval run.
"""

from __future__ import annotations

import ast
import builtins
import functools
import re
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: the set-up cell imports TensorFlow, seeds everything and applies the plot style
SETUP_CELL = re.compile(r"\bsetup_notebook\(")
#: names whose use draws a progress display in JupyterLab
PROGRESS_NAMES = frozenset({"TrainingProgress", "IntProgress", "FloatProgress", "tqdm"})


def python_source(source: str) -> str:
    """A cell's source as plain Python (IPython magics turned into calls)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(python_source(source))
    except SyntaxError:
        return None


def _bound_names(tree: ast.Module) -> set[str]:
    """Names a cell binds or changes at module level: assignments, imports, definitions, and the base
    name of an item or attribute assignment (``models[rate] = ...`` changes ``models``)."""
    bound: set[str] = set()

    def base(node: ast.AST) -> str | None:
        while isinstance(node, (ast.Subscript, ast.Attribute, ast.Starred)):
            node = node.value
        return node.id if isinstance(node, ast.Name) else None

    def targets(node: ast.AST) -> None:
        if isinstance(node, (ast.Tuple, ast.List)):
            for element in node.elts:
                targets(element)
        elif (name := base(node)) is not None:
            bound.add(name)

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.add(node.name)
                continue  # the body binds local names
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    targets(target)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets(node.target)
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                targets(node.target)
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None:
                        targets(item.optional_vars)
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                # a method call on a module-level object may change it: ``results.append(x)``
                if isinstance(node.value.func, ast.Attribute) and (name := base(node.value.func.value)):
                    bound.add(name)
            for child in ast.walk(node):
                if isinstance(child, ast.NamedExpr):
                    bound.add(child.target.id)
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(node, field, None)
                if isinstance(inner, list):
                    visit(
                        [n for n in inner if isinstance(n, ast.stmt)]
                        + [s for h in inner if isinstance(h, ast.ExceptHandler) for s in h.body]
                    )

    visit(tree.body)
    return bound


def _used_names(tree: ast.Module) -> set[str]:
    """Every name a cell reads (also inside the functions it defines), builtins aside."""
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    return used - set(dir(builtins))


def code_cells(notebook) -> list[tuple[int, str]]:
    """(index among all cells, source) of each code cell."""
    return [(index, cell.source) for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"]


def dependencies(notebook) -> dict[int, set[int]]:
    """Code cell index -> the earlier code cells that bind or change a name it reads."""
    trees = {index: _parse(source) for index, source in code_cells(notebook)}
    bound = {index: _bound_names(tree) if tree else set() for index, tree in trees.items()}
    needs: dict[int, set[int]] = {}
    for index, tree in trees.items():
        used = _used_names(tree) if tree else set()
        needs[index] = {earlier for earlier in trees if earlier < index and bound[earlier] & used}
    return needs


def widget_cells(notebook) -> list[int]:
    """Code cells whose stored outputs hold a widget (a quiz, an explorer)."""
    return [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", []))
    ]


def setup_cells(notebook) -> list[int]:
    """The code cells up to the set-up cell (the parameters cell and the set-up cell); none without one."""
    cells = code_cells(notebook)
    setup = [index for index, source in cells if SETUP_CELL.search(source)]
    return [index for index, _ in cells if index <= setup[0]] if setup else []


def live_cells(notebook) -> list[int]:
    """The code cells to run live, in order: the set-up cells, the widget cells and what they need."""
    needs = dependencies(notebook)
    chosen: set[int] = set()
    todo = [*setup_cells(notebook), *widget_cells(notebook)]
    while todo:
        index = todo.pop()
        if index not in chosen:
            chosen.add(index)
            todo.extend(needs.get(index, ()))
    return sorted(chosen)


@functools.cache
def helper_progress_functions() -> frozenset[str]:
    """``module.function`` of every public function in helpers/*.py that draws a progress display
    (uses a progress name, or another such function of helpers/)."""
    functions: dict[str, ast.AST] = {}
    for path in sorted((REPO / "helpers").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                functions[f"{path.stem}.{node.name}"] = node
    found: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, node in functions.items():
            if name not in found and _uses_progress(node, PROGRESS_NAMES, found, local=name.split(".")[0]):
                found.add(name)
                changed = True
    return frozenset(found)


def _uses_progress(node: ast.AST, names: frozenset[str] | set[str], qualified: set[str], local: str = "") -> bool:
    """Whether ``node`` reads one of ``names`` (as a name or an attribute), or calls ``module.function``
    in ``qualified`` (or, inside helpers/``local``.py, one of that module's functions by its bare name)."""
    for child in ast.walk(node):
        if isinstance(child, ast.Name) and (child.id in names or f"{local}.{child.id}" in qualified):
            return True
        if isinstance(child, ast.Attribute):
            if child.attr in PROGRESS_NAMES:
                return True
            if isinstance(child.value, ast.Name) and f"{child.value.id}.{child.attr}" in qualified:
                return True
    return False


def shows_progress(notebook) -> dict[int, bool]:
    """Code cell index -> whether running it draws a progress display (see the module docstring)."""
    helpers = set(helper_progress_functions())
    names = set(PROGRESS_NAMES)  # grows with the notebook's own functions that draw one
    result: dict[int, bool] = {}
    for index, source in code_cells(notebook):
        tree = _parse(source)
        if tree is None:
            result[index] = False
            continue
        result[index] = _uses_progress(tree, frozenset(names), helpers)
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and _uses_progress(node, frozenset(names), helpers):
                names.add(node.name)
    return result


def read(path: Path):
    return nbformat.read(path, as_version=4)
