#!/usr/bin/env python3
"""A learner's study time per notebook, for the core path (the cells not tagged ``deep-dive``) and the
whole notebook, by the rule in RULE; written into each header, 00's course map and the instructor guide.

    .venv/bin/python scripts/study_time.py              # make study-time: write the figures (text sources)
    .venv/bin/python scripts/study_time.py --check      # exit 1 when a stated figure is not the computed one
    .venv/bin/python scripts/study_time.py --core-path  # make core-path: run every notebook without its
                                                        #   deep-dive cells -> results/core_path.json
"""

from __future__ import annotations

import ast
import builtins
import hashlib
import json
import math
import re
import sys
import tempfile
import textwrap
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

import execute_notebooks as runner
import jupytext
import nbformat

REPO = runner.REPO
SOURCES = REPO / "notebooks" / "src"
QUIZZES = REPO / "helpers" / "quizzes"
GUIDE = REPO / "INSTRUCTOR_GUIDE.md"
DEEP_DIVE = "deep-dive"
WORDS_PER_MINUTE, LINES_PER_MINUTE, EXERCISE_MINUTES, QUESTION_MINUTES, ROUND_TO = 180, 60, 3, 1, 1
RULE = (
    "**Study time, the rule.** The times above are computed, not guessed (`scripts/study_time.py`): prose "
    f"at {WORDS_PER_MINUTE} words a minute, code at {LINES_PER_MINUTE} non-blank lines a minute (code inside "
    f"the text too), the notebook's measured run time, {EXERCISE_MINUTES} minutes per exercise and "
    f"{QUESTION_MINUTES} minute per self-check question, rounded to the minute; the course row adds "
    "up notebooks 00-07, the Part II row the notebooks after them. The core path skips the sections headed "
    "**Deep dive** and the folded solutions; the whole notebook has everything."
)
EXERCISE = re.compile(r"\bnb\d\d\.check_\w+\s*\(")
QUIZ = re.compile(r"show_quiz\(\s*[\"'](\w+)[\"']")
STUDY_LINE = re.compile(r"^# \*\*Study time:\*\*.*\n", re.M)
RUN_LINE = re.compile(r"^# \*\*Run time:\*\*.*\n", re.M)


