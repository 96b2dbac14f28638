# %% [markdown]
# # 00 · Start here: the dropout course
#
# Companion notebooks for learning **dropout** with TensorFlow/Keras. They accompany a short course
# page on dropout (*the course page* below: the idea, an employee-team analogy, a Keras example whose
# code was lost, two self-check questions). The page has errors, and notebook 01 corrects them. Here
# you measure a problem (overfitting), build the fix from scratch, use Keras's layer, test the claims
# of the original paper at laptop scale, and hold the page's employee-team analogy against a real network.
#
# **In this notebook** you check that your environment works and pick a path through the course.
# **Run time:** a few seconds.
# **Study time:** core path about 11 min, whole notebook about 18 min (the rule: under the course map below).

# %% [markdown]
# ## The course map
#
# | # | Notebook | What you learn | Run time | Core path | Whole notebook |
# |---|---|---|---|---:|---:|
# | 01 | [Why dropout](01_why_dropout.ipynb) | measure overfitting; what dropout does, and what happens at test time (correcting the course page) | 27 s | 15 min | 27 min |
# | 02 | [Dropout from scratch](02_dropout_from_scratch.ipynb) | the mask in NumPy: forward, inverted scaling, backward, gradient check, speed | 11 s | 15 min | 30 min |
# | 03 | [Keras `Dropout(0.5)`](03_keras_dropout.ipynb) | the course page's lost Keras example, what the layer does in `fit` and `predict`, a layer of your own | 35 s | 14 min | 26 min |
# | 04 | [The paper's experiments](04_paper_experiments.ipynb) | Figures 9, 10 and 11 of Srivastava et al. (2014) at laptop scale: the rate, the amount of data, weight scaling against k passes | 35 s | 16 min | 17 min |
# | 05 | [The employee team](05_employee_team.ipynb) | the analogy as a simulation, measured against a real network | 37 s | 15 min | 28 min |
# | 06 | [Dropout among the regularizers](06_dropout_among_regularizers.ipynb) | dropout against L2, early stopping and max-norm; choosing the rate on validation data; its price in epochs | 37 s | 17 min | 28 min |
# | 07 | [Dropout in real architectures](07_dropout_in_architectures.ipynb) | CNNs (SpatialDropout2D), RNNs (recurrent_dropout), attention, BatchNorm's variance shift, custom loops | 24 s | 16 min | 20 min |
# | 08 | [Uncertainty from dropout](08_uncertainty.ipynb) | Part II. Monte-Carlo dropout done right; calibration against temperature scaling and a deep ensemble; dataset shift; where it fails | 32 s | 17 min | 26 min |
# | 09 | [Why dropout works, and its family](09_why_dropout_works.ipynb) | Part II. Dropout as a ridge penalty; weight scaling and the geometric mean; DropPath, DropConnect, DropBlock, word dropout | 32 s | 16 min | 33 min |
# | 10 | [Dropout today](10_dropout_today.ipynb) | Part II. Where dropout is used today; fine-tuning a frozen base; a clinic of five silent bugs | 24 s | 16 min | 38 min |
# |  | **The course** (this notebook included) |  |  | **119 min** | **194 min** |
# |  | **Part II, after the course** (08 onwards) |  |  | **49 min** | **97 min** |
#
# **Part I** (00–07) is the course; its core path fits in two hours. **Part II** (08–10) goes beyond
# the course page and the 2014 paper, for when you want more: uncertainty, theory, today's practice.
# Run times are medians measured by `make bench` on a 2-core CPU without a GPU.
#
# **Study time, the rule.** The times above are computed, not guessed (`scripts/study_time.py`): prose
# at 180 words a minute, code at 60 non-blank lines a minute (code inside the text too), the
# notebook's measured run time, 3 minutes per exercise and 1 minute per self-check question, rounded
# to the minute; the course row adds up notebooks 00-07, the Part II row the notebooks after them. The
# core path skips the sections headed **Deep dive** and the folded solutions; the whole notebook has
# everything. (The core path of notebooks 09: not yet timed on its own, so the whole run time counts.)

