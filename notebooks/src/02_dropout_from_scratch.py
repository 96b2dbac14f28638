# %% [markdown]
# # 02 · Dropout from scratch: the mask, the scaling, the gradient
#
# You build dropout in NumPy one line at a time, check every line against the course's tested
# reference (`helpers/dropout.py`) on the same random numbers, measure that it does what the maths
# says, and train a small network with it.
#
# **Learning objectives.** After this notebook you can
# - draw a Bernoulli keep mask from a seeded `np.random.Generator` and apply it with inverted scaling
#   (the Keras way) or the classic test-time scaling (the original paper);
# - check by measurement that the kept fraction, the mean and the variance of the output are what
#   the formulas predict, with tolerances derived from the binomial distribution;
# - write the backward pass and verify it with a numerical gradient check, alone and inside a small
#   network;
# - train a from-scratch NumPy MLP with and without dropout, on the same initial weights and the same
#   order of examples, and read the train/validation gap.
#
# An optional last section times the mask itself on a CPU.
#
# **Run time:** about 10 seconds on a 2-core CPU (two small NumPy networks are trained).
# **Study time:** core path about 35 min, whole notebook about 40 min (the rule: 00's course map).
# **Prerequisites:** notebook 01 (what dropout does, and what happens at test time); NumPy arrays
# and the chain rule.

# %% [markdown]
# ## Setup

# %% tags=["parameters"]
# Parameters: change SEED and re-run all cells; the checks then say which
# claims hold at your seed. The stored outputs and CI use SEED = 0.
SEED = 0
# ledger seeds: 20

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style
from helpers import course

print(course.setup_notebook(seed=SEED))
import itertools
import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import claims, data, dropout, mask_speed, plots, progress, tables, widgets

check = claims.Checker("02_dropout_from_scratch", seed=SEED)

# %% [markdown]
# ## Draw a keep mask
#
# Dropout with rate `rate` drops each unit independently with probability `rate`, so it **keeps**
# each unit with probability `p = 1 - rate`. One uniform random number `u` in [0, 1) per unit
# decides: keep the unit where `u >= rate` (that happens with probability `1 - rate`). All
# randomness comes from an explicit, seeded `np.random.Generator`, so a seed gives the same mask
# every time.


# %%
def keep_mask(shape, rate, rng):
    """True where a unit is kept: one uniform number per unit, kept w.p. 1 - rate."""
    u = rng.random(shape)
    return u >= rate


mask = keep_mask((2, 8), 0.5, np.random.default_rng(SEED))
print(mask.astype(int))

# %% [markdown]
# Check it against the tested reference, `dropout.bernoulli_keep_mask`, on the same random stream
# (two generators with the same seed):

# %%
same = all(
    np.array_equal(
        keep_mask((64, 100), rate, np.random.default_rng(SEED)),
        dropout.bernoulli_keep_mask((64, 100), rate, rng=np.random.default_rng(SEED)),
    )
    for rate in (0.0, 0.2, 0.5, 0.9)
)
check.that(
    "mask_matches_reference",
    "keep_mask draws the reference's mask",
    same,
    shown="rates 0, 0.2, 0.5, 0.9",
)


# %% [markdown]
# ## Apply the mask with inverted scaling
#
# Multiplying by the mask zeroes the dropped units. With only a fraction `1 - rate` of the units
# left, the layer's output would shrink on average by that factor, and the next layer would see
# smaller inputs in training than at test time. **Inverted dropout** (what Keras does) scales the kept
# units up by `1 / (1 - rate)` during training, so the expected output equals the input, and does
# nothing at all at inference:
#
# $$ y_i = \frac{m_i}{1 - \text{rate}}\, x_i, \quad m_i \sim \text{Bernoulli}(1 - \text{rate})
# \qquad\Longrightarrow\qquad \mathbb{E}[y_i] = x_i .$$


# %%
def dropout_forward(x, rate, rng, training=True):
    """Inverted dropout: (output, keep mask); at inference or rate 0, (x, None)."""
    if not 0 <= rate < 1:  # rate 1 would drop everything and divide by 0
        raise ValueError(f"rate must be in [0, 1); got {rate}")
    if not training or rate == 0:
        return x, None
    mask = keep_mask(x.shape, rate, rng)
    return x * mask / (1 - rate), mask


x = np.arange(1, 11, dtype=np.float32)
out, mask = dropout_forward(x, 0.5, np.random.default_rng(SEED))
print("x:          ", x)
print("kept:       ", mask.astype(int))
print("output:     ", out)
print("at test time", dropout_forward(x, 0.5, None, training=False)[0])

