# %% [markdown]
# # 01 · Why dropout: measure overfitting, then see what dropout does in training and at test time
#
# You build and train a plain network in Keras, watch it overfit, and put a number on the gap. Then
# you make the course page's description of dropout precise, draw the thinned networks it trains, get
# test time right (where the course page goes wrong), and train the same network with dropout.
#
# **Learning objectives.** After this notebook you can
# - build, compile and train a Keras MLP with `Dropout` after each hidden layer;
# - measure overfitting as the gap between training and validation loss and accuracy, both measured
#   the same way (`model.evaluate`, dropout off), and say why `fit`'s training accuracy differs;
# - say exactly what dropout does during training: which units, with what probability, how often a
#   new mask is drawn (per example and per step, not per epoch), and what a "thinned network" is;
# - explain co-adaptation and why dropout makes it costly;
# - compute the right test-time output for the original method (multiply by the keep probability
#   p = 1 − rate) and for Keras' inverted dropout (nothing to do at inference), and show numerically
#   why the course page's "scaled down by the dropout rate" is wrong whenever rate ≠ 0.5.
#
# **Run time:** about 25 seconds on a 2-core CPU (two small networks are trained).
# **Study time:** core path about 40 min, whole notebook about 40 min (the rule: 00's course map).
# **Prerequisites:** [00 · Start here](00_start_here.ipynb) (the data set, how the notebooks work).
#
# > **Notation (the whole course).** **`rate`** is the probability of **dropping** a unit: the
# > argument of Keras' `keras.layers.Dropout(rate)`, and what PyTorch calls `p` in
# > `torch.nn.Dropout(p=0.5)`. **p = 1 − rate** is the probability of **keeping** a unit: the p of
# > the original paper (Srivastava et al. 2014), where "each unit is retained with a fixed
# > probability p". So the paper's p = 0.5 for hidden units is `Dropout(0.5)`, and its p = 0.8 for
# > input units is `Dropout(0.2)`. In this course `p` always means the keep probability.

# %% [markdown]
# ## Setup

# %% tags=["parameters"]
# Parameters: change SEED (or another knob) and re-run all cells; the checks then say which
# claims hold at your seed. The stored outputs and CI use SEED = 0.
SEED = 0

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style (helpers/course.py)
from helpers import course

print(course.setup_notebook(seed=SEED))
import itertools
import math

import keras
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from helpers import claims, data, diagrams, dropout, plots, progress, tables

check = claims.Checker("01_why_dropout", seed=SEED)  # one line per claim of the text

# %% [markdown]
# ## Measure the problem: a plain network overfits
#
# The data: 10,000 Fashion-MNIST training images from the course's subset, of which the last 2,000
# are kept aside for validation. The network never trains on those 2,000: they tell us how it does
# on images it has not seen.

# %%
full_train = data.load_fashion_mnist("train")
train, validation = data.split_off_validation(full_train, 2000)
print(f"training images: {len(train):,}, validation images: {len(validation):,}")
print("classes:", ", ".join(train.class_names))

# %% [markdown]
# ### Build the network
#
# A multilayer perceptron in Keras. `keras.Sequential` stacks layers: `Input` says that an example is
# a 28×28 image, `Flatten` turns it into 784 numbers, each hidden layer is a `Dense` layer of ReLU
# units, and a `Dense` layer of 10 softmax units gives one probability per class. When `rate` is not
# 0, a `Dropout(rate)` layer follows each hidden layer (the last section uses that). `compile` picks
# the optimiser (Adam), the loss (sparse categorical cross-entropy: the labels are class numbers 0–9)
# and the metric `fit` reports (accuracy).
#
# The cell starts with `#@save`: later notebooks call this same function as `training.build_mlp`
# (`helpers/training.py`; a test keeps the two copies identical).

# %%
#@save
def build_mlp(hidden_units=(256, 256), rate=0.0, *, seed=0, name=None):
    """A compiled MLP for 28x28 images: Flatten, Dense-ReLU (+ Dropout), ..., softmax.

    rate: the probability of dropping a unit (p = 1 - rate keeps it); 0 adds no Dropout.
    seed: the same seed gives the same initial weights and the same training run.
    """
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(name=name)
    model.add(keras.Input(shape=(28, 28)))
    model.add(keras.layers.Flatten(name="flatten"))
    for i, units in enumerate(hidden_units, start=1):
        model.add(keras.layers.Dense(units, activation="relu", name=f"hidden_{i}"))
        if rate:  # Keras refuses a rate outside [0, 1]
            model.add(keras.layers.Dropout(rate, name=f"dropout_{i}"))
    model.add(keras.layers.Dense(10, activation="softmax", name="output"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        # speed only: 16 mini-batches per call into TensorFlow, the same updates
        steps_per_execution=16,
    )
    return model


# %% [markdown]
# Two hidden layers of 256 units and **no dropout** (`rate=0.0`). `seed=SEED` fixes the initial
# weights and the order in which `fit` will shuffle the images.

# %%
plain = build_mlp((256, 256), rate=0.0, seed=SEED, name="no_dropout")

for layer in plain.layers:
    kind = type(layer).__name__
    print(f"{layer.name:>9}  {kind:<8} output {layer.output.shape!s:<10} "
          f"{layer.count_params():>7,} weights")
print(f"total: {plain.count_params():,} weights")

# %% [markdown]
# ### Train it
#
# `fit` trains on mini-batches: each epoch shuffles the 8,000 training images and takes 63 steps
# (one Adam update per mini-batch of 128; the last one holds 64); after each epoch it measures loss
# and accuracy on the validation images. `verbose=0` keeps Keras' own log lines out of the
# notebook; instead a callback, `progress.TrainingProgress`, draws one bar in JupyterLab while `fit`
# runs (and nothing in the stored copy of the notebook). `fit` returns a `History` whose `.history`
# is a dict with one value per epoch for `loss`, `accuracy`, `val_loss` and `val_accuracy`. Saved
# for later notebooks as `training.train_model`:

# %%
#@save
def train_model(model, train, validation=None, *, epochs=30, batch_size=128, label=""):
    """model.fit on data.Dataset objects, with a progress bar; the history as a dict.

    label: the text left of the bar in JupyterLab, for example "run 3 of 6".
    """
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


# %%
EPOCHS = 30
BATCH_SIZE = 128

plain_history = train_model(plain, train, validation, epochs=EPOCHS,
                            batch_size=BATCH_SIZE, label="no dropout")
last = {key: round(values[-1], 4) for key, values in plain_history.items()}
print("last epoch:", last)

# %%
# extra code – loss and accuracy per epoch, training (solid) and validation (dashed)
histories = {"no dropout": plain_history}
fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 7.5), sharex=True,
                                  layout="constrained")
