# %% [markdown]
# # 02 · Dropout from scratch: the mask, the scaling, the gradient
#
# Dropout in NumPy in three short functions (the keep mask, the forward pass, the backward pass),
# each checked by measurement.
#
# **Learning objectives.** After this notebook you can
# - draw a keep mask from a seeded `np.random.Generator` and apply it with inverted scaling;
# - say what the forward pass returns at rates 0, 0.5 and 1, and measure its kept fraction, mean
#   and spread against tolerances you can justify;
# - write the backward pass and verify it with a numerical gradient check.
#
# **Run time:** about 10 seconds on a 2-core CPU (two small NumPy networks are trained).
# **Study time:** core path about 15 min, whole notebook about 30 min (the rule: 00's course map).
# **Prerequisites:** notebook 01; NumPy arrays and the chain rule. Sections titled **Deep dive**
# can be skipped.

# %% [markdown]
# ## Setup

# %% tags=["parameters"]
# Parameters: change SEED and re-run all cells; the tables then say which claims
# hold at your seed. The stored outputs and CI check the text's claims at the SEED
# set in this cell.
SEED = 0
# ledger seeds: 20

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style
from helpers import course

print(course.setup_notebook(seed=SEED))
import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import claims, widgets

check = claims.Checker("02_dropout_from_scratch", seed=SEED)  # a table per section

# %% [markdown]
# ## Draw a keep mask
#
# Dropout with rate `rate` drops each unit independently with probability `rate`, so it **keeps**
# each unit with probability p = 1 − rate. One uniform random number `u` in [0, 1) per unit
# decides: keep the unit where `u >= rate`. The randomness comes from an explicit, seeded
# `np.random.Generator`, so a seed gives the same mask every time.


# %%
def keep_mask(shape, rate, rng):
    """True where a unit is kept: one uniform number per unit, kept w.p. 1 - rate."""
    return rng.random(shape) >= rate


print(keep_mask((2, 8), 0.5, np.random.default_rng(SEED)).astype(int))

# %% [markdown]
# ## Apply the mask with inverted scaling
#
# Multiplying by the mask zeroes the dropped units. With only a fraction 1 − rate of them left, the
# output would shrink on average by that factor, and the next layer would see smaller inputs in
# training than at test time. **Inverted dropout** (what Keras does) scales the kept units up by
# 1/(1 − rate) in training, so the output equals the input on average (its *expected value*, 𝔼),
# and does nothing at inference. With m_i = 1 for a kept unit (probability 1 − rate), else 0:
#
# $$ y_i = \frac{m_i}{1 - \text{rate}}\, x_i
# \qquad\Longrightarrow\qquad \mathbb{E}[y_i] = x_i .$$
#
# At rate 1 every unit is dropped and there is nothing left to scale: the output is 0.


# %%
def dropout_forward(x, rate, rng, training=True):
    """Inverted dropout: (output, keep mask); at inference or rate 0, (x, None)."""
    if not 0 <= rate <= 1:
        raise ValueError(f"rate must be in [0, 1]; got {rate}")
    if not training or rate == 0:
        return x, None
    mask = keep_mask(x.shape, rate, rng)
    if rate == 1:  # every unit dropped (and no division by 0)
        return np.zeros_like(x), mask
    return x * mask / (1 - rate), mask


# %% [markdown]
# Try it on a tiny input at rates 0, 0.5 and 1 (as in *Dive into Deep Learning*):

# %%
X = np.arange(16, dtype=np.float32).reshape(2, 8)
tiny = {}  # rate -> (output, mask)
for rate in (0.0, 0.5, 1.0):
    tiny[rate] = dropout_forward(X, rate, np.random.default_rng(SEED))
    print(f"rate {rate}:\n{tiny[rate][0]}")

