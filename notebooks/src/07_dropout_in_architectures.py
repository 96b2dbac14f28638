# %% [markdown]
# # 07 · Dropout in real architectures: CNNs, RNNs, BatchNorm
#
# The course so far used one MLP. Here you put dropout where practitioners meet it, on a CNN's
# feature maps, inside a recurrent layer and next to `BatchNormalization`, and measure what each
# placement does.
#
# **Learning objectives.** After this notebook you can
# - say why a value dropped element-wise from a convolution map can be read off its neighbours,
#   and what `SpatialDropout2D` drops instead;
# - tell `dropout` from `recurrent_dropout` in a GRU or LSTM, and what the latter changes in Keras;
# - measure the variance shift of dropout before `BatchNormalization` (Li et al. 2019), and avoid it;
# - in the deep dives: attention dropout, dropout in a `tf.GradientTape` loop, `AlphaDropout`.
#
# **Run time:** about 25 seconds on a 2-core CPU (seven small networks are trained).
# **Study time:** core path about 16 min, whole notebook about 20 min (the rule: 00's course map).
# **Prerequisites:** [03](03_keras_dropout.ipynb) (`training=` and `noise_shape` in Keras).

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
import numpy as np
import tensorflow as tf

from helpers import claims, data, experiments, tables
from helpers.progress import TrainingProgress

check = claims.Checker("07_dropout_in_architectures", seed=SEED)
rng = np.random.default_rng(SEED)

# %%
pool, validation = data.split_off_validation(data.load_fashion_mnist("train"), 1000)
train = experiments.balanced_subset(pool, 2000, seed=SEED)
test = experiments.balanced_subset(data.load_fashion_mnist("test"), 1000, seed=SEED)
print(f"training {len(train):,}, validation {len(validation):,}, test {len(test):,}")

# %% [markdown]
# ## Drop whole feature maps in a CNN
#
# A small convolutional network with dropout in two places: `Dropout(0.5)` in the dense head, where
# most CNNs put it, and `SpatialDropout2D(0.2)` on the first convolution's 16 feature maps. The
# spatial layer zeroes **whole maps**: one keep-or-drop decision per image and channel, the same
# for every pixel of that map (in 03's deep dive, `noise_shape=(None, 1, 1, channels)`). Element-wise
# dropout on feature maps is not useless: the paper's SVHN network used it at p = 0.9 to 0.75
# (rates 0.1–0.25), and it helped. The CNN is trained briefly, so that its first layer's maps look
# like real features.


# %%
def compile_model(model):
    model.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=16,  # speed only: 16 batches per call, the same updates
    )
    return model


# %%
keras.utils.set_random_seed(SEED)
cnn = compile_model(
    keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu", name="conv1"),
        keras.layers.SpatialDropout2D(0.2),  # drops whole maps of conv1
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dropout(0.5),  # dropout in the dense head
        keras.layers.Dense(10, activation="softmax"),
    ])
)

# %%
images = train.images[..., None]  # add the channel axis
bar = TrainingProgress("CNN, 5 epochs")
cnn.fit(images, train.labels, epochs=5, batch_size=128, verbose=0, callbacks=[bar])
_, cnn_acc = cnn.evaluate(validation.images[..., None], validation.labels, verbose=0)
print(f"validation accuracy after 5 epochs: {cnn_acc:.3f}")

# %% [markdown]
# Why whole maps? Neighbouring activations of a map see overlapping patches of the image, so they
# are alike. Take `conv1`'s maps for 200 images, drop values at rate 0.3 with `Dropout` and with
# `SpatialDropout2D`, and guess each dropped value as the mean of its kept left, right, upper and
# lower neighbours in the same map.
#
# This measures **redundancy**, not the effect on training (Tompson et al. 2015 argue from it that
# element-wise dropout then barely regularizes: see Further reading).

# %%
conv1 = keras.Model(cnn.inputs[0], cnn.get_layer("conv1").output)
maps = keras.ops.convert_to_numpy(conv1(validation.images[:200, ..., None]))
print("maps:", maps.shape, "(images, rows, columns, channels)")


# %%
def neighbour_guess(maps, kept):
    """Each value guessed as the mean of its kept 4-neighbours (nan: none kept)."""
    pad = ((0, 0), (1, 1), (1, 1), (0, 0))
    values, counts = np.pad(maps * kept, pad), np.pad(kept * 1.0, pad)
    rows, cols = maps.shape[1:3]
    shifts = ((0, 1), (2, 1), (1, 0), (1, 2))  # up, down, left, right
    total = sum(values[:, i : i + rows, j : j + cols] for i, j in shifts)
    count = sum(counts[:, i : i + rows, j : j + cols] for i, j in shifts)
    return np.divide(total, count, out=np.full_like(total, np.nan), where=count > 0)