@dataclass(frozen=True)
class Load:
    """What a learner reads and does: prose words, code lines, exercises, self-check questions."""

    words: int = 0
    lines: int = 0
    exercises: int = 0
    questions: int = 0

    def __add__(self, other: Load) -> Load:
        return Load(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def minutes(self, run_seconds: float) -> float:
        """Study minutes by the rule, with the notebook's run time in seconds."""
        return (
            self.words / WORDS_PER_MINUTE
            + self.lines / LINES_PER_MINUTE
            + self.exercises * EXERCISE_MINUTES
            + self.questions * QUESTION_MINUTES
            + run_seconds / 60
        )


def count_markdown(text: str) -> tuple[int, int]:
    """Prose words left after removing HTML comments, tags, link targets and fenced code; and the
    non-blank lines of that fenced code."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    code = re.findall(r"^\s*(```|~~~)[^\n]*\n(.*?)^\s*\1", text, flags=re.S | re.M)
    text = re.sub(r"^\s*(```|~~~)[^\n]*\n.*?^\s*\1[^\n]*", " ", text, flags=re.S | re.M)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"<[^>]+>", " ", text))
    words = [token for token in text.split() if re.search(r"[^\W_]", token)]  # '**', '|', '---' are not words
    return len(words), sum(1 for _, block in code for line in block.splitlines() if line.strip())


def markdown_load(source: str) -> tuple[Load, Load]:
    """(core, whole-only) load of a text cell: ``<details>`` blocks (the solutions) are whole-only; the
    header's study-time line is not counted (writing it must not change it)."""
    source = re.sub(r"^\*\*Study time:\*\*.*$", "", source, flags=re.M)
    folded = re.findall(r"<details>.*?</details>", source, flags=re.S | re.I)
    shown = re.sub(r"<details>.*?</details>", " ", source, flags=re.S | re.I)
    return Load(*count_markdown(shown)), Load(*count_markdown("\n".join(folded)))


def code_load(source: str, quizzes: Path = QUIZZES) -> Load:
    """A code cell: its non-blank lines, the exercises it checks and the questions of the quiz it shows."""
    questions = sum(len(json.loads((quizzes / f"{name}.json").read_text("utf-8"))) for name in QUIZ.findall(source))
    lines = sum(1 for line in source.splitlines() if line.strip())
    return Load(lines=lines, exercises=len(EXERCISE.findall(source)), questions=questions)


def is_deep_dive(cell: nbformat.NotebookNode) -> bool:
    return DEEP_DIVE in cell.get("metadata", {}).get("tags", [])


def notebook_load(notebook: nbformat.NotebookNode, quizzes: Path = QUIZZES) -> tuple[Load, Load]:
    """(core path, whole notebook) load: a deep-dive cell counts in the whole notebook only."""
    core = whole = Load()
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            shown, folded = markdown_load(cell.source)
        elif cell.cell_type == "code":
            shown, folded = code_load(cell.source, quizzes), Load()
        else:
            continue
        whole += shown + folded
        core += Load() if is_deep_dive(cell) else shown
    return core, whole


def core_fingerprint(notebook: nbformat.NotebookNode) -> str:
    """SHA-256 of the core path's code cells (what its run time depends on)."""
    sources = [c.source for c in notebook.cells if c.cell_type == "code" and not is_deep_dive(c)]
    return hashlib.sha256(json.dumps(sources).encode("utf-8")).hexdigest()


def rounded(minutes: float) -> int:
    """To the nearest ROUND_TO minutes (halves up), at least ROUND_TO."""
    return max(ROUND_TO, math.floor(minutes / ROUND_TO + 0.5) * ROUND_TO)


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def figures(results: Path = REPO / "results", sources: Path = SOURCES) -> dict[str, dict]:
    """Per notebook stem: core and whole minutes (rounded), run seconds, and how the core run was timed."""
    bench = {e["notebook"][:-6]: e["median_seconds"] for e in read_json(results / "bench.json").get("notebooks", [])}
    measured = read_json(results / "core_path.json").get("notebooks", {})
    found = {}
    for path in sorted(sources.glob("[0-9][0-9]_*.py")):
        notebook = jupytext.read(path, fmt="py:percent")
        if path.stem not in bench:
            raise SystemExit(f"study-time: {path.stem} has no run time in results/bench.json; run `make bench`")
        core, whole = notebook_load(notebook)
        entry = measured.get(path.stem, {})
        own = entry.get("code_sha256") == core_fingerprint(notebook) and entry.get("seconds") is not None
        core_seconds = entry["seconds"] if own else bench[path.stem]
        found[path.stem] = {
            "core": rounded(core.minutes(core_seconds)),
            "whole": rounded(whole.minutes(bench[path.stem])),
            "run_seconds": bench[path.stem],
            "core_run": "make core-path" if own else "whole notebook's (no current make core-path run)",
        }
    return found


def study_line(stem: str, core: int, whole: int) -> str:
    where = "under the course map below" if stem.startswith("00_") else "00's course map"
    return f"**Study time:** core path about {core} min, whole notebook about {whole} min (the rule: {where})."


def write_header(text: str, stem: str, core: int, whole: int) -> str:
    """The study-time line right after the first "**Run time:**" line of a text source."""
    line = f"# {study_line(stem, core, whole)}\n"
    if STUDY_LINE.search(text):
        return STUDY_LINE.sub(lambda _: line, text, count=1)
    run = RUN_LINE.search(text)
    if run is None:
        raise SystemExit(f"study-time: {stem} has no '**Run time:**' line to put the study time under")
    return text[: run.end()] + line + text[run.end() :]


#: Notebooks numbered from here on are Part II, "after the course" (today's dropout): the course's own
#: figure (the core path within 2 hours) is Part I's; Part II's total is a row of its own.
PART_TWO_FROM = 8
PART_TWO_ROW = "**Part II, after the course** (08 onwards)"


def parts(found: dict[str, dict]) -> tuple[list[str], list[str]]:
    """The notebook stems of Part I (the course) and Part II (after it), in order."""
    stems = sorted(found)
    return [s for s in stems if int(s[:2]) < PART_TWO_FROM], [s for s in stems if int(s[:2]) >= PART_TWO_FROM]


def fill_table(lines: list[str], found: dict[str, dict], prefix: str, course: str = "**The course**") -> list[str]:
    """A Markdown table (``lines``, each starting ``prefix + '|'``) with the columns "Core path" and
    "Whole notebook" set in the rows of notebooks (first cell NN; appended the first time) and a last
    row for the course."""
    rows, width = [], 0
    for number, line in enumerate(lines):
        cells = [cell.strip() for cell in line[len(prefix) :].strip().strip("|").split("|")]
        if number == 0:
            width = cells.index("Core path") if "Core path" in cells else len(cells)
            cells[width:] = ["Core path", "Whole notebook"]
        elif number == 1:
            cells[width:] = ["---:", "---:"]
        elif re.fullmatch(r"\d\d", cells[0]):
            stem = next((s for s in found if s[:2] == cells[0]), None)
            cells[width:] = [f"{found[stem]['core']} min", f"{found[stem]['whole']} min"] if stem else ["", ""]
        else:
            continue  # the course rows, written anew below
        rows.append(cells)
    part_one, part_two = parts(found)
    total = [f"**{sum(found[s][key] for s in part_one)} min**" for key in ("core", "whole")]
    rows.append(["", course, *[""] * (width - 2), *total])
    if part_two:
        extra = [f"**{sum(found[s][key] for s in part_two)} min**" for key in ("core", "whole")]
        rows.append(["", PART_TWO_ROW, *[""] * (width - 2), *extra])
    lines = [prefix + "| " + " | ".join(cells) + " |" for cells in rows]
    return [lines[0], prefix + "|" + "|".join(rows[1]) + "|", *lines[2:]]


def replace_table(text: str, after: str, found: dict[str, dict], prefix: str, course: str = "**The course**") -> str:
    """``text`` with the first table after the line ``after`` filled (fill_table)."""
    start = text.index(after)
    lines = text[start:].split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith(prefix + "|"))
    end = next(i for i in range(first, len(lines)) if not lines[i].startswith(prefix + "|"))
    lines[first:end] = fill_table(lines[first:end], found, prefix, course)
    return text[:start] + "\n".join(lines)