# %% [markdown]
# Every kept unit is doubled (rate 0.5: `1 / (1 - 0.5) = 2`), every dropped unit is 0, and the dtype
# stays float32. The reference `dropout.dropout_forward` must agree exactly on the same stream, and
# inference must return the input itself:

# %%
x_batch = np.random.default_rng(SEED + 100).standard_normal((32, 50)).astype(np.float32)
agree = []
for rate in (0.0, 0.1, 0.5, 0.8):
    mine, mine_mask = dropout_forward(x_batch, rate, np.random.default_rng(SEED))
    ref, ref_mask = dropout.dropout_forward(
        x_batch, rate, rng=np.random.default_rng(SEED)
    )
    same_mask = (mine_mask is None and ref_mask is None) or np.array_equal(
        mine_mask, ref_mask
    )
    agree.append(np.array_equal(mine, ref) and mine.dtype == np.float32 and same_mask)
    agree.append(dropout_forward(x_batch, rate, None, training=False)[0] is x_batch)
check.that(
    "forward_matches_reference",
    "dropout_forward equals the reference; inference is x",
    all(agree),
    shown="values, masks and float32 at rates 0, 0.1, 0.5, 0.8",
)

# %% [markdown]
# ### Explore the mask
#
# Drag the rate and press **Resample**: a layer of 64 units, the units the mask keeps (filled blue)
# and drops (open, output 0), the kept fraction and the scale factor 1/(1 − rate) that the kept
# units get. Watch the factor grow as the rate approaches 1: at 0.9 each kept unit is multiplied by
# 10. The explorer needs a running kernel; the figure after it is the stored result for four rates.

# %%
widgets.mask_explorer(n_units=64, rate=0.5, seed=SEED)

# %%
# extra code – four masks of the same 64 units, as the explorer draws them
fig, axes = plt.subplots(2, 2, figsize=(8, 7.6), layout="constrained")
for ax, rate in zip(axes.flat, (0.2, 0.5, 0.8, 0.9), strict=True):
    ones = np.ones(64, dtype="float32")
    _, explorer_mask = dropout.dropout_forward(
        ones, rate, rng=np.random.default_rng(SEED)
    )
    widgets.plot_mask(explorer_mask, rate, ax=ax)
    handles = ax.get_legend().legend_handles
    ax.get_legend().remove()
    ax.set(xlabel="", ylabel="")
    ax.set_title(f"rate {rate:g}: {explorer_mask.sum()} kept, ×{1 / (1 - rate):.3g}")
fig.legend(
    handles=handles,
    labels=["kept (scaled)", "dropped (output 0)"],
    loc="outside lower center",
    ncols=2,
    frameon=False,
)
fig.suptitle("64 units, 8 per row (unit 0 at the top left)")
plt.show()


# %% [markdown]
# ## The classic variant: scale at test time instead
#
# The original method (Srivastava et al. 2014) does **not** scale during training: `y = m · x`.
# Each unit is then present only a fraction `p = 1 - rate` of the time, so at test time, when every
# unit is present, the outputs are multiplied by the **retention probability** `p = 1 - rate` (the
# paper scales the outgoing weights by `p`; same thing; notebook 01 explains why not by the rate).


# %%
def classic_dropout_forward(x, rate, rng, training=True):
    """Original dropout: no scaling in training; times p = 1 - rate at test time."""
    if not training:
        return x * (1 - rate), None
    if rate == 0:
        return x, None
    mask = keep_mask(x.shape, rate, rng)
    return x * mask, mask


agree = []
for rate, training in itertools.product((0.0, 0.2, 0.5, 0.8), (True, False)):
    mine, _ = classic_dropout_forward(
        x_batch, rate, np.random.default_rng(SEED), training
    )
    ref, _ = dropout.classic_dropout_forward(
        x_batch, rate, rng=np.random.default_rng(SEED), training=training
    )
    agree.append(np.array_equal(mine, ref))
check.that(
    "classic_matches_reference",
    "classic_dropout_forward equals the reference",
    all(agree),
    shown="4 rates, in training and at test time",
)

# %% [markdown]
# Both variants agree on *expectations*: the classic training output averages to `p · x`, exactly
# what the classic test-time output is; inverted dropout's training output averages to `x`, which
# is its inference output. Measured on one constant input `a = 2` over a million units (the
# tolerance is 4 standard errors of a mean of a million independent draws):

