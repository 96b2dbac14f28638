"""helpers.quiz: the checking logic, the question files, the widgets, and the quiz of every notebook."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers import quiz

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
COURSE_NOTEBOOKS = [path for path in NOTEBOOKS if int(path.name[:2]) >= 1]
QUIZ_FILES = sorted(quiz.QUIZ_DIR.glob("*.json"))

#: The course page's two questions: they must appear verbatim in the quizzes (source "course page").
COURSE_PAGE_QUESTIONS = (
    "During training, how does Dropout affect a neural network's neurons?",
    "What happens to the neural network during the inference or evaluation phase when Dropout is applied?",
)
#: The notebooks of the complete course; the course page's questions are required once they all exist.
COURSE_SIZE = 5

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _question(**changes) -> quiz.Question:
    fields = {
        "prompt": "Which rate drops half of the units?",
        "options": ("0.2", "0.5", "0.8"),
        "answer": 1,
        "explanations": ("drops a fifth", "half of them", "drops four fifths"),
        "source": "course",
    }
    fields.update(changes)
    return quiz.Question(**fields)


def _write_quiz(folder: Path, name: str, records) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(records), encoding="utf-8")


# ----------------------------------------------------------------------------- checking logic


def test_check_answer_right_wrong_and_no_answer() -> None:
    question = _question()
    assert quiz.check_answer(question, 1) == (True, "Correct. half of them")
    assert quiz.check_answer(question, 2) == (False, "Not quite. drops four fifths")
    assert quiz.check_answer(question, None) == (None, quiz.NO_ANSWER_PROMPT)
    assert quiz.check_answer(question, np.int64(1)) == (True, "Correct. half of them")  # a NumPy integer


@pytest.mark.parametrize("choice", [-1, 3, 10**12, 10**400, 1.0, True, "1", math.nan, [1]])
def test_check_answer_refuses_a_choice_that_is_no_option(choice) -> None:
    """-1 used to show the last option's explanation; 1.0 and True used to count as option 1."""
    with pytest.raises((ValueError, TypeError), match="choice must be an integer from 0 to 2"):
        quiz.check_answer(_question(), choice)


@pytest.mark.parametrize(
    "call",
    [
        lambda: quiz.check_answer({"answer": 1}, 1),
        lambda: quiz.answers_html([]),
        lambda: quiz.answers_html("01_why_dropout"),
        lambda: quiz.load_quiz(None),
        lambda: quiz.load_quiz(["01_why_dropout"]),
        lambda: quiz.build_quiz("99_missing"),
        lambda: _question(answer=3),
        lambda: _question(answer=-1),
        lambda: _question(answer="1"),
        lambda: _question(options=("only one",), explanations=("x",)),
        lambda: _question(explanations=("one", "two")),
        lambda: _question(options=["0.2", "0.5", "0.8"]),
        lambda: _question(prompt=None),
    ],
)
def test_bad_arguments_are_refused_by_name(call) -> None:
    with pytest.raises((ValueError, TypeError)) as error:
        call()
    assert "/helpers/" in error.traceback[-1].path.as_posix()
    assert re.search(r"\b(question|questions|choice|name|answer|options|prompt)\b", str(error.value))


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_feedback_colours_meet_wcag_aa_in_light_and_dark_themes() -> None:
    """4.5:1 for normal text on white and on JupyterLab's dark background; the CSS uses exactly these."""
    assert _contrast("#388e3c", "#ffffff") < 4.5  # JupyterLab's --jp-success-color1, the colour this replaced
    backgrounds = {"light": "#ffffff", "dark": "#111111"}
    for theme, colors in quiz.FEEDBACK_COLORS.items():
        for kind, color in colors.items():
            assert _contrast(color, backgrounds[theme]) >= 4.5, (theme, kind, color)
    css = quiz._CSS
    assert f".dq-quiz .dq-right {{ color: {quiz.FEEDBACK_COLORS['light']['right']}; }}" in css
    dark = 'body[data-jp-theme-light="false"] .dq-quiz .dq-wrong'
    assert dark in css and css.index(quiz.FEEDBACK_COLORS["dark"]["wrong"]) > css.index(dark)
    assert "--jp-success-color1" not in css


# ----------------------------------------------------------------------------- loading


def test_load_quiz_reads_a_question_file(tmp_path: Path, monkeypatch) -> None:
    record = {"prompt": "p?", "options": ["a", "b"], "answer": 0, "explanations": ["yes", "no"]}
    _write_quiz(tmp_path, "07_extra", [record, {**record, "prompt": "q?", "source": "course page"}])
    monkeypatch.setattr(quiz, "QUIZ_DIR", tmp_path)
    questions = quiz.load_quiz("07_extra")
    assert [q.prompt for q in questions] == ["p?", "q?"]
    assert questions[0].options == ("a", "b") and questions[0].source == ""
    assert questions[1].source == "course page"
    with pytest.raises(ValueError, match=r"name must be one of '07_extra'; got '02_b'"):
        quiz.load_quiz("02_b")


