"""Every notebook in JupyterLab in a real browser: it runs, shows progress, and is legible on screen.

For each notebook (one server, one browser and one JupyterLab page per test process; ``make browser``
runs two processes, so two notebooks at a time): open the STORED executed notebook, wait for the kernel to
be idle, run live only the cells that need a kernel (``notebook_cells.live_cells``: the cells up to the
set-up cell, every cell whose stored output holds a widget, i.e. the quizzes and explorers, and the earlier
cells these need by the names they use), wait until no cell is running, then read the notebook model (not
the page's stderr styling) and check what a learner sees: the stored outputs of the other cells, which
strict nbval has shown a fresh run reproduces, and the live widgets. The full mode (``BROWSER_FULL=1``,
``make browser-full``) clears every output and runs all cells instead, as a learner's Run All, and watches
every cell's progress; a notebook without stored outputs (a count missing) is always run in full. Then:

- every code cell ran (a stored or a live count), with no error and nothing on stderr; no widget failed to
  display;
- progress: every cell run here that took longer than ``LONG_CELL_S`` (except the set-up cell, which
  imports TensorFlow) showed progress while it ran: a progress bar (ipywidgets 8's ``IntProgress``
  renders as ``.widget-hprogress``; a ``<progress>`` element counts too) or an output that changed while
  it ran, and no progress bar is left behind when the notebook is done (the cells not run live: by their
  nbval times, test_long_cells.py);
- every output with a slider (an explorer) changes when the slider moves;
- every quiz (an output with radio buttons and a button) answers each question: each question is
  answered wrong and right (never pressing Check for the option already shown, so every wait ends on a
  change), and a screenshot of the whole quiz in each state is saved (at 1024 px, in both themes);
- no ``**`` or backtick shows in rendered Markdown prose (a line starting with ``<!--`` makes CommonMark
  pass its block through as raw HTML);
- on screen, after the run, resized and re-themed: at 1024x768 with the file browser open (a
  projector) and at 1366x768 (a laptop), in JupyterLab Light and JupyterLab Dark, with the quizzes
  answered wrong and right (``SCREENS``): no two boxes of any widget (options, labels, feedback,
  buttons, images) overlap; no widget shows "Error displaying widget"; no number in any output (printed
  lines, check lines, HTML) is broken over two lines; prose, quiz feedback and exercise feedback reach
  WCAG AA contrast (4.5:1, 3:1 for large text) against their effective background; and once per theme
  and viewport: no results table overflows or wraps mid-row (HTML tables within the output, no number
  broken over lines, text tables whose lines do not wrap); every figure's smallest text, as displayed,
  is at least ``MIN_TEXT_PX`` (its font size in image pixels, stored in the PNG by helpers/plots.py,
  times displayed width / natural width); in the dark theme no figure has a transparent background;
  figures wider than 8 in are reported as warnings.

Screenshots: build/screenshots/<notebook>-<viewport>[-dark].png and
<notebook>-quiz-<viewport>[-dark]-<right|wrong>.png. Measurements: build/browser-report.json (overlaps,
figure sizes, contrast ratios, per-cell times), build/browser_times.json, and the wall time of each phase
of each test in build/browser_phases.json. After a failed test, the page as it was:
build/screenshots/<notebook>.png.
"""

from __future__ import annotations

import io
import os
import re
import time
import warnings
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from . import notebook_cells
from .conftest import BUILD, FULL, PHASES, REPORT_ENTRIES, SCREENSHOTS, TIMINGS, notebooks_to_test
from .layout import (
    JS_BROKEN_NUMBERS,
    JS_CONTRAST,
    JS_FIGURES,
    JS_MARKDOWN_LITERALS,
    JS_TABLES,
    JS_WIDGET_OVERLAPS,
    MAX_FIGURE_WIDTH_IN,
    MIN_CONTRAST,
    MIN_CONTRAST_LARGE,
    MIN_TEXT_PX,
    TOLERANCE_PX,
    figure_report,
    low_contrast,
)

