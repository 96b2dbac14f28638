"""scripts/study_time.py: the study-time rule on tiny notebooks, the deep-dive convention, the static
removal test on every notebook, and the figures the docs state (`make study-time` writes them)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jupytext
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import study_time as st  # noqa: E402

SOURCES = sorted((REPO / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
DEEP = {"tags": ["deep-dive"]}


def notebook(*cells: tuple[str, str, bool]) -> object:
    """A notebook from (kind, source, deep-dive?) triples."""
    made = [(new_code_cell if kind == "code" else new_markdown_cell)(source) for kind, source, _ in cells]
    for cell, (_, _, deep) in zip(made, cells, strict=True):
        if deep:
            cell.metadata.update(DEEP)
    return new_notebook(cells=made)


def test_every_stated_figure_is_the_computed_one() -> None:
    stale = st.updated(st.figures())
    assert not stale, f"stale study times in {[p.name for p in stale]}: run `make study-time`"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_the_core_path_reads_no_name_bound_only_in_a_deep_dive(path: Path) -> None:
    assert st.removal_problems(jupytext.read(path, fmt="py:percent")) == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_deep_dives_follow_the_convention(path: Path) -> None:
    assert st.convention_problems(jupytext.read(path, fmt="py:percent")) == []


def test_prose_drops_markup_comments_and_link_targets() -> None:
    core, folded = st.markdown_load("## A **bold** `word`\n<!-- ledger: x y z -->\n| [link](http://a.b/c d) | --- |")
    assert (core.words, core.lines, folded) == (4, 0, st.Load())  # A, bold, word, link


def test_solutions_count_for_the_whole_notebook_only_and_fenced_code_as_code() -> None:
    text = "Try it.\n\n<details><summary>Solution</summary>\n\n```python\nx = 1\n\ny = 2\n```\n\nWhy so.\n</details>"
    core, folded = st.markdown_load(text)
    assert (core.words, core.lines) == (2, 0)
    assert (folded.words, folded.lines) == (3, 2)  # "Solution", "Why", "so."; two code lines


def test_the_study_time_line_is_not_counted() -> None:
    assert st.markdown_load("**Run time:** 5 s.\n**Study time:** core path about 5 min.")[0].words == 4


def test_deep_dive_cells_count_in_the_whole_notebook_only(tmp_path: Path) -> None:
    (tmp_path / "09_x.json").write_text(json.dumps([{}, {}, {}]), encoding="utf-8")
    nb = notebook(
        ("markdown", "one two three", False),
        ("code", "a = 1\n\nb = 2", False),
        ("markdown", "## Deep dive: four five", True),
        ("code", "nb09.check_answer(None)", True),
        ("code", 'quiz.show_quiz("09_x")', False),
    )
    core, whole = st.notebook_load(nb, quizzes=tmp_path)
    assert core == st.Load(words=3, lines=3, exercises=0, questions=3)
    assert whole == st.Load(words=7, lines=4, exercises=1, questions=3)


def test_the_rule_in_minutes_and_its_rounding() -> None:
    load = st.Load(words=360, lines=120, exercises=2, questions=3)
    assert load.minutes(run_seconds=90) == pytest.approx(2 + 2 + 6 + 3 + 1.5)
    assert [st.rounded(m) for m in (0, 2.4, 7.4, 7.5, 12.6)] == [1, 2, 7, 8, 13]


def test_a_current_core_path_run_replaces_the_whole_run_time(tmp_path: Path) -> None:
    sources, results = tmp_path / "src", tmp_path / "results"
    sources.mkdir(), results.mkdir()
    text = '# %% [markdown]\n# # 09 · X\n\n# %%\nx = 1\n\n# %% tags=["deep-dive"]\ny = 2\n'
    (sources / "09_x.py").write_text(text, encoding="utf-8")
    bench = {"notebooks": [{"notebook": "09_x.ipynb", "median_seconds": 600.0}]}
    (results / "bench.json").write_text(json.dumps(bench), encoding="utf-8")
    assert st.figures(results, sources)["09_x"]["core"] == 10  # 10 min run time, no core-path run
    fingerprint = st.core_fingerprint(jupytext.read(sources / "09_x.py", fmt="py:percent"))
    for sha, core in ((fingerprint, 1), ("stale", 10)):
        record = {"notebooks": {"09_x": {"code_sha256": sha, "seconds": 60.0}}}
        (results / "core_path.json").write_text(json.dumps(record), encoding="utf-8")
        found = st.figures(results, sources)["09_x"]
        assert (found["core"], found["whole"]) == (core, 10)


def test_the_course_core_path_fits_in_two_hours() -> None:
    """The promise in 00 and the guide: Part I's core path (00-07) within 120 min by the rule."""
    found = st.figures()
    part_one, part_two = st.parts(found)
    assert [s[:2] for s in part_one] == [f"{n:02d}" for n in range(8)]
    assert all(int(s[:2]) >= st.PART_TWO_FROM for s in part_two)
    assert sum(found[s]["core"] for s in part_one) <= 120


