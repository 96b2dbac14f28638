"""Multiple-choice self-checks: questions stored as JSON, checked by a plain function, shown with ipywidgets.

How to add a notebook's quiz (06, 07, ... follow the same rules):

1. Write ``helpers/quizzes/<notebook stem>.json``::

       [{"prompt": "...", "options": ["...", "...", "..."], "answer": 2,
         "explanations": ["why option 0 is wrong", "...", "why option 2 is right"], "source": "course"}]

   Plain text (shown HTML-escaped). ``"source"`` is ``"course page"`` for the course page's own two
   questions (kept verbatim) and ``"course"`` otherwise. Explanations do NOT start with "Correct" or
   "Right": the widget adds "Correct." or "Not quite." once. Rules enforced by
   ``tests/test_quiz_statistics.py`` over every file: keys spread over positions (no position above
   40 % course-wide, not all in one position within a notebook), options of similar length (the key
   strictly longest in at most a third of the questions), distractors from real misconceptions, and
   no seed-specific numbers (a number that changes with SEED does not belong in a quiz).
2. In the notebook, under ``## Self-check``::

       from helpers import quiz

       quiz.show_quiz("06_name")

``show_quiz`` displays the widget (its stored ``text/plain`` is one readable line, "Self-check: 4
questions (run the cell to answer them)", which is what nbval compares) and, below it, a folded
``<details>`` block with every answer and explanation, readable on GitHub and in the static pages
where no kernel runs. ``check_answer`` is the logic, unit-tested without a browser.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["QUIZ_DIR", "Feedback", "Question", "answers_html", "build_quiz", "check_answer", "load_quiz", "show_quiz"]

QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"

NO_ANSWER_PROMPT = "Pick an answer first, then press Check."

_KEYS = {"prompt", "options", "answer", "explanations", "source"}
_REQUIRED = _KEYS - {"source"}

#: Scoped to the quiz box: RadioButtons labels have a fixed 20 px height in ipywidgets 8, so a long
#: option wrapped over the next one. Here labels grow with their text, in light and dark themes.
_CSS = """<style>
.dq-quiz .widget-radio-box label, .dq-quiz .jupyter-widget-radio-box label {
  height: auto; line-height: 1.35; display: flex; align-items: flex-start; gap: 0.5em;
  white-space: normal; overflow-wrap: anywhere; margin: 0 0 0.5em 0; }
.dq-quiz .widget-radio-box input, .dq-quiz .jupyter-widget-radio-box input {
  order: -1; float: none; flex: none; height: auto; margin: 0.2em 0 0 0; }