# %% [markdown]
# Rate 0 returns the input; at rate 0.5 kept values are doubled (1/(1 − 0.5) = 2), dropped ones 0;
# at rate 1 everything is 0. The dtype stays float32.
#
# ### Explore the mask
#
# Drag the rate and press **Resample**: 64 units, kept (filled) or dropped (open), and the factor
# 1/(1 − rate) of the kept ones (× 10 at rate 0.9). It needs a running kernel; the figure below
# shows four of its masks.

# %%
widgets.mask_explorer(n_units=64, rate=0.5, seed=SEED)

# %%
# extra code – four masks of 64 units, at four rates
fig, axes = plt.subplots(2, 2, figsize=(8, 7.6), layout="constrained")
for ax, rate in zip(axes.flat, (0.2, 0.5, 0.8, 0.9), strict=True):
    _, four_mask = dropout_forward(np.ones(64), rate, np.random.default_rng(SEED))
    widgets.plot_mask(four_mask, rate, ax=ax)
    handles = ax.get_legend().legend_handles
    ax.get_legend().remove()
    ax.set(xlabel="", ylabel="")
    ax.set_title(f"rate {rate:g}: {four_mask.sum()} kept, ×{1 / (1 - rate):.3g}")
fig.legend(handles=handles, labels=["kept (scaled)", "dropped (output 0)"],
           loc="outside lower center", ncols=2, frameon=False)
fig.suptitle("64 units, 8 per row (unit 0 at the top left)")
plt.show()

# %% [markdown]
# ## Check the forward pass by measurement
#
# Code can run and still be wrong. Measure three promises on a constant input a = 2 over a
# million units, at four rates:
#
# - **The kept fraction is about p.** A million coin flips rarely keep exactly a fraction p; they
#   stray from it by a predictable amount, about `sqrt(p (1 − p) / n)` (the *standard error*; the
#   count of kept units follows the *binomial distribution*). A correct mask lands more than 4 of
#   those away from p less than once in 10,000 runs.
# - **The mean is preserved.** Each output is a/(1 − rate) with probability 1 − rate and 0
#   otherwise, so its mean is a.
# - **The spread grows.** Dropout adds noise; its size, the mean squared distance from a (the
#   *variance*): y² is a²/(1 − rate)² with probability 1 − rate, so 𝔼[y²] = a²/(1 − rate) and
#
# $$ \operatorname{Var}[y] = \mathbb{E}[y^2] - a^2 = \frac{a^2}{1 - \text{rate}} - a^2
# = a^2\,\frac{\text{rate}}{1 - \text{rate}} ,$$
#
# a²/9 at rate 0.1, a² at 0.5, 2.33·a² at 0.7: the noise explodes as the rate approaches 1.

# %%
a, n = 2.0, 1_000_000
measured = {}  # rate -> (kept fraction, mean, variance)
for rate in (0.1, 0.3, 0.5, 0.7):
    out, mask = dropout_forward(np.full(n, a), rate, np.random.default_rng(SEED))
    measured[rate] = (mask.mean(), out.mean(), out.var())
    print(f"rate {rate} (p = {1 - rate:.1f}): kept {mask.mean():.4f}, mean {out.mean():.4f}, "
          f"var {out.var():.3f} (formula {a**2 * rate / (1 - rate):.3f})")

# %%
check.section("forward", x=X, tiny=tiny, a=a, n=n, measured=measured)

# %% [markdown]
# **What to notice.** At every rate the kept fraction is about p, the mean about a = 2, and the
# variance the formula's; the table shows the noisiest rate, 0.7, where the variance a²·0.7/0.3 ≈ 9.33
# is more than twice a² = 4.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: the noise, in pictures

# %% [markdown] tags=["deep-dive"]
# The variance formula over a finer grid of rates, against measurements on 100,000 units:

# %% tags=["deep-dive"]
# extra code – the measured variance against the formula
from helpers import plots

fine_rates = np.linspace(0.0, 0.8, 17)
rng_fine = np.random.default_rng(SEED)
fine = [dropout_forward(np.full(100_000, a), r, rng_fine)[0].var() for r in fine_rates]
grid = np.linspace(0.0, 0.8, 200)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(grid, a**2 * grid / (1 - grid), color=plots.PALETTE[0],
        label="formula a²·rate / (1 − rate)")