plots.plot_learning_curves(histories, "loss", ax=top, title="Loss per epoch")
plots.plot_learning_curves(histories, "accuracy", ax=bottom,
                           title="Accuracy per epoch (training: as fit reports it)")
top.set_xlabel("")
plt.show()

# %% [markdown]
# ### Measure the gap like with like
#
# The curves' training loss and accuracy are `fit`'s, and they are not measured like the validation
# ones:
#
# - `fit`'s training accuracy for an epoch is a **running average built up over its 63 steps**: the
#   fraction of the 8,000 images that were right when their mini-batch went through the network,
#   just before that mini-batch's update, with the weights of that moment (and, in a model with
#   dropout, with dropout on). The training loss is averaged the same way;
# - the validation accuracy is measured **after** the epoch, with the final weights, in inference
#   mode (dropout off).
#
# For a fair gap, measure both sets the same way: `model.evaluate` on the training images and on
# the validation images, the finished model in inference mode. Saved as `training.evaluate`:

# %%
#@save
def evaluate(model, dataset):
    """Loss and accuracy on a data.Dataset in inference mode (dropout off)."""
    images, labels = dataset.images, dataset.labels
    loss, accuracy = model.evaluate(images, labels, batch_size=1024, verbose=0)
    return {"loss": loss, "accuracy": accuracy}


# %%
plain_train, plain_val = evaluate(plain, train), evaluate(plain, validation)
print("evaluate (final weights, dropout off):   loss   accuracy")
for name, scores in (("training", plain_train), ("validation", plain_val)):
    print(f"{name + ' images':>37}: {scores['loss']:.4f}    {scores['accuracy']:.4f}")
plain_gap = plain_train["accuracy"] - plain_val["accuracy"]
print(f"accuracy gap (training − validation): {plain_gap:.4f}")
print(f"fit's training accuracy, last epoch:  {plain_history['accuracy'][-1]:.4f}")

best_epoch = int(np.argmin(plain_history["val_loss"])) + 1
plain_rise = plain_history["val_loss"][-1] - min(plain_history["val_loss"])
print(f"lowest validation loss at epoch {best_epoch}; it then rose by {plain_rise:.4f}")

# %% [markdown]
# This is overfitting. The next cell checks each statement below at the seed you run; the seed
# ledger (`make claims`: the notebook run at seeds 0–9, `results/claims.md`) says how often it held.
#
# - <!-- ledger: plain_gap --> The training accuracy is above the validation accuracy by more than
#   5 percentage points: in 10 of 10 seeds, by a median 10.0 points (range 8.6–10.8).
# - <!-- ledger: plain_loss_ratio --> The validation loss is more than 3 times the training loss
#   (in 10 of 10 seeds; ratio median 4.0, range 3.6–6.2): the network is far more confident on its
#   training images than it deserves to be on new ones.
# - <!-- ledger: plain_val_loss_rises --> The validation loss stopped improving well before the end
#   (its lowest value at least 5 epochs before the last) and then rose by more than 0.05, while the
#   training loss went on falling (lower at the end than at that epoch): in 10 of 10 seeds, a rise
#   of median 0.118 (range 0.095–0.173).
#
# `evaluate` on the validation images gives `fit`'s last `val_accuracy` (same weights, same mode).
# On the training images it does not give `fit`'s last training accuracy (at seed 0, 0.958 against
# 0.944, printed above), even though this model has no dropout: `fit` averaged 63 snapshots of
# weights that were still moving, each measured before its own mini-batch's update; `evaluate`
# looks at one snapshot, the last, on all 8,000 images. The difference can go either way. <!-- ledger: plain_fit_vs_evaluate -->
# Over seeds 0–9, `fit`'s figure minus `evaluate`'s was a
# median 0.64 points (range −0.55 to 2.01), less than 2 points in 9 of 10 seeds: small next to the
# gap, but a different measurement. That is why the gap above uses `evaluate` on both sides.

# %%
points = 100 * plain_gap
check.that("plain_gap", "training accuracy above validation by > 5 points",
           points > 5, shown=f"{points:.1f} points", value=points)
