"""Every notebook in JupyterLab in a real browser: Run All without errors; explorers and quizzes respond.

For each notebook (one server, one browser, notebooks one after the other): open it, wait for the
kernel to be idle, Run All, wait until no cell is running, then read the notebook model (not the
page's stderr styling) and require that every code cell ran with no error and nothing on stderr, that
no progress bar is left behind and no widget failed to display. Every explorer (a call of a
``*_explorer(`` function) must render a slider, and moving the slider must change the explorer's
output; a quiz answer must show feedback. A screenshot per notebook goes to build/screenshots/.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from .conftest import SCREENSHOTS, TIMINGS, notebooks_to_test

RUN_ALL_TIMEOUT = 600.0  # seconds per notebook; notebooks take under a minute on a quiet machine

NOTEBOOKS = notebooks_to_test()

# Read from the notebook model (needs --LabApp.expose_app_in_browser=True).
JS_KERNEL = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const context = widget && widget.sessionContext;
  const kernel = context && context.session && context.session.kernel;
  return kernel ? kernel.status : null;
}"""

JS_CELLS = """() => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  const cells = notebook.model.cells;
  const result = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    const outputs = cell.outputs.toJSON().map(o => ({
      type: o.output_type, name: o.name || null, ename: o.ename || null, evalue: o.evalue || null,
      text: typeof o.text === 'string' ? o.text : Array.isArray(o.text) ? o.text.join('') : null,
      mimes: o.data ? Object.keys(o.data) : [],
    }));
    result.push({
      index: i, source: cell.sharedModel.getSource(), count: cell.executionCount,
      running: cell.executionState === 'running', outputs,
    });
  }
  const prompts = Array.from(document.querySelectorAll('.jp-InputArea-prompt')).map(e => e.textContent);
  const bars = document.querySelectorAll('.jp-OutputArea .widget-progress').length;
  return {cells: result, busyPrompts: prompts.filter(t => t.includes('*')).length, progressBars: bars};
}"""

# The visible state of one output area, without the sliders themselves (their readout moves too).
JS_OUTPUT_SNAPSHOT = """(area) => {
  const copy = area.cloneNode(true);
  copy.querySelectorAll('.widget-slider, .widget-readout, .noUi-target').forEach(e => e.remove());
  return copy.innerHTML;
}"""

EXPLORER_CALL = re.compile(r"\b\w+_explorer\(")


def _command(page, name: str) -> None:
    page.evaluate("(name) => window.jupyterapp.commands.execute(name)", name)


