"""Multiple-choice self-checks: questions stored as JSON, checked by a plain function, shown with ipywidgets.

A notebook's quiz is ``helpers/quizzes/<notebook stem>.json``::

    [{"prompt": "...", "options": ["...", "...", "..."], "answer": 2,
      "explanations": ["why option 0 is wrong", "...", "why option 2 is right"], "source": "course"}]

in plain text (shown HTML-escaped); ``"source"`` is ``"course page"`` for the course page's own two
questions (kept verbatim). Explanations do not start with "Correct": the widget adds "Correct." or
"Not quite." once. Distractors come from real misconceptions; no number that changes with SEED.
``tests/test_quiz.py`` and ``tests/test_quiz_statistics.py`` check every file: its fields, keys spread
over positions (none above 40 % course-wide), options of similar length (the key strictly longest in
at most a third of the questions). Under ``## Self-check`` a notebook calls
``quiz.show_quiz("06_name")``: the widget (stored as one line of text, which nbval compares), then
every answer in a folded ``<details>`` block, readable where no kernel runs.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from helpers._checks import check_choice, check_int

__all__ = ["QUIZ_DIR", "Question", "answers_html", "build_quiz", "check_answer", "load_quiz", "show_quiz"]

QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"

NO_ANSWER_PROMPT = "Pick an answer first, then press Check."
_LETTERS = "ABCDEFGH"

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
"""

#: Feedback colours with at least 4.5:1 contrast (WCAG AA) on white and on JupyterLab's dark background
#: (#111111); no colour reaches 4.5:1 on both, so the dark theme (JupyterLab sets
#: ``data-jp-theme-light="false"`` on the body) gets its own. JupyterLab's --jp-success-color1 is 4.12:1.
FEEDBACK_COLORS = {
    "light": {"right": "#1a7f37", "wrong": "#c0392b"},
    "dark": {"right": "#3fb950", "wrong": "#ff7b72"},
}
_DARK = 'body[data-jp-theme-light="false"] .dq-quiz .dq-{0}, body.vscode-dark .dq-quiz .dq-{0}'
_CSS += "".join(
    f"{'.dq-quiz .dq-{0}' if theme == 'light' else _DARK}".format(kind) + f" {{ color: {color}; }}\n"
    for theme, colors in FEEDBACK_COLORS.items()
    for kind, color in colors.items()
)
_CSS += "</style>"


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with an explanation for every option."""

    prompt: str
    options: tuple[str, ...]
    answer: int
    explanations: tuple[str, ...]
    source: str = ""

    def __post_init__(self) -> None:
        texts = (self.prompt, *self.options, *self.explanations, self.source)
        if (
            not isinstance(self.options, tuple)
            or not isinstance(self.explanations, tuple)
            or not all(isinstance(text, str) for text in texts)
        ):
            raise TypeError("prompt, source and each of options and explanations (tuples) must be strings")
        if not 2 <= len(self.options) <= len(_LETTERS) or len(self.explanations) != len(self.options):
            raise ValueError(f"a question needs 2 to {len(_LETTERS)} options and one explanation per option")
        check_int(self.answer, "answer", low=0, high=len(self.options) - 1, meaning="the index of the right option")


def check_answer(question: Question, choice: int | None) -> tuple[bool | None, str]:
    """``(correct, message)`` for an option index; ``(None, NO_ANSWER_PROMPT)`` when nothing is picked."""
    if not isinstance(question, Question):
        raise TypeError(f"question must be a quiz.Question (from load_quiz); got {type(question).__name__}")
    if choice is None:
        return None, NO_ANSWER_PROMPT
    choice = check_int(choice, "choice", low=0, high=len(question.options) - 1, meaning="an option's index")
    correct = choice == question.answer
    return correct, f"{'Correct.' if correct else 'Not quite.'} {question.explanations[choice]}"


def load_quiz(name: str) -> list[Question]:
    """The questions of ``name`` (a notebook stem such as ``"01_why_dropout"``)."""
    names = sorted(path.stem for path in QUIZ_DIR.glob("*.json"))
    records = json.loads((QUIZ_DIR / f"{check_choice(name, 'name', tuple(names))}.json").read_text(encoding="utf-8"))
    return [
        Question(**{**record, "options": tuple(record["options"]), "explanations": tuple(record["explanations"])})
        for record in records
    ]


def answers_html(questions: list[Question]) -> str:
    """The folded answers: readable where widgets cannot run (GitHub, the static pages)."""
    if not isinstance(questions, (list, tuple)) or not questions or not all(isinstance(q, Question) for q in questions):
        raise TypeError(f"questions must be a non-empty list of quiz.Question (from load_quiz); got {questions!r:.60}")
    items = []
    for number, question in enumerate(questions, start=1):
        options = "".join(
            f"<li>{'<b>' if index == question.answer else ''}{_LETTERS[index]}. {html.escape(text)}"
            f"{' (answer)</b>' if index == question.answer else ''}<br><i>{html.escape(why)}</i></li>"
            for index, (text, why) in enumerate(zip(question.options, question.explanations, strict=True))
        )
        items.append(f"<p><b>{number}. {html.escape(question.prompt)}</b></p><ul>{options}</ul>")
    summary = "<summary>Answers and explanations (open after you tried)</summary>"
    return f'<details class="dq-answers">{summary}{"".join(items)}</details>'


def build_quiz(name: str):
    """The quiz of notebook ``name`` as one widget: per question, options, a Check button, feedback."""
    import ipywidgets as widgets

    questions = load_quiz(name)
    summary = f"Self-check: {len(questions)} question{'s' if len(questions) != 1 else ''} (run the cell to answer them)"

    class QuizBox(widgets.VBox):
        def __repr__(self) -> str:  # nbval compares this text, and it is shown before the cell runs
            return summary

    boxes = [widgets.HTML(value=_CSS)]
    for number, question in enumerate(questions, start=1):
        options = widgets.RadioButtons(
            options=[(f"{_LETTERS[index]}. {text}", index) for index, text in enumerate(question.options)],
            value=None,
            layout=widgets.Layout(width="100%"),
        )
        button = widgets.Button(description="Check", button_style="primary")
        feedback = widgets.HTML(value="")

        def on_check(_button, question=question, options=options, feedback=feedback) -> None:
            correct, message = check_answer(question, options.value)
            style, mark = {True: ("dq-right", "✓ "), False: ("dq-wrong", "✗ "), None: ("", "")}[correct]
            feedback.value = f'<div class="dq-feedback {style}">{html.escape(mark + message, quote=False)}</div>'

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
    plain = "Answers and explanations (a folded block in the HTML view)"
    display({"text/html": answers_html(load_quiz(name)), "text/plain": plain}, raw=True)