ratio = plain_val["loss"] / plain_train["loss"]
check.that("plain_loss_ratio",
           "the validation loss is more than 3 times the training loss",
           ratio > 3, shown=f"ratio {ratio:.1f}", value=ratio)
train_loss_fell = plain_history["loss"][-1] < plain_history["loss"][best_epoch - 1]
check.that("plain_val_loss_rises",
           "validation loss lowest ≥ 5 epochs before the end, then up by > 0.05; "
           "training loss lower at the end than at that epoch",
           best_epoch <= EPOCHS - 5 and plain_rise > 0.05 and train_loss_fell,
           shown=f"epoch {best_epoch}, +{plain_rise:.3f}", value=plain_rise)
same_val = abs(plain_val["accuracy"] - plain_history["val_accuracy"][-1]) < 1e-3
check.that("evaluate_is_fit_validation", "evaluate on validation = fit's val_accuracy",
           same_val, shown=f"{plain_val['accuracy']:.4f}")
moved = 100 * (plain_history["accuracy"][-1] - plain_train["accuracy"])
check.that("plain_fit_vs_evaluate",
           "without dropout, fit's and evaluate's training accuracy: < 2 points apart",
           abs(moved) < 2, shown=f"fit − evaluate = {moved:+.1f} points", value=moved)

# %% [markdown]
# **What to notice.** The network keeps getting better on the images it trains on and worse (in
# loss) on images it has not seen: it learns details of its 8,000 training images that do not carry
# over. Dropout was invented to reduce exactly this gap.

# %% [markdown]
# ## Make the idea precise
#
# The course page says: *"During each training iteration (or epoch), individual neurons are randomly
# selected and temporarily removed from the network, along with all their incoming and outgoing
# connections. The probability of a neuron being dropped is a hyperparameter and is typically set
# between 0.2 and 0.5."*
#
# Made precise (Srivastava et al. 2014; this is also what Keras' `Dropout` layer does):
#
# - During training, each unit of a layer with dropout is **dropped with probability `rate`**
#   (kept with probability **p = 1 − rate**), and with it all its incoming and outgoing
#   connections: its output is 0 for that example.
# - The choice is made **independently for every unit, for every example of the mini-batch, and at
#   every training step**. Not once per epoch: "(or epoch)" on the course page is wrong (see the box
#   at the end of "Get test time right"). One epoch of 8,000 images in mini-batches of 128 is 63
#   steps, and each Dropout layer draws 8,000 independent masks in it.
# - Typical rates are 0.2 to 0.5 (0.5 for hidden units and 0.2 for inputs in the original paper).
# - A mask leaves a **thinned network**: the units that were kept. A layer of n units has 2ⁿ possible
#   thinned versions, and each training step trains a different one on each example, with shared
#   weights.
# - At test time no unit is dropped. The **full network stands for the average** of all those
#   thinned networks; the next sections show what scaling makes that true (exactly for a linear
#   unit, approximately through ReLUs and a softmax).
#
# The mask for one mini-batch, written out: one uniform random number per unit and example, kept
# where it is at least `rate`. It is the same rule as the course's reference
# (`dropout.bernoulli_keep_mask`), checked on the same random stream:

# %%
rate = 0.5
batch, units = 4, 16  # a mini-batch of 4 examples, a layer of 16 units

rng = np.random.default_rng(SEED)
step_1 = rng.random((batch, units)) >= rate  # True = kept
step_2 = rng.random((batch, units)) >= rate  # the next training step draws again
print("step 1 (one row per example):\n", step_1.astype(int))
print("step 2:\n", step_2.astype(int))

reference = np.random.default_rng(SEED)
theirs_1 = dropout.bernoulli_keep_mask((batch, units), rate, rng=reference)
theirs_2 = dropout.bernoulli_keep_mask((batch, units), rate, rng=reference)
same_rule = np.array_equal(step_1, theirs_1) and np.array_equal(step_2, theirs_2)
check.that("mask_is_reference", "the same masks as dropout.bernoulli_keep_mask",
           same_rule)
per_example = len({row.tobytes() for row in step_1}) == batch
check.that("mask_per_example_and_step", "a mask per example, new masks at each step",
           per_example and not np.array_equal(step_1, step_2))

# %% [markdown]
# Keras' layer does the same (its documentation: "at each step during training time"). Called on a
# batch of ones in training mode, it returns 0 where a unit was dropped and 1/(1 − rate) = 2 where
# it was kept (the scaling is explained below); a second call, like the next training step, draws
# new masks; in inference mode (`training=False`) it passes its input through:

# %%
layer = keras.layers.Dropout(0.5, seed=SEED)
ones = np.ones((batch, units), dtype="float32")
call_1 = keras.ops.convert_to_numpy(layer(ones, training=True))
call_2 = keras.ops.convert_to_numpy(layer(ones, training=True))
at_inference = keras.ops.convert_to_numpy(layer(ones, training=False))
print("call 1:\n", call_1)
print("call 2:\n", call_2)

values = set(np.unique(call_1).tolist())
check.that("keras_zero_or_two", "Keras' Dropout(0.5) outputs 0 or 2 = 1/(1 − 0.5)",
           values <= {0.0, 2.0}, shown=f"values {sorted(values)}")
per_example = len({row.tobytes() for row in call_1}) == batch
check.that("keras_per_example_and_call", "a mask per example, new masks at every call",
           per_example and not np.array_equal(call_1, call_2))
