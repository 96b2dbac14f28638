"""Checkers for the bug clinic of notebook 10: each passes the fix and rejects the bug with a hint.

The layer checkers build the learner's class, call it on a fixed input of 16 x 8 ones and judge what
dropout did: two training-mode calls must differ (rate 0.5 on 512 values: the chance that two masks
agree is 2**-512, so the verdict never depends on the draw) and two inference calls must agree and
equal the block without dropout. No message quotes a random number.
"""

from __future__ import annotations

import numpy as np

from helpers.exercises._harness import Wrong, array, call, checker, expect, number

__all__ = [
    "check_block",
    "check_discarding",
    "check_forward",
    "check_frozen_head",
    "check_rate_from_keep_prob",
    "check_test_time_output",
]

_X = np.ones((16, 8), dtype="float32")


def _numpy(value: object, what: str) -> np.ndarray:
    """A Keras tensor or array as a NumPy array of finite numbers, or Wrong."""
    try:
        import keras

        value = keras.ops.convert_to_numpy(value)
    except Exception:
        pass
    return array(value, what=what)


def _fix_dense(layer: object) -> None:
    """Give the layer's ``dense`` (if it has one of 32 units on 8 inputs) fixed weights of 0.1: every unit
    is then on at inference, whatever the global seed."""
    dense = getattr(layer, "dense", None)
    try:
        dense.build((None, 8))
        kernel, bias = (np.full((8, 32), 0.1, dtype="float32"), np.zeros(32, dtype="float32"))
        dense.set_weights([kernel, bias])
    except (Exception, SystemExit):  # no such layer, another shape: judge the layer as it is
        pass


def _judge_layer(cls: object, name: str, bug_hint: str) -> str:
    """Build ``cls(units=32, rate=0.5)``; its dropout must run in training mode only."""
    import keras

    if not isinstance(cls, type) or not issubclass(cls, keras.layers.Layer):
        raise Wrong(f"pass your class itself (a keras.layers.Layer subclass), not a {type(cls).__name__}.")
    try:
        layer = cls(units=32, rate=0.5)
    except (Exception, SystemExit) as error:
        raise Wrong(
            f"{name}(units=32, rate=0.5) raised {type(error).__name__}; keep the __init__ of the bug."
        ) from None
    _fix_dense(layer)
    outputs = {}
    for mode in (True, False):
        for index in range(2):
            try:
                result = layer(_X, training=mode)
            except (Exception, SystemExit) as error:
                raise Wrong(f"calling {name} raised {type(error).__name__}: {str(error)[:80]}") from None
            outputs[mode, index] = _numpy(result, f"the output of {name}")
    if outputs[True, 0].shape != (16, 32):
        raise Wrong(f"{name} returned shape {outputs[True, 0].shape}; expected (16, 32), one row per example.")
    if not np.allclose(outputs[False, 0], outputs[False, 1]):
        raise Wrong(f"two inference calls of {name} differ: dropout runs at inference; pass training on, not True.")
    dense = getattr(layer, "dense", None)
    try:
        plain = _numpy(dense(_X), "the dense output") if dense is not None else None
    except (Exception, SystemExit):  # a dense attribute that is no layer: judge the outputs alone
        plain = None
    if plain is not None and (plain.shape != outputs[False, 0].shape or not np.allclose(outputs[False, 0], plain)):
        raise Wrong(f"at inference {name} should return the dense layer's output unchanged.")
    if np.allclose(outputs[True, 0], outputs[True, 1]):
        raise Wrong(f"two training-mode calls of {name} agree: dropout never runs. {bug_hint}")
    alive = outputs[False, 0] != 0  # ReLU units that are on at inference
    zeros = float(np.mean(outputs[True, 0][alive] == 0)) if alive.any() else 0.0
    if zeros < 0.2:
        raise Wrong(f"in training mode {name} zeroes too few values for rate 0.5; is the dropout layer used?")
    return "two training-mode calls differ, two inference calls agree: dropout runs only when it should."


@checker("your fixed class FixedBlock")
def check_block(cls) -> str:
    hint = "Keras passes the flag in the parameter named training; hand that on: self.dropout(h, training=training)."
    return _judge_layer(cls, "FixedBlock", hint)


@checker("your fixed class FixedDiscarding")
def check_discarding(cls) -> str:
    hint = "Return the dropout layer's result (h = self.dropout(h, training=training)), not its input."
    return _judge_layer(cls, "FixedDiscarding", hint)


@checker("your function rate_from_keep_prob(keep_prob)")
def check_rate_from_keep_prob(rate_from_keep_prob) -> str:
    for keep_prob in (0.9, 0.5, 0.8, 0.25):
        value = number(call(rate_from_keep_prob, keep_prob, name="rate_from_keep_prob"), "your rate")
        hints = {
            "That is keep_prob itself: Keras's rate is the probability of dropping, not of keeping.": keep_prob,
            "That is 1/keep_prob, the scale of the kept units; the rate is the share dropped.": 1 / keep_prob,
        }
        said = f"rate_from_keep_prob({keep_prob}) returned {value:.4g}; expected {1 - keep_prob:.4g}."
        expect(value, 1 - keep_prob, said, hints if keep_prob != 0.5 else {}, rel=1e-6)
    return "Dropout(1 - keep_prob): Dropout(0.1) keeps 90% of the units, as keep_prob=0.9 did."