# %%
a, rate, n = 2.0, 0.2, 1_000_000
classic_train, _ = classic_dropout_forward(
    np.full(n, a), rate, np.random.default_rng(SEED)
)
classic_test, _ = classic_dropout_forward(np.full(n, a), rate, None, training=False)
# std of a * Bernoulli(1 - rate), divided by sqrt(n)
standard_error = a * math.sqrt(rate * (1 - rate) / n)
z = (classic_train.mean() - classic_test[0]) / standard_error
check.that(
    "classic_means_agree",
    "the classic training mean equals the test output p·a (within 4 standard errors)",
    abs(z) < 4,
    shown=f"{classic_train.mean():.4f} vs {classic_test[0]:.4f}, z = {z:.2f}",
    value=z,
)

# %% [markdown]
# **What to notice:** layer by layer, the two variants compute the same expected activations;
# inverted dropout moves the scaling into training so that inference, the part that runs in
# production, is untouched. (Through a whole nonlinear network, the test-time pass only
# approximates the average over thinned networks; notebook 04 measures how closely.)
#
# ## Check the mask by measurement
#
# Equality with the reference shows the notebook's code does what the reference does. Whether *both*
# do what dropout promises is a question of statistics. Each claim below is checked for several
# rates, with a tolerance derived from the binomial distribution, not picked by eye.
#
# **The kept fraction.** Out of `n` units the number kept is Binomial(n, 1 − rate), so the kept
# fraction has standard error `sqrt(p (1 − p) / n)`. `dropout.binomial_interval(n, p)` gives
# `p ± 4` standard errors: a correct mask falls outside it with probability below 1 in 10,000.

# %%
n = 1_000_000
x_const = np.full(n, 2.0)
inside = []
print(" rate  kept fraction   binomial interval (4 s.e.)")
for rate in (0.1, 0.3, 0.5, 0.7):
    _, mask = dropout_forward(x_const, rate, np.random.default_rng(SEED))
    low, high = dropout.binomial_interval(n, 1 - rate)
    inside.append(low <= mask.mean() <= high)
    print(f"  {rate:.1f}     {mask.mean():.5f}      [{low:.5f}, {high:.5f}]")
check.that(
    "kept_fraction",
    "the kept fraction lies in its binomial interval at every rate",
    all(inside),
    shown=f"{sum(inside)} of {len(inside)} rates",
)


# %% [markdown]
# **The mean is preserved.** For a constant input `a`, each output is `a / (1 − rate)` with
# probability `1 − rate` and 0 otherwise: its mean is `a` and its standard deviation
# `a · sqrt(rate / (1 − rate))`. The mean of `n` outputs therefore lies within
# `4 · a · sqrt(rate / (1 − rate) / n)` of `a` (4 standard errors).
#
# **The variance grows.** Dropout adds noise: for a constant input `a`, inverted dropout's output has
#
# $$ \operatorname{Var}[y] = \mathbb{E}[y^2] - a^2 = \frac{a^2}{1 - \text{rate}} - a^2
# = a^2\,\frac{\text{rate}}{1 - \text{rate}} ,$$
#
# 0 at rate 0, `a²` at rate 0.5, `4 a²` at rate 0.8: the noise explodes as the rate approaches 1.
# The measured variance of the `n` outputs is `(a / p)² · f (1 − f)` where `f` is the kept fraction,
# a function of `f` alone, so its tolerance follows from the binomial interval of `f`: the smallest
# and largest values of `(a / p)² · q (1 − q)` for `q` in that interval.


# %%
def variance_interval(a, rate, n):
    """Where the variance of n inverted-dropout outputs of constant a must fall."""
    p = 1 - rate
    low, high = dropout.binomial_interval(n, p)
    values = [(a / p) ** 2 * q * (1 - q) for q in (low, high)]
    # q (1 - q) is largest at q = 1/2: include it if the interval contains it
    largest = (a / p) ** 2 * 0.25 if low <= 0.5 <= high else max(values)
    return min(values), largest


a = 2.0
mean_ok, variance_ok = [], []
print(" rate    mean  (tolerance)   variance  formula a²·rate/(1-rate)")
for rate in (0.1, 0.3, 0.5, 0.7):
    out, _ = dropout_forward(np.full(n, a), rate, np.random.default_rng(SEED))
    mean_tolerance = 4 * a * math.sqrt(rate / (1 - rate) / n)
    formula = a**2 * rate / (1 - rate)
    low, high = variance_interval(a, rate, n)
    mean_ok.append(abs(out.mean() - a) <= mean_tolerance)
    variance_ok.append(low <= out.var() <= high and low <= formula <= high)
    print(f"  {rate:.1f}   {out.mean():.4f} (±{mean_tolerance:.4f})", end="")
    print(f"   {out.var():.4f}   {formula:.4f}")