check.that("keras_inference_identity", "with training=False the layer is the identity",
           np.array_equal(at_inference, ones))

# %% [markdown]
# How many thinned networks are there? The MLP above has 2 × 256 hidden units, so with dropout on
# both hidden layers there are 2⁵¹² masks. Training for 30 epochs draws one per example and step:
# 240,000.

# %%
n_hidden = 256 + 256
thinned_networks = 2**n_hidden
steps_per_epoch = math.ceil(len(train) / BATCH_SIZE)
masks_drawn = EPOCHS * len(train)  # one per example in every epoch
print(f"thinned networks: 2^{n_hidden} ≈ {float(thinned_networks):.3e}")
print(f"steps per epoch: {steps_per_epoch}; masks drawn in {EPOCHS} epochs: "
      f"{masks_drawn:,}")
trained_fraction = masks_drawn / thinned_networks
print(f"fraction of the thinned networks ever trained: at most {trained_fraction:.1e}")
# at rate 0.5 all masks are equally likely: the chance that two of the draws
# coincide is below draws² / 2^n (the birthday bound)
repeat_bound = masks_drawn**2 / thinned_networks
print(f"chance that some thinned network is drawn twice: below {repeat_bound:.1e}")
check.that("almost_none_trained",
           "almost none is ever trained; a repeat has a chance below 1e-140",
           trained_fraction < 1e-148 and repeat_bound < 1e-140,
           shown=f"{steps_per_epoch} steps per epoch, {masks_drawn:,} masks")

# %% [markdown]
# **What to notice.** Almost none of the thinned networks is ever trained, and the chance that one
# of them is drawn twice is negligible (the birthday bound above). Dropout still works because they
# all **share the same weights**: each step updates the weights of the thinned networks it sampled,
# and those are weights that every other thinned network uses too. In the paper's words, each
# thinned network "gets trained very rarely, if at all", and weight sharing is what makes the
# training useful to all of them.

# %% [markdown]
# ## Picture the thinned networks
#
# A small network (4 inputs, two hidden layers of 6 units, 2 outputs), drawn whole and under five
# masks at rate 0.5 on the hidden units (`diagrams.sample_masks`, one mask per layer as one training
# step draws them for one example). A dropped unit (hollow, crossed) loses all its connections.

# %%
sizes = (4, 6, 6, 2)
mask_rng = np.random.default_rng(SEED + 3)
masks = [diagrams.sample_masks(sizes, rate=0.5, rng=mask_rng) for _ in range(5)]
all_connections = diagrams.count_connections(sizes)

# extra code – the full network and five thinned ones, two per row
fig, axes = plt.subplots(3, 2, figsize=(8, 9.5), layout="constrained")
diagrams.draw_network(sizes, ax=axes[0, 0],
                      title=f"full network: {all_connections} connections")
for number, (ax, mask) in enumerate(zip(axes.flat[1:], masks, strict=True), start=1):
    kept = int(sum(m.sum() for m in mask[1:-1]))
    connections = diagrams.count_connections(sizes, mask)
    title = f"step {number}: {kept} of 12 kept, {connections} connections"
    diagrams.draw_network(sizes, mask, ax=ax, title=title)
axes[0, 0].legend(loc="upper right", fontsize=10)
fig.suptitle("One network, five thinned networks (rate 0.5 on the hidden units)")
plt.show()

# %%
counts = [diagrams.count_connections(sizes, mask) for mask in masks]
print("connections left by each mask:", counts, "of", all_connections)
different = len({tuple(np.concatenate(mask)) for mask in masks}) == len(masks)
check.that("five_thinned_networks",
           "five different thinned networks, each with fewer connections",
           different and max(counts) < all_connections, shown=f"{counts}")

# %% [markdown]
# ### Why break co-adaptation?
#
# Hinton et al. (2012) called it **co-adaptation**: units that are only useful together. Without
# dropout, nothing stops a unit from learning to fix another unit's mistakes. Here is the smallest
# example, two hidden units and a readout that should output a signal s:
#
# - **co-adapted:** unit 1 outputs s + n (the signal plus a large nuisance n), unit 2 outputs −n,
#   and the readout adds them. Together they are exact; each alone is useless.
# - **robust:** both units output s, and the readout averages them. Each alone is enough.
#
# Without dropout both solutions have zero error, so training has no reason to prefer either. With
# dropout (rate 0.5, Keras' inverted scaling: a kept unit's output is doubled), compute the mean
# squared error over random masks. The four masks (both kept, one, the other, none) are equally
# likely, so the squared error is ¼·(s² + 2(s + 2n)² + s²) for the co-adapted pair, which averages
# to 19 when s has variance 1 and n variance 9, and ½·s², which averages to ½, for the robust pair:

# %%
rng = np.random.default_rng(SEED + 1)
n = 1_000_000
s = rng.normal(size=n)  # the signal the readout should give
nuisance = rng.normal(scale=3.0, size=n)  # what the co-adapted units cancel
scale = (rng.random((n, 2)) >= 0.5) / 0.5  # inverted dropout on the two units, rate 0.5

