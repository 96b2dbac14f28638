"""Quizzes that cannot be passed without reading: statistics over every quiz file (06, 07, ... included).

Run with ``-s`` to see the numbers: key position shares, the share of questions whose key is strictly
the longest option, and the score of "pick the longest option, B on ties".
"""

from __future__ import annotations

from collections import Counter

import pytest

from helpers import quiz

QUIZ_NAMES = sorted(path.stem for path in quiz.QUIZ_DIR.glob("*.json"))
MAX_POSITION_SHARE = 0.40
MAX_LONGEST_KEY_SHARE = 1 / 3


def _questions() -> dict[str, list[quiz.Question]]:
    return {name: quiz.load_quiz(name) for name in QUIZ_NAMES}


def _key_strictly_longest(question: quiz.Question) -> bool:
    lengths = [len(option) for option in question.options]
    key = lengths[question.answer]
    return all(key > length for index, length in enumerate(lengths) if index != question.answer)


def _longest_guess(question: quiz.Question) -> int:
    """The test-wise guess: the longest option; on a tie between longest options, B if it is one of them."""
    lengths = [len(option) for option in question.options]
    longest = [index for index, length in enumerate(lengths) if length == max(lengths)]
    return 1 if 1 in longest and len(longest) > 1 else longest[0]


def statistics() -> dict[str, object]:
    questions = [q for qs in _questions().values() for q in qs]
    positions = Counter(q.answer for q in questions)
    chance = sum(1 / len(q.options) for q in questions)
    return {
        "questions": len(questions),
        "position_share": {chr(65 + p): positions[p] / len(questions) for p in sorted(positions)},
        "longest_key_share": sum(map(_key_strictly_longest, questions)) / len(questions),
        "longest_guess_score": sum(_longest_guess(q) == q.answer for q in questions),
        "chance_score": chance,
    }


def test_there_are_quizzes() -> None:
    assert QUIZ_NAMES, "no quiz files found"


def test_no_key_position_above_40_percent_course_wide() -> None:
    stats = statistics()
    print(f"\nquiz statistics: {stats}")
    worst = max(stats["position_share"].items(), key=lambda item: item[1])
    assert worst[1] <= MAX_POSITION_SHARE, f"key position {worst[0]} holds {worst[1]:.0%} of the keys ({stats})"


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_keys_are_not_all_in_one_position_within_a_notebook(name: str) -> None:
    positions = {q.answer for q in quiz.load_quiz(name)}
    assert len(positions) > 1, f"{name}: every key is option {chr(65 + positions.pop())}"


def test_the_key_is_strictly_the_longest_option_in_at_most_a_third_of_questions() -> None:
    stats = statistics()
    assert stats["longest_key_share"] <= MAX_LONGEST_KEY_SHARE, (
        f"the key is strictly the longest option in {stats['longest_key_share']:.0%} of questions"
    )


def test_picking_the_longest_option_scores_near_chance() -> None:
    stats = statistics()
    n, chance = stats["questions"], stats["chance_score"]
    print(f"\n'longest, B on ties' scores {stats['longest_guess_score']} of {n} (chance {chance:.1f})")
    # near chance: at most chance plus two binomial standard deviations (p about 1/3)
    assert stats["longest_guess_score"] <= chance + 2 * (n * (1 / 3) * (2 / 3)) ** 0.5


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_feedback_starts_once_and_explanations_do_not_announce_the_verdict(name: str) -> None:
    for number, question in enumerate(quiz.load_quiz(name), start=1):
        for index, text in enumerate(question.explanations):
            first = text.split()[0].strip(".:,!").lower()
            assert first not in {"correct", "right", "wrong", "incorrect", "yes", "no"}, (
                f"{name} q{number} option {index}: the widget already says Correct./Not quite.; got {text[:40]!r}"
            )


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_options_have_similar_lengths(name: str) -> None:
    for number, question in enumerate(quiz.load_quiz(name), start=1):
        lengths = [len(option) for option in question.options]
        if max(lengths) > 40:  # short numeric options ("0.8·a") may differ freely
            assert max(lengths) <= 2.5 * min(lengths) + 20, f"{name} q{number}: option lengths {lengths}"


@pytest.mark.parametrize("name", [n for n in QUIZ_NAMES if n.startswith("05")])
def test_the_team_notebook_never_calls_the_absence_rate_p(name: str) -> None:
    import re

    for question in quiz.load_quiz(name):
        text = " ".join((question.prompt, *question.options, *question.explanations))
        assert not re.search(r"\bp\s*=", text), f"{name}: use absence_rate, not p: {text[:80]!r}"