ax.plot(fine_rates, fine, plots.MARKERS[1], color=plots.PALETTE[1],
        label="measured, 100,000 units")
ax.set(xlabel="dropout rate", ylabel="variance of the output (input units²)",
       title="Output variance for a constant input a = 2")
ax.legend()
plt.show()

# %% [markdown] tags=["deep-dive"]
# **Masks differ per example and per step.** In a batch, each example (row) gets its own mask, and
# the next training step draws new ones: two independent masks at rate 0.5 agree on about half of
# the positions (0.5² + 0.5²).

# %% tags=["deep-dive"]
rng_steps = np.random.default_rng(SEED)
batch = np.ones((64, 100), dtype=np.float32)
_, step_1 = dropout_forward(batch, 0.5, rng_steps)
_, step_2 = dropout_forward(batch, 0.5, rng_steps)
check.section("masks", step_1=step_1, step_2=step_2, rate=0.5)

# %% tags=["deep-dive"]
# extra code – the masks of the first 16 examples at two consecutive training steps
kept_colors = plt.matplotlib.colors.ListedColormap(
    [plots.DROPPED_COLOR, plots.KEPT_COLOR])
fig, axes = plt.subplots(2, 1, figsize=(8, 6.4), layout="constrained")
for ax, step_mask, step in zip(axes, (step_1, step_2), (1, 2), strict=True):
    ax.imshow(step_mask[:16, :60], cmap=kept_colors, vmin=0, vmax=1,
              interpolation="nearest", aspect="auto")
    ax.set(title=f"Keep masks at step {step} (blue = kept, grey = dropped)",
           yticks=[0, 5, 10, 15], ylabel="example")
    ax.grid(False)
axes[1].set_xlabel("unit (first 60 of 100)")
plt.show()

# %% [markdown] tags=["deep-dive"]
# **What to notice.** No two rows are alike, and the second step shares only about half of its
# positions with the first: dropout thins a different network for every example at every step.
#
# ## Deep dive: the classic variant, scaled at test time
#
# The original method (Srivastava et al. 2014) does **not** scale in training: `y = m · x`. Each
# unit is present only a fraction p = 1 − rate of the time, so at test time, when every unit is
# present, the outputs are multiplied by the **keep probability** p (the paper scales the outgoing
# weights by p; same thing; notebook 01 explains why not by the rate).


# %% tags=["deep-dive"]
def classic_dropout_forward(x, rate, rng, training=True):
    """Original dropout: no scaling in training; times p = 1 - rate at test time."""
    if not training:
        return x * (1 - rate), None
    if rate == 0:
        return x, None
    mask = keep_mask(x.shape, rate, rng)
    return x * mask, mask


# %% [markdown] tags=["deep-dive"]
# Both variants agree on *expectations*: the classic training output averages to p·a, exactly the
# classic test-time output; inverted dropout's training output averages to a, its inference output.
# Measured on a = 2 at rate 0.2 over a million units (the tolerance: 4 standard errors of the mean):

# %% tags=["deep-dive"]
rate = 0.2
x_const = np.full(n, a)
classic_train, _ = classic_dropout_forward(x_const, rate, np.random.default_rng(SEED))
classic_test, _ = classic_dropout_forward(x_const, rate, None, training=False)
check.section("classic", train_mean=classic_train.mean(), test_output=classic_test[0],
              a=a, rate=rate, n=n)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** Layer by layer the two variants compute the same expected activations;
# inverted dropout moves the scaling into training so that inference, the part that runs in
# production, is untouched. (Through a whole nonlinear network the test-time pass only
# approximates the average over thinned networks; notebook 04 measures how closely.)

