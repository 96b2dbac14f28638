# %% [markdown]
# # 01 · Why dropout: measure overfitting, then see what dropout does in training and at test time
#
# You train a plain network, watch it overfit, and put a number on the gap. Then you make the course
# page's description of dropout precise, draw the thinned networks it trains, and get test time right,
# including where the course page gets it wrong.
#
# **Learning objectives.** After this notebook you can
# - measure overfitting as the gap between training and validation loss and accuracy, per epoch;
# - say exactly what dropout does during training: which units, with what probability, how often a new
#   mask is drawn (per example and per step, not per epoch), and what a "thinned network" is;
# - explain co-adaptation and why dropout makes it costly;
# - compute the right test-time output for the original method (multiply by the keep probability
#   p = 1 − rate) and for Keras's inverted dropout (nothing to do at inference), and show numerically
#   why the course page's "scaled down by the dropout rate" is wrong whenever rate ≠ 0.5.
#
# **Run time:** about 30 seconds on a 2-core CPU (two small networks are trained).
# **Prerequisites:** [00 · Start here](00_start_here.ipynb) (the data set, how the notebooks work).

# %% [markdown]
# ## Setup

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style (helpers/course.py)
from helpers import course

print(course.setup_notebook(seed=42))
import itertools
import math

import keras
import matplotlib.pyplot as plt
import numpy as np

from helpers import data, diagrams, dropout, plots, training

# %% [markdown]
# ## Measure the problem: a plain network overfits
#
# The data: 10,000 Fashion-MNIST training images from the course's subset, of which the last 2,000 are
# kept aside for validation. The network never trains on those 2,000: they tell us how it does on
# images it has not seen.

# %%
full_train = data.load_fashion_mnist("train")
train, validation = data.split_off_validation(full_train, 2000)
print(f"training images: {len(train.labels):,}, validation images: {len(validation.labels):,}")
print("classes:", ", ".join(train.class_names))

# %% [markdown]
# A multilayer perceptron with two hidden layers of 256 ReLU units and **no dropout**
# (`training.build_mlp`: Flatten, Dense 256, Dense 256, Dense 10 with softmax; Adam, cross-entropy
# loss), trained for 30 epochs in mini-batches of 128. `seed=0` fixes the initial weights and the
# order of the mini-batches.

# %%
EPOCHS = 30
BATCH_SIZE = 128
SEED = 0  # the claims below were checked with seeds 0, 1, 2 and 3 (see the text)

plain = training.build_mlp((256, 256), dropout_rate=0.0, seed=SEED, name="no_dropout")
plain_history = training.train_model(plain, train, validation, epochs=EPOCHS, batch_size=BATCH_SIZE)
print(f"trained {plain.count_params():,} weights for {EPOCHS} epochs")

# %%
# extra code – loss and accuracy per epoch, training (solid) and validation (dashed)
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.4), layout="constrained")
plots.plot_learning_curves({"no dropout": plain_history}, "loss", ax=left, title="Loss per epoch")
plots.plot_learning_curves({"no dropout": plain_history}, "accuracy", ax=right, title="Accuracy per epoch")
plt.show()


# %% [markdown]
# In numbers, at the last epoch and at the epoch where the validation loss was lowest:

# %%
def last(history, key):
    return history[key][-1]


best_epoch = int(np.argmin(plain_history["val_loss"])) + 1
print(f"last epoch ({EPOCHS}):  training loss {last(plain_history, 'loss'):.4f}, "
      f"validation loss {last(plain_history, 'val_loss'):.4f}")
print(f"                 training accuracy {last(plain_history, 'accuracy'):.4f}, "
      f"validation accuracy {last(plain_history, 'val_accuracy'):.4f}")
accuracy_gap = last(plain_history, "accuracy") - last(plain_history, "val_accuracy")
print(f"accuracy gap (training − validation): {accuracy_gap:.4f}")
print(f"lowest validation loss {min(plain_history['val_loss']):.4f} at epoch {best_epoch}; "
      f"it then rose by {last(plain_history, 'val_loss') - min(plain_history['val_loss']):.4f}")

