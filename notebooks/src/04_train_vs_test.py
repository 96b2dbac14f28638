# %% [markdown]
# # 04 · Training versus test: what dropout changes, measured
#
# Dropout behaves differently while a network trains and when it is used. Here you measure what that
# does, on the course's Fashion-MNIST subset, with laptop-scale versions of the experiments in
# Srivastava et al. (2014), and you use the training-time behaviour at test time as an uncertainty
# estimate (Gal and Ghahramani, 2016).
#
# **Learning objectives.** After this notebook you can
# - read learning curves with and without `Dropout(0.5)` and measure the generalisation gap of each;
# - say how the test error and the training accuracy change with the dropout rate from 0 to 0.8, and
#   how the gain from dropout changes with the amount of training data;
# - explain why Keras's deterministic inference *is* the paper's weight scaling, and measure how the
#   average of k stochastic forward passes approaches it as k grows;
# - use Monte-Carlo dropout's predictive entropy to flag misclassified and out-of-distribution images;
# - say which of the paper's findings these small experiments reproduce, and which they do not.
#
# **Run time:** about 55 seconds on a 2-core CPU (11 small networks are trained).
# **Prerequisites:** notebooks 01–03 (the mask, inverted scaling, Keras's `Dropout` layer).

# %% [markdown]
# ## Setup

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style (helpers/course.py)
from helpers import course

print(course.setup_notebook(seed=42))
import time

import keras
import matplotlib.pyplot as plt
import numpy as np

from helpers import data, experiments, plots, training, widgets

NOTEBOOK_START = time.perf_counter()

# %% [markdown]
# ## Fix the data and the recipe
#
# Every network below is the same small MLP (`training.build_mlp`: 784 inputs, two hidden layers of
# 256 ReLU units, a dropout layer after each hidden layer when the rate is above 0, 10 softmax
# outputs, Adam with learning rate 0.001). What changes is one thing at a time: the dropout rate, or
# the amount of training data.
#
# - **Training set:** 2,000 images (200 per class), small enough that a network without dropout
#   overfits within a few seconds of training.
# - **Validation set:** 1,000 images split off before anything else; a fixed class-balanced 500 of them
#   are measured after every epoch (small, because it is measured 25 times per model).
# - **Test set:** the subset's 5,000 test images, used only for the final scores.
# - **Seed:** `SEED = 0` for the data draws and every model (each `build_mlp(..., seed=SEED)` starts
#   from the same weights). Every check below was also run with seeds 0, 1, 2 and 3, each a full run of
#   this notebook's code, and holds for all four.

# %%
SEED = 0
HIDDEN = (256, 256)
EPOCHS, BATCH = 25, 128  # 16 steps per epoch on 2,000 images: 400 updates per model

pool, held_out = data.split_off_validation(data.load_fashion_mnist("train"), 1000)
validation = experiments.balanced_subset(held_out, 500, seed=SEED)  # 50 per class, measured every epoch
train = experiments.balanced_subset(pool, 2000, seed=SEED)
test = data.load_fashion_mnist("test")
print(f"training {len(train):,} images, validation {len(validation):,}, test {len(test):,}; "
      f"pool for the data-size sweep {len(pool):,}")

# %% [markdown]
# ## Watch a network overfit, with and without dropout
#
# Train the same network twice, once without dropout and once with `Dropout(0.5)` after each hidden
# layer, and keep the history Keras records: after each epoch, the loss and accuracy on the training
# set (averaged over the epoch's mini-batches, **with dropout on** for the dropout model) and on the
# validation set (**with dropout off**).

# %%
models, histories = {}, {}
for rate in (0.0, 0.5):
    model = training.build_mlp(HIDDEN, rate, seed=SEED)
    histories[rate] = training.train_model(model, train, validation, epochs=EPOCHS, batch_size=BATCH)
    models[rate] = model
print("recorded per epoch:", sorted(histories[0.0]))

# %%
# extra code – the two runs' learning curves, loss and accuracy
names = {0.0: "no dropout", 0.5: "dropout 0.5"}
fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.8), layout="constrained")
plots.plot_learning_curves({names[r]: h for r, h in histories.items()}, "loss", ax=left,
                           title="Loss per epoch (2,000 training images)")
plots.plot_learning_curves({names[r]: h for r, h in histories.items()}, "accuracy", ax=right,
                           title="Accuracy per epoch (2,000 training images)")