# %% [markdown]
# ## Write the backward pass
#
# For a fixed mask, `y = x · m / (1 − rate)` is linear in `x`, so the chain rule gives
#
# $$ \frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial y_i}\cdot\frac{m_i}{1 - \text{rate}} .$$
#
# The gradient flows only through the units that were kept in the forward pass, scaled like them.
# That is why the forward pass returns the mask: the backward pass needs the *same* mask.


# %%
def dropout_backward(grad_out, mask, rate):
    """Gradient of inverted dropout w.r.t. its input, for the forward pass's mask."""
    if mask is None:  # inference or rate 0: the identity
        return grad_out
    if rate == 1:  # every unit was dropped: no gradient gets through
        return np.zeros_like(grad_out)
    return grad_out * mask / (1 - rate)


# %% [markdown]
# ### Check the gradient numerically
#
# A gradient derived by hand can be wrong and still train (a missing 1/(1 − rate) only rescales every
# gradient, like another learning rate). A **numerical gradient check** nudges one input x_i at a
# time by a tiny h up and down and measures the slope of the loss,
# `(L(x + h·e_i) − L(x − h·e_i)) / 2h` (e_i: 1 at position i, 0 elsewhere), in float64 (float32's
# 7 digits are not enough). The mask is drawn once and held fixed, so the loss is smooth in `x`.


