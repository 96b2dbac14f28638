# %% [markdown]
# # 03 · Keras `Dropout(0.5)`: the layer in a real model, in `fit` and in `predict`
#
# The course page shows a Keras model with `Dropout(0.5)`, but its code was lost. Here is a model
# of that kind, runnable; then you take the layer apart: what it does to a tensor in training and
# at inference, which Keras calls switch it on, and where it belongs in a network. (Notebook 01
# already trained such a model against one without dropout.)
#
# **Learning objectives.** After this notebook you can
# - build a `keras.Sequential` model with `Dropout(0.5)` after each hidden layer, and explain why
#   `model.summary()` lists 0 parameters for the Dropout layers;
# - predict what `Dropout(rate)` returns with `training=True` and with `training=False`;
# - say which calls run dropout: `fit` does; `evaluate`, `predict` and a plain `model(x)` do not;
# - place dropout sensibly in a model; in the deep dives, write the layer yourself and use
#   `noise_shape` and spatial dropout.
#
# **Run time:** about 35 seconds on a 2-core CPU (three small networks are trained in the deep dives).
# **Study time:** core path about 14 min, whole notebook about 26 min (the rule: 00's course map).
# **Prerequisites:** [02 · Dropout from scratch](02_dropout_from_scratch.ipynb) (the mask, inverted
# scaling).

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
import matplotlib.pyplot as plt
import numpy as np

from helpers import claims, data, plots, progress, tables

check = claims.Checker("03_keras_dropout", seed=SEED)


# %% [markdown]
# ## Run the course page's example
#
# The page's text names only the layer: `Dropout(0.5)`, each unit of the previous layer dropped
# with probability 0.5. A typical model for the course's 28×28 images: flatten the image into 784
# inputs, two hidden `Dense` layers of 256 ReLU units, each followed by `Dropout(0.5)`, and a
# softmax over the 10 classes (named layers, so the summary reads the same in every run).


# %%
def page_model(rate=0.5, dropout_layer=keras.layers.Dropout, seed=SEED):
    keras.utils.set_random_seed(seed)  # same initial weights and masks for a given seed
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(256, activation="relu", name="hidden_1"),
            dropout_layer(rate, name="dropout_1"),
            keras.layers.Dense(256, activation="relu", name="hidden_2"),
            dropout_layer(rate, name="dropout_2"),
            keras.layers.Dense(10, activation="softmax", name="output"),
        ],
        name="course_page_model",
    )


model = page_model()
model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
# print_fn=print: plain text, 64 characters wide (narrow enough for a projector)
model.summary(line_length=64, print_fn=print)

# %%
dropout_params = [layer.count_params() for layer in model.layers if "dropout" in layer.name]
# weights + biases of the 3 Dense layers
expected = 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10
check.section("layer_weights", dropout_params=dropout_params, total=model.count_params(), expected=expected)

# %% [markdown]
# **What to notice.** The Dropout layers have **no weights**: there is nothing to learn in a
# mask. They only change what the next layer sees during training. The course's images, for below:

# %%
train, validation = data.split_off_validation(data.load_fashion_mnist("train"), 2000)

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: train it, with and without dropout
#
# Notebook 01's experiment with this model, shorter (15 epochs, not 30): 8,000 training images,
# 2,000 for validation, mini-batches of 128, and the **same network without dropout**
# (`Dropout(0.0)`, the identity) from the same initial weights. (`verbose=0`: no Keras log; the course's `TrainingProgress`
# callback draws a bar while `fit` runs.)

# %% tags=["deep-dive"]
EPOCHS, BATCH_SIZE = 15, 128

plain_model = page_model(rate=0.0)  # Dropout(0.0) is the identity
plain_model.set_weights(model.get_weights())  # the same initial weights
plain_model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)

# %% tags=["deep-dive"]
histories = {}
for run, (name, m) in enumerate((("dropout", model), ("no dropout", plain_model)), 1):
    histories[name] = m.fit(
        train.images, train.labels,
        validation_data=(validation.images, validation.labels),
        epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0,
        callbacks=[progress.TrainingProgress(f"run {run} of 2: {name}")],
    ).history

# %% [markdown] tags=["deep-dive"]
# `fit`'s `accuracy` is measured on thinned networks, averaged over an epoch while the weights
# move; it is not the accuracy of the trained network (even without dropout it differs, because
# the weights move: see 01's deep dive "`fit`'s figure against `evaluate`'s"). For a fair gap,
# measure both models the same way after training: `model.evaluate` (dropout off) on the training
# images and on validation.