# %%
kept, guesses = {}, {}
for layer in (
    keras.layers.Dropout(0.3, seed=SEED),
    keras.layers.SpatialDropout2D(0.3, seed=SEED),
):
    name = type(layer).__name__
    mask = layer(np.ones_like(maps), training=True)  # 0 where dropped
    kept[name] = keras.ops.convert_to_numpy(mask) > 0
    guesses[name] = neighbour_guess(maps, kept[name])

# %%
check.section("feature_maps", maps=maps, kept=kept, guesses=guesses)

# %% [markdown]
# **What to notice.** After element-wise dropout almost every dropped value still has kept
# neighbours, and their mean predicts it closely: <!-- ledger: elementwise_recoverable --> the
# correlation was above 0.5 in 10 of 10 seeds (median 0.975, range 0.953–0.981). The next layer can
# read the value off the same way, so the rate overstates what is removed. `SpatialDropout2D`
# removes a feature everywhere at once and leaves no neighbour in its map to copy from.

# %% [markdown]
# ## Use `dropout` and `recurrent_dropout` in a GRU
#
# A recurrent layer such as a GRU reads a sequence one step at a time and keeps a vector, its
# *state* h, which it updates at every step t from the step's input x_t and the previous state
# h_(t−1). Here each image is read row by row: a sequence of 28 steps of 28 pixels. Keras's
# recurrent layers take two rates: `dropout` masks the inputs x_t, `recurrent_dropout` masks the
# state h_(t−1) fed back at each step. Each mask is drawn once per sequence and reused at every step
# (Gal and Ghahramani 2016): a fresh mask at every step would add noise that compounds along the
# sequence. Train one epoch with each rate (the first also builds the graph, a one-off translation
# of the training step into TensorFlow operations), then time a second:


# %%
def build_gru(**rates):
    keras.utils.set_random_seed(SEED)
    gru = keras.layers.GRU(32, **rates)
    head = keras.layers.Dense(10, activation="softmax")
    return compile_model(keras.Sequential([keras.Input(shape=(28, 28)), gru, head]))


# %%
gru_seconds, grus = {}, {}
x, y = train.images[:1024], train.labels[:1024]
for number, name in enumerate(("dropout", "recurrent_dropout"), start=1):
    grus[name] = build_gru(**{name: 0.25})
    bar = TrainingProgress(f"GRU {number} of 2")
    grus[name].fit(x, y, batch_size=128, verbose=0, callbacks=[bar])  # traces
    start = time.perf_counter()
    grus[name].fit(x, y, batch_size=128, verbose=0, callbacks=[bar])
    gru_seconds[name] = time.perf_counter() - start

# %% tags=["nbval-ignore-output"]
# timings vary from run to run: this cell's output is not compared by the tests
cell = {name: gru.layers[0].cell for name, gru in grus.items()}
rows = [(f"{name}=0.25", cell[name].implementation, gru_seconds[name]) for name in grus]
tables.table(rows, ["GRU(32) with", "cell implementation", "s per epoch"], digits=2)

# %% [markdown]
# **What to notice.** `recurrent_dropout` changes how Keras computes the cell:
#
# - it switches the cell from `implementation=2`, the default, to `implementation=1`: per step,
#   three input and three recurrent matrix products, one per *gate* (the small layers that decide
#   how much of h to keep, reset and replace), each with its own mask, instead of one input and one
#   recurrent product for all three (*fused*). On a CPU the times differ little, in either direction.
# - On a GPU it rules out the cuDNN kernel (NVIDIA's fused GRU routine), usually much faster.
#   `dropout` on the inputs keeps that kernel.

# %% [markdown]
# ## Measure the variance shift before BatchNorm (Li et al. 2019)
#
# **BatchNorm in one paragraph.** A `BatchNormalization` layer rescales each unit to mean 0 and
# variance 1. In training it uses the current batch's mean and variance, and keeps running
# averages of them (its *moving* mean and variance); at inference it uses those stored averages.
#
# With inverted dropout a unit x with mean μ and variance σ² keeps its mean in training (kept
# values are divided by p = 1 − rate), but its second moment E[x²] = σ² + μ² is divided by p, so
# its variance grows to (σ² + μ²)/p − μ²; at inference it is σ² again. A BatchNorm layer *after* the dropout stores the larger
# training-time variance, then meets the smaller inference-time one. Measure it on synthetic ReLU
# outputs (ReLU of standard normal numbers): 200 training steps of Dropout(0.5) →
# BatchNormalization, then the moving variance over the variance its input has at inference; and
# the same with BatchNorm first.