# %%
def numerical_gradient(f, x, h=1e-6):
    """The slope of the scalar function f() at x, one element at a time."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):  # every position of x
        saved = x[i]
        x[i] = saved + h  # nudge up
        f_plus = f()
        x[i] = saved - h  # nudge down
        f_minus = f()
        x[i] = saved  # put it back
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


# %% [markdown]
# The score is the size of the difference relative to the sizes of the two gradients; below 1e-7
# they agree to about 7 significant digits:


# %%
def relative_error(g1, g2):
    return np.linalg.norm(g1 - g2) / (np.linalg.norm(g1) + np.linalg.norm(g2))


# %% [markdown]
# The loss `L = sum(w · dropout(x))` has `∂L/∂y = w`, so `dropout_backward(w, mask, rate)` must
# match the numerical gradient of `L` with respect to `x`:


# %%
def gradient_error(rate, rng):
    x, w = rng.standard_normal((2, 4, 6))  # two 4×6 float64 arrays: the input, the loss weights
    _, mask = dropout_forward(x, rate, rng)  # drawn once, then held fixed

    def loss():  # L at x as it is now: numerical_gradient nudges x's elements in place
        return np.sum(w * x * mask / (1 - rate))

    numeric = numerical_gradient(loss, x)
    return relative_error(dropout_backward(w, mask, rate), numeric)


errors = {rate: gradient_error(rate, np.random.default_rng(SEED))
          for rate in (0.2, 0.5, 0.8)}

# %% tags=["nbval-ignore-output"]
check.section("backward", errors=errors)

# %% [markdown]
# **What to notice.** The two gradients agree far within 1e-7 at every rate (the exact errors depend
# on the machine's rounding). A dropped unit gets no gradient, so the weights that feed it learn
# nothing from that example at this step.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: the gradient check inside a small network
#
# Dense → ReLU → dropout → dense → softmax cross-entropy, on a batch of 5 examples with 4
# features, 8 hidden units and 3 classes. The forward pass keeps what the backward pass needs; the
# backward pass applies the chain rule layer by layer, in reverse, and uses `dropout_backward` with
# the forward pass's mask. (ReLU has a kink at 0: the check is valid only if no pre-activation lies
# within a step `h` of it, which the claim checks too.)


# %% tags=["deep-dive"]
def softmax_cross_entropy(logits, labels):
    """Mean cross-entropy, and its gradient with respect to the logits."""
    shifted = logits - logits.max(axis=1, keepdims=True)  # for numerical stability
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(len(labels))
    grad = np.exp(log_probs)
    grad[rows, labels] -= 1
    return -log_probs[rows, labels].mean(), grad / len(labels)


def small_net(params, X, labels, mask, rate):
    """Loss, the gradients of W1, b1, W2, b2, and the pre-activations."""
    W1, b1, W2, b2 = params
    z1 = X @ W1 + b1  # dense
    d1 = np.maximum(z1, 0) * mask / (1 - rate)  # ReLU, then dropout with a fixed mask
    loss, g_logits = softmax_cross_entropy(d1 @ W2 + b2, labels)  # dense, softmax
    # backward, in reverse order: dense, dropout, ReLU, dense
    g_z1 = dropout_backward(g_logits @ W2.T, mask, rate) * (z1 > 0)
    grads = [X.T @ g_z1, g_z1.sum(axis=0), d1.T @ g_logits, g_logits.sum(axis=0)]
    return loss, grads, z1


# %% tags=["deep-dive"]
rng = np.random.default_rng(SEED)
X_small, labels_small = rng.standard_normal((5, 4)), rng.integers(0, 3, size=5)
params = [rng.standard_normal((4, 8)), rng.standard_normal(8) * 0.1,
          rng.standard_normal((8, 3)), rng.standard_normal(3) * 0.1]
net_mask = keep_mask((5, 8), 0.5, rng)
_, analytic, z1 = small_net(params, X_small, labels_small, net_mask, 0.5)


def net_loss():  # numerical_gradient changes each parameter array in place
    return small_net(params, X_small, labels_small, net_mask, 0.5)[0]


names = ("W1", "b1", "W2", "b2")
net_errors = {name: relative_error(grad, numerical_gradient(net_loss, param))
              for name, param, grad in zip(names, params, analytic, strict=True)}

# %% tags=["deep-dive", "nbval-ignore-output"]
check.section("network", errors=net_errors, kink_distance=np.abs(z1).min())

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: train a NumPy network with and without dropout
#
# The whole thing in use: a 784-128-128-10 ReLU network in NumPy, trained by minibatch SGD with
# momentum on 3,000 Fashion-MNIST training images, validated on 2,000 others. The two hidden layers
# use `dropout_forward` and `dropout_backward`; the run without dropout uses the same code with
# rate 0. Accuracy on the training images and on validation is measured at the end of each epoch
# the same way, with dropout off.

# %% tags=["deep-dive"]
import itertools

from helpers import data, progress

full_train = data.load_fashion_mnist("train")
train_set, validation_set = data.split_off_validation(full_train, 2000)
X_train = train_set.images[:3000].reshape(3000, -1)  # float32, (3000, 784)
y_train = train_set.labels[:3000]
X_val = validation_set.images.reshape(len(validation_set), -1)
y_val = validation_set.labels
print(f"training {X_train.shape}, validation {X_val.shape}")


# %% tags=["deep-dive"]
def init_mlp(sizes, rng):
    """He-initialised weights (float32) and zero biases, one [W, b] pair per layer."""
    return [[rng.normal(0.0, math.sqrt(2.0 / m), (m, k)).astype(np.float32),
             np.zeros(k, np.float32)] for m, k in itertools.pairwise(sizes)]


def mlp_forward(layers, X, rate, rng, training):
    """Logits, and for the backward pass each layer's input, pre-activation and mask."""
    h, cache = X, []
    for W, b in layers[:-1]:
        z = h @ W + b
        out, mask = dropout_forward(np.maximum(z, 0), rate, rng, training)
        cache.append((h, z, mask))
        h = out
    cache.append((h, None, None))
    return h @ layers[-1][0] + layers[-1][1], cache


# %% tags=["deep-dive"]
def mlp_backward(layers, cache, g_logits, rate):
    """[dW, db] for every layer, from the gradient of the loss w.r.t. the logits."""
    grads, g = [None] * len(layers), g_logits
    for i in reversed(range(len(layers))):
        grads[i] = [cache[i][0].T @ g, g.sum(axis=0)]
        if i > 0:
            _, z_below, mask_below = cache[i - 1]
            g = dropout_backward(g @ layers[i][0].T, mask_below, rate) * (z_below > 0)
    return grads


