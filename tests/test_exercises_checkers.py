"""Every exercise checker, table-driven: right answers pass, wrong answers fail, no input makes one raise.

Each checker prints one line starting "Correct.", "Not quite." or "Not yet:" and returns None;
``checker.judge(...)`` returns ``(verdict, message)`` for the tables below.
"""

from __future__ import annotations

import math
import sys

import keras
import numpy as np
import pytest

from helpers import team
from helpers.data import load_fashion_mnist
from helpers.exercises import _harness, nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb08

L = keras.layers


def _mlp(*middle, flatten: bool = True, shape: tuple = (28, 28)) -> keras.Model:
    return keras.Sequential([keras.Input(shape=shape), *([L.Flatten()] if flatten else []), *middle])


def _right_model() -> keras.Model:
    return _mlp(L.Dense(128, "relu"), L.Dropout(0.3), L.Dense(64, "relu"), L.Dropout(0.3), L.Dense(10, "softmax"))


def _entropy(p: np.ndarray) -> np.ndarray:
    return -(p * np.log(np.clip(p, 1e-12, 1))).sum(axis=-1)


def _mc_data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    mean = rng.dirichlet(np.ones(10), size=40)
    mc = np.clip(mean + rng.normal(0, 0.05, size=(100, 40, 10)), 0, None)
    return mc / mc.sum(axis=-1, keepdims=True), mean


MC, DET = _mc_data()
_TRAIN, _TEST = load_fashion_mnist("train"), load_fashion_mnist("test")
COUNTS = np.bincount(_TEST.labels, minlength=10)
_MEANS = [_TRAIN.images[_TRAIN.labels == c].mean() for c in range(10)]
BRIGHTEST = _TRAIN.class_names[int(np.argmax(_MEANS))]
DARKEST = _TRAIN.class_names[int(np.argmin(_MEANS))]


def _no_forgetting(**settings) -> tuple[float, float]:
    results = team.sweep((0.0, 0.5), range(20), **settings)
    return float(results[0.0]["worst_leaver"].mean()), float(results[0.5]["worst_leaver"].mean())


def _zeroed(kernel, units):
    result = kernel.copy()
    result[list(units)] = 0
    return result


def _in_place(kernel, units):
    kernel[list(units)] = 0
    return kernel