check.that(
    "mean_preserved",
    "the mean output stays a within 4 standard errors at every rate",
    all(mean_ok),
    shown=f"{sum(mean_ok)} of {len(mean_ok)} rates",
)
check.that(
    "variance_formula",
    "the variance matches a²·rate/(1 − rate) within its interval",
    all(variance_ok),
    shown=f"{sum(variance_ok)} of {len(variance_ok)} rates",
)

# %%
# extra code – the measured variance against the formula, over a finer grid of rates
fine_rates = np.linspace(0.0, 0.8, 17)
rng_fine = np.random.default_rng(SEED)
fine_measured = [
    dropout_forward(np.full(100_000, a), r, rng_fine)[0].var() for r in fine_rates
]
fig, ax = plt.subplots(figsize=(7, 4))
grid = np.linspace(0.0, 0.8, 200)
ax.plot(
    grid,
    a**2 * grid / (1 - grid),
    color=plots.PALETTE[0],
    label="formula a²·rate / (1 − rate)",
)
ax.plot(
    fine_rates,
    fine_measured,
    "o",
    color=plots.PALETTE[1],
    label="measured, 100,000 units",
)
ax.set_xlabel("dropout rate")
ax.set_ylabel("variance of the output (input units²)")
ax.set_title("Output variance for a constant input a = 2")
ax.legend()
plt.show()

# %% [markdown]
# **Rate 0 is the identity, and masks differ per example.** With rate 0 nothing is dropped and
# nothing is scaled: the output is the input, the very same array. In a batch, each example (row)
# gets its own mask, and the next training step draws new ones; two independent masks at rate 0.5
# agree on about half of the positions (0.5² + 0.5²), within a binomial interval:

# %%
out, mask = dropout_forward(x_batch, 0.0, np.random.default_rng(SEED))
check.that(
    "rate0_identity",
    "at rate 0 the output is the input itself, with no mask",
    out is x_batch and mask is None,
)

rng_steps = np.random.default_rng(SEED)
batch = np.ones((64, 100), dtype=np.float32)
_, step_1 = dropout_forward(batch, 0.5, rng_steps)
_, step_2 = dropout_forward(batch, 0.5, rng_steps)
distinct_rows = len(np.unique(step_1, axis=0))
check.that(
    "mask_per_example",
    "every example in the batch gets its own mask",
    distinct_rows == 64,
    shown=f"{distinct_rows} distinct masks among 64 examples",
)
agreement = (step_1 == step_2).mean()
low, high = dropout.binomial_interval(step_1.size, 0.5)
check.that(
    "new_mask_per_step",
    "two steps' masks agree on about half the positions, as independent masks do",
    low <= agreement <= high,
    shown=f"{agreement:.3f} in [{low:.3f}, {high:.3f}]",
    value=agreement,
)

# %%
# extra code – the masks of the first 16 examples at two consecutive training steps
kept_colors = plt.matplotlib.colors.ListedColormap(
    [widgets.DROPPED_COLOR, widgets.KEPT_COLOR]
)
fig, axes = plt.subplots(2, 1, figsize=(8, 6.4), layout="constrained")
for ax, step_mask, title in zip(
    axes, (step_1, step_2), ("step 1", "step 2"), strict=True
):
    ax.imshow(
        step_mask[:16, :60],
        cmap=kept_colors,
        vmin=0,
        vmax=1,
        interpolation="nearest",
        aspect="auto",
    )
    ax.set_title(f"Keep masks at {title} (blue = kept, grey = dropped)")
    ax.set_yticks([0, 5, 10, 15])
    ax.set_ylabel("example")
    ax.grid(False)
axes[1].set_xlabel("unit (first 60 of 100)")
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
    """Gradient of inverted dropout w.r.t. its input, for the forward pass's mask."""
    if mask is None:  # inference or rate 0: the identity
        return grad_out
    return grad_out * mask / (1 - rate)