def evaluate(layers, X, y):
    """Loss and accuracy with dropout off."""
    logits, _ = mlp_forward(layers, X, 0.0, None, training=False)
    loss, _ = softmax_cross_entropy(logits, y)
    return float(loss), float((logits.argmax(axis=1) == y).mean())


# %% [markdown] tags=["deep-dive"]
# Each run gets **three generators** from one seed: one for the initial weights, one for the order
# of examples, one for the masks. Because the masks have their own generator, two runs with the
# same seed start from the same weights and see the same order of examples in every epoch,
# whatever their rate; `train_mlp` keeps both so that the claims below can check it.


# %% tags=["deep-dive"]
def train_mlp(rate, seed, epochs=20, batch_size=128, learning_rate=0.05, momentum=0.9,
              bar=None):
    init_rng, shuffle_rng, mask_rng = np.random.default_rng(seed).spawn(3)
    layers = init_mlp([784, 128, 128, 10], init_rng)
    history = {"initial_weights": [W.copy() for W, _ in layers], "orders": []}
    velocity = [[np.zeros_like(W), np.zeros_like(b)] for W, b in layers]
    for epoch in range(epochs):
        order = shuffle_rng.permutation(len(X_train))
        history["orders"].append(order)
        for batch in np.array_split(order, range(batch_size, len(order), batch_size)):
            logits, cache = mlp_forward(layers, X_train[batch], rate, mask_rng, True)
            _, g_logits = softmax_cross_entropy(logits, y_train[batch])
            grads = mlp_backward(layers, cache, g_logits, rate)
            for layer, v, g in zip(layers, velocity, grads, strict=True):
                for j in range(2):  # SGD with momentum, on W and b
                    v[j] = momentum * v[j] - learning_rate * g[j]
                    layer[j] += v[j]
        for prefix, X, y in (("", X_train, y_train), ("val_", X_val, y_val)):
            loss, accuracy = evaluate(layers, X, y)  # dropout off on both sets
            history.setdefault(prefix + "loss", []).append(loss)
            history.setdefault(prefix + "accuracy", []).append(accuracy)
        if bar:  # a progress bar in JupyterLab (nothing in batch runs)
            bar.on_epoch_end(epoch, {k: history[k][-1] for k in ("loss", "val_loss")})
    return history


# %% [markdown] tags=["deep-dive"]
# Two runs with the same seed, one with dropout rate 0.3 on both hidden layers (about 10 seconds;
# a bar shows progress). To smooth epoch-to-epoch noise, the claims use averages over the last 5
# of 20 epochs.

# %% tags=["deep-dive"]
histories = {}
for run, (name, rate) in enumerate((("no dropout", 0.0), ("dropout", 0.3)), start=1):
    bar = progress.TrainingProgress(f"run {run} of 2: {name}")
    bar.set_params({"epochs": 20, "steps": 1})
    bar.on_train_begin()
    histories[name] = train_mlp(rate=rate, seed=SEED, bar=bar)
    bar.on_train_end()
check.section("training", histories=histories)

# %% tags=["deep-dive"]
# extra code – learning curves of both runs (dropout off when measuring)
fig, axes = plt.subplots(2, 1, figsize=(8, 8), layout="constrained")
for ax, metric in zip(axes, ("accuracy", "loss"), strict=True):
    plots.plot_learning_curves(histories, metric, ax=ax,
                               title=f"From-scratch MLP: {metric}")
axes[0].set_ylabel("accuracy (fraction)")
axes[1].set_ylabel("cross-entropy (nats)")
plt.show()