@checker("your function test_time_output(activations, rate)")
def check_test_time_output(test_time_output) -> str:
    activations = np.array([[0.0, 1.0, 2.5], [4.0, 0.5, 3.0]])
    for rate in (0.2, 0.5, 0.7):
        result = call(test_time_output, activations, rate, name="test_time_output", frozen="activations")
        value = array(result, activations.shape, "your output")
        hints = {
            "You scale by the rate (the course page's and convnetjs#106's bug); scale by the keep probability.": (
                activations * rate
            ),
            "That divides by p as inverted dropout does in training; the paper's dropout multiplies at test.": (
                activations / (1 - rate)
            ),
            "You return the activations unchanged: right for Keras's inverted dropout, not for the paper's.": (
                activations
            ),
        }
        expect(value, activations * (1 - rate), f"At rate {rate} the output is off.", hints if rate != 0.5 else {})
    return "a unit is present with probability p = 1 - rate in training, so test outputs are multiplied by p."


def _probe_model():
    import keras

    inputs = keras.Input(shape=(8,))
    dropped = keras.layers.Dropout(0.5)(inputs)
    return keras.Model(inputs, keras.layers.Dense(4, kernel_initializer="ones", use_bias=False)(dropped))


def _call_forward(forward: object, model: object) -> object:
    """``forward(model, x)`` on the probe (a model is not deep-copied, so ``call`` is not used)."""
    if not callable(forward):
        raise Wrong(f"pass the function itself (its name, without brackets), not a {type(forward).__name__}.")
    try:
        result = forward(model, _X.copy())
    except (Exception, SystemExit) as error:
        raise Wrong(f"forward raised {type(error).__name__}: {str(error)[:80]}") from None
    if result is None:
        raise Wrong("forward returned None: did you forget `return`?")
    return result


@checker("your function forward(model, x)")
def check_forward(forward) -> str:
    model = _probe_model()
    inference = _numpy(model(_X, training=False), "the model's output")
    first, second = (_numpy(_call_forward(forward, model), "what forward returned") for _ in range(2))
    if first.shape != inference.shape:
        raise Wrong(
            f"forward(model, x) returned shape {first.shape}; expected the model's output, shape {inference.shape}."
        )
    if np.allclose(first, inference) and np.allclose(second, inference):
        raise Wrong(
            "that is the inference output: model(x) and model.predict(x) leave dropout off; pass training=True."
        )
    if np.allclose(first, second):
        raise Wrong("two calls agree, so no fresh dropout mask is drawn per step; call the model with training=True.")
    # The probe: Dropout(0.5) on 8 ones, then Dense(4) of ones. Each row is 2k for the k inputs kept (0 to 8),
    # the same in all 4 columns, because one mask on the inputs feeds every output.
    for result in (first, second):
        even = np.allclose(result / 2, np.round(result / 2)) and result.min() >= 0 and result.max() <= 16
        if not even or not np.allclose(result, result[:, :1]):
            raise Wrong(
                "that is not the model's own training-mode output (each row should be 2k for the k of 8 inputs"
                " kept, in every column); return model(x, training=True) without adding noise or dropout."
            )
    return "model(x, training=True) draws a new mask at every step, so the loop trains with dropout."


def _spy_base():
    """A stand-in base that records the ``training`` value each of its calls receives."""
    import keras

    class SpyBase(keras.layers.Layer):
        def __init__(self):
            super().__init__(name="base")
            self.seen = []
            self.dense = keras.layers.Dense(8, kernel_initializer="ones")

        def call(self, inputs, training=None):
            self.seen.append(training)
            return self.dense(keras.ops.reshape(inputs, (-1, 28 * 28)))

    return SpyBase()


@checker("your function frozen_head(base)")
def check_frozen_head(frozen_head) -> str:
    import keras

    base = _spy_base()
    if not callable(frozen_head):
        raise Wrong(f"pass the function itself (its name, without brackets), not a {type(frozen_head).__name__}.")
    try:  # not the harness's call: a layer is not deep-copied
        model = frozen_head(base)
    except (Exception, SystemExit) as error:
        raise Wrong(f"frozen_head raised {type(error).__name__}: {str(error)[:80]}") from None
    if not isinstance(model, keras.layers.Layer):
        raise Wrong(f"frozen_head(base) should return a Keras model, not a {type(model).__name__}.")
    base.seen.clear()  # what building the model saw does not count
    try:
        outputs = _numpy(model(np.ones((4, 28, 28), dtype="float32"), training=True), "the model's output")
    except Wrong:
        raise
    except (Exception, SystemExit) as error:
        raise Wrong(f"calling the model with training=True raised {type(error).__name__}: {str(error)[:80]}") from None
    if not base.seen:
        raise Wrong("the model never called the base it was given; build it on frozen_head's argument base.")
    if outputs.shape != (4, 5):
        raise Wrong(f"the model returned shape {outputs.shape}; expected (4, 5): a new Dense(5) head per example.")
    if any(flag is not False for flag in base.seen):
        if type(model) is keras.Model or type(model).__name__ == "Functional":
            raise Wrong(
                "this is still a functional model: called with training=True, as fit does, it hands True to the"
                " base over the training=False you wrote. Write a keras.Model subclass whose call does"
                " self.base(inputs, training=False)."
            )
        raise Wrong(
            "called with training=True, the model passed the base a training flag other than False. Inside call"
            " write self.base(inputs, training=False): an explicit False (leaving it out inherits the outer flag)."
        )
    return "called with training=True, as fit does, the model still ran its base with training=False."