right.set_ylabel("accuracy (fraction correct)")
plt.show()


# %% [markdown]
# The **generalisation gap** is how much better the network looks on the data it was trained on than on
# data it has not seen. At the last epoch: training accuracy minus validation accuracy, or validation loss
# minus training loss. Written out, and checked against the tested helper:

# %%
def gap(history, metric="accuracy"):
    train_value, validation_value = history[metric][-1], history["val_" + metric][-1]
    return train_value - validation_value if metric == "accuracy" else validation_value - train_value


for rate, history in histories.items():
    print(f"{names[rate]:>11}: final training accuracy {history['accuracy'][-1]:.3f}, "
          f"validation {history['val_accuracy'][-1]:.3f}; gap {gap(history):.3f} (accuracy), "
          f"{gap(history, 'loss'):.3f} (loss); best validation loss {min(history['val_loss']):.3f} "
          f"at epoch {int(np.argmin(history['val_loss'])) + 1}, last {history['val_loss'][-1]:.3f}")
    for metric in ("accuracy", "loss"):
        assert np.isclose(gap(history, metric), experiments.generalization_gap(history, metric))

# %% [markdown]
# Checked in the next cell (and with seeds 0–3):
#
# - Without dropout the network overfits: its validation loss reaches its lowest value early and then
#   climbs (the last value is more than 0.1 above the best), and its accuracy gap ends above 0.1.
# - With `Dropout(0.5)` the accuracy gap is smaller by more than 0.04 (a tenth to a half of the gap
#   without dropout in the seeds tried), and the loss gap is smaller by more than 0.2.
# - The dropout model ends with the lower validation loss. Note that its training curve is measured
#   *with dropout on*, so it understates how well the network fits the training set.

# %%
plain, dropped = histories[0.0], histories[0.5]
gaps = {rate: (gap(h), gap(h, "loss")) for rate, h in histories.items()}
assert plain["val_loss"][-1] > min(plain["val_loss"]) + 0.1
assert gaps[0.0][0] > 0.1 and gaps[0.5][0] < gaps[0.0][0] - 0.04
assert gaps[0.5][1] < gaps[0.0][1] - 0.2
assert dropped["val_loss"][-1] < plain["val_loss"][-1] - 0.1
print(f"accuracy gap: no dropout {gaps[0.0][0]:.3f}, dropout 0.5 {gaps[0.5][0]:.3f}; "
      f"loss gap: {gaps[0.0][1]:.3f} vs {gaps[0.5][1]:.3f}")

# %% [markdown]
# **What to notice.** The two networks have the same weights at the start and see the same images; only
# the masks differ. Without dropout the training loss keeps falling while the validation loss turns
# back up: the network memorises its 2,000 images. Dropout keeps the two curves together.

# %% [markdown]
# ## Sweep the dropout rate (the paper's Figure 9)
#
# Srivastava et al. (2014, Figure 9a) kept the architecture and the data fixed and varied the
# probability p of *retaining* a unit; in Keras's terms the rate is 1 − p. Their finding: the training
# error grows as fewer units are kept, and the test error is flat over a wide middle range and grows when
# very few units are kept. Here: rates 0, 0.2, 0.5, 0.6 and 0.8 (five models keep the notebook under a minute; add 0.4 or 0.3 yourself), the same recipe as above; the two
# models you just trained are the rates 0 and 0.5, the helper `experiments.rate_sweep` trains the others
# the same way.

# %%
RATES = (0.0, 0.2, 0.5, 0.6, 0.8)
sweep = experiments.rate_sweep((0.2, 0.6, 0.8), train, test, validation=validation,
                               hidden_units=HIDDEN, epochs=EPOCHS, batch_size=BATCH, seed=SEED)
for rate in (0.0, 0.5):  # the two models trained above, measured the way the helper measures
    scores = training.evaluate(models[rate], test)
    sweep[rate] = experiments.RunResult(rate, len(train), scores["loss"], scores["accuracy"], histories[rate],
                                        training.evaluate(models[rate], train)["accuracy"])
sweep = {rate: sweep[rate] for rate in RATES}
print(experiments.results_table(
    [(f"{r:g}", res.test_error, res.test_loss, res.train_accuracy, gap(res.history)) for r, res in sweep.items()],
    ["rate", "test error", "test loss", "training accuracy (dropout off)", "accuracy gap"]))

