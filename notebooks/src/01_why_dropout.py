# %% [markdown]
# # 01 · Why dropout: watch a network overfit, see what dropout does, measure the difference
#
# **Learning objectives.** After this notebook you can
# - build and train a Keras MLP with `Dropout` after each hidden layer;
# - say what dropout does in training (masks, thinned networks) and at test time;
# - measure overfitting with `model.evaluate`.
#
# **Run time:** about 25 seconds on a 2-core CPU.
# **Study time:** core path about 15 min, whole notebook about 27 min (the rule: 00's course map).
# **Prerequisites:** [00 · Start here](00_start_here.ipynb). Sections titled **Deep dive** can be
# skipped.

# %% [markdown]
# **The course page** says neurons are dropped "during each training iteration (or epoch)" and
# that at test time their outputs are "scaled down by the dropout rate". Both are partly wrong.

# %% [markdown]
# ## Setup

# %% tags=["parameters"]
# Parameters: change SEED and re-run all cells; the tables then say which claims hold at your seed.
# The stored outputs and CI check the text's claims at the SEED set in this cell.
SEED = 0

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style (helpers/course.py)
from helpers import course

print(course.setup_notebook(seed=SEED))
import keras
import matplotlib.pyplot as plt
import numpy as np

from helpers import arguments, claims, data, diagrams, plots, progress, tables

check = claims.Checker("01_why_dropout", seed=SEED)  # one table of claims per section

# %% [markdown]
# ## Watch a plain network overfit
#
# 10,000 Fashion-MNIST images; the last 2,000 are kept aside for validation (never trained on).

# %%
full_train = data.load_fashion_mnist("train")
train, validation = data.split_off_validation(full_train, 2000)
print(f"training images: {len(train):,}, validation images: {len(validation):,}")

# %% [markdown]
# The network: `Flatten` turns a 28×28 image into 784 numbers, hidden `Dense` ReLU layers follow
# (each with `Dropout(rate)` if `rate` > 0), and 10 softmax units give one probability per class
# (`#@save`: later notebooks import it as `training.build_mlp`).