RUN_ALL_TIMEOUT = 600.0  # seconds per notebook; notebooks take about a minute in the browser
#: a cell that runs longer than this in the browser must show progress (5 s headless; the browser
#: and a shared machine make cells about 2x slower)
LONG_CELL_S = float(os.environ.get("BROWSER_LONG_CELL_S", "10"))
#: (name, width, height, file browser open)
VIEWPORTS = (("1024-filebrowser", 1024, 768, True), ("1366", 1366, 768, False))
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}
#: (theme, viewport, quizzes answered): every viewport in both themes in both quiz states, after one Run
#: All, in an order that answers the quizzes twice (wrong, then right) and changes the theme twice
SCREENS = [
    ("light", VIEWPORTS[0], "wrong"), ("light", VIEWPORTS[1], "wrong"),
    ("dark", VIEWPORTS[1], "wrong"), ("dark", VIEWPORTS[0], "wrong"),
    ("dark", VIEWPORTS[0], "right"), ("dark", VIEWPORTS[1], "right"),
    ("light", VIEWPORTS[1], "right"), ("light", VIEWPORTS[0], "right"),
]  # fmt: skip
NOTEBOOKS = notebooks_to_test()

PROGRESS = [".widget-hprogress", ".widget-vprogress", "progress"]

# Read from the notebook model (needs --LabApp.expose_app_in_browser=True).
JS_KERNEL = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const context = widget && widget.sessionContext;
  const kernel = context && context.session && context.session.kernel;
  return kernel ? kernel.status : null;
}"""

JS_CELLS = """([progress]) => {
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
      timing: cell.getMetadata ? (cell.getMetadata('execution') || null) : null,
    });
  }
  const prompts = Array.from(document.querySelectorAll('.jp-InputArea-prompt')).map(e => e.textContent);
  const domCells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
  const selector = progress.map(s => '.jp-OutputArea ' + s).join(', ');
  const withProgress = domCells.map((c, i) => c.querySelector(selector) ? i : -1).filter(i => i >= 0);
  // what each cell's output shows now (a short hash), to see outputs that change while a cell runs
  const shown = domCells.map(c => {
    const area = c.querySelector('.jp-OutputArea');
    const text = area ? area.innerText.trim() : '';
    let hash = 0;
    for (let k = 0; k < text.length; k++) hash = (hash * 31 + text.charCodeAt(k)) | 0;
    return text ? `${text.length}:${hash}` : '';
  });
  return {cells: result, busyPrompts: prompts.filter(t => t.includes('*')).length, withProgress, shown};
}"""

# The visible state of one output area, without the sliders themselves (their readout moves too).
JS_OUTPUT_SNAPSHOT = """(area) => {
  const copy = area.cloneNode(true);
  copy.querySelectorAll('.widget-slider, .widget-readout, .noUi-target').forEach(e => e.remove());
  return copy.innerHTML;
}"""

# Mark each question of each quiz: the nearest ancestor of a radio group that also holds a button.
JS_MARK_QUESTIONS = """(area) => {
  const questions = [];
  area.querySelectorAll('.widget-radio-box').forEach(radio => {
    let box = radio.parentElement;
    while (box && box !== area && !box.querySelector('button')) box = box.parentElement;
    if (box && box !== area && !questions.includes(box)) questions.push(box);
  });
  questions.forEach((box, i) => box.setAttribute('data-browser-question', String(i)));
  return questions.length;
}"""

#: the set-up cell imports TensorFlow (about 3 s on a quiet machine): it may be slow without progress
SETUP_CELL = notebook_cells.SETUP_CELL

# Run the given code cells one after the other (each as "Run Selected Cell"); window.__browserLive says
# "done" when the last one finished, or where the run stopped (an error stops it, as Run All does).
JS_RUN_CELLS = """(indices) => {
  const app = window.jupyterapp, notebook = app.shell.currentWidget.content;
  window.__browserLive = null;
  (async () => {
    for (const i of indices) {
      notebook.activeCellIndex = i;
      notebook.deselectAll();
      const ok = await app.commands.execute('notebook:run-cell');
      if (ok === false) return 'stopped at cell ' + i;
    }
    return 'done';
  })().then(r => { window.__browserLive = r; }, e => { window.__browserLive = 'error: ' + e; });
}"""

# Empty the outputs and counts of the given cells (what they show is then only what the live run draws).
JS_CLEAR_CELLS = """(indices) => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  for (const i of indices) {
    const cell = cells.get(i);
    cell.outputs.clear();
    cell.executionCount = null;
  }
}"""
VERDICT = re.compile(r"\b(Correct|Not quite)\.")


def _command(page, name: str, *, wait: bool = True) -> None:
    """Run a JupyterLab command; with ``wait=False`` return at once (Run All's promise resolves only
    when every cell is done, and the progress bars must be watched while the cells run)."""
    if wait:
        page.evaluate("(name) => window.jupyterapp.commands.execute(name)", name)
    else:
        page.evaluate("(name) => { window.jupyterapp.commands.execute(name); }", name)


def _wait(predicate, timeout: float, message: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s: {message}")


@contextmanager
def phase(name: str, what: str):
    """Add the wall time of the block to ``PHASES[name][what]`` (written to build/browser_phases.json)."""
    start = time.monotonic()
    try:
        yield
    finally:
        times = PHASES.setdefault(name, {})
        times[what] = round(times.get(what, 0.0) + time.monotonic() - start, 2)


def _cells(page) -> dict:
    return page.evaluate(JS_CELLS, [PROGRESS])


def _open_notebook(page, lab, name: str) -> None:
    """Open ``name`` in the page: JupyterLab is loaded once per page, later notebooks open in it."""
    path = f"notebooks/{name}"
    page.set_viewport_size({"width": 1366, "height": 768})
    if page.evaluate("() => !window.jupyterapp"):
        page.goto(lab.notebook_url(name))
    else:
        page.evaluate("(path) => { window.jupyterapp.commands.execute('docmanager:open', {path}); }", path)
    page.wait_for_function(
        "(path) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " return w && w.context && w.context.path === path; }",
        arg=path,
        timeout=120_000,
    )
    # The toolbar reads idle before a kernel exists and an early Run All is dropped: wait for the
    # status bar's "(ipykernel) | Idle" and for the kernel itself.
    page.get_by_text(re.compile(r"\(ipykernel\) \| Idle")).first.wait_for(timeout=180_000)
    _wait(lambda: page.evaluate(JS_KERNEL) == "idle", 120, "the kernel did not become idle")
    _set_theme(page, "light")  # the theme is a setting the server keeps: a test before may have left dark


def _close_notebooks(page) -> None:
    """Close every document in the page without saving (Run All left them changed; autosave is off); a
    launcher may open in their place."""
    page.evaluate("""() => {
      for (const widget of Array.from(window.jupyterapp.shell.widgets('main'))) {
        if (widget.context) widget.context.model.dirty = false;
        widget.close();
      }
    }""")
    _wait(
        lambda: page.evaluate("() => !Array.from(window.jupyterapp.shell.widgets('main')).some(w => w.context)"),
        30,
        "the notebooks did not close",
        interval=0.1,
    )


def _run_all(page, live: list[int] | None = None) -> tuple[dict, set[int], float]:
    """Run All (``live``: run only those code cells, keeping the other cells' stored outputs); return the
    final state, the cells seen with a progress bar, and the wall time."""
    if live is None:
        _command(page, "notebook:clear-all-cell-outputs")
        cleared = lambda: all(c["count"] is None for c in _cells(page)["cells"])  # noqa: E731
    else:
        page.evaluate(JS_CLEAR_CELLS, live)
        cleared = lambda: all(c["count"] is None for c in _cells(page)["cells"] if c["index"] in live)  # noqa: E731
    _wait(cleared, 30, "outputs were not cleared")
    start = time.monotonic()
    if live is None:
        _command(page, "notebook:run-all-cells", wait=False)
    else:
        page.evaluate(JS_RUN_CELLS, live)
    progress_seen: set[int] = set()
    shown: dict[int, list[str]] = {}  # cell -> the distinct outputs seen, in order

    def finished():
        state = _cells(page)
        progress_seen.update(state["withProgress"])
        for index, value in enumerate(state["shown"]):
            seen = shown.setdefault(index, [])
            if value and (not seen or seen[-1] != value):
                seen.append(value)
        cells = state["cells"]
        errors = any(o["type"] == "error" for c in cells for o in c["outputs"])
        busy = state["busyPrompts"] or any(c["running"] for c in cells)
        if live is not None:  # the cells run one by one: between two, none may be busy
            busy = busy or page.evaluate("() => window.__browserLive") is None
        done = not busy and page.evaluate(JS_KERNEL) == "idle" and (errors or all(c["count"] for c in cells))
        return state if done else None

    _wait(finished, RUN_ALL_TIMEOUT, "Run All did not finish", interval=0.3)
    elapsed = time.monotonic() - start
    time.sleep(1.0)  # let the last widget messages arrive, then read the final state
    state = _wait(finished, 30, "the notebook became busy again")
    # progress: a progress bar, or an output that showed something and then changed while the cell ran
    # (a status line "run 2 of 6", lines printed one after the other)
    progress_seen.update(index for index, seen in shown.items() if len(seen) >= 2)
    return state, progress_seen, elapsed


def _seconds(cell: dict) -> float | None:
    timing = cell.get("timing") or {}
    begin, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not begin or not end:
        return None
    parse = lambda text: datetime.fromisoformat(text.replace("Z", "+00:00"))  # noqa: E731
    return (parse(end) - parse(begin)).total_seconds()


def _describe(cell: dict) -> str:
    first_line = cell["source"].strip().splitlines()[0] if cell["source"].strip() else "(empty)"
    return f"cell {cell['index']} ({first_line[:60]!r})"


def _output_area(page, cell_index: int):
    return page.locator(".jp-Notebook .jp-Cell").nth(cell_index).locator(".jp-OutputArea").first


def _settle(page, timeout: float = 10.0) -> None:
    """Wait until the notebook's layout (sizes of the page, the notebook and its images) holds still
    for two checks 0.15 s apart: widgets and images re-layout after a resize or a theme change."""
    signature = """() => { const n = document.querySelector('.jp-Notebook');
      const images = Array.from(document.querySelectorAll('.jp-OutputArea-output img'));
      return [innerWidth, n.scrollHeight, n.scrollWidth, n.clientWidth, getComputedStyle(n).backgroundColor,
              images.filter(i => i.complete).length, images.reduce((t, i) => t + i.width, 0)].join(); }"""
    last = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        now = page.evaluate(signature)
        if now == last:
            return
        last = now
        time.sleep(0.15)


def _set_viewport(page, width: int, height: int, file_browser: bool) -> None:
    page.set_viewport_size({"width": width, "height": height})
    if file_browser:
        _command(page, "filebrowser:activate")
    elif not page.evaluate("() => window.jupyterapp.shell.leftCollapsed"):
        _command(page, "application:toggle-left-area")
    _wait(
        lambda: page.evaluate("() => window.jupyterapp.shell.leftCollapsed") != file_browser,
        10,
        "the file browser did not open or close",
    )
    _settle(page)


def _set_theme(page, theme: str) -> None:
    """Switch JupyterLab's theme (a user setting the server keeps: set at every notebook's start)."""
    if page.evaluate("() => document.body.dataset.jpThemeName") != THEMES[theme]:
        page.evaluate("(theme) => window.jupyterapp.commands.execute('apputils:change-theme', {theme})", THEMES[theme])
        _wait(
            lambda: page.evaluate("() => document.body.dataset.jpThemeName") == THEMES[theme],
            30,
            f"JupyterLab did not switch to {THEMES[theme]}",
            interval=0.1,
        )
    _settle(page)


def _check_explorer(page, cell: dict) -> None:
    area = _output_area(page, cell["index"])
    sliders = area.locator(".widget-slider")
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


class Quiz:
    """One quiz output: its questions, and what each option tried so far was judged ("right" or "wrong")."""

    def __init__(self, page, cell: dict) -> None:
        self.page, self.cell = page, cell
        self.area = _output_area(page, cell["index"])
        self.count = self.area.evaluate(JS_MARK_QUESTIONS)
        self.verdicts: dict[tuple[int, int], str] = {}  # (question, option) -> "right" | "wrong"
        self.picked: dict[int, int | None] = {}  # question -> the option whose feedback is shown

    def question(self, number: int):
        return self.area.locator(f"[data-browser-question='{number}']")

    def _feedback(self, question) -> str:
        parts = question.locator(".widget-html")
        return parts.nth(parts.count() - 1).inner_text() if parts.count() else ""

    def check(self, number: int, option: int | None) -> str:
        """Pick ``option`` (None: nothing), press the button, return the feedback once it changed.

        The callers never press for the option whose feedback is already shown, so the feedback changes
        (the explanations differ) and no wait runs out; still unchanged after 60 s (a kernel slowed down by a
        loaded machine), "" is returned: a verdict read from the old feedback would be the previous option's."""
        question = self.question(number)
        before = self._feedback(question)
        if option is not None:
            question.locator("input[type=radio]").nth(option).check()
        question.locator("button").first.click()
        self.picked[number] = option
        try:
            return _wait(lambda: (text := self._feedback(question)) and text != before and text, 60, "", interval=0.05)
        except AssertionError:
            return ""

    def answer_all(self, want: str) -> list[str]:
        """Show every question answered ``want`` ("right" or "wrong"); return the problems found."""
        problems = []
        for number in range(self.count):
            if self.verdicts.get((number, self.picked.get(number))) == want:
                continue  # already shown with that verdict
            self.question(number).scroll_into_view_if_needed()
            options = range(self.question(number).locator("input[type=radio]").count())
            known = [o for o in options if self.verdicts.get((number, o)) == want]
            for option in known[:1] or [o for o in options if (number, o) not in self.verdicts]:
                verdict = VERDICT.search(self.check(number, option))
                if verdict is None:
                    problems.append(f"{_describe(self.cell)}, question {number + 1}: no feedback for an answer")
                    break
                self.verdicts[(number, option)] = "right" if verdict.group(1) == "Correct" else "wrong"
                if self.verdicts[(number, option)] == want:
                    break
            else:
                problems.append(f"{_describe(self.cell)}, question {number + 1}: no option is {want}")
        return problems

    def screenshot(self, path: Path) -> None:
        """The whole quiz, question by question (a tall output is clipped by the notebook's scroll)."""
        from PIL import Image

        shots = []
        for number in range(self.count):
            question = self.question(number)
            question.scroll_into_view_if_needed()
            shots.append(Image.open(io.BytesIO(question.screenshot())))
        if not shots:
            return
        sheet = Image.new("RGB", (max(s.width for s in shots), sum(s.height + 8 for s in shots)), "white")
        top = 0
        for shot in shots:
            sheet.paste(shot, (0, top))
            top += shot.height + 8
        sheet.save(path)