# %%
# extra code – test error and training error against the rate
fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.6), layout="constrained")
plots.plot_sweep(RATES, {"test error": [sweep[r].test_error for r in RATES],
                         "training error": [1 - sweep[r].train_accuracy for r in RATES]},
                 xlabel="dropout rate (1 − p, fraction of hidden units dropped)",
                 ylabel="error (fraction misclassified)",
                 title="Error against the dropout rate (2,000 images)", ax=left)
plots.plot_sweep(RATES, {"test loss": [sweep[r].test_loss for r in RATES]},
                 xlabel="dropout rate (1 − p, fraction of hidden units dropped)",
                 ylabel="test loss (cross-entropy, nats)", title="Test loss against the dropout rate", ax=right)
plt.show()

# %% [markdown]
# Checked in the next cell (and with seeds 0–3):
#
# - **Training error grows with the rate** from 0.2 on: each step up in the rate lowers the training
#   accuracy (measured with dropout off), and at 0.8 it is more than 0.08 below the best rate's.
# - **Too much dropout hurts the test error**: at 0.8 it is higher than at every rate from 0 to 0.6,
#   by more than 0.02 over the best.
# - **The middle rates are flat and better than no dropout**: the three rates 0.2, 0.5 and 0.6 lie within 0.025 of
#   each other, the best of them is more than 0.01 below the rate-0 error, and rate 0.5 alone is more than
#   0.005 below it.
# - The test **loss** separates more clearly than the error: every rate from 0.2 to 0.6 has a test loss
#   more than 0.05 below the network without dropout (0.07 to 0.18 in the seeds tried), whose
#   overconfident mistakes cost a lot of loss.

# %%
errors = {r: res.test_error for r, res in sweep.items()}
train_acc = {r: res.train_accuracy for r, res in sweep.items()}
middle = (0.2, 0.5, 0.6)
assert all(np.diff([train_acc[r] for r in (0.2, 0.5, 0.6, 0.8)]) < 0)
assert train_acc[0.8] < max(train_acc.values()) - 0.08
assert all(errors[0.8] > errors[r] for r in RATES if r != 0.8)
assert errors[0.8] > min(errors.values()) + 0.02
assert min(errors[r] for r in middle) < errors[0.0] - 0.01
assert errors[0.5] < errors[0.0] - 0.005
assert max(errors[r] for r in middle) - min(errors[r] for r in middle) < 0.025
assert all(sweep[r].test_loss < sweep[0.0].test_loss - 0.05 for r in middle)
best = min(middle, key=errors.get)
print(f"best middle rate {best:g}: test error {errors[best]:.4f} against {errors[0.0]:.4f} without dropout; "
      f"rate 0.8: {errors[0.8]:.4f}")

# %% [markdown]
# **What to notice.** The shape is the paper's: training error rises with the rate, test error is flat
# over a wide middle and rises at 0.8. The gain in test *error* over no dropout is small here (0.015 to
# 0.023 for the best middle rate in the seeds tried, 0.007 to 0.019 for rate 0.5; with 5,000 test images
# an error has a standard error of about 0.005); the paper's
# networks were far larger and trained far longer. The gain in test *loss* is large: the network without
# dropout is confidently wrong on the images it gets wrong.

# %% [markdown]
# ## Explore the learning curves of every rate
#
# All five runs' histories are already stored: the explorer below only redraws them (no training when you
# move the slider). Compare rate 0 with 0.5 and with 0.8: at 0.8 so few units are kept that the training
# numbers (measured with dropout on) end *worse* than the validation numbers (dropout off), a negative
# gap (checked below, with seeds 0–3). The explorer needs a running kernel; the static figure after it is
# the stored result.

# %%
widgets.learning_curve_explorer({rate: res.history for rate, res in sweep.items()}, "loss")

# %%
# extra code – the validation loss of every rate in one static figure
fig, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
for index, rate in enumerate(RATES):
    ax.plot(range(1, EPOCHS + 1), sweep[rate].history["val_loss"], color=plots.PALETTE[index % len(plots.PALETTE)],
            label=f"rate {rate:g}")
ax.set_xlabel("epoch")
ax.set_ylabel("validation loss (cross-entropy, nats)")
ax.set_title("Validation loss per epoch for each dropout rate")
ax.legend(ncols=2)
plt.show()