# %% [markdown]
# This is overfitting, and each of these statements is checked by the next cell (with margins that hold
# for seeds 0, 1, 2 and 3, tried outside the notebook):
#
# - At the last epoch the training accuracy is higher than the validation accuracy by more than
#   9 percentage points (seeds 0–3: 11.2, 11.6, 11.2 and 10.7 points).
# - The validation loss is more than 3.5 times the training loss (the network is far more confident on
#   its training images than it deserves to be on new ones).
# - The validation loss stopped improving well before the end: its minimum is at least 5 epochs before
#   the last, and it then rose by more than 0.08, while the training loss kept falling.

# %%
assert accuracy_gap > 0.09, accuracy_gap
assert last(plain_history, "val_loss") > 3.5 * last(plain_history, "loss")
assert best_epoch <= EPOCHS - 5, best_epoch
assert last(plain_history, "val_loss") - min(plain_history["val_loss"]) > 0.08
assert last(plain_history, "loss") < plain_history["loss"][best_epoch - 1]  # training loss still fell
print("overfitting confirmed")

# %% [markdown]
# **What to notice.** The network keeps getting better on the images it trains on and worse (in loss)
# on images it has not seen: it learns details of its 8,000 training images that do not carry over.
# Dropout was invented to reduce exactly this gap.

# %% [markdown]
# ## Make the idea precise
#
# The course page says: *"During each training iteration (or epoch), individual neurons are randomly
# selected and temporarily removed from the network, along with all their incoming and outgoing
# connections. The probability of a neuron being dropped is a hyperparameter and is typically set
# between 0.2 and 0.5."*
#
# Made precise (Srivastava et al. 2014; this is also what Keras's `Dropout` layer does):
#
# - During training, each unit of a layer with dropout is **dropped with probability `rate`**
#   (kept with probability **p = 1 − rate**), and with it all its incoming and outgoing connections:
#   its output is 0 for that example.
# - The choice is made **independently for every unit, for every example of the mini-batch, and at every
#   training step**. Not once per epoch: "(or epoch)" on the course page is wrong. One epoch of 8,000
#   images in mini-batches of 128 is 63 steps, and each Dropout layer draws 8,000 independent masks in it.
# - Typical rates are 0.2 to 0.5 (0.5 for hidden units and 0.2 for inputs in the original paper).
# - A mask leaves a **thinned network**: the units that were kept. A layer of n units has 2ⁿ possible
#   thinned versions, and each training step trains a different one on each example, with shared weights.
# - At test time no unit is dropped. The **full network stands for the average** of all those thinned
#   networks; the next sections show what scaling makes that true.
#
# The mask for one mini-batch, written out: one uniform random number per unit and example, kept where
# it is at least `rate`. It is the same rule as the course's reference (`dropout.bernoulli_keep_mask`),
# checked on the same random stream:

# %%
# The random draws in this notebook use fixed seeds; every check also passed with each seed + 1000, 2000, 3000
rate = 0.5
batch, units = 4, 8  # a mini-batch of 4 examples, a layer of 8 units

rng = np.random.default_rng(0)
step_1 = rng.random((batch, units)) >= rate  # True = kept
step_2 = rng.random((batch, units)) >= rate  # the next training step draws again

print("step 1 (one row per example):\n", step_1.astype(int))
print("step 2:\n", step_2.astype(int))

reference = np.random.default_rng(0)
assert np.array_equal(step_1, dropout.bernoulli_keep_mask((batch, units), rate, rng=reference))
assert np.array_equal(step_2, dropout.bernoulli_keep_mask((batch, units), rate, rng=reference))
assert len({row.tobytes() for row in step_1}) == batch  # every example of the batch has its own mask
assert not np.array_equal(step_1, step_2)  # and the next step has new ones

# %% [markdown]
# Keras's layer does the same (its documentation: "at each step during training time"). Called on a
# batch of ones in training mode, it returns 0 where a unit was dropped and 1/(1 − rate) = 2 where it
# was kept (the scaling is explained below); a second call, like the next training step, draws new masks:

# %%
layer = keras.layers.Dropout(0.5, seed=1)
ones = np.ones((batch, units), dtype="float32")
call_1 = keras.ops.convert_to_numpy(layer(ones, training=True))
call_2 = keras.ops.convert_to_numpy(layer(ones, training=True))
print("call 1:\n", call_1)
print("call 2:\n", call_2)

assert set(np.unique(call_1)) <= {0.0, 2.0}
assert len({row.tobytes() for row in call_1}) == batch  # per example
assert not np.array_equal(call_1, call_2)  # per call, that is per training step
assert np.array_equal(keras.ops.convert_to_numpy(layer(ones, training=False)), ones)  # inference: identity

