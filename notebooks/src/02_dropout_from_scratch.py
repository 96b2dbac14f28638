# %% [markdown]
# # 02 · Dropout from scratch: the mask, the scaling, the gradient, the speed
#
# You build dropout in NumPy one line at a time, check every line against the course's tested reference
# (`helpers/dropout.py`) on the same random numbers, measure that it does what the maths says, train a
# small network with it, and find out what dropout actually costs on a CPU.
#
# **Learning objectives.** After this notebook you can
# - draw a Bernoulli keep mask from a seeded `np.random.Generator` and apply it with inverted scaling
#   (the Keras way) or the classic test-time scaling (the original paper);
# - check by measurement that the kept fraction, the mean and the variance of the output are what the
#   formulas predict, with tolerances derived from the binomial distribution;
# - write the backward pass and verify it with a numerical gradient check, alone and inside a small network;
# - train a from-scratch NumPy MLP with and without dropout and read the train/validation gap;
# - explain why generating random numbers, not multiplying, is what dropout costs, and make the mask faster.
#
# **Run time:** about 15 seconds on a 2-core CPU (two small NumPy networks are trained, and a few
# seconds go to speed measurements).
# **Prerequisites:** notebook 01 (what dropout does, and what happens at test time); NumPy arrays and
# the chain rule.

# %% [markdown]
# ## Setup

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style (helpers/course.py)
from helpers import course

print(course.setup_notebook(seed=42))
import itertools
import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import data, dropout, mask_speed, plots, widgets

# %% [markdown]
# ## Draw a keep mask
#
# Dropout with rate `rate` drops each unit independently with probability `rate`, so it **keeps** each
# unit with probability `p = 1 - rate`. One uniform random number `u` in [0, 1) per unit decides:
# keep the unit where `u >= rate` (that happens with probability `1 - rate`). All randomness comes from an
# explicit, seeded `np.random.Generator`, so a seed gives the same mask every time.

# %%
def keep_mask(shape, rate, rng):
    """True where a unit is kept: one uniform number per unit, kept with probability 1 - rate."""
    u = rng.random(shape)
    return u >= rate


mask = keep_mask((2, 8), 0.5, np.random.default_rng(0))
print(mask.astype(int))

# %% [markdown]
# Check it against the tested reference, `dropout.bernoulli_keep_mask`, on the same random stream (two
# generators with the same seed):

# %%
for rate in (0.0, 0.2, 0.5, 0.9):
    for seed in (0, 1, 2):
        mine = keep_mask((64, 100), rate, np.random.default_rng(seed))
        reference = dropout.bernoulli_keep_mask((64, 100), rate, rng=np.random.default_rng(seed))
        assert np.array_equal(mine, reference), (rate, seed)
print("keep_mask equals dropout.bernoulli_keep_mask for rates 0, 0.2, 0.5, 0.9 and seeds 0, 1, 2")


# %% [markdown]
# ## Apply the mask with inverted scaling
#
# Multiplying by the mask zeroes the dropped units. With only a fraction `1 - rate` of the units left,
# the layer's output would shrink on average by that factor, and the next layer would see smaller
# inputs in training than at test time. **Inverted dropout** (what Keras does) scales the kept units up by
# `1 / (1 - rate)` during training, so the expected output equals the input, and does nothing at all
# at inference:
#
# $$ y_i = \frac{m_i}{1 - \text{rate}}\, x_i, \quad m_i \sim \text{Bernoulli}(1 - \text{rate})
# \qquad\Longrightarrow\qquad \mathbb{E}[y_i] = x_i .$$

# %%
def dropout_forward(x, rate, rng, training=True):
    """Inverted dropout: returns (output, keep mask); at inference or with rate 0, (x, None)."""
    if not 0 <= rate < 1:  # rate 1 would drop everything and divide by 0
        raise ValueError(f"rate must be in [0, 1); got {rate}")
    if not training or rate == 0:
        return x, None
    mask = keep_mask(x.shape, rate, rng)
    return x * mask / (1 - rate), mask


x = np.arange(1, 11, dtype=np.float32)
out, mask = dropout_forward(x, 0.5, np.random.default_rng(0))
print("x:          ", x)
print("kept:       ", mask.astype(int))
print("output:     ", out)
print("at test time", dropout_forward(x, 0.5, np.random.default_rng(0), training=False)[0])

# %% [markdown]
# Every kept unit is doubled (rate 0.5: `1 / (1 - 0.5) = 2`), every dropped unit is 0, and the dtype
# stays float32. The reference `dropout.dropout_forward` must agree exactly on the same stream:

# %%
rng_check = np.random.default_rng(7)
x_batch = rng_check.standard_normal((32, 50)).astype(np.float32)
for rate in (0.0, 0.1, 0.5, 0.8):
    for seed in (0, 1, 2):
        mine, mine_mask = dropout_forward(x_batch, rate, np.random.default_rng(seed))
        ref, ref_mask = dropout.dropout_forward(x_batch, rate, rng=np.random.default_rng(seed))
        assert np.array_equal(mine, ref) and mine.dtype == ref.dtype == np.float32, (rate, seed)
        assert (mine_mask is None and ref_mask is None) or np.array_equal(mine_mask, ref_mask)
    # inference is the identity, whatever the rate
    assert dropout_forward(x_batch, rate, None, training=False)[0] is x_batch
print("dropout_forward equals dropout.dropout_forward (values, masks, float32) for 4 rates x seeds 0, 1, 2")

# %% [markdown]
# ### Explore the mask
#
# Drag the rate and press **Resample**: a layer of 64 units, the units the mask keeps (filled) and drops
# (open, output 0), the kept fraction and the scale factor 1/(1 − rate) that the kept units get. Watch
# the factor grow as the rate approaches 1: at 0.9 each kept unit is multiplied by 10. The explorer
# needs a running kernel; the figure after it is the stored result for rates 0.2, 0.5 and 0.8.

# %%
widgets.mask_explorer(n_units=64, rate=0.5, seed=0)

# %%
# extra code – three masks of the same 64 units, as the explorer draws them
fig, axes = plt.subplots(1, 3, figsize=(15, 3.8), layout="constrained")
for ax, rate in zip(axes, (0.2, 0.5, 0.8), strict=True):
    _, explorer_mask = dropout.dropout_forward(np.ones(64, dtype="float32"), rate, rng=np.random.default_rng(0))
    widgets.plot_mask(explorer_mask, rate, ax=ax)
    ax.set_title(f"rate {rate:g}: {explorer_mask.sum()} of 64 kept, scale ×{1 / (1 - rate):.2f}")
plt.show()


# %% [markdown]
# ## The classic variant: scale at test time instead
#
# The original method (Srivastava et al. 2014) does **not** scale during training: `y = m · x`. Each
# unit is then present only a fraction `p = 1 - rate` of the time, so at test time, when every unit is
# present, the outputs are multiplied by the **retention probability** `p = 1 - rate` (the paper scales
# the outgoing weights by `p`; same thing). Not by the rate: that would only be right at rate 0.5.

# %%
def classic_dropout_forward(x, rate, rng, training=True):
    """Original dropout: no scaling in training; multiply by p = 1 - rate at test time."""
    if not training:
        return x * (1 - rate), None
    if rate == 0:
        return x, None
    mask = keep_mask(x.shape, rate, rng)
    return x * mask, mask


for rate in (0.0, 0.2, 0.5, 0.8):
    for training in (True, False):
        for seed in (0, 1, 2):
            mine, _ = classic_dropout_forward(x_batch, rate, np.random.default_rng(seed), training)
            ref, _ = dropout.classic_dropout_forward(x_batch, rate, rng=np.random.default_rng(seed), training=training)
            assert np.array_equal(mine, ref), (rate, training, seed)
print("classic_dropout_forward equals dropout.classic_dropout_forward in training and at test time")

# %% [markdown]
# Both variants agree on *expectations*: the classic training output averages to `p · x`, exactly what
# the classic test-time output is; inverted dropout's training output averages to `x`, which is its
# inference output. Measured on one constant input `a = 2` over a million units (the tolerance is 4
# standard errors of a mean of a million independent draws):

# %%
a, rate, n = 2.0, 0.2, 1_000_000
classic_train, _ = classic_dropout_forward(np.full(n, a), rate, np.random.default_rng(0))
classic_test, _ = classic_dropout_forward(np.full(n, a), rate, None, training=False)
standard_error = a * math.sqrt(rate * (1 - rate) / n)  # std of a * Bernoulli(1 - rate), over sqrt(n)
print(f"classic, training mean {classic_train.mean():.4f}; test output (x * (1 - rate)) {classic_test[0]:.4f}; "
      f"x * rate would give {a * rate:.4f}")
assert abs(classic_train.mean() - classic_test[0]) < 4 * standard_error
assert abs(classic_train.mean() - a * rate) > 100 * standard_error  # scaling by the rate is wrong at rate 0.2

# %% [markdown]
# **What to notice:** the two variants compute the same expected activations; inverted dropout moves the
# scaling into training so that inference, the part that runs in production, is untouched.
#
# ## Check the mask by measurement
#
# Equality with the reference shows the notebook's code does what the reference does. Whether *both*
# do what dropout promises is a question of statistics. Each claim below is checked for several rates
# and the seeds 0, 1 and 2, with a tolerance derived from the binomial distribution, not picked by eye.
#
# **The kept fraction.** Out of `n` units the number kept is Binomial(n, 1 − rate), so the kept fraction
# has standard error `sqrt(p (1 − p) / n)`. `dropout.binomial_interval(n, p)` gives `p ± 4` standard errors:
# a correct mask falls outside it with probability below 1 in 10,000.