co_adapted = (s + nuisance) * scale[:, 0] + (-nuisance) * scale[:, 1]
robust = 0.5 * (s * scale[:, 0] + s * scale[:, 1])
error_co = np.mean((co_adapted - s) ** 2)
error_robust = np.mean((robust - s) ** 2)
exact = np.allclose((s + nuisance) - nuisance, s)  # both pairs exact without dropout
print(f"without dropout both are exact: {exact}")
print(f"with dropout: co-adapted error {error_co:.3f}, robust error {error_robust:.3f}")

near = abs(error_co - 19) < 0.5 and abs(error_robust - 0.5) < 0.02
check.that("co_adaptation_costly",
           "under dropout: co-adapted ≈ 19, robust ≈ ½, more than 10 times apart",
           exact and near and error_co > 10 * error_robust,
           shown=f"{error_co:.2f} vs {error_robust:.3f}", value=error_co / error_robust)

# %% [markdown]
# The <!-- ledger: co_adaptation_costly --> ratio is the expected 19 / ½ = 38 up to sampling
# noise: in 10 of 10 seeds, median 37.9, range 37.8–38.2.
#
# **What to notice.** Dropout makes co-adapted solutions expensive: a unit cannot rely on a
# particular partner being present, so the loss pushes each unit towards features that are useful on
# their own and in many combinations. That is the course page's "network robustness" in one number.

# %% [markdown]
# ## Get test time right
#
# This section corrects the course page for the whole course; later notebooks refer back here.
#
# At test time every unit is used. But during training the next layer saw only a fraction of the
# units, so the full network's activations must be brought to the same **expected** value. There
# are two correct ways:
#
# - **The original method** (Srivastava et al. 2014). In training, a kept unit passes its activation
#   `a` unchanged; it is kept with probability p = 1 − rate, so the next layer sees `a` a fraction p
#   of the time: an expected **p·a**. At test time, all units are used and each unit's outgoing
#   weights are **multiplied by p**: the next layer sees exactly p·a.
# - **Inverted dropout** (Keras, PyTorch, `tf.nn.dropout`). In training, a kept unit's output is
#   **divided by p = 1 − rate**, so the expected output is p·a/p = **a**. At test time the layer is
#   **the identity**: nothing to scale.
#
# The course page says instead: *"all neurons are used, but their outputs are scaled down by the
# dropout rate"*. **That is wrong** twice over: the factor is the keep probability 1 − rate, not the
# rate; and Keras (like PyTorch) does not scale at test time at all, because it already scaled
# during training. The two factors coincide only at rate 0.5, which is why the error is easy to
# miss. At rate 0.2 the training-time mean is 0.8·a, and scaling by the rate gives 0.2·a: a quarter
# of the right value.
#
# Measure it: a unit with activation a = 1.5, a million masks at each rate, classic dropout in
# training. The tolerance is 4 standard errors of the mean.

# %%
a = 1.5
n = 1_000_000
rng = np.random.default_rng(SEED + 2)
rows, matches_p, page_matches = [], [], []
for rate in (0.2, 0.5, 0.8):
    kept = rng.random(n) >= rate
    training_mean = np.mean(a * kept)  # classic dropout: kept units pass a unscaled
    tolerance = 4 * a * math.sqrt(rate * (1 - rate) / n)  # 4 standard errors
    right, page = (1 - rate) * a, rate * a
    matches_p.append(abs(training_mean - right) < tolerance)
    page_matches.append(abs(training_mean - page) < tolerance)
    rows.append((rate, training_mean, right, page, page_matches[-1]))
    if rate == 0.2:
        quarter = page / training_mean
headers = ["rate", "training mean", "right: (1 − rate)·a", "page: rate·a",
           "page right?"]
display(tables.table(rows, headers,
                     title="Classic dropout, a = 1.5, a million masks"))

check.that("p_matches_training",
           "(1 − rate)·a matches the training mean at every rate",
           all(matches_p))
check.that("page_only_at_half", "the page's rate·a matches only at rate 0.5",
           page_matches == [False, True, False])
check.that("page_quarter_at_02",
           "at rate 0.2 the page's rate·a is a quarter of the training mean",
           abs(quarter - 0.25) < 0.001, shown=f"{quarter:.3f}", value=quarter)

# %%
# extra code – the training-time mean against the rate, and the two test-time rules
rates = np.linspace(0.05, 0.95, 19)
measured = [np.mean(a * (rng.random(100_000) >= r)) for r in rates]
fig, ax = plt.subplots(figsize=(7, 4.4))
ax.plot(rates, (1 - rates) * a, color=plots.PALETTE[2],
        label="right: keep probability × a = (1 − rate)·a")
ax.plot(rates, rates * a, color=plots.PALETTE[3], linestyle="--",
        label="course page: rate × a")
ax.scatter(rates, measured, color="black", s=18, zorder=3,
           label="measured training-time mean")
ax.axvline(0.5, color="#999999", linewidth=0.8)
ax.set_xlabel("dropout rate")
ax.set_ylabel("mean output of a unit with a = 1.5")
ax.set_title("Classic dropout: what test time must match")
ax.set_ylim(0, 2.1)  # room for the legend above the lines
ax.legend(fontsize=10, loc="upper center")
plt.show()

# %% [markdown]
# The same with the tested reference (`dropout.classic_dropout_forward`, the original method) and
# with Keras' inverted dropout, on a layer of a million units with activation 1.5 at rate 0.2:

# %%
rate = 0.2
x = np.full(1_000_000, a, dtype="float32")