# %% [markdown]
# How many thinned networks are there? The MLP above has 2 × 256 hidden units, so with dropout on both
# hidden layers there are 2⁵¹² masks. Training for 30 epochs draws one per example and step: 240,000.

# %%
n_hidden = 256 + 256
thinned_networks = 2**n_hidden
masks_drawn = EPOCHS * len(train.labels)  # one per example in every epoch
steps_per_epoch = math.ceil(len(train.labels) / BATCH_SIZE)
print(f"thinned networks: 2^{n_hidden} ≈ {float(thinned_networks):.3e}")
print(f"steps per epoch: {steps_per_epoch}; masks drawn in {EPOCHS} epochs: {masks_drawn:,}")
print(f"fraction of the thinned networks ever trained: at most {masks_drawn / thinned_networks:.1e}")
# at rate 0.5 every mask is equally likely; the chance that any two draws coincide is below draws² / 2^n
repeat_bound = masks_drawn**2 / thinned_networks
print(f"chance that some thinned network is drawn twice: below {repeat_bound:.1e}")
assert steps_per_epoch == 63 and masks_drawn == 240_000
assert masks_drawn / thinned_networks < 1e-148 and repeat_bound < 1e-140

# %% [markdown]
# **What to notice.** Almost none of the thinned networks is ever trained, and the chance that one of
# them is drawn twice is negligible (the birthday bound above). Dropout still works because they all
# **share the same weights**: every step improves the weights for the thinned network it sampled, and
# so, a little, for all the others.

# %% [markdown]
# ## Picture the thinned networks
#
# A small network (4 inputs, two hidden layers of 6 units, 2 outputs), drawn whole and under five
# masks at rate 0.5 on the hidden units (`diagrams.sample_masks`, one mask per layer as one training
# step draws them for one example). A dropped unit (hollow, crossed) loses all its connections.

# %%
sizes = (4, 6, 6, 2)
mask_rng = np.random.default_rng(3)
masks = [diagrams.sample_masks(sizes, rate=0.5, rng=mask_rng) for _ in range(5)]

# extra code – the full network and five thinned ones
fig, axes = plt.subplots(2, 3, figsize=(12, 7), layout="constrained")
diagrams.draw_network(sizes, ax=axes[0, 0], title=f"full network: {diagrams.count_connections(sizes)} connections")
for number, (ax, mask) in enumerate(zip(axes.flat[1:], masks, strict=True), start=1):
    kept = int(sum(m.sum() for m in mask[1:-1]))
    connections = diagrams.count_connections(sizes, mask)
    diagrams.draw_network(sizes, mask, ax=ax, title=f"step {number}: {kept} of 12 kept, {connections} connections")
axes[0, 0].legend(loc="upper right", fontsize=9)
fig.suptitle("One network, five thinned networks (rate 0.5 on the hidden units)")
plt.show()

# %%
counts = [diagrams.count_connections(sizes, mask) for mask in masks]
print("connections left by each mask:", counts, "of", diagrams.count_connections(sizes))
assert len({tuple(np.concatenate(mask)) for mask in masks}) == len(masks)  # five different thinned networks
assert all(count < diagrams.count_connections(sizes) for count in counts)

# %% [markdown]
# ### Why break co-adaptation?
#
# Hinton et al. (2012) called it **co-adaptation**: units that are only useful together. Without
# dropout, nothing stops a unit from learning to fix another unit's mistakes. Here is the smallest
# example, two hidden units and a readout that should output a signal s:
#
# - **co-adapted:** unit 1 outputs s + n (the signal plus a large nuisance n), unit 2 outputs −n, and
#   the readout adds them. Together they are exact; each alone is useless.
# - **robust:** both units output s, and the readout averages them. Each alone is enough.
#
# Without dropout both solutions have zero error, so training has no reason to prefer either. With
# dropout (rate 0.5, Keras's inverted scaling), compute the mean squared error over random masks:

# %%
rng = np.random.default_rng(0)
n = 1_000_000
s = rng.normal(size=n)  # the signal the readout should give
nuisance = rng.normal(scale=3.0, size=n)  # something the co-adapted units cancel between them
scale = (rng.random((n, 2)) >= 0.5) / 0.5  # inverted dropout on the two hidden units, rate 0.5

