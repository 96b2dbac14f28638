# %% [markdown]
# # 10 · Dropout today: where it is used, fine-tuning, and a bug clinic
#
# Where is dropout still used, how do you keep a pretrained base quiet while you train a new head
# on it, and which silent dropout bugs does public code keep shipping?
#
# **Learning objectives.** After this notebook you can
# - say where dropout is on and where it is off in today's common configurations;
# - train a new head on a frozen base kept in inference mode, and say what `trainable=False` does
#   and does not switch off in Keras 3;
# - spot and fix a lost `training` flag and a keep probability passed as `rate`;
# - in the deep dives: schedule dropout for the first epochs only, and fix three more bugs.
#
# **Run time:** about 25 seconds on a 2-core CPU (seven small networks are trained).
# **Study time:** core path about 16 min, whole notebook about 38 min (the rule: 00's course map).
# **Prerequisites:** [00](00_start_here.ipynb)–[03](03_keras_dropout.ipynb) (dropout, `rate`, `training=`
# in Keras) and [07](07_dropout_in_architectures.ipynb) (BatchNorm; recapped below).

# %% [markdown]
# ## Setup

# %% tags=["parameters"]
# Parameters: change SEED and re-run all cells; the result tables then say
# which claims hold at your seed. The stored outputs (and CI) use the SEED here.
SEED = 0

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style
from helpers import course

print(course.setup_notebook(seed=SEED))
import keras
import numpy as np

from helpers import claims, data, tables
from helpers.progress import TrainingProgress

check = claims.Checker("10_dropout_today", seed=SEED)

# %% [markdown]
# ## Look up where dropout is used today
#
# Dropout defaults of three Hugging Face `transformers` configurations, read in the library's
# source on GitHub at the time of writing (2026; defaults move, so check the version you install):
#
# | configuration | dropout arguments and their defaults |
# |---|---|
# | `BertConfig` (an encoder, 2018) | `hidden_dropout_prob=0.1`, `attention_probs_dropout_prob=0.1` |
# | `GPT2Config` (a decoder, 2019) | `resid_pdrop=0.1`, `embd_pdrop=0.1`, `attn_pdrop=0.1` |
# | `LlamaConfig` (a decoder, 2023) | `attention_dropout=0.0` |
#
# Large language models now pretrain without it: PaLM (Chowdhery et al. 2022) used no dropout in
# pretraining and 0.1 for most fine-tuning. With that much text most of
# it is seen about once, and there is little to overfit; a small fine-tuning set is Srivastava et
# al.'s setting again, and their Figure 10 shows the gain shrinking with more data (redone in
# [04](04_paper_experiments.ipynb)). Keras's attention layer also defaults to 0.0:

# %%
attention = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)
print("MultiHeadAttention dropout default:", attention.dropout)

# %% [markdown]
# **What to notice.** Dropout is a choice per setting: on (about 0.1) for fine-tuning and small
# data, off for pretraining on huge data.

# %% [markdown]
# ## Train a new head on a frozen base
#
# Take a network trained on one task (the *base*), freeze it, and train a new output layer (the
# *head*) on a new task. The base here learns the first five Fashion-MNIST classes (T-shirt to
# coat); the new task is the other five (sandal to ankle boot). It has BatchNorm and dropout inside.
#
# > **Terms.** *Training mode* and *inference mode*: the layers' `training` argument, `True` inside
# > `fit`, `False` in `predict` and in a plain call. *BatchNorm* ([07](07_dropout_in_architectures.ipynb)):
# > in training mode it normalises with the batch's mean and variance and updates its running
# > averages (`moving_mean`, `moving_variance`); in inference mode it normalises with those averages.
# > A *functional* model is `keras.Model(inputs, outputs)`; a *subclassed* one is a class with a
# > `call` method.

# %%
train, test = data.load_fashion_mnist("train"), data.load_fashion_mnist("test")
old, old_test = train.labels < 5, test.labels < 5
new_x, new_y = train.images[~old][:2000], train.labels[~old][:2000] - 5
new_test_x, new_test_y = test.images[~old_test], test.labels[~old_test] - 5
print(f"pretraining {old.sum():,}, new task {len(new_y):,}, its test {len(new_test_y):,}")


