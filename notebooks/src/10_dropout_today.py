# %% [markdown]
# # 10 · Dropout today: where it is used, fine-tuning, and a bug clinic
#
# Where do today's networks still use dropout, how do you keep a pretrained base quiet while you
# train a new head on it, and which silent dropout bugs does public code keep shipping?
#
# **Learning objectives.** After this notebook you can
# - say where dropout is on and where it is off in today's common configurations;
# - train a new head on a frozen base with its BatchNorm and dropout in inference mode, and say
#   what `trainable=False` does and does not switch off in Keras 3;
# - spot and fix a lost `training` flag and a keep probability passed as `rate`;
# - in the deep dives: schedule dropout for the first epochs only (early dropout), and fix three
#   more bugs (a discarded output, test-time scaling by the rate, a `GradientTape` loop).
#
# **Run time:** about 30 seconds on a 2-core CPU (eight small networks are trained).
# **Prerequisites:** [03](03_keras_dropout.ipynb) (`training=` in Keras) and
# [07](07_dropout_in_architectures.ipynb) (BatchNorm and dropout).

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
# Large language models now pretrain without it: the PaLM paper (Chowdhery et al. 2022, training
# set-up) used no dropout in pretraining and 0.1 for most fine-tuning. With that much text most of
# it is seen about once, and there is little to overfit; a small fine-tuning set is the paper's
# setting again. The gain shrinks with more data in the paper's Figure 10 too (redone in
# [04](04_paper_experiments.ipynb)). Keras's attention layer agrees:

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
print(f"BatchNorm's moving mean moved {bn_moved:.3g}; two passes differ by {noise:.3g}")

# %% [markdown]
# Keras 2's transfer-learning guide builds the new model with `base(inputs, training=False)`. In
# Keras 3's functional API that flag does not stick: the model passes **its own** `training` to
# every layer that takes one (`operation_fn` in `functional.py`), so `fit` overrides it
# (keras-team/keras#20285; the guide was rewritten in #20298):

# %%
inputs = keras.Input(shape=(28, 28))
functional_base = keras.Model(inputs, base(inputs, training=False))
a, b = (functional_base(new_x[:256], training=True) for _ in range(2))
print("the 'training=False' base still drops:", not np.allclose(a, b))

# %% [markdown]
# A flag written **inside a `call` method** does stick: an explicit argument wins over the outer
# flag. So write the new model as a small subclass:


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
# What does the overridden flag cost? Both models start from the same base and seed: 8 epochs of
# head training with the base frozen, then 3 epochs of fine-tuning everything (base unfrozen) at a
# 30 times smaller learning rate.


# %%
def functional_head(base, rate=0.3):
    inputs = keras.Input(shape=(28, 28))
    features = base(inputs, training=False)  # overridden by fit, as shown above
    head = keras.layers.Dense(5, activation="softmax")
    outputs = head(keras.layers.Dropout(rate)(features))
    return keras.Model(inputs, outputs)


# %%
def head_then_fine_tune(build, label):
    base.set_weights(pretrained)
    base.trainable = False
    keras.utils.set_random_seed(SEED)
    model = compile_model(build(base), learning_rate=3e-3)
    model.fit(new_x, new_y, epochs=8, batch_size=64, verbose=0,
              callbacks=[TrainingProgress(f"{label}: head")])
    head_acc = model.evaluate(new_test_x, new_test_y, verbose=0)[1]
    base.trainable = True  # step 2: fine-tune the whole network, gently
    compile_model(model, learning_rate=1e-4)
    model.fit(new_x, new_y, epochs=3, batch_size=64, verbose=0,
              callbacks=[TrainingProgress(f"{label}: fine-tuning")])
    moved = float(np.abs(keras.ops.convert_to_numpy(norm.moving_mean) - before).max())
    return head_acc, model.evaluate(new_test_x, new_test_y, verbose=0)[1], moved


# %%
results = {
    "subclass": head_then_fine_tune(NewHead, "subclass"),
    "functional": head_then_fine_tune(functional_head, "functional"),
}
rows = [(name, *values) for name, values in results.items()]
headers = ["new model", "head only", "fine-tuned", "BN moved"]
tables.table(rows, headers, digits=3)

# %%
overridden = not np.allclose(a, b)
check.section("frozen_base", bn_moved=bn_moved, noise=noise, overridden=overridden,
              results=results)

# %% [markdown]
# **What to notice.** Frozen, the base's BatchNorm stayed put in both models, but the functional
# base kept dropping units, so its head learned from noisy features. Unfrozen, it also normalised
# with batch statistics and moved them towards the new classes. The subclass ended more
# accurate <!-- ledger: forgetting_costs_accuracy --> in 10 of 10 seeds (by a median of 0.066,
# range 0.051–0.079). With the functional API, set the base's BatchNorm layers to
# `trainable=False` before unfreezing (the Keras guide's advice today), and know that its dropout
# still runs.