mask_rng = np.random.default_rng(SEED)
classic_train, _ = dropout.classic_dropout_forward(x, rate, rng=mask_rng)
classic_test, _ = dropout.classic_dropout_forward(x, rate, rng=mask_rng, training=False)
keras_layer = keras.layers.Dropout(rate, seed=SEED)
keras_train = keras.ops.convert_to_numpy(keras_layer(x, training=True))
keras_test = keras.ops.convert_to_numpy(keras_layer(x, training=False))
print(f"classic: training mean {classic_train.mean():.4f}, "
      f"test output {classic_test[0]:.4f} (the page's rate·a: {rate * a:.4f})")
print(f"Keras:   training mean {keras_train.mean():.4f}, "
      f"kept units {keras_train.max():.4f}, test output {keras_test[0]:.4f}")

tolerance = 4 * a * math.sqrt(rate * (1 - rate) / x.size)  # 4 standard errors (classic)
classic_right = np.allclose(classic_test, (1 - rate) * a)
classic_right &= abs(classic_train.mean() - (1 - rate) * a) < tolerance
check.that("classic_rule", "classic: training mean ≈ test output = (1 − rate)·a",
           classic_right, shown=f"{classic_train.mean():.4f}, {classic_test[0]:.4f}")
inverted_right = abs(keras_train.mean() - a) < tolerance / (1 - rate)
inverted_right &= np.isclose(keras_train.max(), a / (1 - rate))
check.that("inverted_rule",
           "Keras: kept units a/(1 − rate), training mean ≈ a, test output a",
           inverted_right and np.array_equal(keras_test, x),
           shown=f"{keras_train.mean():.4f}, {keras_test[0]:.4f}")

# %% [markdown]
# Why "the full network stands for the average of the thinned networks": for a linear unit the
# test-time rule is exact. Take one output unit fed by 6 inputs with dropout, enumerate all
# 2⁶ = 64 masks, weight each thinned network's output by its probability, and compare with the full
# network whose weights are multiplied by p:

# %%
rate = 0.2
p = 1 - rate
rng = np.random.default_rng(SEED + 4)
inputs, weights = rng.normal(size=6), rng.normal(size=6)

average = 0.0
for mask in itertools.product((0, 1), repeat=6):  # all 64 thinned networks
    mask = np.array(mask)
    probability = p ** mask.sum() * rate ** (6 - mask.sum())
    average += probability * np.dot(weights * mask, inputs)
full_scaled = np.dot(p * weights, inputs)  # the full network, outgoing weights times p
page_scaled = np.dot(rate * weights, inputs)  # the page's rule
print(f"average of the 64 thinned networks {average:.6f}")
print(f"full network, weights × p:         {full_scaled:.6f}")
print(f"full network, weights × rate:      {page_scaled:.6f}")
check.that("linear_average_exact", "weights × p give the average exactly, × rate not",
           math.isclose(average, full_scaled, rel_tol=1e-12)
           and not math.isclose(average, page_scaled, rel_tol=0.1))

# %% [markdown]
# **What to notice.** Through a linear layer the scaled full network computes the average exactly.
# Through ReLUs and a softmax it is an approximation (the "weight scaling inference rule"), which
# Srivastava et al. (Section 7.5) found about as good as averaging 50 sampled thinned networks on
# MNIST; notebook 04 measures it. Either way the factor is the keep probability p = 1 − rate, never
# the rate.
#
# > **The course page, corrected** (the one place in the course; other notebooks refer here).
# >
# > 1. *"During each training iteration (or epoch)"*: a new mask is drawn **for every example at
# >    every training step**, never once per epoch. A mask per epoch would train only 30 thinned
# >    networks in 30 epochs, each on all the data, and units could rely on the same partners for a
# >    whole epoch; the right rule draws 240,000 masks (the count above), and Keras' layer draws new
# >    ones at every call (checked above).
# > 2. *"Their outputs are scaled down by the dropout rate"*: the two correct rules are (a) the
# >    original method, outgoing weights **× p = 1 − rate** at test time, and (b) inverted dropout
# >    (Keras, PyTorch), kept units **÷ (1 − rate)** in training and **nothing** at test time. Scaling
# >    by the rate matches neither except at rate 0.5; at rate 0.2 it gives 0.2·a where training saw
# >    0.8·a on average, a quarter of the right value (measured above).
# > 3. *"Any weight updates are not applied to the neuron on the backward pass"*: true for one
# >    example (a dropped unit's output is 0, so that example sends no gradient to its incoming
# >    or outgoing weights), but each example of a mini-batch has its own mask. A unit is dropped
# >    for all 128 examples of a batch with probability rate¹²⁸ (0.5¹²⁸ ≈ 3·10⁻³⁹), so its weights
# >    are updated at practically every step, from the examples that kept it. (And Adam's momentum
# >    moves a weight even at a step where its gradient is 0.)

# %% [markdown]
# ## See the gap narrow with dropout
#
# A first look (notebooks 03 and 04 go into depth): the same `build_mlp`, same seed, data and
# epochs, with `rate=0.5`, so `Dropout(0.5)` after each hidden layer.

# %%
with_dropout = build_mlp((256, 256), rate=0.5, seed=SEED, name="dropout_0_5")
print([layer.name for layer in with_dropout.layers])
dropout_history = train_model(with_dropout, train, validation, epochs=EPOCHS,
                              batch_size=BATCH_SIZE, label="dropout 0.5")