# %%
def compile_model(model, learning_rate=1e-3):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=16,  # speed only: 16 batches per call, the same updates
    )
    return model


# %%
keras.utils.set_random_seed(SEED)
base = keras.Sequential([
    keras.Input(shape=(28, 28)),
    keras.layers.Flatten(),
    keras.layers.Dense(128),
    keras.layers.BatchNormalization(),
    keras.layers.ReLU(),
    keras.layers.Dropout(0.3),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dropout(0.3),
], name="base")

# %%
old_head = keras.layers.Dense(5, activation="softmax")
pretrain = compile_model(keras.Sequential([base, old_head]))
bar = TrainingProgress("pretraining the base, 5 epochs")
pretrain.fit(train.images[old], train.labels[old], epochs=5, batch_size=128, verbose=0,
             callbacks=[bar])
pretrained = base.get_weights()  # to start both heads from the same base

# %% [markdown]
# **What `trainable=False` does in Keras 3.** It freezes the weights. BatchNorm also reads it: it
# uses and updates batch statistics only `if training and self.trainable`
# (`batch_normalization.py`), so a frozen BatchNorm runs in inference mode. `Dropout` has no
# weights, and its docstring says `trainable` does not affect it: a frozen base in training mode
# still drops. On one batch:

# %%
base.trainable = False
norm = base.layers[2]  # Flatten, Dense, then the BatchNormalization layer
before = keras.ops.convert_to_numpy(norm.moving_mean).copy()
first, second = (base(new_x[:256], training=True) for _ in range(2))
bn_moved = float(np.abs(keras.ops.convert_to_numpy(norm.moving_mean) - before).max())
noise = float(np.abs(first - second).max())  # 0 if dropout were off
size = float(np.abs(first).mean())
print(f"BatchNorm's moving mean moved {bn_moved:.3g}; two passes differ by up to {noise:.3g}"
      f" (a typical output is {size:.3g})")

# %% [markdown]
# Keras's transfer-learning guide builds the new model with `base(inputs, training=False)` (its
# end-to-end example still does). In Keras 3 that flag does not stick once the model is called with
# `training=True`, as `fit` does: the model passes **its own** `training` to every layer that takes
# one (`operation_fn` in `functional.py`; keras-team/keras#20285, and #20298 added a BatchNorm note
# to the guide):

# %%
inputs = keras.Input(shape=(28, 28))
functional_base = keras.Model(inputs, base(inputs, training=False))
a, b = (functional_base(new_x[:256], training=True) for _ in range(2))
print("the 'training=False' base still drops:", not np.allclose(a, b))

# %% [markdown]
# Why? A functional model is a recorded graph of layer calls: when it runs, Keras replays them and
# puts the outer `training` into each one, over the value you wrote. A subclass runs its `call` code
# afresh, so a flag written **inside `call`** is the one used. So write the new model as a subclass:


# %%
class NewHead(keras.Model):
    """A frozen base run in inference mode, then dropout and a new softmax layer."""

    def __init__(self, base, rate=0.3):
        super().__init__()
        self.base = base
        self.dropout = keras.layers.Dropout(rate)
        self.out = keras.layers.Dense(5, activation="softmax")

    def call(self, inputs, training=False):
        features = self.base(inputs, training=False)  # always inference mode
        return self.out(self.dropout(features, training=training))


# %% [markdown]
# What does the overridden flag cost? From the same base and seed: 8 epochs of head training on the
# frozen base, then 3 of fine-tuning everything at a 30 times smaller learning rate.


# %%
def functional_head(base, rate=0.3):
    inputs = keras.Input(shape=(28, 28))
    features = base(inputs, training=False)  # overridden by fit, as shown above
    head = keras.layers.Dense(5, activation="softmax")
    outputs = head(keras.layers.Dropout(rate)(features))
    return keras.Model(inputs, outputs)