co_adapted = (s + nuisance) * scale[:, 0] + (-nuisance) * scale[:, 1]
robust = 0.5 * (s * scale[:, 0] + s * scale[:, 1])
for name, output, full in (("co-adapted", co_adapted, (s + nuisance) - nuisance), ("robust", robust, s)):
    print(f"{name:>10}: error without dropout {np.mean((full - s) ** 2):.3f}, "
          f"with dropout {np.mean((output - s) ** 2):.3f}")

assert np.allclose((s + nuisance) - nuisance, s)  # both are exact without dropout
assert abs(np.mean((co_adapted - s) ** 2) - 19) < 0.5 and abs(np.mean((robust - s) ** 2) - 0.5) < 0.02
assert np.mean((co_adapted - s) ** 2) > 10 * np.mean((robust - s) ** 2)

# %% [markdown]
# With a nuisance of standard deviation 3, the co-adapted pair's error under dropout is
# ¼·(s² + 2(s + 2n)² + s²) in expectation, 19, against ½ for the robust pair (both checked above
# within 0.5 and 0.02, and the ratio to be at least 10).
#
# **What to notice.** Dropout makes co-adapted solutions expensive: a unit cannot rely on a particular
# partner being present, so the loss pushes each unit towards features that are useful on their own
# and in many combinations. That is the course page's "network robustness" in one number.

# %% [markdown]
# ## Get test time right
#
# At test time every unit is used. But during training the next layer saw only a fraction of the units,
# so the full network's activations must be brought to the same **expected** value. There are two
# correct ways:
#
# - **The original method** (Srivastava et al. 2014). In training, a kept unit passes its activation `a`
#   unchanged; it is kept with probability p = 1 − rate, so the next layer sees `a` on average a
#   fraction p of the time: an expected **p·a**. At test time, all units are used and each unit's
#   outgoing weights are **multiplied by p**: the next layer sees exactly p·a.
# - **Inverted dropout** (Keras, PyTorch, `tf.nn.dropout`). In training, a kept unit's output is
#   **divided by p = 1 − rate**, so the expected output is p·a/p = **a**. At test time the layer is
#   **the identity**: nothing to scale.
#
# The course page says instead: *"all neurons are used, but their outputs are scaled down by the dropout
# rate"*. **That is wrong**: the scale factor is the keep probability 1 − rate, not the rate, and Keras
# does not scale at test time at all. The two coincide only at rate 0.5. At rate 0.2 the training-time
# mean is 0.8·a, and scaling by the rate gives 0.2·a: a quarter of the right value.
#
# Measure it: a unit with activation a = 1.5, a million masks at each rate, classic dropout in training.
# The tolerance is 4 standard errors of the mean.

# %%
a = 1.5
n = 1_000_000
rng = np.random.default_rng(0)
print(" rate | training mean | right test output p·a | page's rate·a | page's rule right?")
for rate in (0.2, 0.5, 0.8):
    kept = rng.random(n) >= rate
    training_mean = np.mean(a * kept)  # classic dropout: kept units pass a unscaled
    tolerance = 4 * a * math.sqrt(rate * (1 - rate) / n)  # 4 standard errors of the mean
    right, page = (1 - rate) * a, rate * a
    page_right = abs(training_mean - page) < tolerance
    print(f"  {rate:.1f} |       {training_mean:.4f} |               {right:.4f} |        {page:.4f} | {page_right}")
    assert abs(training_mean - right) < tolerance  # scaling by p = 1 - rate matches training
    assert page_right == (rate == 0.5)  # scaling by the rate only matches at rate 0.5
    if rate == 0.2:
        print(f"         at rate 0.2 the page's output is {page / training_mean:.3f} of the training-time mean")
        assert abs(page / training_mean - 0.25) < 0.001  # a quarter of the right value