# %%
print(f"accuracy gap at rate 0.8: {gap(sweep[0.8].history):.3f}; loss gap: {gap(sweep[0.8].history, 'loss'):.3f}")
assert gap(sweep[0.8].history) < -0.03

# %% [markdown]
# ## Vary the amount of data (the paper's Figure 10)
#
# Srivastava et al. (2014, Figure 10) trained the same network with and without dropout on 100 to 50,000
# MNIST images: with the smallest sets dropout gave no improvement, the gain was largest in the middle,
# and it shrank again as data became plentiful. Here: 250, 1,000 and 8,000 images (class-balanced
# draws from the pool), rates 0 and 0.5, and the **same number of updates** for every model (400
# mini-batches of 128), so that the comparison is not one of training time. `experiments.data_size_sweep`
# does the loop.

# %%
SIZES = (250, 1000, 8000)
STEPS = 400
by_size = experiments.data_size_sweep(SIZES, pool, test, rates=(0.0, 0.5), steps=STEPS, batch_size=BATCH,
                                      hidden_units=HIDDEN, seed=SEED)
size_gain = {n: by_size[n][0.0].test_error - by_size[n][0.5].test_error for n in SIZES}
loss_gain = {n: by_size[n][0.0].test_loss - by_size[n][0.5].test_loss for n in SIZES}
print(experiments.results_table(
    [(f"{n:,}", by_size[n][0.0].test_error, by_size[n][0.5].test_error, size_gain[n], loss_gain[n],
      f"{STEPS * BATCH / n:.0f}") for n in SIZES],
    ["training images", "test error, no dropout", "test error, dropout 0.5", "gain (error)", "gain (loss)",
     "epochs"]))

# %%
# extra code – test error against the training-set size, with and without dropout
fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.6), layout="constrained")
plots.plot_sweep(SIZES, {"no dropout": [by_size[n][0.0].test_error for n in SIZES],
                         "dropout 0.5": [by_size[n][0.5].test_error for n in SIZES]},
                 xlabel="training images (log scale)", ylabel="test error (fraction misclassified)",
                 title="Test error against the amount of data", logx=True, ax=left)
plots.plot_sweep(SIZES, {"gain in test error": [size_gain[n] for n in SIZES]},
                 xlabel="training images (log scale)", ylabel="error without − error with dropout",
                 title="Gain from Dropout(0.5) (positive: dropout helps)", logx=True, ax=right)
right.axhline(0.0, color="0.4", linewidth=1)
plt.show()

# %% [markdown]
# Checked in the next cell (and with seeds 0–3):
#
# - More data helps both networks: with 8,000 images the test error is lower than with 250 by more than
#   0.05, with and without dropout.
# - How much each network overfits (training accuracy minus test accuracy, without dropout): with 250
#   images it fits its set almost perfectly (training accuracy above 0.98, with and without dropout), with
#   1,000 the difference is above 0.1, with 8,000 below 0.08.
# - In test **error** the gain from dropout is within ±0.02 at every size: too small to tell from noise
#   (in one seed dropout was 0.015 *worse* with 1,000 images).
# - In test **loss** the gain has the paper's shape: small with 250 images, largest with 1,000 (by more
#   than 0.05 over 250 and 0.1 over 8,000), and gone with 8,000 (below 0.01; negative in the seeds
#   tried), where the same 400 updates are only about 6 epochs and the network without dropout has not
#   started to overfit.

# %%
for rate in (0.0, 0.5):
    assert by_size[8000][rate].test_error < by_size[250][rate].test_error - 0.05
overfit = {n: by_size[n][0.0].train_accuracy - by_size[n][0.0].test_accuracy for n in SIZES}
print("training minus test accuracy without dropout:", {f"{n:,}": round(v, 3) for n, v in overfit.items()})
assert min(by_size[250][r].train_accuracy for r in (0.0, 0.5)) > 0.98
assert overfit[1000] > 0.1 and overfit[8000] < 0.08
assert all(abs(g) < 0.02 for g in size_gain.values())
assert loss_gain[1000] > loss_gain[250] + 0.05 and loss_gain[1000] > loss_gain[8000] + 0.1
assert loss_gain[8000] < 0.01
print("gain in test error by size:", {f"{n:,}": round(g, 4) for n, g in size_gain.items()})
print("gain in test loss by size: ", {f"{n:,}": round(g, 4) for n, g in loss_gain.items()})