# %%
def head_then_fine_tune(build, label, base, pretrained):
    """Train a head on the frozen base, then fine-tune everything. After each phase: test accuracy
    and how far BatchNorm's moving mean has moved since pretraining."""
    base.set_weights(pretrained)  # both models start from the same pretrained base
    norm = base.layers[2]  # Flatten, Dense, then the BatchNormalization layer
    start = keras.ops.convert_to_numpy(norm.moving_mean).copy()
    keras.utils.set_random_seed(SEED)
    model, measured = build(base), []
    for phase, trainable, epochs, learning_rate in [("head", False, 8, 3e-3), ("fine-tuning", True, 3, 1e-4)]:
        base.trainable = trainable
        compile_model(model, learning_rate)  # recompile: a change to trainable counts from compile on
        model.fit(new_x, new_y, epochs=epochs, batch_size=64, verbose=0,
                  callbacks=[TrainingProgress(f"{label}: {phase}")])
        moved = np.abs(keras.ops.convert_to_numpy(norm.moving_mean) - start).max()
        measured += [model.evaluate(new_test_x, new_test_y, verbose=0)[1], float(moved)]
    return measured


# %%
results = {
    "subclass": head_then_fine_tune(NewHead, "subclass", base, pretrained),
    "functional": head_then_fine_tune(functional_head, "functional", base, pretrained),
}
rows = [(name, *values) for name, values in results.items()]
headers = ["new model", "accuracy, head only", "BN change by then", "accuracy, fine-tuned", "BN change by then"]
tables.table(rows, headers, digits=3)

# %%
overridden = not np.allclose(a, b)
check.section("frozen_base", bn_moved=bn_moved, noise=noise, overridden=overridden,
              results=results)

# %% [markdown]
# **What to notice.** "BN change" is how far the moving mean has moved since pretraining. With the
# base frozen it did not move in either model <!-- ledger: frozen_bn_stays_put --> in 10 of 10 seeds,
# but the functional base kept dropping units. A frozen base learns nothing from that noise, which
# only hides part of each feature from the head: the subclass's head was more
# accurate <!-- ledger: head_only_gap --> in 10 of 10 seeds (median 0.038). Unfrozen, the functional
# base normalised with batch statistics and updated its moving mean <!-- ledger: subclass_keeps_bn -->
# in 10 of 10 seeds; the subclass's stayed put. After fine-tuning the subclass was more
# accurate <!-- ledger: fine_tuned_gap --> in 10 of 10 seeds (median 0.066, range 0.051–0.079).
# With the functional API, after `base.trainable = True` set each BatchNormalization layer's
# `trainable=False`, then compile; its dropout still runs.

# %% [markdown]
# ## A bug clinic: two silent bugs in the core
#
# Each bug below runs without an error or a warning. The quickest test: two training-mode passes
# must differ, two inference passes must agree.

# %%
x = np.ones((16, 8), dtype="float32")


def dropout_runs(layer):
    """True when two training-mode calls differ and two inference calls agree."""
    differ = not np.allclose(layer(x, training=True), layer(x, training=True))
    return differ and np.allclose(layer(x, training=False), layer(x, training=False))


# %% [markdown]
# ### Bug 1: a `training` flag that never reaches the dropout layer
#
# In Keras 3 a layer called inside another's `call` without a `training` argument inherits the
# outer flag, so leaving it out is fine; passing a wrong value is the bug (tensorflow#36073, a model
# stuck in one mode). Here the flag arrives in the parameter `training`, and the code looks for it in
# `**kwargs`. It finds `None` and passes it on; an explicit value, even `None`, is not filled in from
# the outer call, so the dropout layer takes its default, off:


# %%
class Block(keras.layers.Layer):
    """Dense, ReLU, Dropout: a buggy block."""

    def __init__(self, units=32, rate=0.5, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units, activation="relu")
        self.dropout = keras.layers.Dropout(rate)

    def call(self, inputs, training=None, **kwargs):
        hidden = self.dense(inputs)
        return self.dropout(hidden, training=kwargs.get("training"))  # None: off


# %%
print("Block: dropout runs:", dropout_runs(Block()))