# %%
# extra code – the training-time mean against the rate, and the two test-time rules
rates = np.linspace(0.05, 0.95, 19)
measured = [np.mean(a * (rng.random(100_000) >= r)) for r in rates]
fig, ax = plt.subplots(figsize=(7, 4.4))
ax.plot(rates, (1 - rates) * a, color=plots.PALETTE[2], label="right: keep probability × a = (1 − rate)·a")
ax.plot(rates, rates * a, color=plots.PALETTE[3], linestyle="--", label="course page: rate × a")
ax.scatter(rates, measured, color="black", s=18, zorder=3, label="measured training-time mean")
ax.axvline(0.5, color="#999999", linewidth=0.8)
ax.set_xlabel("dropout rate")
ax.set_ylabel("mean output of a unit with a = 1.5")
ax.set_title("Classic dropout: what test time must match")
ax.set_ylim(0, 2.1)  # room for the legend above the lines
ax.legend(fontsize=10, loc="upper center")
plt.show()

# %% [markdown]
# The same with the tested reference (`dropout.classic_dropout_forward`, the original method) and with
# Keras's inverted dropout, on a layer of a million units with activation 1.5 at rate 0.2:

# %%
rate = 0.2
x = np.full(1_000_000, a, dtype="float32")

classic_train, _ = dropout.classic_dropout_forward(x, rate, rng=np.random.default_rng(1))
classic_test, _ = dropout.classic_dropout_forward(x, rate, rng=np.random.default_rng(1), training=False)
keras_layer = keras.layers.Dropout(rate, seed=2)
keras_train = keras.ops.convert_to_numpy(keras_layer(x, training=True))
keras_test = keras.ops.convert_to_numpy(keras_layer(x, training=False))

tolerance_classic = 4 * a * math.sqrt(rate * (1 - rate) / x.size)
tolerance_inverted = tolerance_classic / (1 - rate)  # kept outputs are a / (1 - rate)
print(f"classic:  training mean {classic_train.mean():.4f}, test output {classic_test[0]:.4f} "
      f"(= (1 − rate)·a = {(1 - rate) * a:.4f}; the page's rate·a would be {rate * a:.4f})")
print(f"Keras:    training mean {keras_train.mean():.4f}, kept units output {keras_train.max():.4f} "
      f"(= a / (1 − rate)), test output {keras_test[0]:.4f} (= a)")

assert np.allclose(classic_test, (1 - rate) * a) and abs(classic_train.mean() - (1 - rate) * a) < tolerance_classic
assert abs(keras_train.mean() - a) < tolerance_inverted and np.isclose(keras_train.max(), a / (1 - rate))
assert np.array_equal(keras_test, x)  # inverted dropout at inference: the identity

# %% [markdown]
# Why "the full network stands for the average of the thinned networks": for a linear unit the test-time
# rule is exact. Take one output unit fed by 6 inputs with dropout, enumerate all 2⁶ = 64 masks, weight
# each thinned network's output by its probability, and compare with the full network whose weights are
# multiplied by p:

# %%
rate = 0.2
p = 1 - rate
rng = np.random.default_rng(4)
inputs, weights = rng.normal(size=6), rng.normal(size=6)

average = 0.0
for mask in itertools.product((0, 1), repeat=6):  # all 64 thinned networks
    mask = np.array(mask)
    probability = p ** mask.sum() * rate ** (6 - mask.sum())
    average += probability * np.dot(weights * mask, inputs)
full_scaled = np.dot(p * weights, inputs)  # the full network, outgoing weights times p
page_scaled = np.dot(rate * weights, inputs)  # the page's rule
print(f"average of the 64 thinned networks {average:.6f}; full network × p {full_scaled:.6f}; "
      f"× rate {page_scaled:.6f}")
assert math.isclose(average, full_scaled, rel_tol=1e-12)
assert not math.isclose(average, page_scaled, rel_tol=0.1)

# %% [markdown]
# **What to notice.** Through a linear layer the scaled full network computes the average exactly.
# Through ReLUs and a softmax it is an approximation (the "weight scaling inference rule"), which
# Srivastava et al. found close to averaging many sampled thinned networks; notebook 04 measures it.
# Either way the factor is the keep probability p = 1 − rate, never the rate.

# %% [markdown]
# ## See the gap narrow with dropout
#
# A first look (notebooks 03 and 04 go into depth): the same network, same seed, same data and epochs,
# with `Dropout(0.5)` after each hidden layer.

# %%
with_dropout = training.build_mlp((256, 256), dropout_rate=0.5, seed=SEED, name="dropout_0_5")
dropout_history = training.train_model(with_dropout, train, validation, epochs=EPOCHS, batch_size=BATCH_SIZE)