grad_rng = np.random.default_rng(SEED + 3)
grad_out = grad_rng.standard_normal(x_batch.shape).astype(np.float32)
agree = []
for rate in (0.1, 0.5, 0.8):
    _, mask = dropout_forward(x_batch, rate, np.random.default_rng(SEED))
    agree.append(
        np.array_equal(
            dropout_backward(grad_out, mask, rate),
            dropout.dropout_backward(grad_out, mask, rate),
        )
    )
check.that(
    "backward_matches_reference",
    "dropout_backward equals the reference",
    all(agree),
    shown="rates 0.1, 0.5, 0.8",
)


# %% [markdown]
# ### Check the gradient numerically
#
# A gradient derived by hand can be wrong in ways that still train (a missing scale only changes the
# learning rate). A **numerical gradient check** compares it with central differences,
# `(L(x + h e_i) − L(x − h e_i)) / 2h`, element by element, in float64 (float32's 7 digits are not
# enough). We report the relative error `‖g_analytic − g_numeric‖ / (‖g_analytic‖ + ‖g_numeric‖)`;
# below 1e-7 means the two agree to about 7 significant digits. The mask is drawn once and held
# fixed, so the loss is a smooth function of `x`.


# %% tags=["nbval-ignore-output"]
def numerical_gradient(f, x, h=1e-6):
    """Central differences of the scalar function f at x, element by element."""
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
    # the loss is L = sum(weights * dropout(x)), so dL/dy = weights
    weights = rng.standard_normal((4, 6))
    _, fixed_mask = dropout_forward(x_small, rate, rng)

    def loss():
        return np.sum(weights * (x_small * fixed_mask / (1 - rate)))

    numeric = numerical_gradient(loss, x_small)
    return relative_error(dropout_backward(weights, fixed_mask, rate), numeric)


errors = {
    rate: check_dropout_gradient(rate, np.random.default_rng(SEED))
    for rate in (0.2, 0.5, 0.8)
}
check.that(
    "gradcheck_dropout",
    "the hand-written dropout gradient passes the check (< 1e-7)",
    max(errors.values()) < 1e-7,
    shown=", ".join(f"rate {rate}: {error:.0e}" for rate, error in errors.items()),
)


# %% [markdown]
# Now inside a small network: dense → ReLU → dropout → dense → softmax cross-entropy, on a batch of
# 5 examples with 4 features, 8 hidden units and 3 classes. The forward pass keeps what the backward
# pass needs; the backward pass applies the chain rule layer by layer, in reverse, and uses our
# `dropout_backward` with the forward pass's mask. (ReLU has a kink at 0: the check is valid only if
# no pre-activation lies within a step `h` of it, which the cell checks too.)


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


def check_small_net(rng, rate=0.5):
    """Relative errors of the gradients of W1, b1, W2, b2; distance to the kink."""
    X_small = rng.standard_normal((5, 4))  # float64
    labels_small = rng.integers(0, 3, size=5)
    params = [
        rng.standard_normal((4, 8)),
        rng.standard_normal(8) * 0.1,
        rng.standard_normal((8, 3)),
        rng.standard_normal(3) * 0.1,
    ]
    fixed_mask = keep_mask((5, 8), rate, rng)
    _, analytic, z1 = small_net_loss_and_grads(
        params, X_small, labels_small, fixed_mask, rate
    )

    def net_loss():
        return small_net_loss_and_grads(
            params, X_small, labels_small, fixed_mask, rate
        )[0]

    # numerical_gradient perturbs each parameter array in place, one element at a time
    names = ("W1", "b1", "W2", "b2")
    errors = {
        name: relative_error(grad, numerical_gradient(net_loss, param))
        for name, param, grad in zip(names, params, analytic, strict=True)
    }
    return errors, np.abs(z1).min()


errors, kink_distance = check_small_net(np.random.default_rng(SEED))
check.that(
    "gradcheck_network",
    "all four gradients in the network pass the check (< 1e-7)",
    max(errors.values()) < 1e-7 and kink_distance > 1e-5,
    shown=", ".join(f"{name} {error:.0e}" for name, error in errors.items()),
)

# %% [markdown]
# **What to notice:** the hand-written gradients of all four parameters agree with central
# differences to better than 1e-7. A hidden unit dropped for an example gets no gradient from it:
# that entry of `g_z1` is 0, so the unit's column of `W1` learns nothing from that example at this
# step.
#
# ## Train a NumPy network with and without dropout
#
# Now the whole thing in use: a 784-128-128-10 ReLU network written in NumPy, trained by minibatch
# SGD with momentum on 3,000 Fashion-MNIST training images, validated on 2,000 others. The two hidden
# layers use the `dropout_forward` and `dropout_backward` from above; the run without dropout uses
# the same code with rate 0. Accuracy on the training images and on validation is measured at the
# end of each epoch the same way, with dropout off (inference).