# %%
n = 1_000_000
x_const = np.full(n, 2.0)
print(" rate  seed  kept fraction   binomial interval (4 s.e.)")
for rate in (0.1, 0.3, 0.5, 0.7):
    for seed in (0, 1, 2):
        _, mask = dropout_forward(x_const, rate, np.random.default_rng(seed))
        low, high = dropout.binomial_interval(n, 1 - rate)
        print(f"  {rate:.1f}    {seed}      {mask.mean():.5f}      [{low:.5f}, {high:.5f}]")
        assert low <= mask.mean() <= high, (rate, seed)


# %% [markdown]
# **The mean is preserved.** For a constant input `a`, each output is `a / (1 − rate)` with probability
# `1 − rate` and 0 otherwise: its mean is `a` and its standard deviation `a · sqrt(rate / (1 − rate))`.
# The mean of `n` outputs therefore lies within `4 · a · sqrt(rate / (1 − rate) / n)` of `a` (4
# standard errors).
#
# **The variance grows.** Dropout adds noise: for a constant input `a`, inverted dropout's output has
#
# $$ \operatorname{Var}[y] = \mathbb{E}[y^2] - a^2 = \frac{a^2}{1 - \text{rate}} - a^2
# = a^2\,\frac{\text{rate}}{1 - \text{rate}} ,$$
#
# 0 at rate 0, `a²` at rate 0.5, `4 a²` at rate 0.8: the noise explodes as the rate approaches 1. The
# measured variance of the `n` outputs is `(a / p)² · f (1 − f)` where `f` is the kept fraction, a function
# of `f` alone, so its tolerance follows from the binomial interval of `f`: the smallest and largest
# values of `(a / p)² · q (1 − q)` for `q` in that interval.

# %%
def variance_interval(a, rate, n):
    """Where the measured variance of n inverted-dropout outputs of constant a must fall (4 s.e. in f)."""
    p = 1 - rate
    low, high = dropout.binomial_interval(n, p)
    values = [(a / p) ** 2 * q * (1 - q) for q in (low, high)]
    # q (1 - q) is largest at q = 1/2: include it if the interval contains it
    largest = (a / p) ** 2 * 0.25 if low <= 0.5 <= high else max(values)
    return min(values), largest


a = 2.0
rates = (0.1, 0.3, 0.5, 0.7)
measured_variance = {}
print(" rate  seed    mean  (tolerance)   variance  formula a²·rate/(1-rate)")
for rate in rates:
    for seed in (0, 1, 2):
        out, _ = dropout_forward(np.full(n, a), rate, np.random.default_rng(seed))
        mean_tolerance = 4 * a * math.sqrt(rate / (1 - rate) / n)
        formula = a**2 * rate / (1 - rate)
        low, high = variance_interval(a, rate, n)
        measured_variance[rate, seed] = out.var()
        print(f"  {rate:.1f}    {seed}   {out.mean():.4f} (±{mean_tolerance:.4f})   {out.var():.4f}   {formula:.4f}")
        assert abs(out.mean() - a) <= mean_tolerance, (rate, seed)
        assert low <= out.var() <= high and low <= formula <= high, (rate, seed)

# %%
# extra code – the measured variance against the formula, over a finer grid of rates (seed 0)
fine_rates = np.linspace(0.0, 0.8, 17)
fine_measured = [dropout_forward(np.full(100_000, a), r, np.random.default_rng(0))[0].var() for r in fine_rates]
fig, ax = plt.subplots(figsize=(7, 4))
grid = np.linspace(0.0, 0.8, 200)
ax.plot(grid, a**2 * grid / (1 - grid), color=plots.PALETTE[0], label="formula a²·rate / (1 − rate)")
ax.plot(fine_rates, fine_measured, "o", color=plots.PALETTE[1], label="measured, 100,000 units")
ax.set_xlabel("dropout rate")
ax.set_ylabel("variance of the output (input units²)")
ax.set_title("Inverted dropout adds noise: output variance for a constant input a = 2")
ax.legend()
plt.show()

# %% [markdown]
# **Rate 0 is the identity, and masks differ per example.** With rate 0 nothing is dropped and nothing is
# scaled: the output is the input, the very same array. In a batch, each example (row) gets its own
# mask, and the next training step draws new ones:

# %%
out, mask = dropout_forward(x_batch, 0.0, np.random.default_rng(0))
assert out is x_batch and mask is None
ref_out, ref_mask = dropout.dropout_forward(x_batch, 0.0, rng=np.random.default_rng(0))
assert ref_out is x_batch and ref_mask is None