# %%
def moving_variance_ratio(dropout_first, steps=200):
    keras.utils.set_random_seed(SEED)
    dropout = keras.layers.Dropout(0.5)
    norm = keras.layers.BatchNormalization(momentum=0.9)  # forgets its start value fast
    relus = np.maximum(rng.normal(size=(steps, 128, 64)), 0).astype("float32")
    for batch in relus:  # training steps
        norm(dropout(batch, training=True) if dropout_first else batch, training=True)
    inference_var = relus.reshape(-1, 64).var(axis=0)  # dropout off: the raw ReLUs
    moving_var = keras.ops.convert_to_numpy(norm.moving_variance)
    return float(np.mean(moving_var / inference_var))


# %%
keep = 0.5  # p = 1 - rate
mu, second = 1 / np.sqrt(2 * np.pi), 0.5  # mean and E[x²] of ReLU(N(0, 1))
predicted = (second / keep - mu**2) / (second - mu**2)
shift = moving_variance_ratio(dropout_first=True)
no_shift = moving_variance_ratio(dropout_first=False)
check.section("variance_shift", shift=shift, no_shift=no_shift, predicted=predicted)

# %% [markdown]
# **What to notice.** <!-- ledger: variance_shift --> The measured ratio matched the
# prediction within 10% in 10 of 10 seeds (median 2.45, range 2.42–2.48; predicted 2.47). After
# Dropout(0.5) the BatchNorm layer divides by a standard deviation √2.47 ≈ 1.6 times too large at
# inference, so its outputs come out shrunk by that factor, a scale the next layers never saw in
# training. Put dropout **after** the last BatchNorm (Dense → BatchNorm → ReLU → Dropout → Dense
# head), where no layer after it stores statistics, or use a small rate: the ratio falls toward 1
# as the rate does.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: place dropout in a tiny transformer block
#
# Treat the 28 rows as 28 tokens of 28 pixels. A transformer block has three dropout sites, all at
# small rates: on the **attention weights** (`MultiHeadAttention(dropout=...)`), on the **residual
# branch** of the attention, and on the **feed-forward** branch, each before it is added back. The
# original transformer (Vaswani et al. 2017, Section 5.4) used 0.1 on each sub-layer's output and on
# the embeddings; dropout on the attention weights came with its code and with BERT, also at 0.1.


# %% tags=["deep-dive"]
class AddPosition(keras.layers.Layer):
    """A learned vector per row position, added to the row's embedding."""

    def build(self, input_shape):
        self.position = self.add_weight(shape=input_shape[1:], initializer="zeros")

    def call(self, x):
        return x + self.position


# %% tags=["deep-dive"]
RATE, WIDTH = 0.1, 32
keras.utils.set_random_seed(SEED)
tokens = keras.Input(shape=(28, 28))
h = AddPosition()(keras.layers.Dense(WIDTH)(tokens))
attention = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16, dropout=RATE)
h = keras.layers.LayerNormalization()(h + keras.layers.Dropout(RATE)(attention(h, h)))
feed_forward = keras.layers.Dense(WIDTH)(keras.layers.Dense(64, activation="relu")(h))
h = keras.layers.LayerNormalization()(h + keras.layers.Dropout(RATE)(feed_forward))
h = keras.layers.GlobalAveragePooling1D()(h)
head = keras.layers.Dense(10, activation="softmax")
transformer = compile_model(keras.Model(tokens, head(h)))

# %% tags=["deep-dive"]
bar = TrainingProgress("transformer, 5 epochs")
transformer.fit(
    train.images, train.labels, epochs=5, batch_size=128, verbose=0, callbacks=[bar]
)
_, acc = transformer.evaluate(validation.images, validation.labels, verbose=0)
print(f"validation accuracy after 5 epochs: {acc:.3f}")

# %% [markdown] tags=["deep-dive"]
# Attention dropout acts on the softmax weights themselves: in training some weights are zeroed and
# the rest scaled by 1/(1 − rate), so a row of weights no longer sums to 1. One detail from the Keras
# source (`multi_head_attention.py`, `_compute_attention`): `return_attention_scores=True` returns the
# weights *before* dropout, so they sum to 1 in both modes. The dropout shows in the output, which
# differs between two training-mode calls and not between two inference calls:

# %% tags=["deep-dive"]
embedded = keras.Model(tokens, transformer.layers[2].output)(validation.images[:64])
differences = {}
for mode in (True, False):
    first, weights = attention(
        embedded, embedded, return_attention_scores=True, training=mode
    )
    second = attention(embedded, embedded, training=mode)
    differences[mode] = float(np.abs(keras.ops.convert_to_numpy(first - second)).max())
    sums = keras.ops.convert_to_numpy(weights).sum(axis=-1)
    print(f"training={mode!s:>5}: rows sum to {sums.min():.4f} … {sums.max():.4f}")
check.section("attention", differences=differences)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** Dropping attention weights removes whole token-to-token links for a step, the
# attention analogue of dropping a unit. Rates stay small in practice: the noise of several sites
# per block adds up, and large transformers trained on much data need little regularization (PaLM,
# for one, was pre-trained without dropout).

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: write a custom training loop in which dropout trains
#
# In a `tf.GradientTape` loop *you* call the model, and `model(x)` runs in inference mode: the
# `Dropout` layers do nothing, silently. The Keras documentation's own custom-loop guide passes
# `training=True`; forgetting it is a classic bug (tensorflow/tensorflow#36936). Train the same
# small MLP three ways for 16 steps: with dropout but without `training=True`, without dropout, and
# with dropout and `training=True`.


# %% tags=["deep-dive"]
def build_mlp(rate):
    keras.utils.set_random_seed(SEED)
    layers = [keras.Input(shape=(28, 28)), keras.layers.Flatten()]
    layers.append(keras.layers.Dense(128, activation="relu"))
    if rate:  # its own seed: the same initial weights as without it
        layers.append(keras.layers.Dropout(rate, seed=SEED))
    return keras.Sequential([*layers, keras.layers.Dense(10, activation="softmax")])


# %% tags=["deep-dive"]
def train_loop(model, training_flag, steps=16):
    optimizer = keras.optimizers.Adam(1e-3)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    for step in range(steps):
        batch = slice(step * 64, (step + 1) * 64)
        with tf.GradientTape() as tape:
            if training_flag:
                probs = model(train.images[batch], training=True)  # the fix
            else:
                probs = model(train.images[batch])  # the trap: inference mode
            loss = loss_fn(train.labels[batch], probs)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply(grads, model.trainable_variables)
    return model


# %% tags=["deep-dive"]
first = train.images[:64]
forgot = build_mlp(0.5)
same = np.allclose(forgot(first), forgot(first))
differ = not np.allclose(forgot(first, training=True), forgot(first, training=True))
trap = train_loop(build_mlp(0.5), training_flag=False).get_weights()
plain = train_loop(build_mlp(0.0), training_flag=False).get_weights()
fixed = train_loop(build_mlp(0.5), training_flag=True).get_weights()
weights = {"trap": trap, "plain": plain, "fixed": fixed}
check.section("custom_loop", same=same, differ=differ, **weights)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** The buggy loop runs and updates the weights without an error or a warning.
# The weights are bit-for-bit those of the same network without dropout
# (<!-- ledger: trap_trains_without_dropout --> in 10 of 10 seeds). A check you can leave in your own
# loop, before it starts: two forward passes in training mode must differ when the model has
# dropout, `not np.allclose(model(x, training=True), model(x, training=True))`.
#
# The same `training=True` also switches BatchNorm in Monte-Carlo dropout: see [08](08_uncertainty.ipynb).

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: try the variants `AlphaDropout` and `GaussianDropout`
#
# - `keras.layers.AlphaDropout` (`keras/src/layers/regularization/alpha_dropout.py`) is meant for
#   self-normalizing networks (SELU activations, `lecun_normal` weights): instead of 0 it sets
#   dropped units to SELU's negative saturation value and then applies an affine correction, so that
#   mean 0 and variance 1 survive.
# - `keras.layers.GaussianDropout(rate)` multiplies every unit by noise from N(1, rate/(1 − rate)):
#   the paper's Section 10, with σ² = (1 − p)/p.
#
# Measure mean and variance in training mode on inputs with mean 0 and variance 1, and after eight
# SELU layers with each kind of dropout:

# %% tags=["deep-dive"]
inputs = rng.standard_normal((4096, 256)).astype("float32")
variants = {
    "Dropout": keras.layers.Dropout(0.2, seed=SEED),
    "AlphaDropout": keras.layers.AlphaDropout(0.2, seed=SEED),
    "GaussianDropout": keras.layers.GaussianDropout(0.2, seed=SEED),
}
stats = {}
for name, layer in variants.items():
    out = keras.ops.convert_to_numpy(layer(inputs, training=True))
    keras.utils.set_random_seed(SEED)
    deep = inputs
    for _ in range(8):
        selu = keras.layers.Dense(
            256, activation="selu", kernel_initializer="lecun_normal"
        )
        deep = keras.ops.convert_to_numpy(layer(selu(deep), training=True))
    stats[name] = (out.mean(), out.var(), deep.mean(), deep.var())

# %% tags=["deep-dive"]
rows = [(name, *values) for name, values in stats.items()]
headers = ["layer", "mean", "variance", "mean, 8 SELU", "var, 8 SELU"]
tables.table(rows, headers, digits=3)

# %% tags=["deep-dive"]
check.section("variants", stats=stats)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** Ordinary dropout keeps the mean of its input but not the variance; through
# eight SELU layers both drift (the variance stays above 1.5 in every seed), which pushes a self-normalizing network off the
# fixed point (mean 0, variance 1) it relies on. That is what `AlphaDropout` exists for. Gaussian
# dropout has the same first two moments as inverted dropout and never zeroes a unit.

# %% [markdown]
# ## Recap
#
# - CNNs: dropout in the dense head; on feature maps drop whole channels (`SpatialDropout2D`): a
#   value dropped element-wise can be read off its correlated neighbours (redundancy measured here;
#   the effect on training was not).
# - RNNs: `dropout` masks the inputs, `recurrent_dropout` the fed-back state, one mask per sequence;
#   `recurrent_dropout` unfuses the cell's products and, on a GPU, costs the cuDNN kernel.
# - Dropout before BatchNorm inflates the variance BatchNorm learns, by the predicted factor; put
#   dropout after the last BatchNorm.
# - Deep dives: attention dropout, `training=True` in custom loops, `AlphaDropout`. Monte-Carlo
#   dropout next to BatchNorm: [08](08_uncertainty.ipynb).

# %% [markdown]
# ## Self-check
#
# Pick an answer and press **Check**: you see whether it is right, and why.

# %%
from helpers import quiz

quiz.show_quiz("07_dropout_in_architectures")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Write `variance_ratio(mean, var, rate)`: the training-time variance of a unit with
# this mean and variance after inverted dropout at `rate`, divided by its variance at inference.

# %%
from helpers.exercises import nb07

variance_ratio = None  # your function here
nb07.check_variance_ratio(variance_ratio)

# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def variance_ratio(mean, var, rate):
#     p = 1 - rate  # keep probability
#     second_moment = var + mean**2
#     return (second_moment / p - mean**2) / var
#
#
# nb07.check_variance_ratio(variance_ratio)
# ```
#
# Kept with probability p and scaled by 1/p, the value's second moment grows by 1/p; its mean does not.
# </details>

# %% [markdown]
# ## Further reading
#
# - N. Srivastava et al. (2014). *Dropout: A Simple Way to Prevent Neural Networks from Overfitting.*
#   JMLR 15: 1929–1958. Section 6.1.2 (SVHN: dropout in convolutional layers).
# - J. Tompson, R. Goroshin, A. Jain, Y. LeCun, C. Bregler (2015). *Efficient Object Localization
#   Using Convolutional Networks.* CVPR 2015 (spatial dropout).
# - Y. Gal, Z. Ghahramani (2016). *A Theoretically Grounded Application of Dropout in Recurrent
#   Neural Networks.* NeurIPS 2016.
# - W. Zaremba, I. Sutskever, O. Vinyals (2014). *Recurrent Neural Network Regularization.*
#   arXiv:1409.2329 (dropout on the non-recurrent connections only).
# - X. Li, S. Chen, X. Hu, J. Yang (2019). *Understanding the Disharmony between Dropout and Batch
#   Normalization by Variance Shift.* CVPR 2019 (also a variance-stable noise, Uout).
# - A. Vaswani et al. (2017). *Attention Is All You Need.* NeurIPS 2017.
# - G. Klambauer et al. (2017). *Self-Normalizing Neural Networks.* NeurIPS 2017 (SELU, AlphaDropout).
#
# ---
#
# Before you open another notebook, shut this one's kernel down (**Kernel > Shut Down Kernel**):
# every open notebook keeps its own TensorFlow kernel (about 1 GB) running.
#
# Previous: [06 · Dropout among the regularizers](06_dropout_among_regularizers.ipynb) · Next: [08 · Uncertainty from dropout](08_uncertainty.ipynb) · Back to the start: [00 · Start here](00_start_here.ipynb)