# %% [markdown]
# ### Bug 2: a keep probability passed as `rate`
#
# TensorFlow 1's `tf.nn.dropout(x, keep_prob=0.9)` took the probability of **keeping** a unit;
# Keras's `rate` is the probability of **dropping** it (one public fix is titled "dropout rate = 1 -
# keep_prob", hunkim/DeepLearningZeroToAll#205). Ported line by line, `Dropout(0.9)` drops 90 %:

# %%
ported = keras.layers.Dropout(0.9, seed=SEED)  # meant: keep_prob=0.9
dropped_out = keras.ops.convert_to_numpy(ported(np.ones((100, 100)), training=True))
zeros = float(np.mean(dropped_out == 0))
print(f"share of units dropped by the ported layer: {zeros:.3f}")

# %%
check.section("bug_symptoms", block_runs=dropout_runs(Block()), dropped_share=zeros)

# %% [markdown]
# **What to notice.** The block never drops, and nothing says so. The ported layer drops 90 % of the
# units instead of 10 %, again without an error.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: early dropout for a network that underfits
#
# Liu et al. (2023, "Dropout Reduces Underfitting") turn the usual story round: for models that
# **underfit**, dropout in the first epochs only, then none, ended with a *lower* training loss than
# no dropout in their ImageNet experiments. Their explanation: early in training, dropout reduces
# the directional variance of mini-batch gradients and aligns them better with the gradient of the
# whole data set. A narrow MLP (two hidden layers of 16 units) on 6,000 images should underfit (the
# table below checks); compare no dropout, dropout throughout, and dropout for the first 2 of 8
# epochs, at rate 0.1.
#
# First, the schedule. The obvious callback sets `layer.rate = 0` after epoch 2. Check that idea
# between two calls of `fit`: a `Dropout(0.5)` on 4 inputs of ones, then a fixed `Dense` layer of
# ones, learning rate 0, target 0. With dropout off the output is 4 and the loss 16. With it on, k of
# the 4 inputs are kept, each scaled to 2, so the output is 2k; k is Binomial(4, 1/2), E[k²] =
# Var k + (E k)² = 1 + 4 = 5, and the loss is about E[(2k)²] = 20.

# %% tags=["deep-dive"]
keras.utils.set_random_seed(SEED)
probe = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dropout(0.5),
    keras.layers.Dense(1, kernel_initializer="ones", use_bias=False),
])
probe.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
ones, zero_targets = np.ones((1024, 4), "float32"), np.zeros((1024, 1), "float32")
probe.fit(ones, zero_targets, batch_size=1024, verbose=0)  # traces the step
probe.layers[0].rate = 0.0  # "switch dropout off"
history = probe.fit(ones, zero_targets, batch_size=1024, verbose=0)
loss_after = history.history["loss"][0]
print(f"loss after setting rate = 0: {loss_after:.3f} (16 if dropout were off)")

# %% [markdown] tags=["deep-dive"]
# It does not work. `Dropout.call` reads `self.rate` as a plain Python number
# (`if training and self.rate > 0:` in `keras/src/layers/regularization/dropout.py`). `fit` *traces*
# its training step: it runs the Python code once to record a TensorFlow graph, then reuses the
# graph, with the number 0.5 baked in. A rate the graph sees change must be a **variable**, or the
# step must be traced again (`model.make_train_function(force=True)` after the change). The variable
# is a small layer of your own; `keras.random.SeedGenerator` is its random state, advanced at each
# draw, so every step gets a new mask.


# %% tags=["deep-dive"]
class ScheduledDropout(keras.layers.Layer):
    """Inverted dropout whose rate is a variable: assign to it during fit."""

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = self.add_weight(shape=(), trainable=False, name="rate",
                                    initializer=keras.initializers.Constant(rate))
        # a seed of its own per layer; None: drawn from the global seed, so two layers differ
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs, training=False):
        if not training:
            return inputs
        shape = keras.ops.shape(inputs)
        uniform = keras.random.uniform(shape, seed=self.seed_generator)
        return keras.ops.where(uniform >= self.rate, inputs / (1 - self.rate), 0.0)


