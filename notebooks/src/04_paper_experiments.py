# %% [markdown]
# # 04 · The paper's experiments at laptop scale: Figures 9, 10 and 11
#
# Srivastava et al. (2014) measure on MNIST the error against the dropout rate (Figure 9), against
# the amount of training data (Figure 10), and two ways to predict with a dropout network: weight
# scaling against averaging k passes with dropout on (Figure 11). Here you run each at laptop scale
# on Fashion-MNIST, and see what reproduces.
#
# **Learning objectives.** After this notebook you can
# - say what each of Figures 9–11 varies and what the paper found;
# - read a rate sweep measured with dropout off on both sides;
# - say how the gain from dropout depends on the amount of data;
# - explain why the average of k passes with dropout on is close to, but not equal to, the
#   weight-scaled network that `model.predict` runs.
#
# **Run time:** about 35 seconds on a 2-core CPU (8 small networks are trained).
# **Study time:** core path about 16 min, whole notebook about 17 min (the rule: 00's course map).
# **Prerequisites:** notebooks 01–03.

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
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from helpers import claims, data, experiments, plots, progress, tables, training

check = claims.Checker("04_paper_experiments", seed=SEED)
NOTEBOOK_START = time.perf_counter()

# %% [markdown]
# ## Fix the data and the recipe
#
# Every network is notebook 01's `training.build_mlp`: two hidden layers of 256 ReLU units, a
# `Dropout(rate)` after each (none at rate 0), a softmax output, Adam. One thing changes at a
# time: the rate, or the amount of data. 2,000 training images overfit within seconds; 5,000 test
# images score every model, and nothing is chosen on them: each figure shows every run.

# %%
HIDDEN = (256, 256)
EPOCHS = 25  # 16 mini-batches per epoch on 2,000 images: 400 updates

pool = data.load_fashion_mnist("train")  # Figure 10 draws its training sets from it too
train = experiments.balanced_subset(pool, 2000, seed=SEED)
test = data.load_fashion_mnist("test")
print(f"training {len(train):,} images, test {len(test):,}; pool {len(pool):,}")

# %% [markdown]
# Every model is scored with `model.evaluate`, dropout off: its error on its own training images,
# and its error and loss on the test images.


# %%
def scores(model, own):
    """Error on its own training images, test error and test loss; dropout off."""
    on_test = training.evaluate(model, test)  # model.evaluate: inference mode
    return {
        "train": 1 - training.evaluate(model, own)["accuracy"],
        "test": 1 - on_test["accuracy"],
        "loss": on_test["loss"],
    }


# %% [markdown]
# ## Vary the rate with the network fixed (the paper's Figure 9a)
#
# Figure 9a kept the network and the data fixed and varied p, the probability of *keeping* a unit
# (p = 1 − rate). The training error grew as p fell; the test error was high for very small p,
# flat for 0.4 ≤ p ≤ 0.8, and rose again as p approached 1, no dropout. Here: rates 0, 0.2, 0.5
# and 0.8, 25 epochs each.

# %%
RATES = (0.0, 0.2, 0.5, 0.8)
models, measured = {}, {}
for run, rate in enumerate(RATES, start=1):
    models[rate] = training.build_mlp(HIDDEN, rate, seed=SEED)
    training.train_model(
        models[rate], train, epochs=EPOCHS, label=f"run {run} of {len(RATES)}"
    )
    measured[rate] = scores(models[rate], train)

# %%
# extra code – training and test error against p, as in the paper's figure
keep = [1 - r for r in RATES]
ax = plots.plot_sweep(
    keep,
    {
        "test error": [measured[r]["test"] for r in RATES],
        "training error": [measured[r]["train"] for r in RATES],
    },
    xlabel="p, probability of keeping a hidden unit (1 − rate)",
    ylabel="error (fraction misclassified)",
    title="Figure 9a at laptop scale: error against p (dropout off)",
)
ax.figure.set_size_inches(8, 4.5)
plt.show()

# %%
check.section("rate_sweep", measured=measured)

# %% [markdown]
# **What to notice.** From rate 0.2 on, the training error rises as fewer units are kept. The test
# error is worst at rate 0.8 (p = 0.2), as at the paper's small p <!-- ledger: rate08_worst_test -->
# (in 10 of 10 seeds). The gap between the curves is smallest at 0.8, yet positive: measured
# with dropout off on both sides, training images are still fitted better than new ones.
#
# Rate 0 is **not** a well-trained plain network: it trains all 25 epochs, however much it
# overfits. <!-- ledger: half_beats_none -->
# Against it rate 0.5 had the lower test error in 9 of 10 seeds, by a median 0.011 (range −0.007
# to 0.035): a small gain, about two standard errors on 5,000 images. Notebook 06 compares with
# an early-stopped network.

# %% [markdown]
# ## Vary the amount of data (the paper's Figure 10)
#
# Figure 10 trained a network with and without dropout on 100 to 50,000 MNIST images: with the
# smallest sets dropout gave no improvement, the gain was largest in the middle, and it shrank as
# data became plentiful. Here: 250, 2,000 and 8,000 images, rates 0 and 0.5, and
# the **same 400 updates** for every model, so that only the data change, not the training time.
# The 2,000-image runs are reused from above; neither side is early-stopped.