# %% [markdown]
# ## How to use these notebooks
#
# **On your own.** Work through the notebooks in order. Run each cell (Shift+Enter), read the
# *What to notice* lines, then change something (a rate, a seed, a layer size) and run it again. Each
# notebook ends with a self-check and exercises with checking functions; each solution stays hidden
# until you open it (click **Solution**, or the bar left of a collapsed cell).
#
# **Core path and deep dives.** Sections headed *Deep dive:* go further (a derivation, a second
# experiment, a layer written by hand). Skip them on a first pass: the rest of the notebook, the core
# path, runs and reads without them, and the course map gives the time of both.
#
# **Reading the result tables.** Where a notebook measures something, a small table shows what this
# run found. Each row is one claim the text makes, with what this run measured (*this run*), the one
# number kept for the claim (its *value*, for example how much dropout narrowed a gap), how often the
# claim held when the notebook ran with 10 random starts (its *seeds*, 0 to 9; 20 for notebook 02):
# *always* (every seed), *usually* (at least 9 of 10), *often* (at least 6 of 10) or *sometimes*,
# and the median and range of the value over those seeds. The mark in front of each claim:
#
# | mark | meaning |
# |---|---|
# | ✓ | holds in this run, and in at least 90 % of the seeds: a finding you can rely on at this scale |
# | ~ | holds in this run, but only often (or sometimes) across seeds: a tendency, not a rule |
# | ✗ | does not hold in this run: expected now and then for a weaker claim when you change `SEED` |
#
# Each notebook with random results has a `SEED = 0` cell at the top: change it and run all cells to
# see which claims hold for your seed. Nothing breaks; the tables tell you.
#
# **One kernel at a time.** Each open notebook keeps its own Python kernel running, with TensorFlow
# loaded (about 1 GB: `make bench` measured 0.7–1.2 GB), even after you follow a link to the next notebook. When you finish a
# notebook, choose **Kernel > Shut Down Kernel** in its menu bar. The *Running Terminals and
# Kernels* panel (the square-in-a-circle icon in the left side bar) lists every running kernel and
# shuts any of them down.
#
# **In class.** Every notebook runs in under a minute, so you can run it live while you talk. Nothing
# is downloaded: the data set is in the repository, so a room with poor Wi-Fi is no problem. The
# [instructor guide](../INSTRUCTOR_GUIDE.md) has a session plan, talking points and the
# misconceptions to address. To reset a notebook after class: `git checkout -- notebooks/`.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: run the course on Google Colab
#
# Not needed on your own machine. Colab opens one notebook, not the course's
# folder, so each notebook first needs a copy of the repository. Open the notebook from GitHub in
# Colab; the address then reads `colab.research.google.com/github/OWNER/REPO/blob/BRANCH/notebooks/...`.
# Put your `OWNER/REPO` (and `BRANCH`) into this cell, and run it first in every notebook:
#
# ```python
# COURSE = "OWNER/REPO"  # from the Colab address, for example "alice/dropout-course"
# BRANCH = "main"
# URL = f"https://github.com/{COURSE}.git"
# !test -d /content/course || git clone -q --depth 1 -b {BRANCH} {URL} /content/course
# %cd /content/course/notebooks
# import sys; sys.path.insert(0, "/content/course")
# ```
#
# Colab already has TensorFlow and Keras 3; nothing else needs installing. A clone from a fork or a
# copy works the same way: use the address it lives at.

# %% [markdown]
# ## Setup
#
# Every notebook starts with the same kind of cell: it quiets TensorFlow's start-up messages, seeds
# Python, NumPy and Keras, and sets the course's plot style.

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style (helpers/course.py)
from helpers import course