# %%
#@save
def build_mlp(hidden_units=(256, 256), rate=0.0, *, seed=0, name=None):
    """A compiled MLP for 28x28 images: Flatten, Dense-ReLU (+ Dropout), ..., softmax.

    rate: the probability of dropping a unit (p = 1 - rate keeps it); 0 adds no Dropout.
    seed: the same seed gives the same initial weights and the same training run.
    """
    # plumbing: a clear error for bad arguments
    hidden_units, rate, seed, name = arguments.check_mlp_arguments(hidden_units, rate, seed, name)
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(name=name)
    model.add(keras.Input(shape=(28, 28)))
    model.add(keras.layers.Flatten(name="flatten"))
    for i, units in enumerate(hidden_units, start=1):
        model.add(keras.layers.Dense(units, activation="relu", name=f"hidden_{i}"))
        if rate:  # rate 0: no Dropout layer at all
            model.add(keras.layers.Dropout(rate, name=f"dropout_{i}"))
    model.add(keras.layers.Dense(10, activation="softmax", name="output"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=16,  # plumbing, speed only: the same updates
    )
    return model


# %% [markdown]
# `fit` trains on mini-batches of 128 (63 steps per epoch), then measures the validation images
# (saved as `training.train_model`):

# %%
#@save
def train_model(model, train, validation=None, *, epochs=30, batch_size=128, label=""):
    """model.fit on data.Dataset objects, with a progress bar; the history as a dict.

    label: the text left of the bar in JupyterLab, for example "run 3 of 6".
    """
    arguments.check_fit_arguments(model, train, validation, epochs, batch_size)
    if validation is not None:
        validation = (validation.images, validation.labels)
    history = model.fit(
        train.images,
        train.labels,
        validation_data=validation,
        epochs=epochs,
        batch_size=batch_size,
        verbose=0,  # no Keras log lines: the progress bar shows how far fit is
        callbacks=[progress.TrainingProgress(label)],
    )
    return history.history


# %% [markdown]
# Two hidden layers of 256 units, **no dropout**, 30 epochs:

# %%
EPOCHS, BATCH_SIZE = 30, 128
plain = build_mlp((256, 256), rate=0.0, seed=SEED, name="no_dropout")
plain_history = train_model(plain, train, validation, epochs=EPOCHS,
                            batch_size=BATCH_SIZE, label="no dropout")

# %%
# extra code – training (solid) and validation (dashed) loss per epoch
plots.plot_learning_curves({"no dropout": plain_history}, "loss",
                           title="Loss per epoch, no dropout")
plt.show()

# %%
check.section("overfitting", history=plain_history, epochs=EPOCHS)

# %% [markdown]
# **What to notice.** The training loss keeps falling; the validation loss bottoms out early and
# then climbs (over seeds 0–9, by a <!-- ledger: plain_val_loss_rises --> median 0.118, range
# 0.095–0.173). The network learns details of its 8,000 images that do not carry over to new ones:
# it **overfits**. Dropout was invented against this.

# %% [markdown]
# ## What dropout does
#
# **In training**, at every step, each unit of a layer with dropout is **dropped** with probability
# `rate`, independently for every example of the mini-batch: its output is set to 0, which removes
# it, with all its connections, for that example and step (never for a whole epoch). What is left
# is a **thinned network**.
#
# > **Notation (the whole course).** **`rate`** is the probability of *dropping* a unit: Keras'
# > `Dropout(rate)`; PyTorch calls this drop probability `p`. **p = 1 − rate** is the probability of
# > *keeping* it: the paper's p (Srivastava et al. 2014; its p = 0.5 is `Dropout(0.5)`). In this course
# > `p` always means the keep probability.
#
# Two training steps' masks for a mini-batch of 4 examples and a layer of 16 units (1 = kept):

# %%
rate = 0.5
batch, units = 4, 16
rng = np.random.default_rng(SEED)
steps = rng.random((2, batch, units)) >= rate  # kept with probability p = 1 - rate
print("step 1, one row per example:\n", steps[0].astype(int))
print("step 2, new masks:\n", steps[1].astype(int))

# %% [markdown]
# A small network, whole and under five masks at rate 0.5 (five training steps, one example). A
# dropped unit (hollow, crossed) loses all its connections:

# %%
sizes = (4, 6, 6, 2)
mask_rng = np.random.default_rng(SEED + 3)
masks = [diagrams.sample_masks(sizes, rate=0.5, rng=mask_rng) for _ in range(5)]

# extra code – the full network and five thinned ones, two per row
fig, axes = plt.subplots(3, 2, figsize=(8, 9.5), layout="constrained")
diagrams.draw_network(sizes, ax=axes[0, 0], title="full network: "
                      f"{diagrams.count_connections(sizes)} connections")
for number, (ax, mask) in enumerate(zip(axes.flat[1:], masks, strict=True), start=1):
    kept = int(sum(m.sum() for m in mask[1:-1]))
    connections = diagrams.count_connections(sizes, mask)
    diagrams.draw_network(sizes, mask, ax=ax,
                          title=f"step {number}: {kept} of 12 kept, {connections} connections")
axes[0, 0].legend(loc="upper right", fontsize=10)
fig.suptitle("One network, five thinned networks (rate 0.5 on the hidden units)")
plt.show()

# %%
check.section("idea", steps=steps, masks=masks)

# %% [markdown]
# **What to notice.** The 256-256 network has 2⁵¹² ≈ 10¹⁵⁴ thinned networks (one per keep-or-drop
# choice of its 512 units); 30 epochs draw only 30 × 8,000 = 240,000 masks, so almost none is ever
# trained, but all **share the same weights**, so each update serves them all. Why that helps: units useful
# only together (**co-adapted**) fail whenever one is dropped, so training pushes each to be useful
# alone; and the full network at test time approximates the average of all the thinned networks,
# an **ensemble**.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: count the thinned networks
#
# With dropout on both hidden layers of 256 units there are 2⁵¹² masks. Thirty epochs draw one per
# example and epoch: 240,000. If all masks are equally likely (rate 0.5), the chance that two draws
# coincide is below draws² / 2⁵¹² (the birthday bound):

# %% tags=["deep-dive"]
n_hidden = 256 + 256
masks_drawn = EPOCHS * len(train)  # one mask per example in every epoch
trained_fraction = masks_drawn / 2**n_hidden
repeat_bound = masks_drawn**2 / 2**n_hidden
print(f"{masks_drawn:,} masks of 2^{n_hidden} ≈ {float(2**n_hidden):.3e}")
print(f"fraction ever trained: at most {trained_fraction:.1e}")
print(f"chance that a mask repeats: below {repeat_bound:.1e}")

# %% tags=["deep-dive"]
check.section("thinned_count", fraction=trained_fraction, bound=repeat_bound)

# %% [markdown] tags=["deep-dive"]
# In the paper's words, each thinned network "gets trained very rarely, if at all"; weight sharing
# is what makes that training useful to all of them.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: why co-adapted units pay under dropout
#
# The smallest example: two hidden units and a readout that should output a signal s.
#
# - **co-adapted:** unit 1 outputs s + n (the signal plus a large nuisance n), unit 2 outputs −n, and
#   the readout adds them. Together exact; each alone useless.
# - **robust:** both units output s, and the readout averages them. Each alone is enough.
#
# Without dropout both are exact. With dropout (rate 0.5, Keras' scaling: a kept unit's output is
# doubled) the four masks are equally likely, so the squared error averages ¼·(s² + 2(s + 2n)² + s²)
# for the co-adapted pair, 19 when s has variance 1 and n variance 9, against ½·s², on average ½,
# for the robust pair. Measured over a million masks:

# %% tags=["deep-dive"]
rng = np.random.default_rng(SEED + 1)
n = 1_000_000
s = rng.normal(size=n)  # the signal the readout should give
nuisance = rng.normal(scale=3.0, size=n)  # what the co-adapted units cancel
scale = (rng.random((n, 2)) >= 0.5) / 0.5  # inverted dropout on the two units, rate 0.5
co_adapted = (s + nuisance) * scale[:, 0] + (-nuisance) * scale[:, 1]
robust = 0.5 * (s * scale[:, 0] + s * scale[:, 1])
error_co, error_robust = np.mean((co_adapted - s) ** 2), np.mean((robust - s) ** 2)
print(f"with dropout: co-adapted error {error_co:.3f}, robust error {error_robust:.3f}")

# %% tags=["deep-dive"]
exact = np.allclose((s + nuisance) - nuisance, s)  # both pairs exact without dropout
check.section("co_adaptation", exact=exact, error_co=error_co, error_robust=error_robust)

# %% [markdown] tags=["deep-dive"]
# The ratio is 19 / ½ = 38 up to sampling noise (<!-- ledger: co_adaptation_costly --> median 37.9
# over seeds 0–9, range 37.8–38.2): a unit that relies on a partner pays whenever the partner is
# dropped, so the loss pushes each unit towards features that are useful in many combinations.

# %% [markdown]
# ## Get test time right
#
# At test time every unit is used, so the next layer must get what it saw **on average** in
# training, where each unit was present a fraction p = 1 − rate of the time:
#
# - **the original method** (Srivastava et al. 2014): a kept unit passes its activation `a`
#   unscaled, an average of **p·a**; at test time its outgoing weights are **multiplied by p**;
# - **inverted dropout** (Keras, PyTorch): a kept unit's output is **divided by p** in training, an
#   average of **a**; at test time the layer is **the identity**.
#
# The course page's *"scaled down by the dropout rate"* is **wrong** (right only at 0.5, and only for
# the original method; Keras scales nothing at test time). A unit with a = 1.5 at rate 0.2 averages
# 0.8 × 1.5 = 1.2 in training under the original method and gets 1.2 at test time; under Keras, 1.5
# and 1.5. The page's 0.2 × 1.5 = 0.3 is a quarter of the original method's 1.2.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: Keras' layer, measured
#
# Keras' `Dropout` draws masks as above and divides kept outputs by p = 1 − rate (× 2 at rate 0.5);
# with `training=False` (`predict`, `evaluate`) it passes its input through (notebook 03 takes the
# layer apart):

# %% tags=["deep-dive"]
layer = keras.layers.Dropout(0.5, seed=SEED)
ones = np.ones((batch, units), dtype="float32")
calls = [keras.ops.convert_to_numpy(layer(ones, training=True)) for _ in range(2)]
inference = keras.ops.convert_to_numpy(layer(ones, training=False))
print("training=True:\n", calls[0])
print("training=False:\n", inference)

# %% [markdown] tags=["deep-dive"]
# Both test-time rules on a million units, with a = 1.5 at rate 0.2:

# %% tags=["deep-dive"]
rate, a = 0.2, 1.5
x = np.full(1_000_000, a, dtype="float32")  # a million units, each with activation a
kept = np.random.default_rng(SEED).random(x.shape) >= rate
original = (x * kept, x * (1 - rate))  # (in training, at test time)
keras_layer = keras.layers.Dropout(rate, seed=SEED)
inverted = [keras.ops.convert_to_numpy(keras_layer(x, training=t)) for t in (True, False)]
for name, (in_training, at_test) in (("original", original), ("Keras", inverted)):
    print(f"{name:>8}: training mean {in_training.mean():.4f}, test {at_test[0]:.4f}")
print(f"the page's rate·a: {rate * a:.4f}")

# %% tags=["deep-dive"]
check.section("test_time", a=a, rate=rate, original=original, keras=inverted, calls=calls, inference=inference)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** Each rule gives the next layer at test time what it saw on average in
# training: 1.2 for the original method, 1.5 for Keras.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: the course page, corrected line by line
#
# The one place in the course; other notebooks refer here.
#
# 1. *"During each training iteration (or epoch)"*: a new mask is drawn **for every example at
#    every training step**, never once per epoch.
# 2. *"Their outputs are scaled down by the dropout rate"*: the original method multiplies outgoing
#    weights by **p = 1 − rate** at test time; inverted dropout (Keras, PyTorch) divides kept units
#    by 1 − rate in training and does **nothing** at test time. The rate is right only at 0.5.
# 3. *"Any weight updates are not applied to the neuron on the backward pass"*: true for one
#    example, but each example has its own mask; a unit is dropped for all 128 examples of a batch
#    with probability rate¹²⁸ (0.5¹²⁸ ≈ 3·10⁻³⁹), so its weights are updated at practically every
#    step, from the examples that kept it.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: the test-time rule at every rate, and why it is an average
#
# The training-time mean of a unit with activation a = 1.5 under the original method, a million
# masks at each rate, against both rules (tolerance: 4 standard errors of the mean):

# %% tags=["deep-dive"]
import math

rng = np.random.default_rng(SEED + 2)
rows = []
for rate in (0.2, 0.5, 0.8):
    training_mean = np.mean(a * (rng.random(1_000_000) >= rate))
    tolerance = 4 * a * math.sqrt(rate * (1 - rate) / 1_000_000)
    right, page = (1 - rate) * a, rate * a
    rows.append((rate, training_mean, right, abs(training_mean - right) < tolerance,
                 page, abs(training_mean - page) < tolerance))
tables.table(rows, ["rate", "training mean", "(1 − rate)·a", "matches?",
                    "page: rate·a", "page matches?"], title="The original method, a = 1.5")

# %% [markdown] tags=["deep-dive"]
# Why "the full network stands for the average of the thinned networks": for a linear unit the rule
# is exact. One output unit fed by 6 inputs with dropout at rate 0.2: all 2⁶ = 64 thinned networks,
# each weighted by its probability, against the full network with weights × p:

# %% tags=["deep-dive"]
import itertools

rate = 0.2
p = 1 - rate
rng = np.random.default_rng(SEED + 4)
inputs, weights = rng.normal(size=6), rng.normal(size=6)
average = 0.0
for mask in map(np.array, itertools.product((0, 1), repeat=6)):  # all 64 masks
    probability = p ** mask.sum() * rate ** (6 - mask.sum())
    average += probability * np.dot(weights * mask, inputs)
full_scaled = np.dot(p * weights, inputs)  # the full network, outgoing weights × p
page_scaled = np.dot(rate * weights, inputs)  # the page's rule
print(f"average of the 64 thinned networks {average:.6f}")
print(f"full network, weights × p:         {full_scaled:.6f}")
print(f"full network, weights × rate:      {page_scaled:.6f}")

# %% tags=["deep-dive"]
check.section("test_time_exact", rows=rows, scaled=(average, full_scaled, page_scaled))

# %% [markdown] tags=["deep-dive"]
# Through ReLUs and a softmax the scaled full network is an approximation (the "weight scaling
# inference rule"), which Srivastava et al. (Section 7.5) found about as good as averaging 50
# sampled thinned networks on MNIST; notebook 04 measures it.

# %% [markdown]
# ## Measure like with like: `fit` against `evaluate`
#
# Which numbers measure overfitting? `fit`'s training accuracy is a **running average over the
# epoch's 63 steps**, with moving weights and, in a model with dropout, **dropout on**; its
# validation accuracy comes after the epoch, dropout off. Measure both sets alike, with
# `model.evaluate` (saved as `training.evaluate`):

# %%
#@save
def evaluate(model, dataset):
    """Loss and accuracy on a data.Dataset in inference mode (dropout off)."""
    arguments.check_evaluate_arguments(model, dataset)
    images, labels = dataset.images, dataset.labels
    loss, accuracy = model.evaluate(images, labels, batch_size=1024, verbose=0)
    return {"loss": loss, "accuracy": accuracy}


# %% [markdown] tags=["deep-dive"]
# ## Deep dive: `fit`'s figure against `evaluate`'s, without dropout

# %% tags=["deep-dive"]
plain_train, plain_val = evaluate(plain, train), evaluate(plain, validation)
for name, scores in (("training", plain_train), ("validation", plain_val)):
    print(f"evaluate, {name:>10}: loss {scores['loss']:.4f}, "
          f"accuracy {scores['accuracy']:.4f}")
print(f"fit, training (last epoch): accuracy {plain_history['accuracy'][-1]:.4f}")

# %% tags=["deep-dive"]
check.section("measure", history=plain_history, train=plain_train, val=plain_val)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** On the validation images `evaluate` repeats `fit`'s last `val_accuracy`; on
# the training images it differs from `fit`'s figure even without dropout (`fit` minus `evaluate`: <!-- ledger: plain_fit_vs_evaluate -->
# median 0.64 points, range −0.55 to 2.01), because `fit`
# averages over an epoch in which the weights still moved. It is another measurement, so the gap
# uses `evaluate` on both sides.

# %% [markdown]
# ## Train the same network with dropout
#
# The same network, seed, data and epochs, with `Dropout(0.5)` after each hidden layer:

# %%
with_dropout = build_mlp((256, 256), rate=0.5, seed=SEED, name="dropout_0_5")
dropout_history = train_model(with_dropout, train, validation, epochs=EPOCHS,
                              batch_size=BATCH_SIZE, label="dropout 0.5")
scores = {name: (evaluate(m, train), evaluate(m, validation))  # (training, validation)
          for name, m in (("no dropout", plain), ("dropout", with_dropout))}

# %%
# extra code – both runs per epoch: training (solid, as fit reports it), validation (dashed)
histories = {"no dropout": plain_history, "dropout": dropout_history}
fig, axes = plt.subplots(2, 1, figsize=(8, 7.5), sharex=True, layout="constrained")
for ax, metric in zip(axes, ("loss", "accuracy"), strict=True):
    plots.plot_learning_curves(histories, metric, ax=ax)
plt.show()

# %%
check.section("comparison", histories=histories, scores=scores)

# %% [markdown]
# **What to notice.** Dropout costs training accuracy and buys a smaller gap and a lower validation
# loss that (nearly) stops rising: the gap narrows <!-- ledger: gap_narrows --> in 10 of 10 seeds,
# by a median 4.1 points. The validation accuracy is only often higher (<!-- ledger: val_accuracy_higher -->
# in 7 of 10 seeds; median 0.85 points): the clear effects are on the loss and the gap (06 adds
# early stopping). For the dropout model, `fit`'s training accuracy lies over 2 points below
# `evaluate`'s (<!-- ledger: fit_below_evaluate --> in 10 of 10 seeds): `fit` measures thinned
# networks.

# %% [markdown]
# ## Recap
#
# - Overfitting: training loss falls, validation loss rises; measure the gap with `evaluate`.
# - Dropout drops each unit with probability `rate`, **per example and per step**: thinned
#   networks sharing one set of weights.
# - Test time: the original method multiplies by **p = 1 − rate**; Keras divides by p in training.
# - `Dropout(0.5)` narrows the gap and lowers the validation loss; the accuracy gain is small.

# %% [markdown]
# ## Self-check
#
# The first two questions are the course page's own, answered correctly here.

# %%
from helpers import quiz

quiz.show_quiz("01_why_dropout")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** `with_dropout` trains on 8,000 images in mini-batches of 128. How many keep masks
# (rows of 256 True/False values) does its first Dropout layer draw in one epoch?

# %%
from helpers.exercises import nb01

masks_per_epoch = None  # your number here
nb01.check_masks_per_epoch(masks_per_epoch)

# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# masks_per_epoch = 62 * 128 + 64  # 63 steps; the last batch holds 8000 - 62 * 128 = 64
# nb01.check_masks_per_epoch(masks_per_epoch)
# ```
#
# Every training step calls the layer once, and each call draws a mask row for every example of the
# batch: one mask per example per step, never one per epoch.
#
# </details>

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: two more exercises
#
# **Exercise 2.** A unit's activation is a = 2.0. Its layer was trained with the original dropout
# at rate 0.2 (no scaling in training). What should its output be at test time?

# %% tags=["deep-dive"]
test_output = None  # your number here
nb01.check_classic_test_output(test_output)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# test_output = (1 - 0.2) * 2.0
# nb01.check_classic_test_output(test_output)
# ```
#
# Kept with probability p = 0.8, the unit passes 2.0, otherwise 0: its training mean is 1.6, and
# the original method's test-time rule (multiply by p) gives exactly that.
#
# </details>

# %% [markdown] tags=["deep-dive"]
# **Exercise 3.** Write `page_rule_ratio(rate)`: the course page's test-time output (the activation
# scaled by the rate) divided by the mean output during training under the original dropout. For
# which rate is it 1?

# %% tags=["deep-dive"]
page_rule_ratio = None  # your function here
nb01.check_page_rule_ratio(page_rule_ratio)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def page_rule_ratio(rate):
#     a = 1.0
#     training_mean = (1 - rate) * a  # kept with probability 1 - rate, unscaled
#     return rate * a / training_mean
#
#
# nb01.check_page_rule_ratio(page_rule_ratio)
# ```
#
# The ratio is rate / (1 − rate), whatever a is: 1 only at rate 0.5, a quarter at rate 0.2.
#
# </details>

# %% [markdown]
# ## Further reading
#
# - N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov (2014). *Dropout: A Simple
#   Way to Prevent Neural Networks from Overfitting.* JMLR 15: 1929–1958. Figure 2, Sections 4 and 7.5.
# - G. Hinton et al. (2012). *Improving neural networks by preventing co-adaptation of feature
#   detectors.* arXiv:1207.0580.
# - [`keras.layers.Dropout`](https://keras.io/api/layers/regularization_layers/dropout/).
#
# ---
#
# Before you open another notebook, shut this one's kernel down (**Kernel > Shut Down Kernel**): each
# open notebook keeps a TensorFlow kernel (about 1 GB) running.
#
# Previous: [00 · Start here](00_start_here.ipynb) · Next: [02 · Dropout from scratch](02_dropout_from_scratch.ipynb)