# %% [markdown]
# ## A bug clinic: two silent bugs in the core
#
# Each bug below runs without an error or a warning, and the network trains. The quickest test:
# two training-mode passes must differ, two inference passes must agree.

# %%
x = np.ones((16, 8), dtype="float32")


def dropout_runs(layer):
    """True when two training-mode calls differ and two inference calls agree."""
    differ = not np.allclose(layer(x, training=True), layer(x, training=True))
    return differ and np.allclose(layer(x, training=False), layer(x, training=False))


# %% [markdown]
# ### Bug 1: a `training` flag that never reaches the dropout layer
#
# Subclassed layers must hand `training` on to their dropout, and public code gets the flag wrong
# in many ways (tensorflow#36073, a model stuck in one mode; keras-hub#1500, layers whose `call`
# never passed it on). Here it arrives in the parameter `training`, and the code looks for it in
# `**kwargs`. It finds `None`, and an explicit `training=None` is not filled in from the outer call
# (`_resolve_and_populate_arg` in Keras's `layer.py`), so the dropout layer takes its default, off:


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
# units; the network still trains, slowly, and its loss curve merely looks hard.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: early dropout for a network that underfits
#
# Liu et al. (2023, "Dropout Reduces Underfitting") turn the usual story round: for models that
# **underfit**, dropout in the first epochs only, then none, ended with a *lower* training loss than
# no dropout in their ImageNet experiments. Their explanation: early in training, dropout reduces
# the directional variance of mini-batch gradients and aligns them better with the gradient of the
# whole data set. A narrow MLP (two hidden layers of 16 units) on 6,000 images underfits; compare no
# dropout, dropout throughout, and dropout for the first 2 of 8 epochs, at rate 0.1.
#
# First, the schedule. The obvious callback sets `layer.rate = 0` after epoch 2. Check that idea
# between two calls of `fit`: a `Dropout(0.5)` before a fixed `Dense` layer of ones, the learning rate 0: for inputs of ones
# the loss is 16 when dropout is off and about 20 on average when it is on (the output 2k for k kept
# inputs out of 4, E[(2k)²] = 20).

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
# (`if training and self.rate > 0:` in `keras/src/layers/regularization/dropout.py`); `fit` traces
# its training step into a TensorFlow graph once and reuses it, with the number 0.5 baked in. A rate
# the graph can see change must be a **variable**: a small layer of your own.


# %% tags=["deep-dive"]
class ScheduledDropout(keras.layers.Layer):
    """Inverted dropout whose rate is a variable: assign to it during fit."""

    def __init__(self, rate, **kwargs):
        super().__init__(**kwargs)
        self.rate = self.add_weight(shape=(), trainable=False, name="rate",
                                    initializer=keras.initializers.Constant(rate))
        self.seed_generator = keras.random.SeedGenerator(SEED)

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
    train_loss = model.evaluate(images, labels, verbose=0)[0]
    test_error = 1 - model.evaluate(test.images, test.labels, verbose=0)[1]
    early[name] = (train_loss, test_error)

# %% tags=["deep-dive"]
rows = [(name, *values) for name, values in early.items()]
tables.table(rows, ["schedule", "training loss (dropout off)", "test error"], digits=4)

# %% tags=["deep-dive"]
check.section("early_dropout", loss_after=loss_after, early=early)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** Dropout throughout raised the training loss of this underfitting network;
# switching it off after 2 epochs brought the loss back down, below dropout
# throughout <!-- ledger: early_recovers --> in 10 of 10 seeds. It did not beat no dropout:
# early dropout ended with the lower training loss <!-- ledger: early_below_none_train --> in only 3 of 10 seeds (no
# dropout's loss minus early dropout's: median −0.007, range −0.028 to 0.016), and its test error
# was within a point of no dropout's <!-- ledger: early_test_close --> in 9 of 10 seeds (early minus
# none: median 0.003, range −0.004 to 0.013).
#
# So at this scale (one narrow MLP, one schedule fixed in advance) the paper's gain does not show;
# Liu et al. measured it on ImageNet models trained for hundreds of epochs. This stored run, seed 0,
# happens to be one of the 3 seeds where early dropout came out ahead.

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
# (karpathy/convnetjs#61 and #106), and so does this course's own source page ("outputs are scaled
# down by the dropout rate"). At rate 0.5 the two agree, which is how the bug hides; at any other
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
# - Defaults: 0.1 in BERT and GPT-2, 0.0 attention dropout in Llama and Keras; large language
#   models pretrain without dropout and fine-tune with about 0.1.
# - `trainable=False` freezes weights and puts BatchNorm in inference mode, never dropout. In Keras 3
#   a `training=False` in a functional graph is overridden by `fit`; one inside `call` holds.
# - Test dropout in one line: two training passes differ, two inference passes agree. `rate` is the
#   drop probability: `keep_prob=0.9` is `rate=0.1`.
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
# Exercise 2 is bug 2 of the core; exercises 3–5 are the deep dive's bugs.

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