# %% [markdown] tags=["deep-dive"]
# **What to notice.** Dropout narrows the gap between training and validation accuracy, both
# measured with dropout off: <!-- ledger: gap_narrows --> in 20 of 20 seeds of the ledger, by a
# median 0.35 of the gap (range 0.30–0.44). The narrowing is almost all training accuracy: with each
# hidden unit missing with probability 0.3 at every step, the network cannot memorise the 3,000
# training images as easily. After only 20 epochs on so little data, that does not buy a better
# validation score: <!-- ledger: val_accuracy_kept --> the change in validation accuracy has
# median −0.006 (range −0.025 to 0.017). Notebook 06 compares rates, and dropout with early
# stopping.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: the mask's speed on a CPU (eager calls)
#
# What dropout costs is training time: Srivastava et al. (2014, Section 11, the conclusion) report
# that a dropout network typically takes 2–3 times longer to train than a standard network of the
# same architecture, mainly because the parameter updates are very noisy (each training case trains
# a different thinned network); notebook 06 measures it in epochs. Making the mask is a smaller,
# separate question: how long one call takes on a CPU, called eagerly one at a time (not inside a
# compiled training step, and not on a GPU).
#
# The straightforward mask draws one float64 uniform number (64 random bits, then a conversion to
# floating point) per unit. A unit needs far fewer bits. With 16 random bits `b` (an integer from 0
# to 65535) per unit, keep the unit where `b < round((1 − rate) · 65536)`: the keep probability is
# then 1 − rate rounded to a multiple of 1/65536, exact to 1/131072, and one 64-bit draw serves
# four units.


# %% tags=["deep-dive"]
def fast_keep_mask(shape, rate, rng):
    """Keep mask from 16 random bits per unit, compared with an integer threshold."""
    threshold = round((1 - rate) * 65536)  # P(b < threshold) = threshold / 65536
    size = math.prod(shape)
    words = rng.integers(0, 2**64 - 1, size=(size + 3) // 4, dtype=np.uint64,
                         endpoint=True)
    bits = words.view(np.uint16)[:size]  # four 16-bit numbers from each 64-bit word
    return (bits < threshold).reshape(shape)


n_fast = 4 * 2**20  # 4 M units
fast_kept = {rate: fast_keep_mask((n_fast,), rate, np.random.default_rng(SEED)).mean()
             for rate in (0.1, 0.5, 0.7)}
check.section("fast_mask", kept=fast_kept, n=n_fast)

# %% [markdown] tags=["deep-dive"]
# The next cell times five ways to apply dropout at rate 0.5 to float32 arrays of 64 K and 4 M
# elements (`helpers/mask_speed.py`; interleaved repeats, median): a plain copy (the memory floor),
# the straightforward mask, the fast mask (with NumPy's SFC64 bit generator), `tf.nn.dropout` and
# Keras's `Dropout` layer. The numbers depend on the machine and its load: they are what this
# machine measured when the notebook was stored, not compared when it is tested. The one claim
# checked is that copying is faster than every way of applying dropout.

# %% tags=["deep-dive", "nbval-ignore-output"]
from IPython.display import display

from helpers import mask_speed, tables

timings = mask_speed.measure_mask_speed(sizes=(2**16, 2**22), repeats=5)
speeds = {(t.method, t.n_elements): t.elements_per_second / 1e6 for t in timings}
rows = [(label, speeds[method, 2**16], speeds[method, 2**22])
        for method, label in mask_speed.METHODS.items()]
display(tables.table(rows, ["method", "64 K", "4 M"], digits=3,
                     title="Million elements per second, rate 0.5 (this machine)"))
check.section("speed", speeds=speeds)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** Applying a mask costs more than copying the array; how much more, and which
# method is fastest, depends on the machine, the array size and its load: read your own table.
# TensorFlow and Keras pay a fixed cost for each eager call, which weighs most on small arrays;
# inside a compiled training step that cost is not paid per call.

# %% [markdown]
# ## Recap
#
# - A keep mask is `rng.random(shape) >= rate`: each unit kept with probability p = 1 − rate, per
#   example and per step.
# - Inverted dropout scales kept units by 1/(1 − rate) in training; at inference it is the identity.
# - Measured: the kept fraction is about p, the mean is kept, the variance is a²·rate/(1 − rate).
# - The backward pass uses the same mask and scale; a numerical gradient check agrees to 1e-7.
#
# ## Self-check
#
# Press **Check** after each answer; the folded block below explains them all.