# %% [markdown]
# **What to notice.** The gain is a property of overfitting. With 250 images both networks memorise the
# set whatever you do (about 200 epochs), with 1,000 the network without dropout overfits and dropout's
# loss gain is largest, with 8,000 and only about 6 epochs there is no overfitting to prevent and dropout mostly
# slows training down. The paper measured error with networks trained to convergence; at this scale the
# error differences are too small to resolve and only the loss shows the shape.

# %% [markdown]
# ## Compare weight scaling with Monte-Carlo averaging at test time (the paper's Figure 11)
#
# At test time the paper keeps every unit and multiplies the outgoing weights by the retention
# probability p, an approximation to averaging the predictions of all the thinned networks. Keras uses
# *inverted* dropout: during training the kept units are multiplied by 1/p = 1/(1 − rate), so at test
# time nothing needs scaling and `Dropout` is the identity. Both give the same network, up to how the
# weights are written down. Check it: copy the trained dropout model's weights into the same network
# *without* Dropout layers, and compare the predictions.

# %%
dropout_model = models[0.5]
no_layers = training.build_mlp(HIDDEN, 0.0, seed=SEED)
no_layers.set_weights(dropout_model.get_weights())  # Dropout has no weights: the lists line up

mc_test = experiments.balanced_subset(test, 1000, seed=SEED)
deterministic = keras.ops.convert_to_numpy(dropout_model(mc_test.images, training=False))
without_dropout_layers = keras.ops.convert_to_numpy(no_layers(mc_test.images))
print("largest difference in any probability:", float(np.abs(deterministic - without_dropout_layers).max()))
assert np.allclose(deterministic, without_dropout_layers, atol=1e-6)

# %% [markdown]
# The alternative is to keep dropout **on** at test time, run k forward passes, each with new masks, and
# average the k predicted distributions: a Monte-Carlo estimate of the average over thinned networks. On
# 1,000 test images, 100 passes (written out for 3 passes first, then the helper for 100):

# %%
three = np.stack([keras.ops.convert_to_numpy(dropout_model(mc_test.images, training=True)) for _ in range(3)])
print("three passes give different predictions:", not np.allclose(three[0], three[1]),
      "| classes of image 0 in each pass:", three[:, 0].argmax(axis=1).tolist())
assert not np.allclose(three[0], three[1])

K_MAX = 100
mc_probs = experiments.mc_predict(dropout_model, mc_test.images, K_MAX)  # (100, 1000, 10)
KS = [1, 2, 3, 5, 10, 20, 50, 100]
convergence = experiments.mc_convergence(mc_probs, deterministic, mc_test.labels, KS)

# the k = 10 point by hand: average the first 10 passes, compare with the deterministic prediction
average_10 = mc_probs[:10].mean(axis=0)
error_10 = np.mean(average_10.argmax(axis=1) != mc_test.labels)
agreement_10 = np.mean(average_10.argmax(axis=1) == deterministic.argmax(axis=1))
assert np.isclose(error_10, convergence["error"][KS.index(10)])
assert np.isclose(agreement_10, convergence["agreement"][KS.index(10)])

deterministic_error = float(np.mean(deterministic.argmax(axis=1) != mc_test.labels))
print(experiments.results_table(
    [(int(k), e, a, d) for k, e, a, d in zip(*convergence.values(), strict=True)],
    ["k passes", "test error", "same class as deterministic", "mean |Δ probability|"]))
print(f"deterministic (weight scaling): test error {deterministic_error:.4f}")

# %%
# extra code – the k-pass average against the deterministic network
fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.6), layout="constrained")
plots.plot_mc_convergence(KS, convergence["error"], deterministic_error, ax=left,
                          title="Test error: k-pass average vs weight scaling")
left.set_ylabel("test error (fraction misclassified, 1,000 images)")
right.plot(KS, convergence["mean_abs_diff"], marker="o", color=plots.PALETTE[1])
right.set_xscale("log")
right.set_xlabel("k, number of stochastic forward passes averaged")
right.set_ylabel("mean |MC − deterministic| per probability")
right.set_title("Distance of the k-pass average from weight scaling")
plt.show()

# %% [markdown]
# Checked in the next cell (and with seeds 0–3):
#
# - A single stochastic pass is a worse classifier than the deterministic network (its test error is
#   higher by more than 0.01): one thinned network is not the ensemble.
# - As k grows the Monte-Carlo average approaches the deterministic network: at k = 100 more than 97% of
#   the images get the deterministic network's class, and the two test errors are within 0.01.
# - The distance in probability falls at every step of k, to less than 0.6 of the one-pass distance, and
#   then levels off (from 50 to 100 passes it changes by less than 0.001): what remains is the difference
#   between the average over thinned networks and weight scaling, the approximation itself, which is small.