# %%
full_train = data.load_fashion_mnist("train")
train_set, validation_set = data.split_off_validation(full_train, 2000)
n_train = 3000
X_train = train_set.images[:n_train].reshape(n_train, -1)  # float32, (3000, 784)
y_train = train_set.labels[:n_train]
X_val = validation_set.images.reshape(len(validation_set), -1)
y_val = validation_set.labels
print(f"training {X_train.shape}, validation {X_val.shape}")


# %%
def init_mlp(sizes, rng):
    """He-initialised weights (float32) and zero biases, one (W, b) pair per layer."""
    return [
        [
            rng.normal(0.0, math.sqrt(2.0 / m), (m, k)).astype(np.float32),
            np.zeros(k, np.float32),
        ]
        for m, k in itertools.pairwise(sizes)
    ]


def mlp_forward(layers, X, rate, rng, training):
    """Logits, and for the backward pass each layer's input, pre-activation, mask."""
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


# %% [markdown]
# Each run gets **three generators** from one seed: one for the initial weights, one for the order
# of examples, one for the masks. Because the masks have their own generator, drawing them does not
# move the shuffling generator: two runs with the same seed start from the same weights and see the
# same order of examples in every epoch, whatever their rate. `train_mlp` keeps the initial weights
# and the orders so that the next cells can check that. (`report` is called after each epoch, for a
# progress line.)


# %%
def train_mlp(
    rate,
    seed,
    epochs=20,
    batch_size=128,
    learning_rate=0.05,
    momentum=0.9,
    hidden=128,
    report=None,
):
    init_rng, shuffle_rng, mask_rng = np.random.default_rng(seed).spawn(3)
    layers = init_mlp([784, hidden, hidden, 10], init_rng)
    history = {
        "loss": [],
        "accuracy": [],
        "val_loss": [],
        "val_accuracy": [],
        "initial_weights": [W.copy() for W, _ in layers],
        "orders": [],
    }
    velocity = [[np.zeros_like(W), np.zeros_like(b)] for W, b in layers]
    for epoch in range(epochs):
        order = shuffle_rng.permutation(len(X_train))
        history["orders"].append(order)
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            logits, cache = mlp_forward(
                layers, X_train[batch], rate, mask_rng, training=True
            )
            _, g_logits = softmax_cross_entropy(logits, y_train[batch])
            grads = mlp_backward(layers, cache, g_logits, rate)
            for layer, v, g in zip(layers, velocity, grads, strict=True):
                for j in range(2):  # SGD with momentum, on W and b
                    v[j] = momentum * v[j] - learning_rate * g[j]
                    layer[j] += v[j]
        for prefix, (X, y) in (("", (X_train, y_train)), ("val_", (X_val, y_val))):
            loss, accuracy = evaluate(layers, X, y)  # dropout off on both sets
            history[prefix + "loss"].append(loss)
            history[prefix + "accuracy"].append(accuracy)
        if report:
            report(epoch + 1, epochs)
    return history


# %% [markdown]
# Two runs with the same seed, one with dropout rate 0.3 on both hidden layers. To smooth
# epoch-to-epoch noise, the numbers are averages over the last 5 of 20 epochs. (A line below the
# cell shows progress while it runs; the cell takes about 10 seconds on a 2-core CPU.)

# %%
from IPython.display import Markdown, display

# one line of progress while the cell runs, removed at the end (none in batch runs)
show_progress = progress.in_notebook() and not progress.is_batch_run()
status = display(Markdown("starting…"), display_id=True) if show_progress else None
histories = {}
for run, (name, rate) in enumerate((("no dropout", 0.0), ("dropout", 0.3)), start=1):

    def report(epoch, epochs, run=run, name=name):
        if status:
            status.update(
                Markdown(f"run {run} of 2 ({name}): epoch {epoch} of {epochs}")
            )

    histories[name] = train_mlp(rate=rate, seed=SEED, report=report)
if status:
    status.update({}, raw=True)


def last_epochs(history, key, k=5):
    return float(np.mean(history[key][-k:]))


gaps, rows = {}, []
for name, history in histories.items():
    train_acc = last_epochs(history, "accuracy")
    val_acc = last_epochs(history, "val_accuracy")
    gaps[name] = train_acc - val_acc
    rows.append((name, train_acc, val_acc, gaps[name]))