# checker, the context arguments after the answer, right answers, wrong answers (answer, hint in the message)
TABLE = [
    (
        nb00.check_test_counts,
        (),
        [COUNTS, list(COUNTS)],
        [
            ([500.4] * 10, "whole numbers"),
            (np.bincount(_TRAIN.labels, minlength=10), "test"),
            ([500] * 9, "10 counts"),
            (COUNTS[::-1].copy() + np.arange(10), "test"),
        ],
    ),
    (nb00.check_brightest_class, (), [BRIGHTEST], [(DARKEST, "mean pixel value"), ("bag", "class names")]),
    (
        nb01.check_classic_test_output,
        (),
        [1.6, np.float32(1.6)],
        [
            (0.4, "course page"),
            (2.0, "inverted"),
            (2.5, "training scale"),
            (0.0, "no unit is dropped"),
            (1.5, ""),
        ],
    ),
    (
        nb01.check_page_rule_ratio,
        (),
        [lambda r: r / (1 - r)],
        [
            (lambda r: (1 - r) / r, "upside down"),
            (lambda r: 1.0, "one rate only"),
            (lambda r: r, "training mean"),
        ],
    ),
    (
        nb01.check_masks_per_epoch,
        (),
        [8000, 8000.0],
        [
            (1, "(or epoch)"),
            (63, "number of steps"),
            (62, "full batches"),
            (128, "one batch"),
            (8000.5, "whole"),
            (16000, ""),
        ],
    ),
    (
        nb02.check_dropout_backward,
        (),
        [lambda g, m, r: g * m / (1 - r)],
        [
            (lambda g, m, r: g * m, "1/(1 - rate)"),
            (lambda g, m, r: g * m / r, "not by the rate"),
            (lambda g, m, r: g * m * (1 - r), "does too"),
            (lambda g, m, r: g / (1 - r), "multiply by the mask"),
            (lambda g, m, r: g, "no gradient"),
            (lambda g, m, r: g * ~m / (1 - r), "KEPT"),
            (lambda g, m, r: g.astype(float) * m / (1 - r), "float32"),
            (lambda g, m, r: (g * m / (1 - r))[:3], "shape"),
        ],
    ),
    (
        nb02.check_classic_test_forward,
        (),
        [lambda x, r: x * (1 - r)],
        [
            (lambda x, r: x * r, "course page"),
            (lambda x, r: x, "inverted"),
            (lambda x, r: x / (1 - r), "multiply"),
            (lambda x, r: x.T * (1 - r), "shape"),
        ],
    ),
    (
        nb02.check_output_variance,
        (),
        [lambda a, r: a**2 * r / (1 - r)],
        [
            (lambda a, r: a**2 * r * (1 - r), "classic"),
            (lambda a, r: a**2 / (1 - r), "E[y²]"),
            (lambda a, r: a**2 * r, "also scales"),
            (lambda a, r: a * r / (1 - r), "squared units"),
            (lambda a, r: np.full(3, a**2 * r / (1 - r)), "one number"),
        ],
    ),
    (
        nb03.check_dropout_placement,
        (),
        [
            _right_model(),
            _mlp(
                L.Dense(128),
                L.Activation("relu"),
                L.Dropout(0.3),
                L.Dense(64),
                L.Activation("relu"),
                L.Dropout(0.3),
                L.Dense(10),
                L.Activation("softmax"),
            ),
            _mlp(  # Dropout before the ReLU: relu(dropout(z)) = dropout(relu(z))
                L.Dense(128),
                L.Dropout(0.3),
                L.ReLU(),
                L.Dense(64),
                L.Dropout(0.3),
                L.Activation("relu"),
                L.Dense(10, "softmax"),
            ),
        ],
        [
            (
                _mlp(
                    L.Dense(128, "relu"),
                    L.Dropout(0.3),
                    L.Dense(64, "relu"),
                    L.Dropout(0.3),
                    L.Dense(10, "softmax"),
                    flatten=False,
                ),
                "Flatten",
            ),
            (
                _mlp(
                    L.Dense(128, "relu"),
                    L.Dropout(0.3, noise_shape=(1, 128)),
                    L.Dense(64, "relu"),
                    L.Dropout(0.3, noise_shape=(1, 64)),
                    L.Dense(10, "softmax"),
                ),
                "same mask",
            ),
            (
                _mlp(  # one coin per example: the whole layer or nothing
                    L.Dense(128, "relu"),
                    L.Dropout(0.3, noise_shape=(None, 1)),
                    L.Dense(64, "relu"),
                    L.Dropout(0.3, noise_shape=(None, 1)),
                    L.Dense(10, "softmax"),
                ),
                "whole layer or nothing",
            ),
            (
                _mlp(
                    L.Dense(128, "relu"),
                    L.Dropout(0.3, noise_shape=(256, 128)),
                    L.Dense(64, "relu"),
                    L.Dropout(0.3),
                    L.Dense(10, "softmax"),
                ),
                "Leave noise_shape out",
            ),
            (
                _mlp(
                    L.Dense(128, "relu"),
                    L.Dropout(0.3),
                    L.Dense(64, "relu"),
                    L.Dropout(0.3),
                    L.Dense(10, "softmax"),
                    flatten=False,
                    shape=(784,),
                ),
                "keras.Input(shape=(28, 28))",
            ),
            (
                _mlp(
                    L.Dense(128, "relu"),
                    L.GaussianNoise(0.3),
                    L.Dense(64, "relu"),
                    L.Dropout(0.3),
                    L.Dense(10, "softmax"),
                ),
                "GaussianNoise",
            ),
            (
                _mlp(
                    L.Dense(128, "relu"),
                    L.Dropout(0.3),
                    L.Dense(64, "relu"),
                    L.Dropout(0.3),
                    L.Dense(10, "softmax"),
                    L.Dropout(0.3),
                ),
                "softmax",
            ),
            (
                _mlp(
                    L.Dense(128, "relu"),
                    L.Dropout(0.3),
                    L.Dense(64, "relu"),
                    L.Dropout(0.3),
                    L.Dense(10, "softmax"),
                    L.Activation("softmax"),
                ),
                "last layer",
            ),
            (
                _mlp(L.Dense(128, "relu"), L.Dropout(0.3), L.Dense(64, "relu"), L.Dense(10, "softmax")),
                "each of the two",
            ),
            (
                _mlp(
                    L.Dropout(0.3),
                    L.Dense(128, "relu"),
                    L.Dropout(0.3),
                    L.Dense(64, "relu"),
                    L.Dropout(0.3),
                    L.Dense(10, "softmax"),
                ),
                "nowhere else",
            ),
            (
                _mlp(L.Dense(128, "relu"), L.Dropout(0.5), L.Dense(64, "relu"), L.Dropout(0.5), L.Dense(10, "softmax")),
                "Dropout(0.3)",
            ),
            (_mlp(L.Dense(128), L.Dropout(0.3), L.Dense(64), L.Dropout(0.3), L.Dense(10, "softmax")), "ReLU"),
            (_mlp(L.Dense(128, "relu"), L.Dense(10, "softmax")), "widths"),
            (_mlp(L.Dense(128, "relu"), L.Dropout(0.3), L.Dense(64, "relu"), L.Dropout(0.3), L.Dense(10)), "softmax"),
            (
                _mlp(
                    L.Dense(128, "relu"),
                    L.GaussianDropout(0.3),
                    L.Dense(64, "relu"),
                    L.GaussianDropout(0.3),
                    L.Dense(10, "softmax"),
                ),
                "Dropout(0.3)",
            ),
        ],
    ),
    (
        nb03.check_inference_output,
        (),
        [[4.0, 8.0, 12.0], np.array([4, 8, 12])],
        [
            ([3.0, 6.0, 9.0], "keep probability"),
            ([1.0, 2.0, 3.0], "course page"),
            ([16 / 3, 32 / 3, 16.0], "training"),
            ([0.0, 8.0, 12.0], "zeroed"),
            ([1.0, 1.0, 1.0], "training=False"),
            ([1.0, 2.0], "exactly three"),
            ("4, 8, 12", "without quotes"),
        ],
    ),
    (
        nb03.check_kept_scale,
        (),
        [lambda r: 1 / (1 - r)],
        [
            (lambda r: 1 - r, "keep probability"),
            (lambda r: 1 / r, "not by the rate"),
            (lambda r: r, "the rate itself"),
            (lambda r: str(1 / (1 - r)), "without quotes"),
            (lambda r: 2.0, "expected"),
        ],
    ),
    (
        nb04.check_final_gap,
        (),
        [lambda h: h["accuracy"][-1] - h["val_accuracy"][-1]],
        [
            (lambda h: abs(h["accuracy"][-1] - h["val_accuracy"][-1]), "Keep the sign"),
            (lambda h: h["val_accuracy"][-1] - h["accuracy"][-1], "flipped"),
            (lambda h: h["accuracy"][0] - h["val_accuracy"][0], "first epoch"),
            (lambda h: max(h["accuracy"]) - max(h["val_accuracy"]), ""),
        ],
    ),
    (
        nb08.check_entropy,
        (),
        [lambda p: -sum(x * math.log(x) for x in p if x > 0)],
        [
            (lambda p: float(-(p * np.log(p)).sum()), "nan"),
            (lambda p: float((p[p > 0] * np.log(p[p > 0])).sum()), "flipped"),
            (lambda p: float(-(p[p > 0] * np.log2(p[p > 0])).sum()), "bits"),
            (lambda p: float(-(p * np.log(p + 1)).sum()), "Compute"),
        ],
    ),
    (nb04.check_closer_k, (MC, DET), [50], [(5, "1/sqrt(k)"), (10, "5 or 50")]),
    (
        nb08.check_mutual_information,
        (),
        [lambda p: _entropy(p.mean(axis=0)) - _entropy(p).mean(axis=0)],
        [
            (lambda p: _entropy(p.mean(axis=0)), "predictive entropy"),
            (lambda p: _entropy(p).mean(axis=0) - _entropy(p.mean(axis=0)), "sign is flipped"),
            (lambda p: _entropy(p).mean(axis=0), ""),
            (lambda p: float((_entropy(p.mean(axis=0)) - _entropy(p).mean(axis=0)).mean()), ""),
            (lambda p: (_entropy(p.mean(axis=0)) - _entropy(p).mean(axis=0)).T[None], ""),
        ],
    ),
    (
        nb05.check_worst_leaver,
        (),
        [lambda s: team.leave_one_out(s).min()],
        [
            (lambda s: team.presentation_output(s), "everyone present"),
            (lambda s: team.leave_one_out(s).max(), ""),
        ],
    ),
    (
        nb05.check_remove_units,
        (),
        [_zeroed],
        [
            (_in_place, "changed the kernel"),
            (lambda k, u: k.copy(), "must be 0"),
            (lambda k, u: k[:, :2], "shape"),
            (lambda k, u: _zeroed(k, [*u, 7]), "must be 0"),
        ],
    ),
    (
        nb06.check_epochs_to_best,
        (),
        [lambda h: int(np.argmin(h["val_loss"])) + 1, lambda h: h["val_loss"].index(min(h["val_loss"])) + 1],
        [
            (lambda h: int(np.argmin(h["val_loss"])), "count from 1"),
            (lambda h: int(np.argmin(h["loss"])) + 1, "training loss"),
            (lambda h: len(h["val_loss"]) - int(np.argmin(h["val_loss"][::-1])), "the first one"),
            (lambda h: len(h["val_loss"]), "last epoch"),
        ],
    ),
    (
        nb06.check_units_for,
        (),
        [
            lambda r, kept=128: round(kept / (1 - r)),
            lambda r, kept=128: kept / (1 - r),
            lambda r, kept=128: math.ceil(kept / (1 - r)),  # 100 / 0.2 is 500.00000000000006: ceil gives 501
            lambda r, kept=128: int(kept / (1 - r)),
        ],
        [
            (lambda r, kept=128: kept / r if r else kept, "divides by the rate"),
            (lambda r, kept=128: kept * (1 - r), "how many of"),
            (lambda r, kept=128: 256, "expected about"),
        ],
    ),
    (
        nb06.check_choose_rate,
        (),
        [lambda losses: min(losses, key=losses.get)],
        [
            (lambda losses: max(losses, key=losses.get), "highest loss"),
            (lambda losses: min(losses.values()), "the key"),
            (lambda losses: max(losses), "lowest validation loss is at rate"),
        ],
    ),
]