# extra code – both runs' learning curves
histories = {"no dropout": plain_history, "dropout": dropout_history}
fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 7.5), sharex=True,
                                  layout="constrained")
plots.plot_learning_curves(histories, "loss", ax=top, title="Loss per epoch")
plots.plot_learning_curves(histories, "accuracy", ax=bottom,
                           title="Accuracy per epoch (training: as fit reports it)")
top.set_xlabel("")
top.legend(fontsize=10)
bottom.legend(fontsize=10)
plt.show()

# %% [markdown]
# Careful with the dropout model's training curve: `fit` measures it **with dropout on**, on the
# thinned networks, while the weights change during the epoch. As above, compare like with like:
# `evaluate` on the training images and on the validation images, dropout off.

# %%
dropout_train = evaluate(with_dropout, train)
dropout_val = evaluate(with_dropout, validation)
dropout_gap = dropout_train["accuracy"] - dropout_val["accuracy"]
dropout_rise = dropout_history["val_loss"][-1] - min(dropout_history["val_loss"])

fit_accuracy = plain_history["accuracy"][-1], dropout_history["accuracy"][-1]
rows = [  # (measure, no dropout, dropout 0.5)
    ("training accuracy (fit)", *fit_accuracy),
    ("training accuracy (evaluate)", plain_train["accuracy"], dropout_train["accuracy"]),
    ("validation accuracy", plain_val["accuracy"], dropout_val["accuracy"]),
    ("accuracy gap (evaluate)", plain_gap, dropout_gap),
    ("validation loss", plain_val["loss"], dropout_val["loss"]),
    ("rise after lowest val. loss", plain_rise, dropout_rise),
]
tables.table(rows, ["measure", "no dropout", "dropout 0.5"], digits=3,
             title=f"After {EPOCHS} epochs, seed {SEED}")

# %% [markdown]
# The claims, checked in the next cell at your seed, and how often they held over seeds 0–9:
#
# - <!-- ledger: gap_narrows --> With dropout the accuracy gap (both sides measured by `evaluate`)
#   is smaller by more than 2 percentage points: in 10 of 10 seeds, by a median 4.1 points
#   (range 2.3–5.4).
# - <!-- ledger: val_loss_lower --> The validation loss at the last epoch is lower with dropout:
#   in 10 of 10 seeds, by a median 0.12 (range 0.10–0.20).
# - <!-- ledger: val_loss_flat --> With dropout the validation loss rose by less than 0.04 after its
#   minimum in 9 of 10 seeds (rise: median 0.014, range 0.002–0.046); without dropout it rose by
#   more than 0.05 at every seed (checked above).
# - <!-- ledger: train_accuracy_lower --> The accuracy on the training images (`evaluate`, dropout
#   off) is lower with dropout: in 10 of 10 seeds, by a median 3.3 points (range 2.4–5.1).
# - <!-- ledger: val_accuracy_higher --> The validation accuracy is higher with dropout in only
#   7 of 10 seeds (difference: median 0.85 points, range −1.00 to 1.85). At this scale (8,000
#   images, 30 epochs) dropout's clear effects are on the loss and the gap, not on accuracy;
#   notebook 04 varies the rate and the amount of data.
# - <!-- ledger: fit_below_evaluate --> The dropout model's training accuracy as `fit` reports it
#   is lower than the same model's accuracy on the same images with dropout off, by more than
#   2 points: in 10 of 10 seeds, median 3.2 points (range 2.8–3.7). <!-- ledger: plain_fit_vs_evaluate -->
#   Without dropout, `fit`'s figure was above `evaluate`'s
#   by a median 0.64 points (see above), so moving weights do not explain this: it is dropout being
#   on in `fit`. The thinned networks do worse than the full network, and `fit`'s training curve
#   understates what the model has learnt.

# %%
narrowed = 100 * (plain_gap - dropout_gap)
check.that("gap_narrows", "dropout narrows the accuracy gap by > 2 points",
           narrowed > 2,
           shown=f"{100 * plain_gap:.1f} → {100 * dropout_gap:.1f} points",
           value=narrowed)
loss_gain = plain_val["loss"] - dropout_val["loss"]
check.that("val_loss_lower", "the validation loss is lower with dropout",
           loss_gain > 0, shown=f"{plain_val['loss']:.3f} → {dropout_val['loss']:.3f}",
           value=loss_gain)
check.that("val_loss_flat",
           "with dropout the validation loss rises < 0.04 after its minimum",
           dropout_rise < 0.04, shown=f"+{dropout_rise:.3f}", value=dropout_rise)
train_cost = 100 * (plain_train["accuracy"] - dropout_train["accuracy"])
check.that("train_accuracy_lower",
           "dropout lowers the accuracy on the training images (evaluate)",
           train_cost > 0, shown=f"{-train_cost:+.1f} points", value=train_cost)
accuracy_gain = 100 * (dropout_val["accuracy"] - plain_val["accuracy"])
check.that("val_accuracy_higher", "the validation accuracy is higher with dropout",
           accuracy_gain > 0, shown=f"{accuracy_gain:+.1f} points", value=accuracy_gain)
thinned_cost = 100 * (dropout_train["accuracy"] - dropout_history["accuracy"][-1])
check.that("fit_below_evaluate",
           "with dropout, fit's training accuracy is > 2 points below evaluate's",
           thinned_cost > 2, shown=f"{thinned_cost:.1f} points", value=thinned_cost)

