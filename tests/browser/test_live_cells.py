"""Which cells the browser test runs live in a stored notebook (notebook_cells.live_cells), without a
browser: the set-up cells, every widget cell and exactly what those need by name, and (a warning otherwise)
no cell that trains."""

from __future__ import annotations

import warnings

import nbformat
import pytest

from . import notebook_cells
from .conftest import notebooks_to_test


def _notebook(sources: list[str], widget_at: tuple[int, ...] = ()) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# title")]
    for number, source in enumerate(sources):
        cell = nbformat.v4.new_code_cell(source)
        if number in widget_at:
            cell.outputs = [
                nbformat.v4.new_output(
                    "display_data", data={notebook_cells.WIDGET_VIEW: {"model_id": "x"}, "text/plain": "VBox()"}
                )
            ]
        notebook.cells.append(cell)
    return notebook


def test_live_cells_follow_the_names_the_widgets_use() -> None:
    notebook = _notebook(
        [
            "SEED = 0",  # 1: parameters
            "from helpers import course\nprint(course.setup_notebook(seed=SEED))\nfrom helpers import widgets",  # 2
            "model = train(SEED)",  # 3: slow, not needed
            "RATE = 0.5\nhistory = {}",  # 4: needed by 7
            "history['a'] = model.fit()",  # 5: changes history, needs 3
            "%time summary = 1",  # 6: a magic, not needed
            "widgets.mask_explorer(n_units=64, rate=RATE, seed=SEED)",  # 7: an explorer
            "from helpers import quiz\nquiz.show_quiz('00')",  # 8: a quiz
            "for key in history:\n    print(key)",  # 9: not a widget
        ],
        widget_at=(6, 7),
    )
    assert notebook_cells.setup_cells(notebook) == [1, 2]
    assert notebook_cells.widget_cells(notebook) == [7, 8]
    assert notebook_cells.live_cells(notebook) == [1, 2, 4, 7, 8]
    # a widget that reads a changed object runs what changed it, and what that needs
    notebook.cells[9].outputs = notebook.cells[7].outputs
    assert notebook_cells.live_cells(notebook) == [1, 2, 3, 4, 5, 7, 8, 9]


@pytest.mark.parametrize("path", notebooks_to_test(), ids=lambda path: path.name)
def test_course_notebooks_run_only_set_up_and_widget_cells_live(path) -> None:
    notebook = notebook_cells.read(path)
    live = notebook_cells.live_cells(notebook)
    widgets = notebook_cells.widget_cells(notebook)
    assert set(widgets) <= set(live)
    assert any("show_quiz" in notebook.cells[index].source for index in widgets), "no quiz widget stored"
    # the cells that train (draw progress) should not be needed live: the browser test would train
    progress = notebook_cells.shows_progress(notebook)
    training = [index for index in live if progress[index]]
    if training:
        warnings.warn(f"{path.name}: the browser runs training cells live for the widgets: {training}", stacklevel=1)