def _quizzes(page, cells: list[dict]) -> list[Quiz]:
    """Every output with radio buttons and a button next to them."""
    found = [Quiz(page, c) for c in cells if _output_area(page, c["index"]).locator(".widget-radio-box").count()]
    return [quiz for quiz in found if quiz.count]


def _slider_cells(page, cells: list[dict]) -> list[dict]:
    return [c for c in cells if _output_area(page, c["index"]).locator(".widget-slider").count()]


def _check_screen(page, entry: dict, screen: str, theme: str, *, with_figures: bool) -> list[str]:
    """What one screen (theme, viewport, quiz state) shows: widget overlaps, numbers broken over lines,
    text below WCAG AA contrast, a widget that failed to display, and (``with_figures``, once per theme and
    viewport) figure text, tables, and figures without a background of their own in the dark theme.
    Measurements are added to ``entry``; the problems are returned, each naming the screen."""
    problems = []
    if "Error displaying widget" in page.locator(".jp-Notebook").inner_text():
        problems.append(f"{screen}: a widget shows 'Error displaying widget'")
    overlaps = entry["overlaps"].setdefault(screen, [])
    for overlap in page.evaluate(JS_WIDGET_OVERLAPS, [TOLERANCE_PX]):
        if overlap not in overlaps:
            overlaps.append(overlap)
            problems.append(
                f"{screen}: cell {overlap['cell']}, widget {overlap['widget']}: {overlap['first']} overlaps "
                f"{overlap['second']} by {overlap['overlap'][0]}x{overlap['overlap'][1]} px"
            )
    contrast = entry.setdefault("contrast", {}).setdefault(screen, [])
    measured = [item for item in page.evaluate(JS_CONTRAST) if item not in contrast]
    contrast += measured
    for item in low_contrast(measured):
        problems.append(
            f"{screen}: cell {item['cell']}: {item['kind']} {item['element']} {item['text']!r}: contrast "
            f"{item['ratio']:.2f}:1 ({item['color']} on {item['background']}; WCAG AA needs "
            f"{MIN_CONTRAST_LARGE if item['large'] else MIN_CONTRAST:g}:1)"
        )
    broken = entry.setdefault("broken_numbers", {}).setdefault(screen, [])
    for item in page.evaluate(JS_BROKEN_NUMBERS):
        if item not in broken:  # a screen is looked at in both quiz states: each defect named once
            broken.append(item)
            problems.append(
                f"{screen}: cell {item['cell']}: the number {item['number']} is broken over two lines in "
                f"{item['line']!r}"
            )
    if not with_figures:
        return problems
    figures = [figure_report(image) for image in page.evaluate(JS_FIGURES)]
    entry["figures"][screen] = figures
    for figure in figures:
        if figure["text_px"] < MIN_TEXT_PX:
            problems.append(
                f"{screen}: cell {figure['cell']}: figure text {figure['text_px']} px as displayed "
                f"(shown at {figure['scale']:.2f} of its size; at least {MIN_TEXT_PX:g} px needed)"
            )
        if theme == "dark" and figure["transparent"]:
            problems.append(
                f"{screen}: cell {figure['cell']}: the figure has a transparent background, so its text is "
                "drawn on the dark theme's background"
            )
    tables = page.evaluate(JS_TABLES)
    entry.setdefault("tables", {})[screen] = tables
    for table in tables:
        details = ", ".join(f"{k} {v}" for k, v in table.items() if k not in ("cell", "kind"))
        problems.append(f"{screen}: cell {table['cell']}: {table['kind']} ({details})")
    return problems