NO_FORGETTING, WITH_FORGETTING = _no_forgetting(forgetting_rate=0.0), _no_forgetting()


#: Inputs no checker may raise on: values, and functions that misbehave.
def _raises_loudly(*args):
    raise ValueError("\x1b[1mInvalid input " + "0.5 " * 2000 + "\x1b[0m\nArguments received: ...")


BAD_INPUTS = [
    "a string", "4, 8, 12", 3 + 2j, float("nan"), float("inf"), -float("inf"), 10**400, -(10**400), 1e308, True,
    [], {}, object(), [1, None], [[1, 2], [3]], np.int64(7), np.float32(np.nan), np.array(5.0), np.zeros(0),
    np.zeros((2, 3, 4)), np.array(["a", "b"]), np.array([1 + 1j, 2]), np.full(10, np.nan), np.full(3, np.inf),
    lambda *args: None, lambda *args: 1 / 0, lambda *args: "x", lambda *args: 3j, lambda *args: float("nan"),
    lambda *args: np.zeros((7, 7)), lambda *args: np.array(["a"]), lambda *args: 10**400, lambda *args: [],
    lambda *args: np.float64(np.nan), lambda *args: np.full(3, np.inf), lambda *args: {"a": 1}, lambda *args: args,
    lambda: 1.0, print, _raises_loudly, lambda *args: sys.exit("bye"), np.ones(500, bool), lambda *a: np.ones(99, bool),
    keras.Sequential([keras.Input(shape=(784,)), L.Dense(10, "softmax")]),
]  # fmt: skip