# %%
SIZES, STEPS = (250, 2000, 8000), 400


def train_for_steps(model, subset, label):
    """STEPS updates on an endlessly reshuffled stream of `subset` (train_model
    runs whole epochs; here every size gets the same number of updates)."""
    stream = tf.data.Dataset.from_tensor_slices((subset.images, subset.labels))
    stream = stream.shuffle(len(subset), seed=SEED).repeat().batch(128)
    bar = progress.TrainingProgress(label)  # one epoch of STEPS steps; shuffled above
    model.fit(stream, steps_per_epoch=STEPS, shuffle=False, verbose=0, callbacks=[bar])


# %%
by_size = {(2000, rate): measured[rate] for rate in (0.0, 0.5)}  # the runs above
runs = [(n, rate) for n in SIZES for rate in (0.0, 0.5) if n != 2000]
for run, (n, rate) in enumerate(runs, start=1):
    subset = experiments.balanced_subset(pool, n, seed=SEED)
    model = training.build_mlp(HIDDEN, rate, seed=SEED)
    train_for_steps(model, subset, f"run {run} of {len(runs)}")
    by_size[n, rate] = scores(model, subset)

# %%
# extra code – test error and test loss against the training-set size, stacked
names = {0.0: "no dropout", 0.5: "dropout 0.5"}
fig, axes = plt.subplots(2, 1, figsize=(8, 7), sharex=True, layout="constrained")
for ax, key, what in zip(axes, ("test", "loss"), ("error", "loss"), strict=True):
    plots.plot_sweep(
        SIZES,
        {name: [by_size[n, r][key] for n in SIZES] for r, name in names.items()},
        xlabel="training images (log scale)",
        ylabel=f"test {what}",
        title=f"Figure 10 at laptop scale: test {what} against the amount of data",
        logx=True,
        ax=ax,
    )
plt.show()

# %%
check.section("data_size", sizes=SIZES, by_size=by_size)

# %% [markdown]
# **What to notice.** With 250 images (about 200 epochs) both networks fit their training set,
# and dropout brings no gain, as in the paper's smallest sets: <!-- ledger: no_gain_smallest -->
# the test error moved by under 0.02 in 10 of 10 seeds (median −0.005: if anything, slightly
# worse). The gain is largest in the middle, as in Figure 10: <!-- ledger: error_gain_middle -->
# at 2,000 images it exceeded both ends' in 9 of 10 seeds, by a median 0.018 (range −0.004 to
# 0.027), a point or two. The test *loss* shows it more clearly. <!-- ledger: loss_gain_middle --> The loss gain was largest at
# 2,000 images in 10 of 10 seeds. With 8,000 images, 400 updates are about 6 epochs: little
# overfitting to prevent.

# %% [markdown]
# ## Average k passes with dropout on, against weight scaling (the paper's Figure 11)
#
# A dropout network stands for an ensemble of thinned networks, one per mask. The paper predicts
# with one pass of the full network, its weights multiplied by p: **weight scaling**. Keras divides
# the kept units by p in training instead, so the outgoing weights it learns are already the paper's
# weights times p: `model.predict` *is* the weight-scaled network.
# Figure 11's alternative: keep dropout **on**, run k passes with new masks, and average the k
# predicted distributions, a Monte-Carlo estimate of the **ensemble mean**. Here: the rate-0.5
# network, 1,000 test images, k up to 100. (`training=True` puts *every* layer in training mode;
# here only `Dropout` cares.)

# %%
dropout_model = models[0.5]
mc_test = experiments.balanced_subset(test, 1000, seed=SEED)
deterministic = dropout_model.predict(mc_test.images, batch_size=1000, verbose=0)