.dq-quiz .widget-radio, .dq-quiz .jupyter-widget-radio { width: 100%; height: auto; line-height: normal; }
.dq-quiz .widget-html-content { white-space: normal; line-height: 1.35; }
.dq-quiz .dq-feedback { color: var(--jp-ui-font-color1, inherit); padding: 0.2em 0 0.8em 0; }
.dq-quiz .dq-right { color: var(--jp-success-color1, #1a7f37); }
.dq-quiz .dq-wrong { color: var(--jp-error-color1, #c0392b); }
</style>"""


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with an explanation for every option (validated by ``load_quiz``)."""

    prompt: str
    options: tuple[str, ...]
    answer: int
    explanations: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class Feedback:
    """The result of checking an answer: ``correct`` is None when no answer was given."""

    correct: bool | None
    message: str


def check_answer(question: Question, choice: int | None) -> Feedback:
    """Check ``choice`` (an option index, or None when nothing is picked) against ``question``."""
    if choice is None:
        return Feedback(None, NO_ANSWER_PROMPT)
    if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(question.options):
        raise ValueError(f"choice must be None or an option index in 0..{len(question.options) - 1}; got {choice!r}")
    correct = choice == question.answer
    return Feedback(correct, f"{'Correct.' if correct else 'Not quite.'} {question.explanations[choice]}")


def _question(record: object) -> Question:
    """A question from one JSON record, or ValueError saying what is wrong with it."""
    if not isinstance(record, dict) or set(record) - _KEYS or _REQUIRED - set(record):
        raise ValueError(f"must be a JSON object with the keys {sorted(_KEYS)} (source optional); got {record!r}")
    options, explanations, answer = record["options"], record["explanations"], record["answer"]
    if not (isinstance(options, list) and isinstance(explanations, list)):
        raise ValueError("options and explanations must be JSON lists of strings")
    texts = [record["prompt"], *options, *explanations]
    if not all(isinstance(text, str) and text.strip() for text in texts) or not isinstance(
        record.get("source", ""), str
    ):
        raise ValueError("prompt, options, explanations and source must be non-empty strings")
    if len(options) < 2 or len(set(options)) != len(options) or len(explanations) != len(options):
        raise ValueError("at least 2 different options, and exactly one explanation per option")
    if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < len(options):
        raise ValueError(f"answer must be an option index in 0..{len(options) - 1}; got {answer!r}")
    return Question(record["prompt"], tuple(options), answer, tuple(explanations), record.get("source", ""))


def load_quiz(name: str, quiz_dir: Path | None = None) -> list[Question]:
    """Load the questions of ``name`` (a notebook stem such as ``"01_why_dropout"``)."""
    folder = QUIZ_DIR if quiz_dir is None else Path(quiz_dir)
    available = sorted(path.stem for path in folder.glob("*.json"))
    if name not in available:
        raise ValueError(f"name must be one of {available}; got {name!r}")
    path = folder / f"{name}.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(records, list) or not records:
        raise ValueError(f"{path.name} must hold a non-empty JSON list of questions")
    questions = []
    for number, record in enumerate(records, start=1):
        try:
            questions.append(_question(record))
        except ValueError as error:
            raise ValueError(f"{path.name}, question {number}: {error}") from None
    return questions


def _summary(questions: list[Question]) -> str:
    count = len(questions)
    return f"Self-check: {count} question{'s' if count != 1 else ''} (run the cell to answer them)"


def answers_html(questions: list[Question]) -> str:
    """The folded answers: readable where widgets cannot run (GitHub, the static pages)."""
    letters = "ABCDEFGH"
    items = []
    for number, question in enumerate(questions, start=1):
        options = "".join(
            f"<li>{'<b>' if index == question.answer else ''}{letters[index]}. {html.escape(text)}"
            f"{' (answer)</b>' if index == question.answer else ''}<br><i>{html.escape(why)}</i></li>"
            for index, (text, why) in enumerate(zip(question.options, question.explanations, strict=True))
        )
        items.append(f"<p><b>{number}. {html.escape(question.prompt)}</b></p><ul>{options}</ul>")
    return (
        '<details class="dq-answers"><summary>Answers and explanations (open after you tried)</summary>'
        + "".join(items)
        + "</details>"
    )


def build_quiz(name: str):
    """The quiz of notebook ``name`` as one widget: per question, options, a Check button, feedback."""
    import ipywidgets as widgets

    questions = load_quiz(name)

    class QuizBox(widgets.VBox):
        def __repr__(self) -> str:  # nbval compares this text, and it is shown before the cell runs
            return _summary(questions)

    letters = "ABCDEFGH"
    boxes = [widgets.HTML(value=_CSS)]
    for number, question in enumerate(questions, start=1):
        options = widgets.RadioButtons(
            options=[(f"{letters[index]}. {text}", index) for index, text in enumerate(question.options)],
            value=None,
            layout=widgets.Layout(width="100%"),
        )
        button = widgets.Button(description="Check", button_style="primary")
        feedback = widgets.HTML(value="")

        def on_check(_button, question=question, options=options, feedback=feedback) -> None:
            result = check_answer(question, options.value)
            style = {True: "dq-right", False: "dq-wrong", None: ""}[result.correct]
            mark = {True: "✓ ", False: "✗ ", None: ""}[result.correct]
            message = html.escape(mark + result.message, quote=False)
            feedback.value = f'<div class="dq-feedback {style}">{message}</div>'

        button.on_click(on_check)
        title = widgets.HTML(value=f"<b>Question {number}.</b> {html.escape(question.prompt, quote=False)}")
        boxes.append(widgets.VBox([title, options, button, feedback], layout=widgets.Layout(width="100%")))
    box = QuizBox(boxes, layout=widgets.Layout(width="100%", max_width="900px"))
    box.add_class("dq-quiz")
    return box


def show_quiz(name: str) -> None:
    """Display the quiz of notebook ``name``, then its answers folded in a ``<details>`` block."""
    from IPython.display import display

    display(build_quiz(name))
    questions = load_quiz(name)
    display(
        {
            "text/html": answers_html(questions),
            "text/plain": "Answers and explanations (a folded block in the HTML view)",
        },
        raw=True,
    )