def _plain_and_short(message: str) -> bool:
    """A learner can read it: one line, no escape or control codes, no tensor dump."""
    return len(message) <= 300 and message.isprintable() and "[[" not in message


def _ids(table) -> list[str]:
    return [row[0].__name__ for row in table]


@pytest.mark.parametrize(("check", "context", "right", "wrong"), TABLE, ids=_ids(TABLE))
def test_right_answers_pass(check, context, right, wrong) -> None:
    for answer in right:
        verdict, message = check.judge(answer, *context)
        assert verdict == "correct", message


@pytest.mark.parametrize(("check", "context", "right", "wrong"), TABLE, ids=_ids(TABLE))
def test_wrong_answers_fail_with_a_hint(check, context, right, wrong) -> None:
    for answer, hint in wrong:
        verdict, message = check.judge(answer, *context)
        assert verdict == "wrong", f"{answer!r} passed: {message}"
        assert message.startswith("Not quite. ") and message.count("Not quite") == 1
        assert hint in message, f"expected {hint!r} in {message!r}"


@pytest.mark.parametrize(("check", "context", "right", "wrong"), TABLE, ids=_ids(TABLE))
def test_bad_inputs_never_raise_and_none_is_not_yet(check, context, right, wrong, capsys) -> None:
    for answer in BAD_INPUTS:
        verdict, message = check.judge(answer, *context)
        assert verdict == "wrong", f"{answer!r}: {message}"
        assert message.startswith("Not quite. ") and _plain_and_short(message), message
    capsys.readouterr()
    assert check(None, *context) is None
    assert capsys.readouterr().out.startswith("Not yet: replace None with ")