# %%
from helpers import quiz

quiz.show_quiz("02_dropout_from_scratch")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Write `my_dropout_backward(grad_out, keep_mask, rate)` for inverted dropout
# without looking back: the gradient with respect to the input, given the gradient with respect to
# the output and the boolean mask of the forward pass (rate below 1). Keep float32 as float32.

# %%
from helpers.exercises import nb02

my_dropout_backward = None  # your function here
nb02.check_dropout_backward(my_dropout_backward)


# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def my_dropout_backward(grad_out, keep_mask, rate):
#     return grad_out * keep_mask / (1 - rate)
#
#
# nb02.check_dropout_backward(my_dropout_backward)
# ```
#
# For a fixed mask the forward pass y = x · mask / (1 − rate) is linear in x, so the gradient is the same
# mask and the same scale: 0 for a dropped unit, 1/(1 − rate) for a kept one. Dividing by a Python float
# keeps float32 arrays in float32.
#
# </details>

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: more exercises
#
# **Exercise 2.** Write `classic_test_forward(x, rate)`: the output of the *classic* (non-inverted)
# dropout layer at test time, for a layer trained with dropout rate `rate`. (Careful: the course page
# gets this one wrong.)

# %% tags=["deep-dive"]
classic_test_forward = None  # your function here
nb02.check_classic_test_forward(classic_test_forward)


# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def classic_test_forward(x, rate):
#     return x * (1 - rate)  # the keep probability p = 1 - rate, not the rate
#
#
# nb02.check_classic_test_forward(classic_test_forward)
# ```
#
# In training each unit was present with probability p = 1 − rate and unscaled, so its mean was p·x; at
# test time every unit is present, and multiplying by p gives the next layer that same mean.
#
# </details>

# %% [markdown] tags=["deep-dive"]
# **Exercise 3.** Write `output_variance(a, rate)`: the variance of one output of inverted dropout in
# training, for a constant input `a`. Then check your formula against a measurement of your own.

# %% tags=["deep-dive"]
output_variance = None  # your function here
nb02.check_output_variance(output_variance)


# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def output_variance(a, rate):
#     return a**2 * rate / (1 - rate)
#
#
# nb02.check_output_variance(output_variance)
# ```
#
# The output is y = a·m/(1 − rate) with m ~ Bernoulli(1 − rate): E[y] = a and
# E[y²] = a²/(1 − rate), so Var[y] = a²/(1 − rate) − a² = a² · rate/(1 − rate). Measure it with
# `dropout_forward(np.full(1_000_000, a), rate, np.random.default_rng(0))[0].var()`.
#
# </details>

# %% [markdown]
# ## Further reading
#
# - N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov (2014). *Dropout: A Simple
#   Way to Prevent Neural Networks from Overfitting.* JMLR 15: 1929–1958. Section 4 (the model, with
#   test-time scaling by p) and Section 5 (training with backpropagation).
# - Stanford CS231n, [*Neural Networks Part 2*, "Dropout"](https://cs231n.github.io/neural-networks-2/#reg):
#   inverted dropout in a few lines of NumPy; [*Part 3*, "Gradient checks"](https://cs231n.github.io/neural-networks-3/#gradcheck).
# - A. Zhang, Z. Lipton, M. Li, A. Smola, *Dive into Deep Learning*,
#   [section 5.6 "Dropout"](https://d2l.ai/chapter_multilayer-perceptrons/dropout.html): dropout from
#   scratch and with the framework's layer.
# - `tests/test_nb02_reference.py` compares this notebook's functions with the course's tested
#   copy, `helpers/dropout.py`.
#
# ---
#
# Before you open another notebook, shut this one's kernel down (**Kernel > Shut Down Kernel**):
# every open notebook keeps its own TensorFlow kernel (about 1 GB) running.
#
# Previous: [01 · Why dropout](01_why_dropout.ipynb) · Next: [03 · Keras `Dropout(0.5)`](03_keras_dropout.ipynb)