# %% tags=["deep-dive"]
accuracy = {}
for name, m in (("dropout", model), ("no dropout", plain_model)):
    _, train_acc = m.evaluate(train.images, train.labels, verbose=0)
    _, val_acc = m.evaluate(validation.images, validation.labels, verbose=0)
    accuracy[name] = {"fit": histories[name]["accuracy"][-1], "train": train_acc, "val": val_acc}
rows = [(name, a["fit"], a["train"], a["val"], a["train"] - a["val"]) for name, a in accuracy.items()]
headers = ["model", "fit's acc", "train acc", "val acc", "gap"]
tables.table(rows, headers, digits=3, title=f"After {EPOCHS} epochs")

# %% tags=["deep-dive"]
# extra code – learning curves of both models (fit's accuracy: dropout on)
fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 8), layout="constrained")
plots.plot_learning_curves(histories, "loss", ax=top, title="Loss per epoch")
plots.plot_learning_curves(histories, "accuracy", ax=bottom, title="Accuracy per epoch")
plt.show()

# %% [markdown] tags=["deep-dive"]
# **What this run shows.** With dropout, the gap between training and validation accuracy, both
# measured with dropout off, is smaller than the plain model's; <!-- ledger: gap_narrower --> it was
# in 10 of 10 seeds.

# %% tags=["deep-dive"]
check.section("page_example", accuracy=accuracy)

# %% [markdown]
# ## Look inside the layer
#
# Call a `Dropout(0.5)` layer directly on 1,000 examples × 100 values, all equal to 1. With
# `training=True` it should zero about half of them and scale the others by 1/(1 − 0.5) = 2; with
# `training=False` (and when `training` is not given) it should return its input.

# %%
layer, to_numpy = keras.layers.Dropout(0.5, seed=SEED), keras.ops.convert_to_numpy
x = np.ones((1000, 100), dtype="float32")
out = {
    "training=True": to_numpy(layer(x, training=True)),
    "training=False": to_numpy(layer(x, training=False)),
    "no argument": to_numpy(layer(x)),
}
kept = out["training=True"][out["training=True"] != 0]
print("share of zeros in training:", np.mean(out["training=True"] == 0))
print("values that survive:", sorted(set(kept.tolist())))

# %%
check.section("layer_calls", out=out, x=x)

# %% [markdown]
# **What to notice.** This is inverted dropout: the scaling happens during training, so inference
# needs nothing; the layer is the identity there (the course page's test-time rule: see 01).
#
# ## See which calls switch dropout on
#
# `fit` calls the model with `training=True`; `evaluate`, `predict` and a plain call `model(x)` use
# `training=False`. So `predict` is deterministic, and forcing `training=True` is not. Shown on a
# fresh, untrained copy of the page's model: which calls drop units does not depend on training.

# %%
probe = page_model()  # untrained; compiled for evaluate
probe.compile(loss="sparse_categorical_crossentropy", metrics=["accuracy"])
images = validation.images[:500]
calls = {  # each call twice
    "predict": [probe.predict(images, verbose=0) for _ in range(2)],
    "model(x)": [to_numpy(probe(images)) for _ in range(2)],
    "training=True": [to_numpy(probe(images, training=True)) for _ in range(2)],
    "evaluate": [probe.evaluate(validation.images, validation.labels, verbose=0) for _ in range(2)],
}

# %%
check.section("training_switch", calls=calls)

# %% [markdown]
# **What to notice.** Two `predict` calls agree to the last bit; two calls with `training=True` do
# not: each draws new masks, as every training step does (dropout kept on at prediction on purpose
# is Monte-Carlo dropout, notebook 08). `training=True` puts *every* layer in training mode: a
# `BatchNormalization` layer (it rescales its inputs by their mean and spread) would then use each
# batch's statistics and update its moving averages (measured in 08).
#
# ## Put dropout where it helps
#
# - **After hidden activations**, as in the course page's model: `Dense(..., activation="relu")`,
#   then `Dropout`. Dropping a hidden unit's output removes that unit from the thinned network.
# - **Not on the output layer.** Dropping a class probability is not a thinned network: it is a
#   wrong prediction, and the softmax's outputs would no longer sum to 1.
# - **Inputs:** a low rate if any (the paper: rate 0.2 on MNIST's pixels, 0.5 on hidden units).
# - **The rate:** start near the paper's defaults (Appendix A.4: rate 0.2–0.5 for hidden units),
#   then compare a few rates on the **validation** set, never the test set (notebook 06). The paper
#   also widens a thinned layer: n units without dropout become n/p with it, p = 1 − rate (A.1).
# - With convolutions, use spatial dropout on feature maps (deep dive below); batch normalisation
#   and dropout interact (Li et al., 2019; 07 shows it).

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: write the layer yourself
#
# A Keras layer is a class with a `call(inputs, training)` method. The mask is notebook 02's: keep a
# value where a uniform random number is at least `rate`, scale the kept values by 1/(1 − rate).
# The random numbers come from a `keras.random.SeedGenerator`, which the layer owns: a new mask at
# every call, and the same sequence of masks for the same seed.