# %%
diff = convergence["mean_abs_diff"]
assert convergence["error"][0] > deterministic_error + 0.01
assert all(np.diff(diff) < 0) and diff[-1] < 0.6 * diff[0]
assert diff[KS.index(50)] - diff[-1] < 0.001
assert convergence["agreement"][-1] > 0.97
assert abs(convergence["error"][-1] - deterministic_error) < 0.01
print(f"one pass: error {convergence['error'][0]:.4f}; 100 passes: {convergence['error'][-1]:.4f}; "
      f"deterministic {deterministic_error:.4f}; agreement at k = 100: {convergence['agreement'][-1]:.3f}")


# %% [markdown]
# **What to notice.** This reproduces the shape of the paper's Figure 11: one thinned network is poor,
# the average of a few dozen is as good as weight scaling, which costs a single pass. The paper found
# the Monte-Carlo average slightly better than weight scaling from about k = 50; with 1,000 test images
# we cannot resolve a difference that small (compare the two errors in the table).

# %% [markdown]
# ## Use Monte-Carlo dropout as an uncertainty estimate
#
# Gal and Ghahramani (2016) read the k passes as samples from an approximate posterior: where the
# thinned networks disagree, the averaged distribution is spread out. One measure of spread is the
# **predictive entropy** of the averaged distribution, H = −Σ_c p_c log p_c, in nats: 0 when one class
# has all the probability, log 10 ≈ 2.303 when all ten classes are equally likely. Written out, and
# checked against the helper:

# %%
def entropy(probs):
    p = np.clip(probs, 1e-12, 1.0)  # 0 · log 0 counts as 0
    return -(probs * np.log(p)).sum(axis=-1)


mc_mean = mc_probs.mean(axis=0)
mc_entropy = entropy(mc_mean)
assert np.allclose(mc_entropy, experiments.predictive_entropy(mc_mean), atol=1e-9)
correct = mc_mean.argmax(axis=1) == mc_test.labels
print(f"{correct.sum()} correct and {(~correct).sum()} misclassified images; "
      f"median entropy {np.median(mc_entropy[correct]):.3f} vs {np.median(mc_entropy[~correct]):.3f} nats")

# %% [markdown]
# Now images that look like nothing in the training set: each test image with its own pixels shuffled
# (`experiments.shuffle_pixels`): the same brightness and contrast, no garment.

# %%
shuffled = experiments.shuffle_pixels(mc_test.images, seed=SEED)
ood_mean = experiments.mc_predict(dropout_model, shuffled, K_MAX).mean(axis=0)
ood_entropy = experiments.predictive_entropy(ood_mean)
print(f"median entropy: real images {np.median(mc_entropy):.3f}, pixel-shuffled {np.median(ood_entropy):.3f} nats; "
      f"most frequent class for shuffled images: {data.CLASS_NAMES[np.bincount(ood_mean.argmax(axis=1)).argmax()]}")

# %%
# extra code – the three groups' entropies, and a few shuffled images
fig = plt.figure(figsize=(14, 4.8), layout="constrained")
left, right = fig.subfigures(1, 2, width_ratios=[2.2, 1])
plots.plot_entropy_histogram({"correct": mc_entropy[correct], "misclassified": mc_entropy[~correct],
                              "pixel-shuffled": ood_entropy}, max_entropy=np.log(10), ax=left.subplots(),
                             title="Predictive entropy of MC dropout (100 passes)")
axes = right.subplots(2, 2)
for ax, image, title in zip(axes.flat, [mc_test.images[0], shuffled[0], mc_test.images[1], shuffled[1]],
                            ["real", "shuffled", "real", "shuffled"], strict=True):
    ax.imshow(image, cmap="gray_r")
    ax.set_title(title, fontsize=11)
    ax.axis("off")
plt.show()


# %% [markdown]
# Checked in the next cell (and with seeds 0–3):
#
# - Misclassified test images have a higher predictive entropy than correctly classified ones: the median
#   is more than 0.4 nats higher, and ranking the images by entropy puts a misclassified one above a
#   correct one in more than 80% of the pairs (the AUROC).
# - Pixel-shuffled images are **not** reliably flagged: ranked by entropy against real test images, the
#   AUROC stays below 0.7 (0.5 is chance), more than 0.15 below the AUROC for mistakes. The network
#   calls most of them "Bag".