tables.table(rows, ["model", "train acc", "val acc", "gap"], digits=3,
             title="Mean of the last 5 epochs (dropout off)")

# %%
plain, with_dropout = histories["no dropout"], histories["dropout"]
same_start = all(
    np.array_equal(w1, w2)
    for w1, w2 in zip(
        plain["initial_weights"], with_dropout["initial_weights"], strict=True
    )
)
same_order = all(
    np.array_equal(o1, o2)
    for o1, o2 in zip(plain["orders"], with_dropout["orders"], strict=True)
)
check.that(
    "same_start_and_order",
    "both runs start from the same weights and see the same order of examples",
    same_start and same_order,
    shown=f"{len(plain['orders'])} epochs compared",
)

# %%
fig, axes = plt.subplots(2, 1, figsize=(8, 8), layout="constrained")
plots.plot_learning_curves(
    histories, "accuracy", ax=axes[0], title="From-scratch MLP: accuracy"
)
plots.plot_learning_curves(
    histories, "loss", ax=axes[1], title="From-scratch MLP: loss"
)
axes[0].set_ylabel("accuracy (fraction)")
axes[1].set_ylabel("cross-entropy (nats)")
plt.show()

# %% [markdown]
# **The claims, checked** (the ledger ran this notebook at 20 seeds; see `results/claims.md`). <!-- ledger: gap_narrows -->
# Dropout narrows the gap between training and validation accuracy
# (both measured with dropout off) in 20 of 20 seeds; the fraction of the gap it removes has
# median 0.35, range 0.30–0.44.
#
# The <!-- ledger: val_accuracy_kept --> validation accuracy stays within 2.5 points of the run
# without dropout in 20 of 20 seeds (change with dropout: median −0.006, range −0.025 to 0.017).
#
# The <!-- ledger: narrowing_from_training --> narrowing is almost all training accuracy (the
# dropout run's validation accuracy is less than 1 point higher) in 19 of 20 seeds: with each
# hidden unit missing with probability 0.3 at every step, the network cannot memorise the 3,000
# training images as easily. After only 20 epochs on so little data, that does not reliably buy a
# better validation score (see the change above); notebooks 03 and 04 train longer and compare
# rates.

# %%
val_plain = last_epochs(plain, "val_accuracy")
val_dropout = last_epochs(with_dropout, "val_accuracy")
train_drop = last_epochs(plain, "accuracy") - last_epochs(with_dropout, "accuracy")
narrowing = gaps["no dropout"] - gaps["dropout"]
check.that(
    "gap_narrows",
    "dropout narrows the train/validation gap",
    narrowing > 0,
    shown=f"{gaps['no dropout']:.3f} → {gaps['dropout']:.3f}",
    value=narrowing / gaps["no dropout"],
)
check.that(
    "val_accuracy_kept",
    "validation accuracy stays within 2.5 points",
    abs(val_dropout - val_plain) < 0.025,
    shown=f"{val_plain:.3f} → {val_dropout:.3f}",
    value=val_dropout - val_plain,
)
check.that(
    "narrowing_from_training",
    "the narrowing is (almost) all training accuracy",
    train_drop > narrowing - 0.01,
    shown=f"training accuracy −{train_drop:.3f}, gap −{narrowing:.3f}",
    value=train_drop - narrowing,
)


# %% [markdown]
# ## Optional: the mask's speed on a CPU (eager calls)
#
# What dropout costs is training time: Srivastava et al. (2014, Section 11, the conclusion) report
# that a dropout network typically takes 2–3 times longer to train than a standard network of the
# same architecture, mainly because the parameter updates are very noisy (each training case
# trains a different thinned network); notebook 04 measures it in epochs to the best validation
# loss.
# Making the mask is a smaller, separate question, and this section is optional: how long one call
# takes on a CPU, called eagerly one at a time (not inside a compiled training step, and not on a
# GPU).
#
# The straightforward mask draws one float64 uniform number (64 random bits, then a conversion to
# floating point) per unit. A unit needs far fewer bits. With 16 random bits `b` (an integer from 0
# to 65535) per unit, keep the unit where `b < round((1 − rate) · 65536)`: the keep probability is
# then `1 − rate` rounded to a multiple of 1/65536, exact to 1/131072, and one 64-bit draw serves
# four units.


