"""Notebook 10's bug-clinic checkers: each fix passes, each bug and typical wrong answer fails with a
reason, and no input makes a checker raise."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from helpers.exercises import nb10

ODD_INPUTS = [
    None,
    "3",
    3 + 1j,
    float("nan"),
    1e308,
    np.zeros((2, 2)),
    np.array(["a"]),
    [1, 2],
    int,
    keras.layers.Dense,
]
CHECKERS = [
    nb10.check_block,
    nb10.check_discarding,
    nb10.check_rate_from_keep_prob,
    nb10.check_test_time_output,
    nb10.check_forward,
]


def _raises(*args, **kwargs):
    raise RuntimeError("boom")


class Fixed(keras.layers.Layer):
    """The fix of bugs 1 and 3."""

    def __init__(self, units=32, rate=0.5, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units, activation="relu")
        self.dropout = keras.layers.Dropout(rate)

    def call(self, inputs, training=None):
        return self.dropout(self.dense(inputs), training=training)


class LostFlag(Fixed):
    """Bug 1: the flag is looked for in **kwargs."""

    def call(self, inputs, training=None, **kwargs):
        return self.dropout(self.dense(inputs), training=kwargs.get("training"))


class Discarding(Fixed):
    """Bug 3: the dropout output is thrown away."""

    def call(self, inputs, training=None):
        hidden = self.dense(inputs)
        self.dropout(hidden, training=training)
        return hidden


class AlwaysOn(Fixed):
    """Drops at inference too."""

    def call(self, inputs, training=None):
        return self.dropout(self.dense(inputs), training=True)


class NoDropout(Fixed):
    def call(self, inputs, training=None):
        return self.dense(inputs)


class WrongShape(Fixed):
    def call(self, inputs, training=None):
        return keras.ops.sum(self.dropout(self.dense(inputs), training=training), axis=1)


class Crashes(Fixed):
    def call(self, inputs, training=None):
        raise ValueError("no")


class BadInit(keras.layers.Layer):
    def __init__(self):
        super().__init__()


@pytest.mark.parametrize("check", CHECKERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", [*ODD_INPUTS, _raises, lambda *a: None, lambda *a: "x", lambda *a: np.nan])
def test_odd_answers_never_raise_and_are_not_correct(check, answer) -> None:
    status, message = check.judge(answer)
    assert status in {"wrong", "missing"}, message
    assert message.startswith(("Not quite.", "Not yet:"))


#: checker, right answers, wrong answers (also used by tests/test_exercises_determinism.py)
TABLE = [
    (nb10.check_block, [Fixed], [LostFlag, Discarding, AlwaysOn, NoDropout, WrongShape, Crashes, BadInit]),
    (nb10.check_discarding, [Fixed], [Discarding, LostFlag, AlwaysOn, NoDropout, Crashes]),
    (
        nb10.check_rate_from_keep_prob,
        [lambda k: 1 - k, lambda k: np.float32(1) - np.float32(k)],
        [lambda k: k, lambda k: 1 / k, lambda k: 1 - 1 / k, lambda k: [1 - k, k], lambda k: True],
    ),
    (
        nb10.check_test_time_output,
        [lambda a, r: np.asarray(a) * (1 - r), lambda a, r: [[v * (1 - r) for v in row] for row in a]],
        [
            lambda a, r: a * r,
            lambda a, r: a / (1 - r),
            lambda a, r: a,
            lambda a, r: a.sum(),
            lambda a, r: np.multiply(a, 1 - r, out=a),
        ],
    ),
    (
        nb10.check_forward,
        [lambda m, x: m(x, training=True)],
        [
            lambda m, x: m(x),
            lambda m, x: m(x, training=False),
            lambda m, x: m.predict(x, verbose=0),
            lambda m, x: m(x, training=True)[:1],
            lambda m, x: 3,
        ],
    ),
]


@pytest.mark.parametrize(("check", "right", "wrong"), TABLE, ids=lambda value: getattr(value, "__name__", None))
def test_right_answers_pass_and_wrong_ones_fail(check, right, wrong) -> None:
    for answer in right:
        verdict, message = check.judge(answer)
        assert verdict == "correct", message
    for answer in wrong:
        verdict, message = check.judge(answer)
        assert verdict == "wrong" and message.startswith("Not quite. "), message


@pytest.mark.parametrize(
    ("check", "answer", "hint"),
    [
        (nb10.check_block, LostFlag, "training=training"),
        (nb10.check_block, AlwaysOn, "not True"),
        (nb10.check_discarding, Discarding, "result"),
        (nb10.check_rate_from_keep_prob, lambda k: k, "probability of dropping"),
        (nb10.check_test_time_output, lambda a, r: a * r, "convnetjs#106"),
        (nb10.check_test_time_output, lambda a, r: a, "inverted"),
        (nb10.check_forward, lambda m, x: m(x), "training=True"),
    ],
)
def test_each_typical_wrong_answer_gets_its_hint(check, answer, hint) -> None:
    assert hint in check.judge(answer)[1]


class _SubclassHead(keras.Model):
    def __init__(self, base, flag):
        super().__init__()
        self.base, self.flag = base, flag
        self.out = keras.layers.Dense(5, activation="softmax")

    def call(self, inputs, training=False):
        if self.flag == "False":
            features = self.base(inputs, training=False)
        elif self.flag == "inherit":
            features = self.base(inputs)
        else:
            features = self.base(inputs, training=training)
        return self.out(keras.layers.Dropout(0.3)(features, training=training))


def _functional_head(base):
    inputs = keras.Input(shape=(28, 28))
    return keras.Model(inputs, keras.layers.Dense(5, activation="softmax")(base(inputs, training=False)))


def _exits(base):
    raise SystemExit


FROZEN_HEAD_ROW = (
    nb10.check_frozen_head,
    [lambda base: _SubclassHead(base, "False")],
    [
        _functional_head,
        lambda base: _SubclassHead(base, "inherit"),
        lambda base: _SubclassHead(base, "passed on"),
        lambda base: keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(), keras.layers.Dense(5)]),
        lambda base: keras.Sequential([base, keras.layers.Dense(3)]),
        _exits,
    ],
)
TABLE.append(FROZEN_HEAD_ROW)
CHECKERS.append(nb10.check_frozen_head)


class _ExitsInCall(Fixed):
    def call(self, inputs, training=None):
        raise SystemExit


class _ExitsInInit(keras.layers.Layer):
    def __init__(self, units=32, rate=0.5, **kwargs):
        raise SystemExit


@pytest.mark.parametrize("check", [nb10.check_block, nb10.check_discarding], ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", [_ExitsInCall, _ExitsInInit])
def test_a_layer_that_calls_exit_is_wrong_not_fatal(check, answer) -> None:
    verdict, message = check.judge(answer)
    assert verdict == "wrong" and message.startswith("Not quite. "), message


@pytest.mark.parametrize(
    "answer",
    [
        lambda m, x: m(x) + np.random.rand(),  # noqa: NPY002 (a learner's noise, on purpose)
        lambda m, x: keras.layers.Dropout(0.5)(m(x), training=True),
    ],
)
def test_forward_rejects_noise_that_is_not_the_model_s_own_dropout(answer) -> None:
    verdict, message = nb10.check_forward.judge(answer)
    assert verdict == "wrong" and "2k" in message, message


@pytest.mark.parametrize(
    ("answer", "hint"),
    [(_functional_head, "still a functional model"), (lambda base: _SubclassHead(base, "inherit"), "explicit False")],
)
def test_frozen_head_hints(answer, hint) -> None:
    assert hint in nb10.check_frozen_head.judge(answer)[1]