class DropoutOff(keras.callbacks.Callback):
    """Set every ScheduledDropout's rate to 0 after epoch ``last``."""

    def __init__(self, last):
        super().__init__()
        self.last = last

    def on_epoch_end(self, epoch, logs=None):
        if epoch + 1 == self.last:
            for layer in self.model.layers:
                if isinstance(layer, ScheduledDropout):
                    layer.rate.assign(0.0)


# %% tags=["deep-dive"]
def narrow_mlp(rate):
    keras.utils.set_random_seed(SEED)
    return compile_model(keras.Sequential([
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="relu"),
        ScheduledDropout(rate),
        keras.layers.Dense(16, activation="relu"),
        ScheduledDropout(rate),
        keras.layers.Dense(10, activation="softmax"),
    ]))


# %% tags=["deep-dive"]
runs = {"no dropout": (0.0, []), "dropout throughout": (0.1, []),
        "early dropout": (0.1, [DropoutOff(2)])}
early, images, labels = {}, train.images[:6000], train.labels[:6000]
for number, (name, (rate, callbacks)) in enumerate(runs.items(), start=1):
    model = narrow_mlp(rate)
    bar = TrainingProgress(f"run {number} of 3, 8 epochs")
    model.fit(images, labels, epochs=8, batch_size=128, verbose=0,
              callbacks=[*callbacks, bar])
    train_loss, train_accuracy = model.evaluate(images, labels, verbose=0)
    test_accuracy = model.evaluate(test.images, test.labels, verbose=0)[1]
    early[name] = (train_loss, 1 - train_accuracy, 1 - test_accuracy)

# %% tags=["deep-dive"]
rows = [(name, *values) for name, values in early.items()]
headers = ["schedule", "final training-set loss (inference mode)", "training error", "test error"]
tables.table(rows, headers, digits=4)

# %% tags=["deep-dive"]
check.section("early_dropout", loss_after=loss_after, early=early)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** The narrow MLP underfits: without dropout its training error stayed above 0.15
# and within 3 points of its test error <!-- ledger: narrow_mlp_underfits --> in 10 of 10 seeds.
# Dropout throughout raised its final training loss <!-- ledger: throughout_underfits_more -->
# in 10 of 10 seeds; switching it off after 2 epochs brought the loss back below dropout
# throughout <!-- ledger: early_recovers --> in 10 of 10 seeds. It did not clearly beat no dropout:
# early dropout's training loss was not lower by 0.03 or more <!-- ledger: early_no_train_gain -->
# in 10 of 10 seeds (early minus none: median 0.003, range −0.017 to 0.024, lower in some seeds and
# higher in others), nor its test error by a point or more <!-- ledger: early_no_test_gain --> in
# 10 of 10 seeds (median 0.004, range −0.005 to 0.019).
#
# So at this scale (one narrow MLP, one schedule fixed in advance) the paper's gain does not show;
# Liu et al. measured it on ImageNet models trained for hundreds of epochs.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: three more bugs
#
# ### Bug 3: a dropout output computed and then thrown away
#
# From public code (kuanghuei/clean-net#2, TensorFlow 1): the dropout's result went to a new name,
# and the next layer read the old one. Nothing fails; dropout simply does nothing.


# %% tags=["deep-dive"]
class Discarding(keras.layers.Layer):
    def __init__(self, units=32, rate=0.5, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units, activation="relu")
        self.dropout = keras.layers.Dropout(rate)

    def call(self, inputs, training=None):
        hidden = self.dense(inputs)
        self.dropout(hidden, training=training)  # the result is dropped on the floor
        return hidden


print("Discarding: dropout runs:", dropout_runs(Discarding()))

# %% [markdown] tags=["deep-dive"]
# ### Bug 4: test-time outputs scaled by the drop probability
#
# Dropout as in the paper keeps training outputs unscaled and multiplies by the **keep** probability
# p = 1 − rate at test time. ConvNetJS multiplied by the drop probability instead
# (karpathy/convnetjs#61 and #106), and so does the course page these notebooks accompany ("outputs
# are scaled down by the dropout rate"; [01](01_why_dropout.ipynb) corrects it). At rate 0.5 the two
# agree, which is how the bug hides; at any other
# rate the test outputs have the wrong mean:

# %% tags=["deep-dive"]
rng = np.random.default_rng(SEED)
activations, rate = np.ones(100_000), 0.2
kept = rng.random(activations.shape) >= rate  # the paper's dropout: no scaling
by_rate, by_keep = np.mean(activations * rate), np.mean(activations * (1 - rate))
print(f"training mean {np.mean(activations * kept):.3f}; test mean, scaled by rate "
      f"{by_rate:.3f}, by 1 - rate {by_keep:.3f}")

# %% [markdown] tags=["deep-dive"]
# ### Bug 5: a `GradientTape` loop without `training=True`
#
# `model(x)` in a custom loop runs in inference mode: every dropout layer is off, and the loop trains
# a network without dropout ([07](07_dropout_in_architectures.ipynb)'s deep dive measures it). The
# symptom, in one line:

# %% tags=["deep-dive"]
mlp = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(32),
                       keras.layers.Dropout(0.5)])
print("model(x) twice differs:", not np.allclose(mlp(x), mlp(x)),
      "| model(x, training=True) twice differs:",
      not np.allclose(mlp(x, training=True), mlp(x, training=True)))

# %% [markdown]
# ## Recap
#
# - Defaults: 0.1 in BERT and GPT-2, 0.0 in Llama and Keras's attention; large language models
#   pretrain without dropout and fine-tune with about 0.1.
# - `trainable=False` freezes weights and puts BatchNorm in inference mode, never dropout. In Keras 3
#   `fit` overrides a `training=False` in a functional graph; one inside `call` holds.
# - Test dropout: two training passes differ, two inference passes agree. `keep_prob=0.9` is `rate=0.1`.
# - Deep dives: a schedule needs a variable rate; early dropout did not beat no dropout here.

# %% [markdown]
# ## Self-check
#
# Pick an answer and press **Check**: you see whether it is right, and why.

# %%
from helpers import quiz

quiz.show_quiz("10_dropout_today")

# %% [markdown]
# ## Exercises
#
# **Exercise 1 (bug 1).** Copy `Block` from above into the cell, fix its `call` so that the dropout
# layer gets the flag, and pass the class to the checker.

# %%
from helpers.exercises import nb10

FixedBlock = None  # your fixed class here
nb10.check_block(FixedBlock)

# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# class FixedBlock(keras.layers.Layer):
#     def __init__(self, units=32, rate=0.5, **kwargs):
#         super().__init__(**kwargs)
#         self.dense = keras.layers.Dense(units, activation="relu")
#         self.dropout = keras.layers.Dropout(rate)
#
#     def call(self, inputs, training=None):
#         return self.dropout(self.dense(inputs), training=training)
#
#
# nb10.check_block(FixedBlock)
# ```
#
# Keras passes the flag in the parameter named `training`; hand that parameter on.
# </details>

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: more exercises
#
# Exercise 2 is bug 2 of the core; exercises 3–5 are the deep dive's bugs; exercise 6 is the core's
# frozen base.

# %% [markdown] tags=["deep-dive"]
# **Exercise 2 (bug 2).** Write `rate_from_keep_prob(keep_prob)`: the Keras `rate` that drops as
# much as TensorFlow 1's `tf.nn.dropout(x, keep_prob=keep_prob)` did.

# %% tags=["deep-dive"]
rate_from_keep_prob = None  # your function here
nb10.check_rate_from_keep_prob(rate_from_keep_prob)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def rate_from_keep_prob(keep_prob):
#     return 1 - keep_prob
#
#
# nb10.check_rate_from_keep_prob(rate_from_keep_prob)
# ```
#
# `keep_prob` is the paper's p; Keras's `rate` is 1 − p.
# </details>

# %% [markdown] tags=["deep-dive"]
# **Exercise 3 (bug 3).** Fix `Discarding` so that its output is the dropout layer's output.