def rule(found: dict[str, dict]) -> str:
    """The rule, and which notebooks' core paths have no run time of their own yet."""
    fallback = [stem[:2] for stem, f in found.items() if f["core_run"] != "make core-path"]
    which = "every notebook" if len(fallback) == len(found) else "notebooks " + ", ".join(fallback)
    note = f" (The core path of {which}: not yet timed on its own, so the whole run time counts.)"
    return RULE + (note if fallback else "")


def write_course_map(text: str, found: dict[str, dict]) -> str:
    """00's course map: the two study-time columns, the course row, and the rule alone under the map."""
    text = replace_table(text, "# ## The course map", found, "# ", "**The course** (this notebook included)")
    start = text.index("# ## The course map")
    end = text.index("\n# %%", start)
    body = text[start:end].split("\n#\n# **Study time, the rule.**")[0].rstrip("\n#")
    wrapped = textwrap.wrap(rule(found), 100, break_on_hyphens=False, break_long_words=False)
    return text[:start] + body + "\n#\n" + "".join(f"# {line}\n" for line in wrapped) + text[end:]


def title(stem: str, sources: Path = SOURCES) -> str:
    """'01 Why dropout' from the notebook's first heading ('# 01 · Why dropout: ...')."""
    heading = re.search(r"^# # (\d\d) · ([^:,\n]+)", (sources / f"{stem}.py").read_text(encoding="utf-8"), re.M)
    return f"{heading[1]} {heading[2].strip()}" if heading else stem


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def schedule(stems: list[str], found: dict[str, dict], key: str, names: dict[str, str]) -> list[str]:
    """A table: start (h:mm from the beginning), notebook, its minutes, then the end time."""
    rows, at = ["| start | notebook | minutes by the rule |", "|---|---|---:|"], 0
    for stem in stems:
        rows.append(f"| {clock(at)} | {names[stem]} | {found[stem][key]} min |")
        at += found[stem][key]
    return [*rows, f"| {clock(at)} | end | |"]