def live_cells(path: Path) -> list[int] | None:
    """The code cells to run live in the stored notebook at ``path``, or None (run all) when a code cell has
    no stored count (a notebook that was never executed: nothing stored to look at)."""
    notebook = notebook_cells.read(path)
    if any(cell.cell_type == "code" and cell.get("execution_count") is None for cell in notebook.cells):
        return None
    return notebook_cells.live_cells(notebook)


def inspect_notebook(page, lab, name: str, *, timings: bool = True, full: bool | None = None) -> tuple[dict, list[str]]:
    """Open ``name`` in ``lab``, run it (``full``, default ``BROWSER_FULL``: Run All; else only the live
    cells of the stored notebook) and look at it; return the measurements and the problems found.

    Errors, unrun cells, stderr output and a progress bar left behind fail at once (AssertionError);
    what a learner would see (silent long cells, overlaps, small figure text, quiz feedback) is returned.
    """
    stem = Path(name).stem
    entry: dict = {"overlaps": {}, "figures": {}, "screenshots": []}
    problems: list[str] = []
    entry["problems"] = problems
    live = None if (FULL if full is None else full) else live_cells(lab.root / "notebooks" / name)
    entry["mode"] = "full" if live is None else "stored"
    entry["live_cells"] = live
    with phase(name, "open and kernel idle"):
        _open_notebook(page, lab, name)
    with phase(name, "run all and settle" if live is None else "run live cells and settle"):
        state, progress_seen, elapsed = _run_all(page, live)
    cells = state["cells"]

    errors = [
        f"{_describe(c)}: {o['ename']}: {o['evalue']}" for c in cells for o in c["outputs"] if o["type"] == "error"
    ]
    assert not errors, "cells raised errors:\n" + "\n".join(errors)
    unrun = [_describe(c) for c in cells if not c["count"]]
    assert not unrun, f"cells that did not run: {unrun}"

    # the cells run here (a stored notebook may keep the timing of an earlier session in its metadata)
    times = {c["index"]: _seconds(c) for c in cells if live is None or c["index"] in live}
    long_cells = [
        {
            "cell": c["index"],
            "seconds": round(times[c["index"]], 1),
            "progress": c["index"] in progress_seen,
            "setup": bool(SETUP_CELL.search(c["source"])),
        }
        for c in cells
        if times.get(c["index"]) is not None and times[c["index"]] > LONG_CELL_S
    ]
    slowest = max((t for t in times.values() if t is not None), default=0.0)
    if timings:
        TIMINGS[name] = {
            "mode": entry["mode"],
            ("run_all_s" if live is None else "live_s"): round(elapsed, 1),
            **({} if live is None else {"live_cells": live}),
            "slowest_cell_s": round(slowest, 1),
            "long_cells": long_cells,
        }
    entry["run_all_s" if live is None else "live_s"] = round(elapsed, 1)
    entry["cell_seconds"] = {str(k): round(v, 1) for k, v in times.items() if v is not None and v >= 1}
    entry["long_cells"] = long_cells
    silent = [f"cell {c['cell']} ({c['seconds']} s)" for c in long_cells if not c["progress"] and not c["setup"]]
    if silent:
        problems.append(f"cells over {LONG_CELL_S:g} s showed no progress while running: {silent}")

    stderr = [
        f"{_describe(c)}: {o['text'][:200]!r}"
        for c in cells
        for o in c["outputs"]
        if o["type"] == "stream" and o["name"] == "stderr"
    ]
    assert not stderr, "cells wrote to stderr (warnings or TensorFlow noise a learner would see):\n" + "\n".join(stderr)
    assert "Error displaying widget" not in page.locator(".jp-Notebook").inner_text()
    left = _cells(page)["withProgress"]
    assert not left, f"a progress bar was left behind in cells {left}"

    with phase(name, "explorers"):
        for cell in _slider_cells(page, cells):
            _check_explorer(page, cell)

    with phase(name, "quizzes"):
        quizzes = _quizzes(page, cells)
        for quiz in quizzes:
            if quiz.count < 3:
                problems.append(f"{_describe(quiz.cell)}: the quiz shows {quiz.count} questions (at least 3)")
            if quiz.count and not quiz.check(0, None).strip():  # nothing picked: still an answer
                problems.append(f"{_describe(quiz.cell)}: Check without an answer shows nothing")

    with phase(name, "markdown literals"):
        for literal in page.evaluate(JS_MARKDOWN_LITERALS):
            problems.append(f"cell {literal['cell']}: Markdown shown literally (** or `): {literal['text']!r}")
    shown: tuple[str, str, str] = ("", "", "")
    seen: set[tuple[str, str]] = set()
    for theme, (viewport, width, height, file_browser), want in SCREENS:
        if theme != shown[0]:
            with phase(name, "theme"):
                _set_theme(page, theme)
        if viewport != shown[1]:
            with phase(name, "resize"):
                _set_viewport(page, width, height, file_browser)
        screen = viewport if theme == "light" else f"{viewport}-{theme}"
        new_screen = (theme, viewport) not in seen
        seen.add((theme, viewport))
        shown = (theme, viewport, want)
        for number, quiz in enumerate(quizzes):
            with phase(name, "quizzes"):
                problems += quiz.answer_all(want)
            if viewport != VIEWPORTS[0][0]:
                continue  # quiz pictures at 1024 px only (the checks above cover both viewports)
            suffix = f"-{number + 1}" if len(quizzes) > 1 else ""
            path = SCREENSHOTS / f"{stem}-quiz{suffix}-{screen}-{want}.png"
            with phase(name, "screenshots"):
                quiz.screenshot(path)
            entry["screenshots"].append(str(path.relative_to(BUILD.parent)))
        with phase(name, "screen checks"):
            problems += _check_screen(page, entry, screen, theme, with_figures=new_screen)
        if new_screen:
            shot = SCREENSHOTS / f"{stem}-{screen}.png"
            with phase(name, "screenshots"):
                page.screenshot(path=str(shot))
            entry["screenshots"].append(str(shot.relative_to(BUILD.parent)))
    _set_theme(page, "light")
    entry["wide_figures"] = sorted(
        {f["cell"] for f in entry["figures"][VIEWPORTS[0][0]] if (f["width_in"] or 0) > MAX_FIGURE_WIDTH_IN}
    )
    return entry, problems