# %% tags=["deep-dive"]
FixedDiscarding = None  # your fixed class here
nb10.check_discarding(FixedDiscarding)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# class FixedDiscarding(keras.layers.Layer):
#     def __init__(self, units=32, rate=0.5, **kwargs):
#         super().__init__(**kwargs)
#         self.dense = keras.layers.Dense(units, activation="relu")
#         self.dropout = keras.layers.Dropout(rate)
#
#     def call(self, inputs, training=None):
#         return self.dropout(self.dense(inputs), training=training)
#
#
# nb10.check_discarding(FixedDiscarding)
# ```
#
# A layer's result is a new tensor; calling it changes nothing unless you use what it returns.
# </details>

# %% [markdown] tags=["deep-dive"]
# **Exercise 4 (bug 4).** For the paper's dropout (no scaling in training), write
# `test_time_output(activations, rate)`: the activations as the next layer should see them at test
# time.

# %% tags=["deep-dive"]
test_time_output = None  # your function here
nb10.check_test_time_output(test_time_output)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def test_time_output(activations, rate):
#     return np.asarray(activations) * (1 - rate)  # the keep probability p
#
#
# nb10.check_test_time_output(test_time_output)
# ```
#
# A unit was present with probability p = 1 − rate in training, so its expected output is p times
# its value. Keras's inverted dropout does the scaling in training instead and leaves test time alone.
# </details>

# %% [markdown] tags=["deep-dive"]
# **Exercise 5 (bug 5).** Write `forward(model, x)`: the forward pass to put inside a
# `GradientTape`, so that the model's dropout layers run.

# %% tags=["deep-dive"]
forward = None  # your function here
nb10.check_forward(forward)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def forward(model, x):
#     return model(x, training=True)
#
#
# nb10.check_forward(forward)
# ```
#
# `model(x)` and `model.predict(x)` run in inference mode; only an explicit `training=True` drops.
# </details>

# %% [markdown] tags=["deep-dive"]
# **Exercise 6 (the frozen base).** `functional_head` above runs its base in training mode under
# `fit`. Write `frozen_head(base)`: a model with a new `Dense(5)` softmax head that runs `base` in
# inference mode even when it is called with `training=True`.

# %% tags=["deep-dive"]
frozen_head = None  # your function here
nb10.check_frozen_head(frozen_head)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# class FrozenHead(keras.Model):
#     def __init__(self, base):
#         super().__init__()
#         self.base = base
#         self.out = keras.layers.Dense(5, activation="softmax")
#
#     def call(self, inputs, training=False):
#         return self.out(self.base(inputs, training=False))
#
#
# def frozen_head(base):
#     return FrozenHead(base)
#
#
# nb10.check_frozen_head(frozen_head)
# ```
#
# A flag written inside `call` is used as written; in a functional model the outer flag replaces it.
# An explicit `False` matters: `self.base(inputs)` would inherit the outer `True`.
# </details>

# %% [markdown]
# ## Further reading
#
# - N. Srivastava et al. (2014). *Dropout: A Simple Way to Prevent Neural Networks from Overfitting.*
#   JMLR 15: 1929–1958. Section 7.4 and Figure 10 (the amount of data).
# - A. Chowdhery et al. (2022). *PaLM: Scaling Language Modeling with Pathways.* arXiv:2204.02311
#   (training set-up: no dropout in pretraining).
# - Z. Liu, Z. Xu, J. Jin, Z. Shen, T. Darrell (2023). *Dropout Reduces Underfitting.* ICML 2023.
# - The Keras guide *Transfer learning & fine-tuning* (keras.io/guides/transfer_learning), and
#   keras-team/keras#20285 on `training=False` in Keras 3.
# - Hugging Face `transformers`: `configuration_bert.py`, `configuration_gpt2.py`,
#   `configuration_llama.py` (dropout defaults).
#
# ---
#
# Before you open another notebook, shut this one's kernel down (**Kernel > Shut Down Kernel**):
# every open notebook keeps its own TensorFlow kernel (about 1 GB) running.
#
# Previous: [09 · Why dropout works](09_why_dropout_works.ipynb) · Back to the start: [00 · Start here](00_start_here.ipynb)