# %% [markdown]
# **What to notice.** Dropout costs accuracy on the training images (dropout off on both sides)
# and buys a smaller gap and a lower, (nearly) no longer rising validation loss. It trades fitting
# the training set for generalising; whether that also buys validation accuracy depends on the seed
# at this scale.

# %% [markdown]
# ## Recap
#
# - `keras.Sequential` + `compile` + `fit` built and trained the network in plain sight;
#   `build_mlp`, `train_model` and `evaluate` are saved as `helpers/training.py` for later notebooks.
# - Measure a gap like with like: `evaluate` (dropout off, final weights) on the training and the
#   validation images. `fit`'s training accuracy is a running average over the epoch, with dropout
#   on when the model has dropout.
# - A plain 256-256 MLP on 8,000 images overfits within 30 epochs: training accuracy well above
#   validation, validation loss rising after its minimum.
# - Dropout drops each unit with probability `rate` (keeps it with p = 1 − rate) with all its
#   connections, independently **per example and per training step** (not per epoch); each step
#   trains a thinned network, one of 2ⁿ, all sharing weights. It makes co-adapted units costly.
# - Test time uses all units. The original method multiplies outgoing weights by **p = 1 − rate**;
#   Keras' inverted dropout divides by 1 − rate during training and is the identity at inference.
#   The course page's "scaled down by the dropout rate" is wrong unless rate = 0.5 (rate 0.2: 0.2·a
#   instead of 0.8·a).
# - <!-- ledger: gap_narrows --> With `Dropout(0.5)` the train/validation gap narrows
#   (in 10 of 10 seeds) and the validation loss is lower and (nearly) stops rising. <!-- ledger: val_accuracy_higher -->
#   The validation accuracy gain is small and not reliable at
#   this scale: higher in 7 of 10 seeds.

# %% [markdown]
# ## Self-check
#
# The first two questions are the course page's own, word for word; the answers here are the correct
# ones, not the page's. Pick an answer and press **Check**. Under the quiz, a folded block lists every
# answer with its explanation, for when you have tried.

# %%
from helpers import quiz

quiz.show_quiz("01_why_dropout")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** A unit's activation is a = 2.0 for some input. Its layer was trained with the
# original (classic) dropout at rate 0.2: no scaling during training. What should the unit's output be
# at test time, so that the next layer sees what it saw on average during training?

# %%
from helpers.exercises import nb01

test_output = None  # your number here
nb01.check_classic_test_output(test_output)

# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# test_output = (1 - 0.2) * 2.0
# nb01.check_classic_test_output(test_output)
# ```
#
# Kept with probability p = 1 − 0.2 = 0.8, the unit passes 2.0 unscaled, otherwise 0: its mean during
# training is 0.8 × 2.0 = 1.6, and the original method's test-time rule (multiply by p) gives exactly that.
#
# </details>

# %% [markdown]
# **Exercise 2.** Spot the page's error numerically. Write `page_rule_ratio(rate)`: the course page's
# test-time output (the activation scaled by the rate) divided by the mean output during training
# under classic dropout. Compute it exactly, or estimate it from simulated masks (a million of them is
# accurate enough). For which rate is it 1?

# %%
page_rule_ratio = None  # your function here
nb01.check_page_rule_ratio(page_rule_ratio)


# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def page_rule_ratio(rate):
#     a = 1.0
#     training_mean = (1 - rate) * a  # kept with probability 1 - rate, unscaled
#     page_output = rate * a
#     return page_output / training_mean
#
#
# nb01.check_page_rule_ratio(page_rule_ratio)
# ```
#
# The ratio is rate / (1 − rate), whatever a is: 1 only at rate 0.5, a quarter at rate 0.2, four times
# too much at rate 0.8.
#
# </details>

# %% [markdown]
# **Exercise 3.** The dropout MLP above (`with_dropout`) trains on 8,000 images in mini-batches of
# 128. How many keep masks (one row of 256 True/False values each) does its first Dropout layer
# draw in one epoch?

# %%
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
# Every training step calls the layer once, and each call draws its own mask row for every example of
# the batch: one mask per example per step, never one per epoch.
#
# </details>

# %% [markdown]
# ## Further reading
#
# - N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov (2014). *Dropout: A Simple
#   Way to Prevent Neural Networks from Overfitting.* JMLR 15: 1929–1958. Figure 2 (a unit present with
#   probability p in training; at test time always present, its outgoing weights multiplied by p),
#   Section 4 (the model) and Section 7.5 (weight scaling against Monte-Carlo model averaging).
# - G. Hinton, N. Srivastava, A. Krizhevsky, I. Sutskever, R. Salakhutdinov (2012). *Improving neural
#   networks by preventing co-adaptation of feature detectors.* arXiv:1207.0580.
# - Keras documentation, `keras.layers.Dropout` (https://keras.io/api/layers/regularization_layers/dropout/):
#   the layer sets inputs to 0 "with a frequency of `rate` at each step during training time"; "Inputs not
#   set to 0 are scaled up by 1 / (1 - rate)"; and it only applies when `training` is True.
#
# ---
#
# Before you open another notebook, shut this one's kernel down (**Kernel > Shut Down Kernel**):
# every open notebook keeps its own TensorFlow kernel (about 1 GB) running.
#
# Previous: [00 · Start here](00_start_here.ipynb) · Next: [02 · Dropout from scratch](02_dropout_from_scratch.ipynb)