print(course.setup_notebook(seed=0))
from helpers import data

# %% [markdown]
# ## Check your environment
#
# The table describes your machine, so it differs from one computer to another.

# %% tags=["nbval-ignore-output"]
report = course.environment_report()
width = max(len(name) for name, _ in report)
for name, value in report:
    print(f"{name:<{width}}  {value}")

# %% [markdown]
# What the course needs, checked (this cell fails with a clear message if something is wrong):

# %%
import sys

import keras

if tuple(sys.version_info[:2]) < (3, 10):
    raise RuntimeError("the course needs Python 3.10 or newer")
if not keras.__version__.startswith("3."):
    raise RuntimeError(f"the course needs Keras 3; this is Keras {keras.__version__}")
print(data.verify_subset_files())
train = data.load_fashion_mnist("train")
test = data.load_fashion_mnist("test")
print(f"training images: {len(train):,}, test images: {len(test):,}, classes: {len(train.class_names)}")
print(f"pixel values from {train.images.min():.1f} to {train.images.max():.1f}, dtype {train.images.dtype}")

# %% [markdown]
# ## The data: Fashion-MNIST
#
# Small grey-scale photos of clothing from Zalando (28 × 28 pixels, 10 classes, MIT licence). The
# repository holds a class-balanced subset: 10,000 training and 5,000 test images (see [data/README.md](../data/README.md)).

# %%
# extra code – show the first two examples of each class (the class name above each pair)
import matplotlib.pyplot as plt
import numpy as np

fig, axes = plt.subplots(4, 5, figsize=(7.5, 7.4), layout="constrained")
for label, name in enumerate(train.class_names):
    examples = np.flatnonzero(train.labels == label)[:2]
    for copy, index in enumerate(examples):
        ax = axes[2 * (label // 5) + copy, label % 5]
        ax.imshow(train.images[index], cmap="gray_r")
        ax.set_axis_off()
        if copy == 0:
            ax.set_title(name, fontsize=12)
fig.suptitle("Fashion-MNIST: two training images per class (28 × 28 pixels)")
plt.show()

# %%
counts = np.bincount(train.labels, minlength=10)
print("images per class in the training subset:")
print(counts.tolist())

# %% [markdown]
# ## Self-check
#
# Pick an answer and press **Check**: you see whether it is right, and why. Under the quiz, a folded
# block lists every answer with its explanation, for when you have tried.

# %%
from helpers import quiz

quiz.show_quiz("00_start_here")

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: exercises with the data
#
# **Exercise 1.** Count the test images in each class (a list of 10 numbers, in label order).

# %% tags=["deep-dive"]
from helpers.exercises import nb00

test_counts = None  # your answer here
nb00.check_test_counts(test_counts)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# test_counts = np.bincount(test.labels, minlength=10)
# nb00.check_test_counts(test_counts)
# ```
#
# `np.bincount` counts how often each label occurs; `minlength=10` keeps a count of 0 for a class that
# never appears. Every class has the same number of test images: the subset is balanced.
#
# </details>

# %% [markdown] tags=["deep-dive"]
# **Exercise 2.** Which class has the most "ink": the highest mean pixel value over its training
# images? Answer with its name, for example `"Bag"`.

# %% tags=["deep-dive"]
brightest_class = None  # your answer here
nb00.check_brightest_class(brightest_class)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# class_means = [train.images[train.labels == label].mean() for label in range(10)]
# brightest_class = train.class_names[int(np.argmax(class_means))]
# nb00.check_brightest_class(brightest_class)
# ```
#
# A boolean mask (`train.labels == label`) picks one class's images; their mean pixel value measures
# how much "ink" they hold, and `np.argmax` finds the class with the most.
#
# </details>

# %% [markdown]
# ## Next
#
# Shut down this notebook's kernel (**Kernel > Shut Down Kernel**), then start with
# [01 · Why dropout](01_why_dropout.ipynb).