@contextmanager
def notebook_in_page(lab, lab_page, name: str):
    """This process's page for one notebook; afterwards the notebook is closed and its kernel shut down.
    After an error the page is photographed (build/screenshots/<notebook>.png) and replaced."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page, outside = lab_page.get()
    failed = True
    try:
        yield page, outside
        failed = False
    finally:
        try:
            if failed:
                page.screenshot(path=str(SCREENSHOTS / f"{Path(name).stem}.png"))
            else:
                _close_notebooks(page)
        except Exception:  # the page is replaced below; the test's own error is the one reported
            failed = True
        finally:
            if failed:
                lab_page.discard()
            lab.shutdown_kernels()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_in_jupyterlab(notebook: Path, lab, lab_page) -> None:
    entry: dict = {}
    with notebook_in_page(lab, lab_page, notebook.name) as (page, outside):
        try:
            entry, problems = inspect_notebook(page, lab, notebook.name)
        finally:
            if entry:
                REPORT_ENTRIES[notebook.name] = entry
        if entry["wide_figures"]:
            warnings.warn(
                f"{notebook.name}: figures wider than {MAX_FIGURE_WIDTH_IN:g} in, cells {entry['wide_figures']}",
                stacklevel=1,
            )
        assert not outside, f"the page requested URLs outside the local server: {outside[:5]}"
        assert not problems, f"{notebook.name}: what a learner would see:\n" + "\n".join(problems)