rng_steps = np.random.default_rng(0)
batch = np.ones((64, 100), dtype=np.float32)
_, step_1 = dropout_forward(batch, 0.5, rng_steps)
_, step_2 = dropout_forward(batch, 0.5, rng_steps)
distinct_rows = len(np.unique(step_1, axis=0))
print(f"rate 0: output is the input; distinct masks among 64 examples: {distinct_rows}; "
      f"positions where step 1 and step 2 agree: {(step_1 == step_2).mean():.3f} (independent masks: 0.5)")
assert distinct_rows == 64
low, high = dropout.binomial_interval(step_1.size, 0.5)  # agreement of two independent masks: 0.5² + 0.5²
assert low <= (step_1 == step_2).mean() <= high

# %%
# extra code – the masks of the first 16 examples at two consecutive training steps
fig, axes = plt.subplots(1, 2, figsize=(12, 3.6))
for ax, step_mask, title in zip(axes, (step_1, step_2), ("step 1", "step 2"), strict=True):
    ax.imshow(step_mask[:16, :60], cmap="Greys_r", vmin=0, vmax=1, interpolation="nearest", aspect="auto")
    ax.set_title(f"Keep masks at {title} (white = kept)")
    ax.set_xlabel("unit (first 60 of 100)")
    ax.set_ylabel("example in the batch")
plt.show()


# %% [markdown]
# **What to notice:** no two rows are alike, and the second step shares only about half of its
# positions with the first: dropout thins a different network for every example at every step.
#
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
    """Gradient of inverted dropout with respect to its input, for the mask of the forward pass."""
    if mask is None:  # inference or rate 0: the identity
        return grad_out
    return grad_out * mask / (1 - rate)


grad_out = np.random.default_rng(3).standard_normal(x_batch.shape).astype(np.float32)
for rate in (0.1, 0.5, 0.8):
    _, mask = dropout_forward(x_batch, rate, np.random.default_rng(0))
    assert np.array_equal(dropout_backward(grad_out, mask, rate), dropout.dropout_backward(grad_out, mask, rate))
print("dropout_backward equals dropout.dropout_backward for rates 0.1, 0.5, 0.8")


# %% [markdown]
# ### Check the gradient numerically
#
# A gradient derived by hand can be wrong in ways that still train (a missing scale only changes the
# learning rate). A **numerical gradient check** compares it with central differences,
# `(L(x + h e_i) − L(x − h e_i)) / 2h`, element by element, in float64 (float32's 7 digits are not
# enough). We report the relative error `‖g_analytic − g_numeric‖ / (‖g_analytic‖ + ‖g_numeric‖)`;
# below 1e-7 means the two agree to about 7 significant digits. The mask is drawn once and held fixed,
# so the loss is a smooth function of `x`.

# %% tags=["nbval-ignore-output"]
def numerical_gradient(f, x, h=1e-6):
    """Central differences of the scalar function f at x, one element at a time (float64)."""
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + h
        f_plus = f()
        x[index] = saved - h
        f_minus = f()
        x[index] = saved
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(g1, g2):
    return np.linalg.norm(g1 - g2) / (np.linalg.norm(g1) + np.linalg.norm(g2))


def check_dropout_gradient(rate, rng):
    x_small = rng.standard_normal((4, 6))  # float64
    weights = rng.standard_normal((4, 6))  # the loss L = sum(weights * dropout(x)), so dL/dy = weights
    _, fixed_mask = dropout_forward(x_small, rate, rng)

    def loss():
        return np.sum(weights * (x_small * fixed_mask / (1 - rate)))

    return relative_error(dropout_backward(weights, fixed_mask, rate), numerical_gradient(loss, x_small))


for rate in (0.2, 0.5, 0.8):
    for seed in (0, 1, 2):
        error = check_dropout_gradient(rate, np.random.default_rng(seed))
        assert error < 1e-7, (rate, seed)
    print(f"dropout alone, rate {rate}: relative error {error:.1e} (seed 2; seeds 0 and 1 also below 1e-7)")


# %% [markdown]
# Now inside a small network: dense → ReLU → dropout → dense → softmax cross-entropy, on a batch of 5
# examples with 4 features, 8 hidden units and 3 classes. The forward pass keeps what the backward pass
# needs; the backward pass applies the chain rule layer by layer, in reverse, and uses our
# `dropout_backward` with the forward pass's mask.

# %% tags=["nbval-ignore-output"]
def softmax_cross_entropy(logits, labels):
    """Mean cross-entropy, and its gradient with respect to the logits."""
    shifted = logits - logits.max(axis=1, keepdims=True)  # for numerical stability
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    n = len(labels)
    loss = -log_probs[np.arange(n), labels].mean()
    grad = np.exp(log_probs)
    grad[np.arange(n), labels] -= 1
    return loss, grad / n