# ----------------------------------------------------------------------------- the committed quizzes


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda path: path.name)
def test_every_quiz_file_is_valid(path: Path) -> None:
    records = json.loads(path.read_text(encoding="utf-8"))
    assert all(set(record) == {"prompt", "options", "answer", "explanations", "source"} for record in records)
    questions = quiz.load_quiz(path.stem)
    assert len(questions) >= 3, f"{path.name}: a self-check needs at least 3 questions"
    assert re.fullmatch(r"\d\d_[a-z0-9_]+", path.stem), f"{path.name}: name it after its notebook's stem"
    assert len({q.prompt for q in questions}) == len(questions), f"{path.name}: a question is repeated"
    for number, question in enumerate(questions, start=1):
        where = f"{path.name} q{number}"
        assert question.source in {"course", "course page"}, f"{where}: source {question.source!r}"
        texts = [question.prompt, *question.options, *question.explanations]
        assert all(isinstance(text, str) and text.strip() for text in texts), f"{where}: an empty or non-text field"
        assert len(set(question.options)) == len(question.options) >= 2, f"{where}: 2 or more different options"
        assert len(question.explanations) == len(question.options), f"{where}: one explanation per option"
        assert type(question.answer) is int and 0 <= question.answer < len(question.options), f"{where}: answer"
        for choice in range(len(question.options)):
            assert quiz.check_answer(question, choice)[0] is (choice == question.answer)


@pytest.mark.parametrize("text", COURSE_PAGE_QUESTIONS)
def test_the_course_page_questions_appear_verbatim(text: str) -> None:
    if len(COURSE_NOTEBOOKS) < COURSE_SIZE:
        pytest.skip(f"only {len(COURSE_NOTEBOOKS)} of the {COURSE_SIZE} course notebooks exist yet")
    homes = [
        path.stem for path in QUIZ_FILES for q in quiz.load_quiz(path.stem) if text in q.prompt
    ]  # fmt: skip
    assert len(homes) == 1, f"{text!r} must appear in exactly one quiz; found in {homes}"
    question = next(q for q in quiz.load_quiz(homes[0]) if text in q.prompt)
    assert question.source == "course page"


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=lambda path: path.name)
def test_every_notebook_ends_with_its_own_self_check(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    calls = [
        (index, match.group(1))
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for match in re.finditer(r"show_quiz\(\s*[\"']([^\"']+)[\"']\s*\)", cell.source)
    ]
    assert [name for _, name in calls] == [path.stem], f"{path.name} must call show_quiz({path.stem!r}) once"
    index = calls[0][0]
    headings = [
        cell.source
        for cell in notebook.cells[:index]
        if cell.cell_type == "markdown" and "## Self-check" in cell.source
    ]
    assert headings, f"{path.name}: the quiz belongs under a '## Self-check' heading"
    assert len(quiz.load_quiz(path.stem)) >= 3
    outputs = notebook.cells[index].outputs
    assert any(WIDGET_VIEW in output.get("data", {}) for output in outputs), (
        f"{path.name}: the stored quiz cell shows no widget (was the notebook executed?)"
    )


# ----------------------------------------------------------------------------- the widgets


def _parts(box):
    title, options, button, feedback = box.children
    return title, options, button, feedback


def test_build_quiz_gives_feedback_for_no_answer_a_wrong_and_a_right_answer(tmp_path, monkeypatch) -> None:
    record = {
        "prompt": "Is 1 < 2 & 3 > 2?",
        "options": ["yes", "no"],
        "answer": 0,
        "explanations": ["both <hold>", "they do"],
    }
    _write_quiz(tmp_path, "09_widget", [record, {**record, "prompt": "Again?"}])
    monkeypatch.setattr(quiz, "QUIZ_DIR", tmp_path)
    widget = quiz.build_quiz("09_widget")
    style, *questions = widget.children
    assert "<style>" in style.value and "height: auto" in style.value and "dq-quiz" in widget._dom_classes
    assert len(questions) == 2
    title, options, button, feedback = _parts(questions[0])
    assert title.value == "<b>Question 1.</b> Is 1 &lt; 2 &amp; 3 &gt; 2?"  # shown as text, not markup
    assert options.value is None and feedback.value == ""
    button.click()
    assert quiz.NO_ANSWER_PROMPT in feedback.value and "color:" not in feedback.value  # theme colours only
    options.value = 1
    button.click()
    assert "Not quite. they do" in feedback.value and feedback.value.count("Not quite") == 1
    options.value = 0
    button.click()
    assert "Correct. both &lt;hold&gt;" in feedback.value and feedback.value.count("Correct") == 1
    assert _parts(questions[1])[3].value == ""  # questions are independent


def test_quiz_text_repr_is_one_readable_line(tmp_path, monkeypatch) -> None:
    record = {"prompt": "p?", "options": ["a", "b"], "answer": 0, "explanations": ["x", "y"]}
    _write_quiz(tmp_path, "09_repr", [record, record | {"prompt": "q?"}, record | {"prompt": "r?"}])
    monkeypatch.setattr(quiz, "QUIZ_DIR", tmp_path)
    bundle = quiz.build_quiz("09_repr")._repr_mimebundle_()
    assert bundle["text/plain"] == "Self-check: 3 questions (run the cell to answer them)"
    assert WIDGET_VIEW in bundle


def test_show_quiz_displays_the_widget_and_the_folded_answers(tmp_path, monkeypatch) -> None:
    record = {"prompt": "p <b>?", "options": ["a", "b & c"], "answer": 1, "explanations": ["x", "y"]}
    _write_quiz(tmp_path, "09_show", [record])
    monkeypatch.setattr(quiz, "QUIZ_DIR", tmp_path)
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append((obj, kw)))
    assert quiz.show_quiz("09_show") is None
    (widget, _), (answers, options) = shown
    assert repr(widget) == "Self-check: 1 question (run the cell to answer them)" and options == {"raw": True}
    assert answers["text/html"].startswith("<details") and "p &lt;b&gt;?" in answers["text/html"]
    assert "<b>B. b &amp; c (answer)</b>" in answers["text/html"]