# %%
def mc_passes(model, images, k, copies=10):
    """k passes with dropout on, shape (k, images, classes); `copies` of the
    batch per call, each copy with its own masks."""
    stacked = np.concatenate([images] * copies)
    calls = [model(stacked, training=True) for _ in range(k // copies)]
    outputs = np.concatenate([keras.ops.convert_to_numpy(c) for c in calls])
    return outputs.reshape(k, len(images), -1)


mc_probs = mc_passes(dropout_model, mc_test.images, 100)  # (100, 1000, 10)

# %%
KS = [1, 2, 5, 10, 20, 50, 100]
averages = [mc_probs[:k].mean(axis=0) for k in KS]  # the first k passes
mc_error = [np.mean(a.argmax(axis=1) != mc_test.labels) for a in averages]
det_error = np.mean(deterministic.argmax(axis=1) != mc_test.labels)

# %%
# extra code – the test error against k, and the deterministic network's
ax = plots.plot_mc_convergence(
    KS, mc_error, det_error, title="Figure 11 at laptop scale: test error"
)
ax.set_ylabel("test error (1,000 images)")
ax.figure.set_size_inches(8, 4)
plt.show()

# %%
check.section("mc_averaging", ks=KS, mc_error=mc_error, det_error=det_error)

# %% [markdown]
# **What to notice.** One thinned network classifies worse than the full one; averaging more passes
# closes the distance: <!-- ledger: few_dozen -->
# from 20 passes on, their test errors were within 0.01 in 10 of 10 seeds. The paper found the
# average slightly better beyond k = 50, within one standard deviation; 1,000 test images do not
# resolve a difference that small.

# %% tags=["nbval-ignore-output"]
# extra code – how long the core path took on this machine
print(f"{time.perf_counter() - NOTEBOOK_START:.0f} s since the setup cell")

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: where the k-pass average converges
#
# The average of k passes converges to the ensemble mean, not to the weight-scaled network: the two
# are equal only for a network that is linear in its dropped units, not through ReLUs and a
# softmax. To see it, compare the average with the deterministic network's probabilities and with
# an independent estimate of the ensemble mean (50 further passes), by the mean absolute
# difference |Δq| of the class probabilities.

# %% tags=["deep-dive"]
reference = mc_passes(dropout_model, mc_test.images, 50).mean(axis=0)  # independent
distance = {
    "to the deterministic network": [
        np.abs(a - deterministic).mean() for a in averages
    ],
    "to the ensemble mean": [np.abs(a - reference).mean() for a in averages],
}
rows = list(zip(KS, *distance.values(), strict=True))
tables.table(rows, ["k", "|Δq| to det.", "|Δq| to MC mean"], digits=3)

# %% tags=["deep-dive"]
# extra code – the distance of the k-pass average to the two targets
ax = plots.plot_sweep(
    KS,
    distance,
    xlabel="k, number of passes averaged (log scale)",
    ylabel="mean |Δ probability|",
    title="Distance of the k-pass average",
    logx=True,
)
ax.figure.set_size_inches(8, 4)
plt.show()

# %% tags=["deep-dive"]
check.section("mc_distance", ks=KS, distance=distance)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** At k = 100 the average is nearer the independent estimate of the ensemble
# mean than the deterministic network, and its distance to the deterministic network levels
# off: <!-- ledger: levels_off --> in 10 of 10 seeds, at a median 0.49 (range 0.45–0.53) of
# its one-pass value. Weight scaling approximates the ensemble mean in one pass; closely enough
# to classify alike, not exactly.

# %% [markdown]
# ## Recap
#
# | Paper's figure | What it varies | At laptop scale |
# |---|---|---|
# | 9a | p = 1 − rate, network fixed | from rate 0.2 on the training error rises; rate 0.8 has the worst test error |
# | 10 | training-set size, with and without dropout | no gain at 250 images; the largest at 2,000: a point or two in error, clear in loss |
# | 11 | k passes averaged, against weight scaling | one pass is worse; from a few dozen passes the two have the same error, within 0.01 |
#
# - Rate 0 in these figures is a plain network trained long past its best epoch, not an
#   early-stopped one: notebook 06 makes that comparison.
# - Keras's `model.predict` is the paper's weight-scaled network. Averaging k passes with dropout
#   on approaches the ensemble mean, which the weight-scaled network approximates (deep dive).

# %% [markdown]
# ## Self-check
#
# Pick an answer and press **Check**: you see whether it is right, and why.

# %%
from helpers import quiz

quiz.show_quiz("04_paper_experiments")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Predict before you compute: which average is closer to the deterministic
# network's probabilities, the first 5 passes with dropout on or the first 50? Answer with the
# number of passes; the checker measures it on `mc_probs` and `deterministic` from above.

# %%
from helpers.exercises import nb04

closer_k = None  # 5 or 50
nb04.check_closer_k(closer_k, mc_probs, deterministic)

# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# closer_k = 50
# nb04.check_closer_k(closer_k, mc_probs, deterministic)
# ```
#
# The average of k passes is a Monte-Carlo estimate of the mean over thinned networks; its noise
# shrinks like 1/sqrt(k), so 50 passes land closer. The distance does not go to 0: the ensemble mean
# differs a little from the deterministic (weight-scaled) network, which equals it only for a
# linear network.
#
# </details>

# %% [markdown]
# ## Further reading
#
# - N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov (2014). *Dropout: A
#   Simple Way to Prevent Neural Networks from Overfitting.* JMLR 15: 1929–1958. Sections 7.3–7.5.
# - Figure 9b kept p·n fixed instead; a deep dive in notebook 06 tries one point of it.
# - Y. Gal, Z. Ghahramani (2016). *Dropout as a Bayesian Approximation.* ICML 2016. The k passes as
#   an uncertainty estimate: notebook [08](08_uncertainty.ipynb).
# - Keras documentation: `keras.layers.Dropout` (inverted dropout; the `training` argument).
#
# ---
#
# Before you open another notebook, shut this one's kernel down (**Kernel > Shut Down Kernel**):
# every open notebook keeps its own TensorFlow kernel (about 1 GB) running.
#
# Previous: [03 · Keras `Dropout(0.5)`](03_keras_dropout.ipynb) · Next: [05 · The employee team](05_employee_team.ipynb)