def small_net_loss_and_grads(params, X, labels, mask, rate):
    W1, b1, W2, b2 = params
    z1 = X @ W1 + b1  # dense
    r1 = np.maximum(z1, 0)  # ReLU
    d1 = r1 * mask / (1 - rate)  # dropout with a fixed mask
    logits = d1 @ W2 + b2  # dense
    loss, g_logits = softmax_cross_entropy(logits, labels)
    # backward, in reverse order
    g_W2, g_b2 = d1.T @ g_logits, g_logits.sum(axis=0)
    g_d1 = g_logits @ W2.T
    g_r1 = dropout_backward(g_d1, mask, rate)
    g_z1 = g_r1 * (z1 > 0)
    g_W1, g_b1 = X.T @ g_z1, g_z1.sum(axis=0)
    return loss, [g_W1, g_b1, g_W2, g_b2], z1


def check_small_net(seed, rate=0.5):
    """Relative errors of the hand-written gradients of W1, b1, W2, b2, with the mask drawn from seed."""
    rng = np.random.default_rng(seed)
    X_small = rng.standard_normal((5, 4))  # float64
    labels_small = rng.integers(0, 3, size=5)
    params = [rng.standard_normal((4, 8)), rng.standard_normal(8) * 0.1,
              rng.standard_normal((8, 3)), rng.standard_normal(3) * 0.1]
    fixed_mask = keep_mask((5, 8), rate, rng)
    _, analytic, z1 = small_net_loss_and_grads(params, X_small, labels_small, fixed_mask, rate)
    # ReLU has a kink at 0: the check is valid only if no pre-activation is within h of it
    assert np.abs(z1).min() > 1e-3

    def net_loss():
        return small_net_loss_and_grads(params, X_small, labels_small, fixed_mask, rate)[0]

    # numerical_gradient perturbs each parameter array in place, one element at a time
    return {name: relative_error(grad, numerical_gradient(net_loss, param))
            for name, param, grad in zip(("W1", "b1", "W2", "b2"), params, analytic, strict=True)}


for seed in (0, 1, 2):
    errors = check_small_net(seed)
    print(f"seed {seed}: " + ", ".join(f"{name} {error:.1e}" for name, error in errors.items()))
    assert max(errors.values()) < 1e-7, seed

# %% [markdown]
# **What to notice:** the hand-written gradients of all four parameters agree with central differences
# to better than 1e-7 for the three seeds (0, 1, 2) of data, weights and mask.
# A hidden unit dropped for an example gets no gradient from it: that entry of `g_z1` is 0, so the unit's
# column of `W1` learns nothing from that example at this step.
#
# ## Train a NumPy network with and without dropout
#
# Now the whole thing in use: a 784-128-128-10 ReLU network written in NumPy, trained by minibatch SGD
# with momentum on 3,000 Fashion-MNIST training images, validated on 2,000 others. The two hidden layers
# use the `dropout_forward` and `dropout_backward` from above; the run without dropout uses the same code
# with rate 0. Accuracy is measured at the end of each epoch with dropout off (inference).

# %%
full_train = data.load_fashion_mnist("train")
train_set, validation_set = data.split_off_validation(full_train, 2000)
n_train = 3000
X_train = train_set.images[:n_train].reshape(n_train, -1)  # float32, (3000, 784)
y_train = train_set.labels[:n_train]
X_val = validation_set.images.reshape(len(validation_set), -1)
y_val = validation_set.labels
print(f"training {X_train.shape}, validation {X_val.shape}, classes {len(train_set.class_names)}")


# %%
def init_mlp(sizes, rng):
    """He-initialised weights (float32) and zero biases, one (W, b) pair per layer."""
    return [[rng.normal(0.0, math.sqrt(2.0 / m), (m, k)).astype(np.float32), np.zeros(k, np.float32)]
            for m, k in itertools.pairwise(sizes)]


def mlp_forward(layers, X, rate, rng, training):
    """Logits, and what the backward pass needs: each layer's input, pre-activation and dropout mask."""
    h, cache = X, []
    for i, (W, b) in enumerate(layers):
        z = h @ W + b
        if i == len(layers) - 1:
            cache.append((h, None, None))
            return z, cache
        out, mask = dropout_forward(np.maximum(z, 0), rate, rng, training)
        cache.append((h, z, mask))
        h = out