def _wait(predicate, timeout: float, message: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s: {message}")


def _open_notebook(page, lab, name: str) -> None:
    page.goto(lab.notebook_url(name))
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget", timeout=120_000)
    # The toolbar reads idle before a kernel exists and an early Run All is dropped: wait for the
    # status bar's "(ipykernel) | Idle" and for the kernel itself.
    page.get_by_text(re.compile(r"\(ipykernel\) \| Idle")).first.wait_for(timeout=180_000)
    _wait(lambda: page.evaluate(JS_KERNEL) == "idle", 120, "the kernel did not become idle")


def _run_all(page) -> dict:
    _command(page, "notebook:clear-all-cell-outputs")
    _wait(lambda: all(c["count"] is None for c in page.evaluate(JS_CELLS)["cells"]), 30, "outputs were not cleared")
    _command(page, "notebook:run-all-cells")

    seen = {"progress": 0}

    def finished():
        state = page.evaluate(JS_CELLS)
        seen["progress"] = max(seen["progress"], state["progressBars"])
        state["progressSeen"] = seen["progress"]
        cells = state["cells"]
        errors = any(o["type"] == "error" for c in cells for o in c["outputs"])
        busy = state["busyPrompts"] or any(c["running"] for c in cells)
        done = not busy and page.evaluate(JS_KERNEL) == "idle" and (errors or all(c["count"] for c in cells))
        return state if done else None

    _wait(finished, RUN_ALL_TIMEOUT, "Run All did not finish", interval=1.0)
    time.sleep(1.0)  # let the last widget messages arrive, then read the final state
    return _wait(finished, 30, "the notebook became busy again")


def _describe(cell: dict) -> str:
    first_line = cell["source"].strip().splitlines()[0] if cell["source"].strip() else "(empty)"
    return f"cell {cell['index']} ({first_line[:60]!r})"


def _output_area(page, cell_index: int):
    return page.locator(".jp-Notebook .jp-Cell").nth(cell_index).locator(".jp-OutputArea").first


def _check_explorer(page, cell: dict) -> None:
    area = _output_area(page, cell["index"])
    sliders = area.locator(".widget-slider")
    _wait(lambda: sliders.count() > 0, 30, f"{_describe(cell)}: the explorer shows no slider")
    handle = sliders.first.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    before = area.evaluate(JS_OUTPUT_SNAPSHOT)
    readout = sliders.first.locator(".widget-readout").first
    value = readout.inner_text() if readout.count() else ""
    handle.focus()
    handle.press("ArrowRight")
    if readout.count() and readout.inner_text() == value:  # at the maximum: move the other way
        handle.press("ArrowLeft")
    _wait(
        lambda: area.evaluate(JS_OUTPUT_SNAPSHOT) != before,
        30,
        f"{_describe(cell)}: moving the slider did not change the explorer's output",
    )


def _check_quiz(page, cell: dict) -> None:
    area = _output_area(page, cell["index"])
    questions = area.locator(".widget-vbox .widget-vbox")
    _wait(lambda: questions.count() >= 3, 30, f"{_describe(cell)}: the quiz shows fewer than 3 questions")
    first = questions.nth(0)
    first.scroll_into_view_if_needed()
    first.get_by_role("button", name="Check").click()
    feedback = first.locator(".quiz-feedback")
    _wait(lambda: feedback.count() and "Pick an answer" in feedback.inner_text(), 20, "no prompt without an answer")
    first.locator("input[type=radio]").first.check()
    first.get_by_role("button", name="Check").click()
    _wait(
        lambda: re.match(r"(Correct|Not quite)\. \S", feedback.inner_text()),
        20,
        f"{_describe(cell)}: a quiz answer showed no feedback",
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_in_jupyterlab(notebook: Path, lab, playwright_browser) -> None:
    context = playwright_browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    def offline(route) -> None:  # everything the page needs comes from the local server
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", offline)
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{notebook.stem}.png"
    try:
        _open_notebook(page, lab, notebook.name)
        start = time.monotonic()
        state = _run_all(page)
        TIMINGS[notebook.name] = (time.monotonic() - start, state["progressSeen"])
        cells = state["cells"]

        errors = [
            f"{_describe(c)}: {o['ename']}: {o['evalue']}" for c in cells for o in c["outputs"] if o["type"] == "error"
        ]
        assert not errors, "cells raised errors:\n" + "\n".join(errors)
        unrun = [_describe(c) for c in cells if not c["count"]]
        assert not unrun, f"cells that did not run: {unrun}"
        stderr = [
            f"{_describe(c)}: {o['text'][:200]!r}"
            for c in cells
            for o in c["outputs"]
            if o["type"] == "stream" and o["name"] == "stderr"
        ]
        assert not stderr, "cells wrote to stderr (warnings or TensorFlow noise a learner would see):\n" + "\n".join(
            stderr
        )
        page_text = page.locator(".jp-Notebook").inner_text()
        assert "Error displaying widget" not in page_text
        assert page.locator(".jp-OutputArea .widget-progress").count() == 0, "a progress bar was left behind"

        for cell in cells:
            if EXPLORER_CALL.search(cell["source"]) and "application/vnd.jupyter.widget-view+json" in {
                mime for o in cell["outputs"] for mime in o["mimes"]
            }:
                _check_explorer(page, cell)
        for cell in cells:
            if "show_quiz(" in cell["source"]:
                _check_quiz(page, cell)
        assert not outside, f"the page requested URLs outside the local server: {outside[:5]}"
    finally:
        try:
            page.screenshot(path=str(shot))
        finally:
            context.close()
            lab.shutdown_kernels()