# extra code – both runs' learning curves
histories = {"no dropout": plain_history, "dropout": dropout_history}
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.4), layout="constrained")
plots.plot_learning_curves(histories, "loss", ax=left, title="Loss per epoch")
plots.plot_learning_curves(histories, "accuracy", ax=right, title="Accuracy per epoch")
left.legend(fontsize=9)
right.legend(fontsize=9)
plt.show()

# %% [markdown]
# Careful with the training curve of the dropout model: `fit` measures it **with dropout on**, on the
# thinned networks, while the weights change during the epoch. For a like-for-like gap, evaluate both
# models on their training images in inference mode (`training.evaluate`, dropout off):

# %%
rows = {}
for name, model, history in (("no dropout", plain, plain_history), ("dropout 0.5", with_dropout, dropout_history)):
    on_train = training.evaluate(model, train)
    rows[name] = {
        "fit's training accuracy": last(history, "accuracy"),
        "training accuracy (dropout off)": on_train["accuracy"],
        "validation accuracy": last(history, "val_accuracy"),
        "accuracy gap": on_train["accuracy"] - last(history, "val_accuracy"),
        "validation loss": last(history, "val_loss"),
    }
for measure in rows["no dropout"]:
    plain_value, dropout_value = rows["no dropout"][measure], rows["dropout 0.5"][measure]
    print(f"{measure:>32}: no dropout {plain_value:.4f}, dropout 0.5 {dropout_value:.4f}")

# %% [markdown]
# Checked by the next cell, with margins that hold for seeds 0, 1, 2 and 3 (tried outside the notebook):
#
# - With dropout the accuracy gap (training images with dropout off, minus validation) is smaller by
#   more than 2.5 percentage points (seeds 0–3: 4.0, 5.5, 4.2 and 4.0 points).
# - The validation loss at the last epoch is lower with dropout by more than 0.08, and it rose by less
#   than 0.04 after its minimum (without dropout: more than 0.08, checked above).
# - The validation accuracy is higher with dropout, by more than half a point (seeds 0–3: 1.2, 0.9, 1.9
#   and 0.65 points: a small gain, the least robust of these claims; notebook 04 shows where dropout
#   helps more).
# - The dropout model's training accuracy as `fit` reports it is lower than the same model's accuracy on
#   the same images with dropout off, by more than 2 points: the thinned networks do worse than the
#   full network.

# %%
plain_row, dropout_row = rows["no dropout"], rows["dropout 0.5"]
assert dropout_row["accuracy gap"] < plain_row["accuracy gap"] - 0.025
assert dropout_row["validation loss"] < plain_row["validation loss"] - 0.08
assert last(dropout_history, "val_loss") - min(dropout_history["val_loss"]) < 0.04
assert dropout_row["validation accuracy"] > plain_row["validation accuracy"] + 0.005
assert dropout_row["fit's training accuracy"] < dropout_row["training accuracy (dropout off)"] - 0.02
print("all four claims hold")

# %% [markdown]
# **What to notice.** Dropout costs accuracy on the training images and buys a smaller gap and a lower,
# no longer rising validation loss. It trades fitting the training set for generalising.

# %% [markdown]
# ## Recap
#
# - A plain 256-256 MLP on 8,000 images overfits within 30 epochs: training accuracy more than 9 points
#   above validation, validation loss rising after its minimum.
# - Dropout drops each unit with probability `rate` (keeps it with p = 1 − rate) with all its
#   connections, independently **per example and per training step** (not per epoch); each step trains
#   a thinned network, one of 2ⁿ, all sharing weights. It makes co-adapted units costly.
# - Test time uses all units. The original method multiplies outgoing weights by **p = 1 − rate**;
#   Keras's inverted dropout divides by 1 − rate during training and is the identity at inference.
#   The course page's "scaled down by the dropout rate" is wrong unless rate = 0.5 (rate 0.2: 0.2·a
#   instead of 0.8·a).
# - With `Dropout(0.5)` the train/validation gap narrows, the validation loss is lower and stops rising,
#   and the validation accuracy is a little higher.

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
# **Exercise 3.** The MLP above trains on 8,000 images in mini-batches of 128. How many keep masks
# (one row of 256 True/False values each) does its first Dropout layer draw in one epoch?

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
# Previous: [00 · Start here](00_start_here.ipynb) · Next: [02 · Dropout from scratch](02_dropout_from_scratch.ipynb)