def test_a_forgotten_return_is_named() -> None:
    verdict, message = nb01.check_page_rule_ratio.judge(lambda rate: None)
    assert verdict == "wrong" and "returned None: did you forget `return`?" in message


def test_a_function_that_changes_its_argument_leaves_the_checker_intact() -> None:
    def popping(history):  # right, but empties the lists it was given
        return history["accuracy"].pop() - history["val_accuracy"].pop()

    assert nb04.check_final_gap.judge(popping)[0] == "correct"
    assert nb04.check_final_gap.judge(popping)[0] == "correct"


def test_an_entropy_that_rewrites_its_input_cannot_move_the_expected_value() -> None:
    def zeroing(probs):  # returns 0 and sets the input to a certain prediction, whose entropy is 0
        probs[:] = 0
        probs[0] = 1
        return 0.0

    def mi_zeroing(passes):  # returns 0 and makes every pass agree
        passes[:] = passes[0]
        return np.zeros(passes.shape[1])

    assert nb08.check_entropy.judge(zeroing)[0] == "wrong"
    assert nb08.check_mutual_information.judge(mi_zeroing)[0] == "wrong"


@pytest.mark.parametrize(
    ("context", "hint"),
    [
        ((None, None), "None"),
        (("x", DET), "text"),
        ((MC[:10], DET), "Run the cells above"),
        ((MC, DET[:3]), "Run the cells above"),
        ((np.zeros(3), 1j), "complex"),
        ((-MC, -DET), "probabilities"),  # the same distances as (MC, DET)
        ((np.full_like(MC, 0.1), np.full_like(DET, 0.1)), "same probabilities"),  # a tie
        ((np.tile(MC[:1], (100, 1, 1)), DET), "training=True"),
        ((MC * np.nan, DET), "nan"),
        ((MC, DET * np.inf), "infinity"),
        ((MC[:, :0], DET[:0]), "Run the cells above"),
    ],
)
def test_closer_k_refuses_bad_notebook_data_for_either_answer(context, hint) -> None:
    for answer in (5, 50):
        verdict, message = nb04.check_closer_k.judge(answer, *context)
        assert verdict == "wrong" and hint in message, message


