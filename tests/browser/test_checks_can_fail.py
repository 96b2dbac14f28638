"""The browser test's checks can fail: a notebook made of the defects issue 12 found must be caught.

One small notebook, written at test time into the served folder: radio options that wrap over each
other (ipywidgets' RadioButtons in a narrow box), a figure twice as wide as the output area, a cell
that runs silently for longer than the progress threshold, one that shows an ``IntProgress`` bar while
it runs (which must count as progress), a text table too wide for 1024 px, and a narrow one under a
long line of prose (allowed); since issue 20: a printed number too long for the line (broken over two
lines), a figure with a transparent background (unreadable in the dark theme only), Markdown after an HTML
comment (``**`` shown literally), pale prose (below WCAG AA in the light theme only), and exercise feedback
from the real harness (measured in both themes, not a defect). ``inspect_notebook`` must report the
defects and only those.

The notebook has no stored outputs, so it is run in full (Run All, every cell watched, as ``make
browser-full`` does): the checks on screen are the same code in both modes; which cells the default mode
runs live is tested without a browser (test_live_cells.py), and long cells it does not run by their nbval
times (test_long_cells.py).
"""

from __future__ import annotations

import nbformat

from . import test_notebooks_in_lab as lab_test

CELLS = [
    # RadioButtons labels have a fixed height: wrapped text runs over the next option
    "import ipywidgets as w\n"
    "w.RadioButtons(options=['A. ' + 'an option long enough to wrap over the next one ' * 3, 'B. short',\n"
    "    'C. ' + 'another long option ' * 10], layout=w.Layout(width='260px'))",
    # 16 in at 80 dpi: shown at less than half its size at 1024 px with the file browser open
    "import matplotlib.pyplot as plt\n"
    "fig, ax = plt.subplots(figsize=(16, 3), dpi=80)\n"
    "ax.plot([0, 1], [0, 1])\n"
    "ax.set_title('a wide figure')\n"
    "plt.show()",
    "import time\ntime.sleep({long})",
    "from IPython.display import display\n"
    "bar = w.IntProgress(max=8)\n"
    "handle = display(bar, display_id=True)\n"
    "for step in range(8):\n"
    "    time.sleep({long} / 8 + 0.1)\n"
    "    bar.value = step + 1\n"
    "handle.update({{}}, raw=True)\n"
    "bar.close()",
    # a text table too wide for 1024 px, and a narrow one followed by a long line of prose (allowed)
    "for row in range(3):\n    print('  '.join(f'column {{k}}: {{row * k:>9,}}' for k in range(8)))",
    "print('rate   kept   scale')\nprint('0.5    0.50   2.00')\nprint('a long sentence of prose ' * 6)",
    "print('value', '1234567890' * 20)",
    "fig, ax = plt.subplots(figsize=(4, 3))\nfig.patch.set_alpha(0)\nax.plot([0, 1], [1, 0])\nplt.show()",
    "from helpers.exercises._harness import Wrong, checker\n"
    "@checker('a number')\n"
    "def check_one(answer):\n"
    "    if answer != 1:\n"
    "        raise Wrong('the answer is 1')\n"
    "    return 'one it is'\n"
    "check_one(1)\n"
    "check_one(2)",
]
MARKDOWN = [
    "Some text.\n\n<!-- ledger: x --> **The headline.** with `code`",
    '<span style="color:#aaaaaa">Pale prose, hard to read on white.</span>',
]


def test_the_checks_catch_overlaps_small_figure_text_and_silent_long_cells(lab, lab_page, monkeypatch):
    monkeypatch.setattr(lab_test, "LONG_CELL_S", 4.0)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source.format(long=7)) for source in CELLS]
    notebook.cells += [nbformat.v4.new_markdown_cell(source) for source in MARKDOWN]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    name = "zz_defects.ipynb"
    nbformat.write(notebook, lab.root / "notebooks" / name)
    with lab_test.notebook_in_page(lab, lab_page, name) as (page, _):
        entry, problems = lab_test.inspect_notebook(page, lab, name, timings=False, full=True)
    text = "\n".join(problems)
    screens = list(entry["overlaps"])
    assert len(screens) == 4, screens  # two viewports, two themes
    for screen in screens:
        assert any(o["cell"] == 0 for o in entry["overlaps"][screen]), f"no overlap found at {screen}:\n{text}"
        assert f"{screen}: cell 6: the number 12345678901234" in text, text
    assert any(f["text_px"] < lab_test.MIN_TEXT_PX for f in entry["figures"]["1024-filebrowser"]), text
    progress = {c["cell"]: c["progress"] for c in entry["long_cells"]}  # a loaded machine may add cell 1
    assert progress.get(2) is False and progress.get(3) is True, entry["long_cells"]
    assert "showed no progress" in text and "'cell 2 (" in text and "'cell 3 (" not in text
    assert not any(o["cell"] != 0 for v in entry["overlaps"].values() for o in v), entry["overlaps"]
    assert [t["cell"] for t in entry["tables"]["1024-filebrowser"]] == [4], entry["tables"]
    broken = {int(line.split("cell ")[1].split(":")[0]) for line in problems if "broken over two lines" in line}
    assert broken <= {4, 6}, text  # the wide text table may break its numbers too
    transparent = [line for line in problems if "transparent background" in line]
    assert transparent and all("-dark: cell 7:" in line for line in transparent), text
    literal = [line for line in problems if "Markdown shown literally" in line]
    assert len(literal) == 1 and literal[0].startswith("cell 9:") and "**The headline.**" in literal[0], text
    pale = [line for line in problems if "contrast" in line and "cell 10:" in line]
    assert pale and all(line.startswith(("1024-filebrowser: ", "1366: ")) for line in pale), text
    feedback = {s for s, items in entry["contrast"].items() for i in items if i["kind"] == "exercise feedback"}
    assert feedback == set(screens), entry["contrast"]
    expected = ("overlaps", "figure text", "showed no progress", "text table", "broken over two lines",
                "transparent background", "Markdown shown literally", "cell 10:")  # fmt: skip
    assert all(any(word in line for word in expected) for line in problems), text