SESSION_MINUTES, DAY_MINUTES = 90, 360
#: Minutes of a session kept free for questions and set-up: the notebooks fill the rest.
QUESTION_MINUTES_RESERVED = 15


def plans(found: dict[str, dict], names: dict[str, str]) -> str:
    """The guide's two plans from the figures: a 90-minute session on the core path (00 at home before;
    then as many notebooks as fit; the rest after) and a two-day workshop with the deep dives."""
    part_one, part_two = parts(found)
    first, *rest = part_one
    session, used = [], 0
    for stem in rest:
        if used + found[stem]["core"] > SESSION_MINUTES - QUESTION_MINUTES_RESERVED:
            break
        session.append(stem)
        used += found[stem]["core"]
    after = [stem for stem in rest if stem not in session]
    later = ", ".join(f"{names[s]} ({found[s]['core']} min)" for s in after)
    core_total = sum(found[s]["core"] for s in part_one)
    two = (
        f" Part II ({', '.join(s[:2] for s in part_two)}: today's dropout, after the course) adds "
        f"{sum(found[s]['core'] for s in part_two)} min of core path for learners who go on."
        if part_two
        else ""
    )
    lines = [
        f"**A {SESSION_MINUTES}-minute session on the core path.** Before it, learners work through "
        f"{names[first]} at home ({found[first]['core']} min: it checks their environment). In the room, the "
        f"core path of {len(session)} notebook{'s' if len(session) != 1 else ''}, "
        f"{used} of the {SESSION_MINUTES} minutes; the other {SESSION_MINUTES - used} are for questions "
        "(the rule counts reading and doing, not discussion).",
        "",
        *schedule(session, found, "core", names),
        "",
        (f"After the session, on their own: the core path of {later}; then the deep dives. " if after else "")
        + f"The core path of the whole course is {core_total} min by the rule.{two}",
        "",
    ]
    whole = [found[s]["whole"] for s in sorted(found)]
    split = min(range(1, len(whole)), key=lambda k: max(sum(whole[:k]), sum(whole[k:])))
    days = [sorted(found)[:split], sorted(found)[split:]]
    minutes = [sum(found[s]["whole"] for s in day) for day in days]
    fits = "fit" if max(minutes) <= DAY_MINUTES else "do NOT fit"
    lines += [
        f"**A two-day workshop with the deep dives.** Every notebook whole: {minutes[0]} min on day 1 and "
        f"{minutes[1]} min on day 2 by the rule, which {fits} in days of {DAY_MINUTES // 60} hours of teaching; "
        "the rest of each day is for breaks, questions, the exercises done together and runs at other seeds.",
    ]
    for number, day in enumerate(days, start=1):
        lines += ["", f"Day {number}:", "", *schedule(day, found, "whole", names)]
    return "\n".join(lines)


PLANS = re.compile(r"(<!-- study-time: plans -->\n)(?:.*?\n)??(<!-- /study-time -->)", re.S)


def write_guide(text: str, found: dict[str, dict], sources: Path = SOURCES) -> str:
    """The guide's notebook table (study-time columns) and its two plans (between the study-time markers)."""
    if not PLANS.search(text):
        raise SystemExit("study-time: INSTRUCTOR_GUIDE.md has no '<!-- study-time: plans -->' block")
    text = replace_table(text, "### The notebooks at a glance", found, "")
    names = {stem: title(stem, sources) for stem in found}
    return PLANS.sub(lambda m: f"{m[1]}\n{plans(found, names)}\n\n{m[2]}", text, count=1)


def updated(found: dict[str, dict], sources: Path = SOURCES, guide: Path = GUIDE) -> dict[Path, str]:
    """Every file whose stated figures differ from ``found``, with its corrected text."""
    changes = {}
    for path in sorted(sources.glob("[0-9][0-9]_*.py")):
        text = path.read_text(encoding="utf-8")
        new = write_header(text, path.stem, found[path.stem]["core"], found[path.stem]["whole"])
        new = write_course_map(new, found) if path.name.startswith("00_") else new
        if new != text:
            changes[path] = new
    text = guide.read_text(encoding="utf-8")
    if write_guide(text, found, sources) != text:
        changes[guide] = write_guide(text, found, sources)
    return changes