def test_part_two_gets_a_total_row_of_its_own() -> None:
    found = {f"{n:02d}_x": {"core": 10, "whole": 20} for n in (0, 1, 8)}
    lines = ["# | # | N | Core path | Whole notebook |", "# |---|---|---:|---:|"]
    lines += [f"# | {n:02d} | A |  |  |" for n in (0, 1, 8)]
    filled = st.fill_table(lines, found, "# ")
    assert filled[-2] == "# |  | **The course** | **20 min** | **40 min** |"
    assert filled[-1] == f"# |  | {st.PART_TWO_ROW} | **10 min** | **20 min** |"


def test_the_header_line_goes_under_the_run_time_once() -> None:
    text = "# # 01 · X\n# **Run time:** about 5 seconds.\n# **Prerequisites:** none.\n"
    once = st.write_header(text, "01_x", 20, 30)
    assert once.splitlines()[2] == "# " + st.study_line("01_x", 20, 30)
    assert st.write_header(once, "01_x", 25, 30) == text.replace(
        "seconds.\n", "seconds.\n# " + st.study_line("01_x", 25, 30) + "\n"
    )


def test_the_map_gets_two_columns_and_a_course_row_once() -> None:
    found = {"01_a": {"core": 10, "whole": 20}, "02_b": {"core": 5, "whole": 15}}
    table = ["# | # | Notebook | Run time |", "# |---|---|---|", "# | 01 | A | 3 s |", "# | 02 | B | 4 s |"]
    filled = st.fill_table(table, found, "# ")
    assert filled[0] == "# | # | Notebook | Run time | Core path | Whole notebook |"
    assert filled[2] == "# | 01 | A | 3 s | 10 min | 20 min |"
    assert filled[1] == "# |---|---|---|---:|---:|"
    assert filled[-1] == "# |  | **The course** |  | **15 min** | **35 min** |"
    assert st.fill_table(filled, found, "# ") == filled


def test_the_course_map_states_the_rule_once_under_the_table() -> None:
    found = {"01_a": {"core": 10, "whole": 20, "core_run": "make core-path"}}
    cell = "# ## The course map\n#\n# | # | N |\n# |---|---|\n# | 01 | A |\n#\n# Run times.\n\n# %%\nx = 1\n"
    once = st.write_course_map(cell, found)
    assert st.write_course_map(once, found) == once
    assert once.count("**Study time, the rule.**") == 1 and "Until" not in once
    assert once.index("# Run times.") < once.index("the rule.**") < once.index("\n\n# %%\nx = 1")
    assert "not yet timed on its own" in st.write_course_map(once, {"01_a": {**found["01_a"], "core_run": ""}})


def test_the_plans_fit_their_time() -> None:
    found = {f"0{i}_n": {"core": core, "whole": 2 * core} for i, core in enumerate((10, 40, 40, 20, 30))}
    text = st.plans(found, {stem: stem for stem in found})
    assert "| 0:40 | end | |" in text  # 01 and 02 would take 80 of the 75 minutes left after questions
    assert "the other 50 are for questions" in text
    assert "the core path of 02_n (40 min), 03_n (20 min), 04_n (30 min)" in text
    assert "100 min on day 1 and 180 min on day 2" in text and "which fit in days of 6 hours" in text


@pytest.mark.parametrize(
    ("cells", "name"),
    [
        ([("code", "x = 1", True), ("code", "print(x)", False)], "x"),
        ([("code", "import numpy as np", True), ("code", "np.zeros(2)", False)], "np"),
        ([("code", "def f():\n    return 1", True), ("code", "f()", False)], "f"),
        ([("code", "acc = 0.9", True), ("code", 'check.section("s", accuracy=acc)', False)], "acc"),
        ([("code", "x = 1", True), ("code", "def g():\n    return x", False)], "x"),
        ([("code", "n = 2", True), ("code", "n += 1", False)], "n"),
        ([("code", "k = 2", True), ("code", "k = k + 1", False)], "k"),
    ],
)
def test_a_core_cell_reading_a_deep_dive_name_is_found(cells: list, name: str) -> None:
    problems = st.removal_problems(notebook(("code", "check = None", False), *cells))
    assert len(problems) == 1 and f"reads {name!r}" in problems[0]


@pytest.mark.parametrize(
    "cells",
    [
        [("code", "x = 1", False), ("code", "x = 2", True), ("code", "print(x)", False)],
        [("code", "x = 1", True), ("code", "x = 3\nprint(x)", False)],
        [("code", "x = 1", True), ("code", "def g(x):\n    return x", False)],
        [("code", "x = 1", True), ("code", "[x for x in range(3)]\nlambda x: x", False)],
        [("code", "%time y = 1", True), ("code", "%time z = 2\nprint(len([]))", False)],
    ],
)
def test_a_core_path_that_does_not_need_the_deep_dives_passes(cells: list) -> None:
    assert st.removal_problems(notebook(*cells)) == []


def test_the_convention_is_checked() -> None:
    good = [("markdown", "## A", False), ("markdown", "## Deep dive: b", True), ("code", "1", True)]
    assert st.convention_problems(notebook(*good, ("markdown", "## C", False))) == []
    assert st.convention_problems(notebook(*good, ("code", "2", False)))[0].endswith("without a heading")
    unlabelled = st.convention_problems(notebook(("markdown", "## B", True), ("markdown", "## C", False)))
    assert "must start with" in unlabelled[0] and "lacks the label" in unlabelled[1]
    assert "has the label" in st.convention_problems(notebook(("markdown", "## Deep dive: b", False)))[0]