# %% tags=["deep-dive"]
class MyDropout(keras.layers.Layer):
    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        # the layer's random state: a new mask at every call
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs  # inference: the identity
        shape = keras.ops.shape(inputs)
        uniform = keras.random.uniform(shape, seed=self.seed_generator, dtype=inputs.dtype)
        keep = keras.ops.greater_equal(uniform, self.rate)  # True with probability 1 - rate
        return keras.ops.where(keep, inputs / (1 - self.rate), keras.ops.zeros_like(inputs))


# %% [markdown] tags=["deep-dive"]
# Check it against Keras's layer: the same share of zeros (within the binomial interval of 4
# standard errors) and the same mean, 1. (A test in `tests/` also checks that it draws exactly the
# masks of the course's tested copy, `layers.ScratchDropout`, which adds `noise_shape` and saving.)

# %% tags=["deep-dive"]
outputs = {
    "MyDropout": MyDropout(0.5, seed=SEED)(x, training=True),
    "keras.layers.Dropout": keras.layers.Dropout(0.5, seed=SEED)(x, training=True),
}
outputs = {name: keras.ops.convert_to_numpy(out) for name, out in outputs.items()}
rows = [(name, np.mean(out == 0), out.mean()) for name, out in outputs.items()]
tables.table(rows, ["layer", "share of zeros", "mean"], digits=4)

# %% [markdown] tags=["deep-dive"]
# Now train the course page's model with `MyDropout` in place of `keras.layers.Dropout`: same seed,
# same data, same epochs. If the layer is right, the run should agree with the first one within
# the spread that a changed seed gives; the check allows 0.01 in validation accuracy and 0.02 in
# validation loss. <!-- ledger: mydropout_trains_alike --> It held in 10 of 10 seeds, and the two
# validation accuracies were identical (difference median 0.0000, range 0.0000–0.0000): both
# layers draw the same seeded uniform numbers and apply the same rule.

# %% tags=["deep-dive"]
mine_model = page_model(dropout_layer=MyDropout)
mine_model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
mine_history = mine_model.fit(
    train.images, train.labels,
    validation_data=(validation.images, validation.labels),
    epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0,
    callbacks=[progress.TrainingProgress("MyDropout")],
).history

# %% tags=["deep-dive"]
mine = {"outputs": outputs, "inference": MyDropout(0.5)(x), "history": mine_history}
check.section("my_layer", mine=mine, keras_history=histories["dropout"], x=x)

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: share a mask along an axis with `noise_shape`
#
# `noise_shape` gives the shape of the mask, broadcast over the input; `None` takes the input's
# size. For a sequence of shape (batch, steps, features), `noise_shape=(None, 1, features)` draws
# one mask per example and feature and uses it at every step. `SpatialDropout1D` (and 2D for
# images) does the same for whole feature maps. Tompson et al. (2015) introduced it because
# neighbouring values in a convolutional feature map are strongly correlated: a value dropped on
# its own can largely be recovered from its neighbours, so element-wise dropout removed little
# information and regularised their network less well. Notebook 07 measures how well a dropped
# value can be read off its neighbours; no notebook measures the effect on training.

# %% tags=["deep-dive"]
sequence = np.ones((4, 6, 8), dtype="float32")  # 4 examples, 6 steps, 8 features
shared_layer = keras.layers.Dropout(0.5, noise_shape=(None, 1, 8), seed=SEED)
shared = keras.ops.convert_to_numpy(shared_layer(sequence, training=True))
spatial_layer = keras.layers.SpatialDropout1D(0.5, seed=SEED)
spatial = keras.ops.convert_to_numpy(spatial_layer(sequence, training=True))
print("example 0, noise_shape=(None, 1, 8), steps as rows:\n", shared[0])

# %% tags=["deep-dive"]
check.section("noise_shape", shared=shared, spatial=spatial)

