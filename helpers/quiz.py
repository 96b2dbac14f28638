"""Multiple-choice self-checks: questions stored as JSON data, checked by plain functions, shown with ipywidgets.

The questions of a notebook live in ``helpers/quizzes/<notebook stem>.json``::

    [{"prompt": "...", "options": ["...", "..."], "answer": 1,
      "explanations": ["why option 0 is wrong", "why option 1 is right"], "source": "course page"}]

``check_answer`` is the logic (unit-tested without a browser); ``show_quiz`` only wires it to widgets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["QUIZ_DIR", "Feedback", "Question", "check_answer", "load_quiz", "show_quiz"]

QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"

NO_ANSWER_PROMPT = "Pick an answer first, then press Check."


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with an explanation for every option."""

    prompt: str
    options: tuple[str, ...]
    answer: int
    explanations: tuple[str, ...]
    source: str = ""

    def __post_init__(self) -> None:
        if not self.prompt.strip():
            raise ValueError("prompt must not be empty")
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
    folder = QUIZ_DIR if quiz_dir is None else Path(quiz_dir)
    available = sorted(path.stem for path in folder.glob("*.json"))
    if name not in available:
        raise ValueError(f"name must be one of {available}; got {name!r}")
    records = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return [
        Question(
            prompt=record["prompt"],
            options=tuple(record["options"]),
            answer=record["answer"],
            explanations=tuple(record["explanations"]),
            source=record.get("source", ""),
        )
        for record in records
    ]


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
            feedback.value = f'<div class="quiz-feedback" style="color:{colour}">{result.message}</div>'

        button.on_click(on_check)
        title = widgets.HTML(value=f"<b>Question {number}.</b> {question.prompt}")
        boxes.append(widgets.VBox([title, options, button, feedback]))
    return widgets.VBox(boxes)