# %%
def auroc(high, low):
    """Fraction of (high, low) pairs in which the `high` group's value is larger (ties count one half)."""
    high, low = np.asarray(high)[:, None], np.asarray(low)[None, :]
    return float(np.mean(high > low) + 0.5 * np.mean(high == low))


auroc_errors = auroc(mc_entropy[~correct], mc_entropy[correct])
auroc_ood = auroc(ood_entropy, mc_entropy)
median_gap_errors = np.median(mc_entropy[~correct]) - np.median(mc_entropy[correct])
median_gap_ood = np.median(ood_entropy) - np.median(mc_entropy)
print(f"misclassified vs correct: median +{median_gap_errors:.3f} nats, AUROC {auroc_errors:.3f}")
print(f"pixel-shuffled vs real:   median +{median_gap_ood:.3f} nats, AUROC {auroc_ood:.3f}")
assert median_gap_errors > 0.4 and auroc_errors > 0.8
assert auroc_ood < 0.7 and auroc_ood < auroc_errors - 0.15
assert data.CLASS_NAMES[np.bincount(ood_mean.argmax(axis=1)).argmax()] == "Bag"

# %% [markdown]
# **What to notice.** The entropy ranks this network's mistakes well: high-entropy images are mostly
# wrong ones. It does not, here, recognise inputs unlike anything it was trained on: a small MLP trained
# on 2,000 garments with one dropout model can be as sure about shuffled pixels as about a shirt. Gal and
# Ghahramani showed larger uncertainty away from the data on other tasks; Monte-Carlo dropout is an
# approximation, not a guarantee that strange inputs are caught.

# %% [markdown]
# ## Collect every number
#
# Every measurement of this notebook, and whether it reproduces the corresponding finding of the paper
# (Srivastava et al. 2014, or Gal and Ghahramani 2016 for the last rows). "Partly" and "no" are honest
# answers at this scale: 2,000 images, 400 updates, one seed per run.

# %%
rows = [
    ("accuracy gap, rate 0 / 0.5", f"{gaps[0.0][0]:.3f} / {gaps[0.5][0]:.3f}", "less overfitting (Sec. 6)", "yes"),
    ("loss gap, rate 0 / 0.5", f"{gaps[0.0][1]:.3f} / {gaps[0.5][1]:.3f}", "same", "yes"),
    ("test error, rates 0/.2/.5/.6/.8", " / ".join(f"{errors[r]:.3f}" for r in RATES),
     "Fig. 9a: flat middle, 0.8 worse", "yes; small error gains"),
    ("training accuracy, same rates", " / ".join(f"{train_acc[r]:.3f}" for r in RATES),
     "Fig. 9a: falls as the rate grows", "yes, from 0.2"),
    ("test loss, rate 0 / 0.5", f"{sweep[0.0].test_loss:.3f} / {sweep[0.5].test_loss:.3f}", "(not shown)", "-"),
    ("error gain, 250 / 1,000 / 8,000 images", " / ".join(f"{size_gain[n]:+.3f}" for n in SIZES),
     "Fig. 10: most gain mid-size", "no: within noise"),
    ("loss gain, same sizes", " / ".join(f"{loss_gain[n]:+.3f}" for n in SIZES),
     "Fig. 10's shape, in loss", "yes; 8,000 undertrained"),
    ("test error, k = 1 / k = 100 / scaling",
     f"{convergence['error'][0]:.3f} / {convergence['error'][-1]:.3f} / {deterministic_error:.3f}",
     "Fig. 11: MC -> weight scaling", "yes; MC's edge unresolved"),
    ("same class as scaling at k = 100", f"{convergence['agreement'][-1]:.3f}", "same", "yes"),
    ("entropy AUROC, wrong vs right", f"{auroc_errors:.3f}", "Gal & Ghahramani 2016", "yes"),
    ("entropy AUROC, shuffled vs real", f"{auroc_ood:.3f}", "same, away from the data", "no: near chance"),
]
print(experiments.results_table(rows, ["measured", "value", "paper's finding", "reproduced?"]))