# %% [markdown]
# ## Recap
#
# - A model like the course page's example: `Flatten`, then `Dense(256, "relu")` + `Dropout(0.5)`
#   twice, then a softmax. `Dropout` has no weights. With `training=True` it zeroes a fraction `rate` of values and
#   scales the rest by 1/(1 − rate) (2 at rate 0.5); otherwise it is the identity.
# - `fit` runs dropout; `evaluate`, `predict` and `model(x)` do not; `model(x, training=True)` does.
# - Dropout goes after hidden activations, not on the output; choose the rate on validation data.
# - Deep dives: the model trained against one without dropout (01's experiment again); a dropout
#   layer as a short Keras class; `noise_shape` and spatial dropout.

# %% [markdown]
# ## Self-check
#
# Press **Check** after each answer; the folded block below explains them all.

# %%
from helpers import quiz

quiz.show_quiz("03_keras_dropout")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Build a `keras.Sequential` model for 28×28 images: `Flatten`, `Dense(128, "relu")`,
# `Dense(64, "relu")` and a 10-class softmax output, with `Dropout(0.3)` after each hidden layer (and nowhere
# else). Pass the model to the checker.

# %%
from helpers.exercises import nb03

exercise_model = None  # your model here
nb03.check_dropout_placement(exercise_model)

# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# exercise_model = keras.Sequential(
#     [
#         keras.Input(shape=(28, 28)),
#         keras.layers.Flatten(),
#         keras.layers.Dense(128, activation="relu"),
#         keras.layers.Dropout(0.3),
#         keras.layers.Dense(64, activation="relu"),
#         keras.layers.Dropout(0.3),
#         keras.layers.Dense(10, activation="softmax"),
#     ]
# )
# nb03.check_dropout_placement(exercise_model)
# ```
#
# Dropout goes on the hidden layers' outputs, after their ReLU, and never after the softmax (it would zero
# class probabilities). The checker reads the model's layers and what it computes: one probability
# vector per image, each hidden layer followed by a plain `Dropout(0.3)` with a mask per example and
# unit (no `noise_shape`). `Dense(128)` followed by `Activation("relu")` works as well, and so does
# Dropout just before that ReLU: zeroing and scaling by 1/(1 − rate) commute with ReLU.
#
# </details>

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: more exercises
#
# **Exercise 2.** Without running it: what does `keras.layers.Dropout(0.25)` return for the input
# `[4.0, 8.0, 12.0]` at inference (`training=False`)? Give the three numbers as a list.

# %% tags=["deep-dive"]
inference_output = None  # your three numbers here
nb03.check_inference_output(inference_output)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# inference_output = [4.0, 8.0, 12.0]
# nb03.check_inference_output(inference_output)
# ```
#
# Keras's inverted dropout divides the kept values by 1 − rate during training; at inference the layer
# passes its input through unchanged, whatever the rate.
#
# </details>

# %% [markdown] tags=["deep-dive"]
# **Exercise 3.** In training, `Dropout(rate)` multiplies each kept value by a constant. Write
# `kept_scale(rate)` returning it, and check that it keeps the expected output equal to the input.

# %% tags=["deep-dive"]
kept_scale = None  # your function here
nb03.check_kept_scale(kept_scale)


# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def kept_scale(rate):
#     return 1 / (1 - rate)
#
#
# nb03.check_kept_scale(kept_scale)
# ```
#
# A value x is kept with probability 1 − rate and then becomes x·s; its mean is (1 − rate)·x·s, which
# equals x only for s = 1/(1 − rate).
#
# </details>

# %% [markdown]
# ## Further reading
#
# - Keras API: [`Dropout`](https://keras.io/api/layers/regularization_layers/dropout/),
#   [`SpatialDropout1D/2D/3D`](https://keras.io/api/layers/regularization_layers/spatial_dropout2d/),
#   [making new layers](https://keras.io/guides/making_new_layers_and_models_via_subclassing/), and
#   [random number generation](https://keras.io/api/random/) (`SeedGenerator`).
# - N. Srivastava et al. (2014). *Dropout: A Simple Way to Prevent Neural Networks from Overfitting.*
#   JMLR 15: 1929–1958. Appendix A: practical guide (rates, learning rates, max-norm).
# - J. Tompson et al. (2015). *Efficient Object Localization Using Convolutional Networks.* CVPR.
#   Where spatial dropout comes from.
# - X. Li et al. (2019). *Understanding the Disharmony between Dropout and Batch Normalization by
#   Variance Shift.* CVPR.
#
# Before you open another notebook, shut this one's kernel down (**Kernel > Shut Down Kernel**):
# every open notebook keeps its own TensorFlow kernel (about 1 GB) running.
#
# Previous: [02 · Dropout from scratch](02_dropout_from_scratch.ipynb) · Next: [04 · The paper's experiments](04_paper_experiments.ipynb)