# %%
def fast_keep_mask(shape, rate, rng):
    """Keep mask from 16 random bits per unit, compared with an integer threshold."""
    threshold = round((1 - rate) * 65536)  # P(b < threshold) = threshold / 65536
    size = math.prod(shape)
    words = rng.integers(
        0, 2**64 - 1, size=(size + 3) // 4, dtype=np.uint64, endpoint=True
    )
    bits = words.view(np.uint16)[:size]  # four 16-bit numbers from each 64-bit word
    return (bits < threshold).reshape(shape)


n = 4 * 2**20  # 4 M units
same, inside = [], []
for rate in (0.1, 0.5, 0.7):
    mine = fast_keep_mask((n,), rate, np.random.default_rng(SEED))
    same.append(
        np.array_equal(
            mine, dropout.fast_keep_mask((n,), rate, rng=np.random.default_rng(SEED))
        )
    )
    low, high = dropout.binomial_interval(n, round((1 - rate) * 65536) / 65536)
    inside.append(low <= mine.mean() <= high)
check.that(
    "fast_mask",
    "fast_keep_mask equals the reference; kept fractions in their intervals",
    all(same) and all(inside),
    shown="rates 0.1, 0.5, 0.7, 4 M units",
)

# %% [markdown]
# The next cell times five ways to apply dropout at rate 0.5 to float32 arrays of 64 K and 4 M
# elements (`helpers/mask_speed.py`; interleaved repeats, median): a plain copy (the memory floor),
# the straightforward mask (`dropout.dropout_forward`), the fast mask (`dropout.fast_dropout_forward`,
# with NumPy's SFC64 bit generator), `tf.nn.dropout` and Keras's `Dropout` layer. The numbers
# depend on the machine and its load: they are what this machine measured when the notebook was
# stored, not compared when it is tested. The one claim checked is that copying is faster than
# every way of applying dropout.

# %% tags=["nbval-ignore-output"]
timings = mask_speed.measure_mask_speed(sizes=(2**16, 2**22), repeats=5)
speed = {(t.method, t.n_elements): t.elements_per_second / 1e6 for t in timings}
rows = [(label, speed[method, 2**16], speed[method, 2**22])
        for method, label in mask_speed.METHODS.items()]
display(tables.table(rows, ["method", "64 K", "4 M"], digits=3,
                     title="Million elements per second, rate 0.5 (this machine)"))
slowdown = min(
    speed["copy", size] / speed[method, size]
    for method, size in speed
    if method != "copy"
)
check.that(
    "copy_fastest",
    "a plain copy is faster than every dropout method, at both sizes",
    slowdown > 1,
    shown=f"by at least {slowdown:.1f}x",
)

# %% [markdown]
# **What to notice:** applying a mask costs more than copying the array (the one claim checked
# above); how much more, and which method is fastest, depends on the machine, the array size and
# its load: read your own table. TensorFlow and Keras pay a fixed cost for each eager call, which
# weighs most on small arrays; inside a compiled training step that cost is not paid per call.
#
# ## Recap
#
# - A keep mask is `rng.random(shape) >= rate`: each unit kept with probability `1 − rate`,
#   independently per example and per step, from a seeded generator.
# - Inverted dropout scales kept units by `1 / (1 − rate)` in training and is the identity at
#   inference; the classic variant does not scale in training and multiplies by `p = 1 − rate` at
#   test time. Both give the same expected activations.
# - Measured: the kept fraction falls within its binomial interval, the mean is preserved within 4
#   standard errors, and the variance for a constant input `a` is `a² · rate / (1 − rate)`.
# - The backward pass multiplies the gradient by the same mask and scale; numerical gradient checks
#   in float64 agree to better than 1e-7, alone and in a dense-ReLU-dropout-dense network.
# - <!-- ledger: gap_narrows --> In a from-scratch MLP trained with separate generators for weights,
#   order and masks, dropout (rate 0.3) narrowed the train/validation gap in 20 of 20 seeds, by a
#   median 0.35 of its size, mostly by lowering the training accuracy; validation accuracy
#   stayed within 2.5 points of the run without dropout after 20 epochs.
# - What dropout costs is mainly more epochs of training; making the mask on a CPU is a small,
#   optional concern.
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
# Before you open another notebook, shut this one's kernel down (**Kernel > Shut Down Kernel**):
# every open notebook keeps its own TensorFlow kernel (about 1 GB) running.
#
# Previous: [01 · Why dropout](01_why_dropout.ipynb) · Next: [03 · Keras `Dropout(0.5)`](03_keras_dropout.ipynb)