# %% tags=["nbval-ignore-output"]
# extra code – how long this notebook took on this machine
print(f"{time.perf_counter() - NOTEBOOK_START:.0f} s since the setup cell")

# %% [markdown]
# ## Recap
#
# - Without dropout the small MLP overfits 2,000 images within 25 epochs: the validation loss turns back
#   up and the accuracy gap grows. `Dropout(0.5)` keeps the gap small and ends with a lower validation loss.
# - Over rates 0 to 0.8 the training accuracy falls steadily from 0.2 on, the test error is flat for
#   0.2–0.6 and clearly worse at 0.8; at this scale the test-error gain over no dropout is within seed
#   noise, the test-loss gain is not.
# - Dropout's gain depends on overfitting: at a fixed number of updates its test-loss gain is largest with
#   1,000 images, small with 250 and gone with 8,000; the test-error gains are too small to resolve.
# - At test time Keras's `Dropout` is the identity, which is the paper's weight scaling written with
#   inverted dropout; averaging k stochastic passes approaches it as k grows, one pass is worse.
# - Monte-Carlo dropout's predictive entropy flags misclassified images well; pixel-shuffled images
#   it does not flag at all at this scale.

# %% [markdown]
# ## Self-check
#
# Pick an answer and press **Check**: you see whether it is right, and why. Under the quiz, a folded
# block lists every answer with its explanation, for when you have tried.

# %%
from helpers import quiz

quiz.show_quiz("04_train_vs_test")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Write `final_gap(history)`: the accuracy gap at the last epoch (training minus
# validation) of a Keras-style history dict with `"accuracy"` and `"val_accuracy"` lists.

# %%
from helpers.exercises import nb04

final_gap = None  # your function here
nb04.check_final_gap(final_gap)


# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def final_gap(history):
#     return history["accuracy"][-1] - history["val_accuracy"][-1]
#
#
# nb04.check_final_gap(final_gap)
# ```
#
# Index −1 is the last epoch, and the sign is kept (training minus validation). Keep in mind what the
# two numbers are: in a dropout model's history the training accuracy comes from thinned networks
# (dropout on), so a fair gap is measured with `model.evaluate` on both sets, as this notebook does.
#
# </details>

# %% [markdown]
# **Exercise 2.** Write `entropy_nats(probs)`: the predictive entropy, in nats, of one probability
# vector (a 1-D array that sums to 1, possibly with zeros).

# %%
entropy_nats = None  # your function here
nb04.check_entropy(entropy_nats)


# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def entropy_nats(probs):
#     probs = np.asarray(probs, dtype=float)
#     nonzero = probs[probs > 0]
#     return float(-(nonzero * np.log(nonzero)).sum())
#
#
# nb04.check_entropy(entropy_nats)
# ```
#
# p·log p tends to 0 as p tends to 0, so zero probabilities are skipped (`0 * np.log(0)` would give
# nan). `np.log` gives nats; a certain prediction has entropy 0, ten equal classes log 10 ≈ 2.303.
#
# </details>

# %% [markdown]
# **Exercise 3.** Predict before you compute: which average is closer to the deterministic
# network's probabilities, the first 5 stochastic passes or the first 50? Answer with the number of
# passes; then check your prediction on `mc_probs` and `deterministic` from above.

# %%
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
# The average of k passes is a Monte-Carlo estimate of the mean over thinned networks; its noise shrinks
# like 1/sqrt(k), so 50 passes land closer. The distance does not go to 0: the ensemble mean differs a
# little from the deterministic (weight-scaled) network, which equals it only for a linear network.
#
# </details>

# %% [markdown]
# ## Further reading
#
# - N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov (2014). *Dropout: A Simple
#   Way to Prevent Neural Networks from Overfitting.* JMLR 15: 1929–1958. Section 7.3 (Figure 9, the
#   dropout rate), Section 7.4 (Figure 10, the amount of data), Section 7.5 (Figure 11, Monte-Carlo model
#   averaging against weight scaling).
# - Y. Gal, Z. Ghahramani (2016). *Dropout as a Bayesian Approximation: Representing Model Uncertainty
#   in Deep Learning.* ICML 2016. Monte-Carlo dropout as approximate Bayesian inference.
# - Keras documentation: `keras.layers.Dropout` (inverted dropout; the `training` argument).
#
# ---
#
# Previous: [03 · Dropout in Keras](03_keras_dropout.ipynb) · Next: [05 · The employee team](05_employee_team.ipynb)