def test_no_forgetting_table() -> None:
    check = nb05.check_no_forgetting
    assert check.judge(*NO_FORGETTING)[0] == "correct"
    for answers, hint in [
        (WITH_FORGETTING, "forgetting rate"),
        (NO_FORGETTING[::-1], "swapped"),
        ((0.5, 0.5), "seeds range(20)"),
    ]:
        verdict, message = check.judge(*answers)
        assert verdict == "wrong" and hint in message, message
    for bad in BAD_INPUTS:
        assert check.judge(bad, bad)[0] == "wrong"
        assert check.judge(NO_FORGETTING[0], bad)[0] == "wrong"
    assert check.judge(None, 0.5)[0] == "missing" and check.judge(0.5, None)[0] == "missing"


def test_checkers_print_one_verdict_and_return_none(capsys) -> None:
    assert nb01.check_classic_test_output(1.6) is None
    assert nb01.check_classic_test_output(0.4) is None
    assert nb01.check_classic_test_output("x") is None
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(".")[0] for line in lines] == ["✓ Correct", "✗ Not quite", "✗ Not quite"]


def test_the_harness_reports_an_unexpected_error_instead_of_raising() -> None:
    @_harness.checker("x")
    def broken(answer):
        raise KeyError("boom")

    assert broken.judge(1) == ("wrong", "Not quite. The checker could not use your answer (KeyError: 'boom').")


def test_exception_text_reaches_a_learner_as_one_short_plain_line() -> None:
    message = nb01.check_page_rule_ratio.judge(_raises_loudly)[1]
    assert message.startswith("Not quite. Your function raised ValueError: Invalid input 0.5 0.5")
    assert _plain_and_short(message) and message.endswith("…"), message


def _contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_feedback_colours_meet_wcag_aa_in_light_and_dark_themes() -> None:
    assert _contrast("#ffffff", "#111111") > 18  # the measure itself
    for _mark, ink, paper, edge in _harness.STYLES.values():
        assert _contrast(ink, paper) >= 4.5  # the text sits on its own background in either theme
        assert min(_contrast(edge, "#ffffff"), _contrast(edge, "#111111")) >= 3  # the block stands out on both
    assert {style[0] for style in _harness.STYLES.values()} == {"✓", "✗"}


def test_feedback_is_a_marked_coloured_block_in_ipython_and_plain_text_elsewhere(monkeypatch, capsys) -> None:
    import IPython
    import IPython.display

    shown = []
    nb01.check_classic_test_output(0.4)
    assert capsys.readouterr().out.startswith("✗ Not quite. 0.4.")
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw: shown.append(bundle))
    nb01.check_classic_test_output(1.6)
    nb01.check_classic_test_output("<b>")
    nb01.check_classic_test_output(None)
    (right, wrong), printed = shown, capsys.readouterr().out
    assert right["text/plain"].startswith("✓ Correct. ") and wrong["text/plain"].startswith("✗ Not quite. ")
    assert right["text/html"].startswith(f'<div style="color:{_harness.STYLES["correct"][1]};')
    assert "<b>✓ Correct.</b>" in right["text/html"] and "&lt;b&gt;" in wrong["text/html"]
    assert printed.startswith("Not yet: replace None with")  # what stored exercise cells show, unchanged
