"""Multiple-choice self-checks: questions stored as JSON data, checked by plain functions, shown with ipywidgets.

The questions of a notebook live in ``helpers/quizzes/<notebook stem>.json``::

    [{"prompt": "...", "options": ["...", "..."], "answer": 1,
      "explanations": ["why option 0 is wrong", "why option 1 is right"], "source": "course page"}]

Texts are plain text (shown HTML-escaped). ``"source"`` says where a question comes from: ``"course page"``
for the course page's own questions (kept verbatim), ``"course"`` for the course's questions.
``check_answer`` is the logic (unit-tested without a browser); ``show_quiz`` only wires it to widgets.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["QUIZ_DIR", "Feedback", "Question", "check_answer", "load_quiz", "show_quiz"]

QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"

NO_ANSWER_PROMPT = "Pick an answer first, then press Check."

_KEYS = {"prompt", "options", "answer", "explanations", "source"}
_REQUIRED = _KEYS - {"source"}


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with an explanation for every option."""

    prompt: str
    options: tuple[str, ...]
    answer: int
    explanations: tuple[str, ...]
    source: str = ""

    def __post_init__(self) -> None:
        for field in ("prompt", "source"):
            if not isinstance(getattr(self, field), str):
                raise TypeError(f"{field} must be a string; got {type(getattr(self, field)).__name__}")
        if not self.prompt.strip():
            raise ValueError("prompt must not be empty")
        for field in ("options", "explanations"):
            texts = getattr(self, field)
            if not isinstance(texts, tuple) or not all(isinstance(text, str) and text.strip() for text in texts):
                raise ValueError(f"{field} must be a tuple of non-empty strings; got {texts!r}")
        if len(set(self.options)) != len(self.options):
            raise ValueError(f"options must be different from each other; got {self.options!r}")
        if len(self.options) < 2:
            raise ValueError(f"a question needs at least 2 options; got {len(self.options)}")
        if len(self.explanations) != len(self.options):
            raise ValueError(
                f"explanations must match options one to one: {len(self.explanations)} != {len(self.options)}"
            )
        if (
            isinstance(self.answer, bool)
            or not isinstance(self.answer, int)
            or not 0 <= self.answer < len(self.options)
        ):
            raise ValueError(f"answer must be an option index in 0..{len(self.options) - 1}; got {self.answer!r}")


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
    verdict = "Correct." if correct else "Not quite."
    return Feedback(correct, f"{verdict} {question.explanations[choice]}")


def load_quiz(name: str, quiz_dir: Path | None = None) -> list[Question]:
    """Load the questions of ``name`` (a notebook stem such as ``"01_why_dropout"``)."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a notebook stem (a string such as '01_why_dropout'); got {name!r}")
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
        if not isinstance(record, dict):
            raise ValueError(f"{path.name}, question {number}: must be a JSON object; got {record!r}")
        unknown, missing = set(record) - _KEYS, _REQUIRED - set(record)
        if unknown or missing:
            raise ValueError(
                f"{path.name}, question {number}: keys must be {sorted(_KEYS)} (source optional); "
                f"unknown {sorted(unknown)}, missing {sorted(missing)}"
            )
        for key in ("options", "explanations"):
            if not isinstance(record[key], list):
                raise ValueError(f"{path.name}, question {number}: {key} must be a JSON list of strings")
        try:
            questions.append(
                Question(
                    prompt=record["prompt"],
                    options=tuple(record["options"]),
                    answer=record["answer"],
                    explanations=tuple(record["explanations"]),
                    source=record.get("source", ""),
                )
            )
        except (TypeError, ValueError) as error:
            raise ValueError(f"{path.name}, question {number}: {error}") from error
    return questions


def show_quiz(name: str):
    """Display the quiz of notebook ``name``: per question, radio buttons, a Check button, feedback.

    Returns the ipywidgets container (its text repr is stable, so nbval can compare it).
    """
    import ipywidgets as widgets

    boxes = []
    for number, question in enumerate(load_quiz(name), start=1):
        options = widgets.RadioButtons(
            options=[(text, index) for index, text in enumerate(question.options)],
            value=None,
            layout=widgets.Layout(width="auto"),
        )
        button = widgets.Button(description="Check", button_style="primary")
        feedback = widgets.HTML(value="")

        def on_check(_button, question=question, options=options, feedback=feedback) -> None:
            result = check_answer(question, options.value)
            colour = {True: "#009E73", False: "#D55E00", None: "#555555"}[result.correct]
            message = html.escape(result.message, quote=False)
            feedback.value = f'<div class="quiz-feedback" style="color:{colour}">{message}</div>'

        button.on_click(on_check)
        title = widgets.HTML(value=f"<b>Question {number}.</b> {html.escape(question.prompt, quote=False)}")
        boxes.append(widgets.VBox([title, options, button, feedback]))
    return widgets.VBox(boxes)