def mlp_backward(layers, cache, g_logits, rate):
    grads = [None] * len(layers)
    g = g_logits
    for i in reversed(range(len(layers))):
        h, _, _ = cache[i]
        grads[i] = [h.T @ g, g.sum(axis=0)]
        if i > 0:
            _, z_below, mask_below = cache[i - 1]
            g = dropout_backward(g @ layers[i][0].T, mask_below, rate) * (z_below > 0)
    return grads


def evaluate(layers, X, y):
    logits, _ = mlp_forward(layers, X, 0.0, None, training=False)
    loss, _ = softmax_cross_entropy(logits, y)
    return float(loss), float((logits.argmax(axis=1) == y).mean())


def train_mlp(rate, seed, epochs=20, batch_size=128, learning_rate=0.05, momentum=0.9, hidden=128):
    rng = np.random.default_rng(seed)  # one generator: initial weights, shuffling and every mask
    layers = init_mlp([784, hidden, hidden, 10], rng)
    velocity = [[np.zeros_like(W), np.zeros_like(b)] for W, b in layers]
    history = {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": []}
    for _ in range(epochs):
        order = rng.permutation(len(X_train))
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            logits, cache = mlp_forward(layers, X_train[batch], rate, rng, training=True)
            _, g_logits = softmax_cross_entropy(logits, y_train[batch])
            for layer, v, g in zip(layers, velocity, mlp_backward(layers, cache, g_logits, rate), strict=True):
                for j in range(2):  # SGD with momentum, on W and b
                    v[j] = momentum * v[j] - learning_rate * g[j]
                    layer[j] += v[j]
        for prefix, (X, y) in (("", (X_train, y_train)), ("val_", (X_val, y_val))):
            loss, accuracy = evaluate(layers, X, y)
            history[prefix + "loss"].append(loss)
            history[prefix + "accuracy"].append(accuracy)
    return history


# %% [markdown]
# Two runs with the same seed (same initial weights and the same order of examples), one with dropout
# rate 0.3 on both hidden layers. To smooth epoch-to-epoch noise, the numbers are averages over the last
# 5 of 20 epochs.

# %%
histories = {"no dropout": train_mlp(rate=0.0, seed=0), "dropout": train_mlp(rate=0.3, seed=0)}


def last_epochs(history, key, k=5):
    return float(np.mean(history[key][-k:]))


gaps = {}
print(f"{'':>11} {'train acc':>10} {'val acc':>8} {'gap':>7}")
for name, history in histories.items():
    train_acc, val_acc = last_epochs(history, "accuracy"), last_epochs(history, "val_accuracy")
    gaps[name] = train_acc - val_acc
    print(f"{name:>11} {train_acc:>10.3f} {val_acc:>8.3f} {gaps[name]:>7.3f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
plots.plot_learning_curves(histories, "accuracy", ax=axes[0], title="From-scratch MLP: accuracy per epoch")
plots.plot_learning_curves(histories, "loss", ax=axes[1], title="From-scratch MLP: loss per epoch")
axes[0].set_ylabel("accuracy (fraction correct)")
axes[1].set_ylabel("cross-entropy loss (nats)")
for ax in axes:
    ax.set_xlabel("epoch")
plt.show()

# %% [markdown]
# **The claim, checked.** Dropout narrows the gap between training and validation accuracy by at least
# 2.5 percentage points here, and the validation accuracy stays within 2.5 points of the run without
# dropout. Seeds 0, 1, 2 and 3 were tried: the gap fell from 0.092–0.105 without dropout to 0.059–0.065
# with it (narrowing by 0.031–0.043), and the validation accuracy changed by −0.016 to +0.001.
# Almost all of the narrowing comes from the training accuracy: with 30% of its hidden units missing at
# every step, the network cannot memorise the 3,000 training images as easily. After only 20 epochs on
# so little data, that does not buy a better validation score; at rate 0.5 (tried with 20 and 30 epochs)
# the gap narrows more but the validation accuracy drops by 1–4 points. Notebooks 03 and 04 train longer
# and compare rates.

# %%
val_plain = last_epochs(histories["no dropout"], "val_accuracy")
val_dropout = last_epochs(histories["dropout"], "val_accuracy")
train_drop = last_epochs(histories["no dropout"], "accuracy") - last_epochs(histories["dropout"], "accuracy")
print(f"gap without dropout {gaps['no dropout']:.3f}, with dropout {gaps['dropout']:.3f}; "
      f"validation accuracy {val_plain:.3f} vs {val_dropout:.3f}; training accuracy lower by {train_drop:.3f}")
assert gaps["dropout"] < gaps["no dropout"] - 0.025
assert abs(val_dropout - val_plain) < 0.025
assert train_drop > gaps["no dropout"] - gaps["dropout"] - 0.01  # the narrowing is (almost) all training accuracy


# %% [markdown]
# ## Make the mask fast
#
# How expensive is dropout? The multiplication is one pass over memory, as cheap as a copy. The mask is
# not: the straightforward mask draws one float64 uniform number (64 random bits, then a conversion to
# floating point) per unit, and random number generation dominates the cost.
#
# A unit needs far fewer bits. With 16 random bits `b` (an integer from 0 to 65535) per unit, keep the
# unit where `b < round((1 − rate) · 65536)`: the keep probability is then `1 − rate` rounded to a
# multiple of 1/65536, exact to 1/131072, and one 64-bit draw serves four units, with no floating-point
# random numbers at all.

# %%
def fast_keep_mask(shape, rate, rng):
    """Keep mask from 16 random bits per unit, compared with an integer threshold."""
    threshold = round((1 - rate) * 65536)  # P(b < threshold) = threshold / 65536
    size = math.prod(shape)
    words = rng.integers(0, 2**64 - 1, size=(size + 3) // 4, dtype=np.uint64, endpoint=True)
    bits = words.view(np.uint16)[:size]  # four 16-bit numbers from each 64-bit word
    return (bits < threshold).reshape(shape)


print(fast_keep_mask((2, 8), 0.5, np.random.default_rng(0)).astype(int))

# %%
n = 4 * 2**20  # 4 M units
for rate in (0.1, 0.5, 0.7):
    p_fast = dropout.fast_keep_probability(rate)
    assert abs(p_fast - (1 - rate)) <= 1 / 131072
    for seed in (0, 1, 2):
        mine = fast_keep_mask((n,), rate, np.random.default_rng(seed))
        assert np.array_equal(mine, dropout.fast_keep_mask((n,), rate, rng=np.random.default_rng(seed)))
        low, high = dropout.binomial_interval(n, p_fast)
        assert low <= mine.mean() <= high, (rate, seed)
    print(f"rate {rate}: keep probability {p_fast:.6f} (1 - rate = {1 - rate:.6f}); seed 2 kept {mine.mean():.5f}, "
          f"interval [{low:.5f}, {high:.5f}]")
print("fast_keep_mask equals dropout.fast_keep_mask; kept fractions within their binomial intervals (seeds 0, 1, 2)")

# %% [markdown]
# ### Measure the throughput, side by side
#
# `mask_speed.measure_mask_speed` times five ways to apply dropout at rate 0.5 to float32 arrays of 64 K
# to 16 M elements, in one run, interleaved (each repeat times every method once, so a burst of load from
# elsewhere hits them all alike), reporting the median: a plain copy (the memory floor), the
# straightforward mask (`dropout.dropout_forward`), the fast mask (`dropout.fast_dropout_forward`, the
# mask above plus an in-place multiply,
# driven by NumPy's fastest bit generator, `np.random.Generator(np.random.SFC64(seed))`: when random bits
# are the cost, the generator that makes them matters too), `tf.nn.dropout`, and Keras's `Dropout` layer. Timings depend on
# the machine and its load, so the numbers below are not compared when the notebook is tested.

# %% tags=["nbval-ignore-output"]
timings = mask_speed.measure_mask_speed(repeats=5, min_sample_seconds=0.005)
print(mask_speed.format_table(timings))

# %%
fig, ax = plt.subplots(figsize=(10, 5))
mask_speed.plot_throughput(timings, ax=ax, title="Dropout at rate 0.5 on float32 arrays (higher is faster)")
ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))  # outside, clear of the lines
plt.show()

# %% [markdown]
# Two things are visible in any run of the table, and checked on it: at every size the plain copy is at
# least twice as fast as every dropout method (the multiplication is not what costs), and at 64 K
# elements the fast mask is at least 3x faster than `tf.nn.dropout` (TensorFlow's fixed cost per call
# dominates small arrays).

# %% tags=["nbval-ignore-output"]
sizes = sorted({t.n_elements for t in timings})
for size in sizes:
    copy_throughput = next(t.elements_per_second for t in timings if t.method == "copy" and t.n_elements == size)
    slowest_gap = min(copy_throughput / t.elements_per_second
                      for t in timings if t.method != "copy" and t.n_elements == size)
    print(f"{size:>10,} elements: the copy is {slowest_gap:.1f}x faster than the fastest dropout method")
    assert slowest_gap >= 2.0, size
small = mask_speed.speedup(timings, "fast", "tf.nn.dropout", sizes[0])
print(f"at {sizes[0]:,} elements the fast mask is {small:.1f}x faster than tf.nn.dropout")
assert small >= 3.0

# %% [markdown]
# A single table can be skewed by a burst of load, so the remaining claims are checked with paired measurements
# (`mask_speed.paired_speedup`: the two methods timed back to back, 9 times, median of the ratios) at
# 4 M elements. The checks here use margins that hold on a busy shared machine: the copy is at least 3x
# faster than the fast mask (the random bits, not the memory traffic, are the cost), the fast mask is at
# least 1.5x faster than the straightforward one and at least 1.3x faster than `tf.nn.dropout`. On a quiet
# 2-core machine the fast mask reaches about 2x `tf.nn.dropout` at 4 M elements; `make bench` measures
# that target.

# %% tags=["nbval-ignore-output"]
ratios = {
    "copy vs fast mask": mask_speed.paired_speedup("copy", "fast", 2**22, pairs=9),
    "fast vs straightforward mask": mask_speed.paired_speedup("fast", "numpy", 2**22, pairs=9),
    "fast mask vs tf.nn.dropout": mask_speed.paired_speedup("fast", "tf.nn.dropout", 2**22, pairs=9),
}
for name, ratio in ratios.items():
    print(f"{name}: {ratio:.2f}x")
assert ratios["copy vs fast mask"] >= 3.0
assert ratios["fast vs straightforward mask"] >= 1.5
assert ratios["fast mask vs tf.nn.dropout"] >= 1.3

# %% [markdown]
# **What to notice:** every dropout method is far below the copy line; the cost of dropout is making
# random numbers. Using 16 bits per unit instead of a float64 per unit is what makes the from-scratch
# mask fast. `tf.nn.dropout` and Keras pay a fixed cost per call that dominates at small sizes, and use
# both cores on large arrays, so their curves climb with size (and suffer most when other programs
# compete for the cores).
#
# ## Recap
#
# - A keep mask is `rng.random(shape) >= rate`: each unit kept with probability `1 − rate`, independently
#   per example and per step, from a seeded generator.
# - Inverted dropout scales kept units by `1 / (1 − rate)` in training and is the identity at inference;
#   the classic variant does not scale in training and multiplies by `p = 1 − rate` at test time. Both give
#   the same expected activations.
# - Measured: the kept fraction falls within its binomial interval, the mean is preserved within 4
#   standard errors, and the variance for a constant input `a` is `a² · rate / (1 − rate)`.
# - The backward pass multiplies the gradient by the same mask and scale; numerical gradient checks in
#   float64 agree to better than 1e-7, alone and in a dense-ReLU-dropout-dense network.
# - In a from-scratch MLP, dropout (rate 0.3) narrowed the train/validation gap by about a third, mostly
#   by lowering the training accuracy; validation accuracy stayed about the same after 20 epochs.
# - Dropout's cost is random number generation: 16 random bits per unit instead of a float64 made the
#   mask at least 1.5x faster in the check above, with the keep probability still exact to 1/131072.
#
# ## Self-check
#
# Pick an answer and press **Check**: you see whether it is right, and why. Under the quiz, a folded
# block lists every answer with its explanation, for when you have tried.

# %%
from helpers import quiz

quiz.show_quiz("02_dropout_from_scratch")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Write `my_dropout_backward(grad_out, keep_mask, rate)` for inverted dropout without
# looking back: the gradient with respect to the input, given the gradient with respect to the output
# and the boolean mask of the forward pass. Keep float32 as float32.

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

# %% [markdown]
# **Exercise 2.** Write `classic_test_forward(x, rate)`: the output of the *classic* (non-inverted)
# dropout layer at test time, for a layer trained with dropout rate `rate`. (Careful: the course page
# gets this one wrong.)

# %%
classic_test_forward = None  # your function here
nb02.check_classic_test_forward(classic_test_forward)


# %% [markdown]
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

# %% [markdown]
# **Exercise 3.** Write `output_variance(a, rate)`: the variance of one output of inverted dropout in
# training, for a constant input `a`. Then check your formula against a measurement of your own.

# %%
output_variance = None  # your function here
nb02.check_output_variance(output_variance)


# %% [markdown]
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
# - Stanford CS231n, *Neural Networks Part 2: Setting up the Data and the Loss*, section "Dropout"
#   (https://cs231n.github.io/neural-networks-2/#reg): inverted dropout in a few lines of NumPy; and
#   *Neural Networks Part 3*, "Gradient checks" (https://cs231n.github.io/neural-networks-3/#gradcheck).
# - A. Zhang, Z. Lipton, M. Li, A. Smola, *Dive into Deep Learning*, section 5.6 "Dropout"
#   (https://d2l.ai/chapter_multilayer-perceptrons/dropout.html): dropout from scratch and with the
#   framework's layer.
# - Y. Gal, Z. Ghahramani (2016). *Dropout as a Bayesian Approximation.* ICML 2016. What the noise you
#   measured above can be used for (notebook 04).
#
# ---
#
# Previous: [01 · Why dropout](01_why_dropout.ipynb) · Next: [03 · Keras `Dropout(0.5)`](03_keras_dropout.ipynb)