IPYTHON_NAMES = {"display", "get_ipython", "In", "Out", "_", "__", "___", "exit", "quit"}


class _Names(ast.NodeVisitor):
    """Module-level names a cell binds (``bound``) and reads before binding them (``free``); inside
    functions, lambdas, classes and comprehensions their own names are local."""

    def __init__(self) -> None:
        self.bound: set[str] = set()
        self.free: set[str] = set()
        self.scopes: list[set[str]] = []

    def bind(self, name: str) -> None:
        (self.scopes[-1] if self.scopes else self.bound).add(name)

    def read(self, name: str) -> None:
        if not any(name in scope for scope in self.scopes) and name not in self.bound:
            self.free.add(name)

    def visit_Name(self, node: ast.Name) -> None:
        self.read(node.id) if isinstance(node.ctx, ast.Load) else self.bind(node.id)

    def visit_Assign(self, node: ast.Assign) -> None:  # the value runs before the targets are bound
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            self.read(node.target.id)
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name != "*":
                self.bind(alias.asname or alias.name.split(".")[0])

    visit_ImportFrom = visit_Import

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.bind(node.name)
        self.generic_visit(node)

    def _scoped(self, body: list[ast.AST], names: set[str]) -> None:
        stores = {
            n.id for part in body for n in ast.walk(part) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        self.scopes.append(names | stores)
        for part in body:
            self.visit(part)
        self.scopes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        for default in [*node.args.defaults, *node.args.kw_defaults, *getattr(node, "decorator_list", [])]:
            if default is not None:
                self.visit(default)
        if not isinstance(node, ast.Lambda):
            self.bind(node.name)
        arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        arguments += [a for a in (node.args.vararg, node.args.kwarg) if a]
        self._scoped(node.body if isinstance(node.body, list) else [node.body], {a.arg for a in arguments})

    visit_AsyncFunctionDef = visit_Lambda = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for part in [*node.bases, *node.decorator_list]:
            self.visit(part)
        self.bind(node.name)
        self._scoped(node.body, set())

    def visit_ListComp(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> None:
        self.visit(node.generators[0].iter)  # evaluated outside the comprehension
        targets = {n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
        rest = [
            field
            for field in (getattr(node, "elt", None), getattr(node, "key", None), getattr(node, "value", None))
            if field
        ]
        parts = [*rest, *(g.iter for g in node.generators[1:]), *(c for g in node.generators for c in g.ifs)]
        self.scopes.append(targets)
        for part in parts:
            self.visit(part)
        self.scopes.pop()

    visit_SetComp = visit_GeneratorExp = visit_DictComp = visit_ListComp


def cell_names(source: str) -> tuple[set[str], set[str]]:
    """(bound, free) module-level names of a code cell (IPython magics turned into Python first)."""
    from IPython.core.inputtransformer2 import TransformerManager

    visitor = _Names()
    visitor.visit(ast.parse(TransformerManager().transform_cell(source)))
    return visitor.bound, visitor.free


def removal_problems(notebook: nbformat.NotebookNode) -> list[str]:
    """Why the notebook would fail without its deep-dive cells: a core cell reading a name that only a
    deep-dive cell binds (a variable, an import, a function, a class)."""
    known = set(dir(builtins)) | IPYTHON_NAMES
    deep_only: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        bound, free = cell_names(cell.source)
        if is_deep_dive(cell):
            for name in bound - known:
                deep_only.setdefault(name, index)
            continue
        for name in sorted(free & deep_only.keys()):
            first = cell.source.strip().split("\n", 1)[0][:50]
            problems.append(f"cell {index} ({first!r}) reads {name!r}, bound only in deep-dive cell {deep_only[name]}")
        known |= bound
        for name in bound:
            deep_only.pop(name, None)
    return problems


HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.M)
FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1[^\n]*", re.S | re.M)
LABEL = "Deep dive:"


def convention_problems(notebook: nbformat.NotebookNode) -> list[str]:
    """Where the deep-dive convention is broken: a run of deep-dive cells starts with a markdown cell
    headed "## Deep dive: <title>" (any level from ##); every "##" heading inside the run has the label,
    and none outside it; the core path resumes at a heading."""
    problems, cells = [], notebook.cells
    for index, cell in enumerate(cells):
        deep, before = is_deep_dive(cell), index > 0 and is_deep_dive(cells[index - 1])
        text = FENCE.sub("", cell.source) if cell.cell_type == "markdown" else ""
        headings, starts = HEADING.findall(text), HEADING.match(text.lstrip())
        if deep and not before and not (starts and starts[2].startswith(LABEL) and len(starts[1]) >= 2):
            problems.append(f"cell {index}: a deep-dive section must start with a '## {LABEL} <title>' heading")
        for level, text in headings:
            if len(level) == 2 and deep != text.startswith(LABEL):
                where = "in a deep-dive cell lacks" if deep else "outside the deep-dive cells has"
                problems.append(f"cell {index}: the heading {text!r} {where} the label '{LABEL}'")
        if before and not deep and not starts:
            problems.append(f"cell {index}: the core path resumes after a deep dive without a heading")
    return problems


def run_core_paths(paths: list[Path], timeout: int) -> dict[str, dict]:
    """Execute each notebook without its deep-dive cells, once, in a fresh kernel (a copy in a temporary
    folder; the kernel works in notebooks/): seconds or the error, with the core path's fingerprint."""
    runner.use_kernel_environment(batch=True, guard=True)
    entries = {}
    with tempfile.TemporaryDirectory(prefix="core-path-") as scratch:
        for path in paths:
            notebook = nbformat.read(path, as_version=4)
            removed = sum(map(is_deep_dive, notebook.cells))
            notebook.cells = [cell for cell in notebook.cells if not is_deep_dive(cell)]
            copy = Path(scratch) / path.name
            nbformat.write(notebook, copy)
            entry = {"code_sha256": core_fingerprint(notebook), "deep_dive_cells_removed": removed}
            try:
                entry.update(seconds=round(runner.execute(copy, timeout)[0], 3), error=None)
            except Exception as error:
                entry.update(seconds=None, error=runner.describe(error))
            print(f"  {path.stem}: {removed} deep-dive cells removed,", entry["error"] or f"{entry['seconds']:.1f} s")
            entries[path.stem] = entry
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = runner.runner_parser(__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 when a stated figure is not the computed one")
    parser.add_argument("--core-path", action="store_true", help="run the notebooks without their deep dives")
    parser.add_argument("--results", type=Path, default=REPO / "results", help="instead of results/ (tests)")
    args = parser.parse_args(argv)
    if args.core_path:
        entries = run_core_paths(runner.discover_notebooks(args.notebooks), args.timeout)
        record = read_json(args.results / "core_path.json").get("notebooks", {})
        note = "one fresh-kernel run per notebook (the 'median of 1'), offline, deep-dive cells removed"
        report = {"created": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "note": note}
        report["notebooks"] = {**record, **entries}
        runner.write_atomically(args.results / "core_path.json", json.dumps(report, indent=1) + "\n")
        failed = [stem for stem, entry in entries.items() if entry["error"]]
        print(f"core-path: {len(entries) - len(failed)} of {len(entries)} notebooks ran without their deep dives")
        return 1 if failed else 0
    found = figures(args.results)
    for stem, f in found.items():
        print(f"  {stem}: core path {f['core']} min, whole {f['whole']} min (core run time: {f['core_run']})")
    core, whole = (sum(f[key] for f in found.values()) for key in ("core", "whole"))
    print(f"  course: core path {core} min, whole {whole} min")
    if args.check:
        stale = updated(found)
        for path in stale:
            print(
                f"study-time: FAIL: {path.relative_to(REPO)} does not state the computed figures; run `make study-time`"
            )
        return 1 if stale else 0
    for _ in range(3):  # writing 00's map changes 00's own word count once
        changes = updated(figures(args.results))
        for path, text in changes.items():
            path.write_text(text, encoding="utf-8")
            print(f"updated {path.relative_to(REPO)}")
        if not changes:
            return 0
    raise SystemExit("study-time: the figures did not settle")


if __name__ == "__main__":
    sys.exit(main())
