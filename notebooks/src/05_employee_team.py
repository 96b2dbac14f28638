# %% [markdown]
# # 05 · The employee team: the analogy as a simulation, measured against a real network
#
# The course page's company: *"each day, a random subset of employees doesn't come to work"*, so
# success no longer hinges on one employee; everyone takes part in the client presentation (the
# evaluation phase). Here that story becomes a simulation.
#
# **Learning objectives.** After this notebook you can
# - state the simulation's rules and trace one working day by hand;
# - measure what absences cost and buy, including the loss of one employee for good;
# - say where the analogy breaks, and test its prediction on a real network.
#
# **Run time:** about 35 seconds on a 2-core CPU (six small networks are trained).
# **Study time:** core path about 15 min, whole notebook about 28 min (the rule: 00's course map).
# **Prerequisites:** notebooks 01–03.
#
# **Notation.** An employee's daily probability of staying home, `absence_rate`, plays Keras's `rate`;
# `p = 1 − rate` keeps.

# %% [markdown]
# ## Setup

# %% tags=["parameters"]
# Parameters: change SEED (or N_TEAMS) and re-run all cells; the result tables then say
# which claims hold at your seed. The stored outputs (and CI) use the SEED here.
SEED = 0
N_TEAMS = 20  # teams per absence rate in the sweep (seeds SEED·N_TEAMS onwards)

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style
from helpers import course

print(course.setup_notebook(seed=SEED))
import keras
import matplotlib.pyplot as plt
import numpy as np

from helpers import ablation, claims, data, plots, progress, tables, team, widgets

check = claims.Checker("05_employee_team", seed=SEED)


# %% [markdown] tags=["deep-dive"]
# ## Deep dive: where the analogy comes from
#
# Geoffrey Hinton has told how his bank gave him part of the idea (an answer in the Google Brain
# team's Reddit "Ask Me Anything", 2016, quoted in the first edition of François Chollet's *Deep
# Learning with Python*, 2017, section 4.4, on dropout):
#
# > I went to my bank. The tellers kept changing and I asked one of them why. He said he didn't know
# > but they got moved around a lot. I figured it must be because it would require cooperation
# > between employees to successfully defraud the bank. This made me realize that randomly removing
# > a different subset of neurons on each example would prevent conspiracies and thus reduce
# > overfitting.
#
# The course page's company, whose employees stay home at random, is a different story about the
# same idea: this notebook simulates the page's version.

# %% [markdown]
# ## Write the rules down
#
# 10 employees, 5 task types, small random starting skills (0 to 0.2) at every task.
# Each day, each employee stays home with probability `absence_rate`. Every task is needed once a
# day: the most skilled pair of a present employee and an open task is matched first, then the next;
# one task per employee; a task nobody is free for stays undone. The day's **output** is the mean
# over tasks of the performer's skill (0 if undone). A task done raises that skill,
# `s ← s + 0.1·(1 − s)`; a skill not practised fades, `s ← 0.995·s`. No rule says "specialise".

# %%
def assign_one_day(skills, present):
    """Who does which task today, as {task: employee}: the most skilled pair first."""
    free = [e for e in range(skills.shape[0]) if present[e]]
    open_tasks = list(range(skills.shape[1]))
    performer = {}
    while free and open_tasks:
        pairs = [(e, k) for e in free for k in open_tasks]
        e, k = max(pairs, key=lambda pair: skills[pair])
        performer[k] = e
        free.remove(e)  # one task per employee and day
        open_tasks.remove(k)  # each task done once
    return performer


# %% [markdown]
# 3 employees, 3 tasks; first all present, then employee 0 at home:

# %%
tiny_skills = np.array([
    [0.9, 0.8, 0.0],  # employee 0: best at task 0, nearly as good at task 1
    [0.1, 0.7, 0.0],  # employee 1
    [0.2, 0.1, 0.3],  # employee 2
])
print("everyone present:  ", assign_one_day(tiny_skills, [True, True, True]))
print("employee 0 at home:", assign_one_day(tiny_skills, [False, True, True]))

# %% [markdown]
# Without employee 0, employee 1 takes task 1 (0.7, the best pair left), employee 2 task 2 (0.3
# beats their 0.2 at task 0), and task 0 stays undone. 300 days; a seed fixes the team and its draws
# (a tested copy: `helpers/team.py`):

# %%
def simulate_one_team(absence_rate, seed, n_employees=10, n_tasks=5, n_days=300):
    rng = np.random.default_rng(seed)
    skills = rng.uniform(0.0, 0.2, size=(n_employees, n_tasks))  # no experts
    absent = rng.random((n_days, n_employees)) < absence_rate  # home today?
    outputs, practice = [], np.zeros((n_employees, n_tasks), dtype=int)
    for day in range(n_days):
        performer = assign_one_day(skills, ~absent[day])
        outputs.append(sum(skills[e, k] for k, e in performer.items()) / n_tasks)
        practised = np.zeros((n_employees, n_tasks), dtype=bool)
        for k, e in performer.items():
            practised[e, k] = True
        practice += practised  # days each employee did each task
        skills = np.where(practised,
                          skills + 0.1 * (1 - skills),  # learning by doing
                          skills * (1 - 0.005))  # fading without practice
    return skills, np.array(outputs), practice


# %% [markdown]
# ## Watch specialists form without absences
#
# The same team twice: no absences, then `absence_rate` 0.5.

# %%
runs = {rate: simulate_one_team(rate, SEED) for rate in (0.0, 0.5)}

# extra code – the two teams' skills side by side
fig, axes = plt.subplots(1, 2, figsize=(8, 4.4), layout="constrained")
for ax, (rate, (skills, _, _)) in zip(axes, runs.items(), strict=True):
    plots.plot_skills(skills, ax=ax, title=f"absence_rate {rate}")
fig.suptitle(f"Team {SEED}: skills after 300 days")
plt.show()

# %%
check.section("one_team", runs=runs)

# %% [markdown]
# **What to notice.** Without absences, each task went to the same person every day: whoever started
# a little better got the work and got better. Five specialists; five never work. With absences the
# stand-ins practise too, and skill spreads.

# %% [markdown]
# ## Measure the team across absence rates
#
# `team.sweep` trains the same 20 teams at each `absence_rate`: mean **output while training**; the
# **presentation** (everyone present: test time); the presentation after one employee **leaves for
# good** (the most damaging leaver; the mean over leavers); employees per task **skilled** (≥ 0.5).

# %%
RATES = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7)
TEAMS = range(SEED * N_TEAMS, (SEED + 1) * N_TEAMS)
results = team.sweep(RATES, TEAMS)
mean = {rate: {name: v.mean() for name, v in results[rate].items()} for rate in RATES}
tables.table([[rate, *mean[rate].values()] for rate in RATES],
             ["absence_rate", "output while training", "presentation", "worst leaver",
              "mean over leavers", "skilled per task"],
             digits=3, title=f"Mean of {N_TEAMS} teams")

# %% [markdown]
# **The headline.** Absences cost output while training (like dropout's higher training loss) and a little
# at the presentation. They buy robustness: without the worst leaver, teams trained with absences
# (0.2, 0.5) keep more (here 0.920 − 0.805 = 0.115 at 0.5, the smaller gain); <!-- ledger: headline_worst -->
# in 10 of 10 seeds (smaller gain: median 0.116, range 0.114–0.119). 0.7 hurts again.

# %%
check.section("sweep", results=results)

# %% [markdown]
# **What to notice.** Without absences, losing the wrong person leaves a task to someone who never
# practised it.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: the sweep in figures
#
# The team's "learning curves" (output per training day, a 10-day moving average), then each measure
# against `absence_rate`; the bands are the range over the 20 teams.

# %% tags=["deep-dive"]
# extra code – output per training day: mean and range of the teams
fig, ax = plt.subplots(figsize=(7.5, 4.2), layout="constrained")
box = np.ones(10) / 10  # each point: the mean of the last 10 days
for index, rate in enumerate((0.0, 0.2, 0.5)):
    daily = team.simulate_team(rate, TEAMS).daily_output  # (teams, days)
    smooth = np.array([np.convolve(row, box, mode="valid") for row in daily])
    days = np.arange(10, daily.shape[1] + 1)
    style = plots.style_for("team", index)
    ax.plot(days, smooth.mean(axis=0), **style, markevery=25,
            label=f"absence_rate {rate}")
    ax.fill_between(days, smooth.min(axis=0), smooth.max(axis=0), color=style["color"],
                    alpha=0.2, linewidth=0)
ax.set(xlabel="training day", ylabel="output (1 = a perfect day)",
       title=f"Output while training (10-day mean; range of {N_TEAMS} teams)")
ax.legend(loc="lower right")
plt.show()

# %% tags=["deep-dive"]
# extra code – the measures after training against absence_rate, stacked
fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 8), sharex=True,
                                  layout="constrained")
plots.plot_team_measures(results, ax=top,
                         title=f"After training (mean, range of {N_TEAMS} teams)")
plots.plot_team_measures(results, ("spread",), ax=bottom, title="Skill spread")
bottom.set_ylim(0, None)
plt.show()

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: change the rule, a finding or a premise?
#
# The specialists at absence_rate 0 come from the rule "most skilled first": practice goes to whoever
# is already best, and practice is what raises skill. Perhaps the rule, not the absences, makes the
# headline. So change it. Under the rule **"capable"**, each day's work goes first to a *random*
# capable employee (skill at least 0.5), and to a random employee when nobody free is capable: the
# priority is `(skill ≥ 0.5) + u`, with `u` uniform and drawn anew every day, in place of the skill in
# `assign_one_day`. The presentation is measured as before.

# %% tags=["deep-dive"]
capable = team.sweep(RATES, TEAMS, rule="capable")
rows = [[rate, mean[rate]["spread"], capable[rate]["spread"].mean(),
         mean[rate]["worst_leaver"], capable[rate]["worst_leaver"].mean()]
        for rate in RATES]
tables.table(rows, ["absence_rate", "skilled per task: best", "capable",
                    "worst leaver: best", "capable"],
             digits=3, title=f"Rules 'best' and 'capable', mean of {N_TEAMS} teams")

# %% tags=["deep-dive"]
check.section("capable", results=capable)

# %% [markdown] tags=["deep-dive"]
# **What to notice.** Without "most skilled first", specialists still form at absence_rate 0: the
# first employee to become capable at a task keeps it, because capable employees go first, and the
# others fade. Absences still make the team more robust to its worst leaver on average (the check asks
# for a gain on average over the teams, not in every team; its line counts the teams that lose). So
# the result does not hang on the greedy rule. Both rules share a premise, though: work goes to those
# who can already do it. That premise is written into the rules; the simulation did not find it. The
# simulation demonstrates the mechanism the course page describes; it is not evidence that networks
# work this way. The real network below is where that evidence has to come from.

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: explore it yourself
#
# Move the slider (five teams rerun on release; it needs a running kernel) to absence_rate 0, 0.3
# and 0.7: where does robustness to the worst leaver peak?

# %% tags=["deep-dive"]
widgets.team_explorer(absence_rate=0.0)

# %% [markdown]
# ## Where the analogy holds, and where it breaks
#
# | | the team | a network with `Dropout(rate)` | holds? |
# |---|---|---|---|
# | who is missing | an employee, for a day | a unit, for one example in one step | holds |
# | the work | 5 tasks, one person each | every unit feeds every output (a sum) | **breaks** |
# | a training day | **nobody's work is multiplied** | inverted (Keras): kept units **× 1/p**; classic: unchanged | **breaks** (inverted) |
# | test time | everyone, as they are | inverted: unchanged; classic: weights **× p** | **breaks** (classic) |
# | learning | each from own practice | every weight from one shared loss | breaks |
# | prevented | one specialist per task | Hinton's "conspiracies": units that only work together | partly |
# | robust by | copies: several skilled per task | units useful with random others | **breaks** |
# | too much | at 0.7 skills stay lower | underfitting | holds |
#
# **Why a network must scale and the team does not.** One person does a task, as before. A layer
# *adds up* its inputs: in training it gets about p times its full input, so with everyone present
# 1/p times what it saw in training, unless something scales (inverted dropout in training, classic
# at test time). Checked:

# %%
layer = keras.layers.Dropout(0.5, seed=SEED)
dropped = np.asarray(layer(np.ones((1, 10_000), dtype="float32"), training=True))
late = team.simulate_team(0.5, TEAMS).daily_output[:, -100:].mean()  # the last 100 days
presented = mean[0.5]["presentation"]  # the same teams, everyone present
check.section("breaks", dropped=dropped, late=late, presentation=presented)

# %% [markdown]
# **What to notice.** Keras doubles the survivors: the mean stays near 1, as a sum needs. The team's
# last 100 training days (here 0.739) fall below its presentation (0.953) but far above
# 0.5 × 0.953: from absences (tasks nobody is free for, stand-ins with less practice), not a
# missing factor.

# %% [markdown]
# ## Hold it against a real network
#
# A leaver is a hidden unit whose outgoing weights (its row of the output kernel) become 0. One MLP
# (128 ReLU units) with and without `Dropout(0.5)`, 20 epochs, three network seeds:

# %%
def build_network(rate, seed):
    keras.utils.set_random_seed(seed)  # reproducible runs
    model = keras.Sequential([
        keras.Input(shape=(28, 28)), keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu", name="hidden"), keras.layers.Dropout(rate),
        keras.layers.Dense(10, activation="softmax", name="output")])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"], steps_per_execution=16)  # speed only
    return model


# %%
train, _ = data.split_off_validation(data.load_fashion_mnist("train"), 2_000)
test = data.load_fashion_mnist("test")
NETWORK_SEEDS = (3 * SEED, 3 * SEED + 1, 3 * SEED + 2)
NETWORK_RATES = {"no dropout": 0.0, "dropout 0.5": 0.5}
networks, fit_accuracy = {}, {}
for seed in NETWORK_SEEDS:
    for name, rate in NETWORK_RATES.items():
        model = build_network(rate, seed)
        bar = progress.TrainingProgress(f"run {len(networks) + 1} of 6: {name}")
        fit = model.fit(train.images, train.labels, epochs=20, batch_size=128, verbose=0, callbacks=[bar])
        networks[name, seed] = model
        fit_accuracy[name, seed] = fit.history["accuracy"][-1]  # dropout on

# %% [markdown]
# Remove `k` random units (20 draws per `k`), and each unit alone to find the most important one
# (`helpers/ablation.py` zeroes their outgoing weights); test accuracy on 5,000 images:

# %%
def hidden_activations(model, images):
    W1, b1 = model.get_layer("hidden").get_weights()
    flat = images.reshape(len(images), -1)
    return np.maximum(flat @ W1 + b1, 0)  # ReLU; dropout is off at test time


COUNTS = (0, 8, 16, 32, 48, 64, 80, 96, 112)
random_curves, single_unit = {}, {}
for (name, seed), model in networks.items():
    hidden = hidden_activations(model, test.images)
    problem = (hidden, *model.get_layer("output").get_weights(), test.labels)
    draws = ablation.random_removal(*problem, COUNTS, n_draws=20,
                                    rng=np.random.default_rng(seed))
    random_curves[name, seed] = draws.mean(axis=1)  # mean over the draws
    single_unit[name, seed] = ablation.single_unit_removal(*problem)

# %%
SHOWN = (0, 16, 32, 64, 96)
rows = [[*key, *(curve[COUNTS.index(k)] for k in SHOWN), single_unit[key].min()]
        for key, curve in random_curves.items()]
tables.table(rows, ["network", "seed", *(f"k = {k}" for k in SHOWN), "most important unit out"],
             digits=3, title="Test accuracy, k random units removed (mean of 20 draws)")

# %%
check.section("ablation", random_curves=random_curves, single_unit=single_unit,
              counts=COUNTS)

# %% [markdown]
# **What to notice.** Intact, the networks are about equally accurate; at every `k` the dropout one
# loses less. Without 64 units, the other loses at least twice as much (smallest ratio of three
# pairs: <!-- ledger: half_removed --> median 5.6 over 10 seeds, range 4.7–6.6); its most important
# unit costs it at least twice as much too (<!-- ledger: single_unit --> in 8 of 10 seeds).

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: the real network in detail
#
# The two networks of a seed do not start from the same weights (the Dropout layer draws its own
# seed, which moves the output layer's initial weights), so each comparison is between two
# independently started networks.

# %% tags=["deep-dive"]
check.section("network_training", fit_accuracy=fit_accuracy)

# %% [markdown] tags=["deep-dive"]
# `fit`'s accuracy is measured with dropout on, during the epoch: it is the analogue of the team's
# output on a training day, not a measure of how well the network generalises (for that, see 01).
#
# Removing units, written out: compute the hidden activations once, multiply the removed units by 0,
# and finish the forward pass by hand. Keras agrees when the same units' outgoing weights are zeroed in
# the model.

# %% tags=["deep-dive"]
model = networks["dropout 0.5", NETWORK_SEEDS[0]]
hidden = hidden_activations(model, test.images)
kernel, bias = model.get_layer("output").get_weights()
keep = np.ones(128, dtype="float32")
keep[[3, 14, 15, 92]] = 0.0  # four units leave
logits = (hidden * keep) @ kernel + bias  # softmax keeps the largest logit's class
by_hand = float((logits.argmax(axis=1) == test.labels).mean())

# %% tags=["deep-dive"]
model.get_layer("output").set_weights([kernel * keep[:, None], bias])  # rows zeroed
in_keras = model.evaluate(test.images, test.labels, batch_size=1024, verbose=0)[1]
model.get_layer("output").set_weights([kernel, bias])  # the units come back
check.section("removal", by_hand=by_hand, in_keras=in_keras, n_images=len(test))

# %% tags=["deep-dive"]
# extra code – accuracy against units removed, and how much each single unit matters
fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 8.5), layout="constrained")
for name in NETWORK_RATES:
    style = plots.style_for(name)
    curves = np.array([random_curves[name, seed] for seed in NETWORK_SEEDS])
    for curve in curves:
        top.plot(COUNTS, curve, color=style["color"], linestyle=style["linestyle"],
                 alpha=0.35, linewidth=1)
    top.plot(COUNTS, curves.mean(axis=0), **style, label=f"{name} (mean of 3)")
    # accuracy lost when each unit alone is removed, largest first
    drops = np.array([np.sort(random_curves[name, s][0] - single_unit[name, s])[::-1]
                      for s in NETWORK_SEEDS])
    bottom.plot(np.arange(1, 21), drops[:, :20].mean(axis=0), **style, label=name)
top.set(xlabel="hidden units removed at random (of 128)", ylabel="test accuracy",
        title="Removing k random units")
top.legend(loc="lower left")
bottom.set(xlabel="unit, ranked by importance (1 = most important)",
           ylabel="accuracy lost",
           title="Removing one unit: the 20 most important (mean of 3)")
bottom.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
bottom.legend()
plt.show()

# %% [markdown] tags=["deep-dive"]
# **What to notice.** The network trained with dropout degrades gracefully: like the team trained with
# absences, it was trained with a random part of itself missing, and each single unit now matters
# less. (The ablation does not show how: the team got there by copies, which the paper argues a
# dropout network does not rely on.)
#
# ### Sparser activations (the paper's Figure 8)
#
# Srivastava et al. (2014, Section 7.2, Figure 8) saw that dropout makes hidden activations sparser,
# without any sparsity-inducing regularizer. (The paper measured autoencoders; here, our
# classifier.) A simple measure: for each test image, the fraction of the 128 hidden units with a positive output.

# %% tags=["deep-dive"]
active = {key: (hidden_activations(model, test.images) > 0).mean(axis=1)  # per image
          for key, model in networks.items()}
check.section("sparsity", active=active)

# %% tags=["deep-dive"]
# extra code – histogram for the first network seed
fig, ax = plt.subplots()
bins = np.linspace(0, 1, 41)
for index, name in enumerate(NETWORK_RATES):
    ax.hist(active[name, NETWORK_SEEDS[0]], bins=bins, color=plots.color_for(name),
            hatch=plots.HATCHES[index + 1], edgecolor="white", alpha=0.6, label=name)
ax.set(xlabel="fraction of the 128 hidden units active (output > 0)",
       ylabel="test images",
       title=f"Activation sparsity, network seed {NETWORK_SEEDS[0]}")
ax.legend()
plt.show()

# %% [markdown] tags=["deep-dive"]
# **What to notice.** With dropout, each image switches on fewer units, and yet the network loses less
# when units are removed: sparse and robust are not opposites.

# %% [markdown]
# ## Recap
#
# - Without absences the rules produce specialists; absences spread skills and protect against the
#   worst leaver (0.7 hurts again).
# - The analogy breaks on scaling, learning and how robustness is reached.
# - An MLP trained with dropout loses far less when units are removed, at about the same accuracy.

# %% [markdown]
# ## Self-check
#
# Press **Check** after each answer; the folded block below explains them all.

# %%
from helpers import quiz

quiz.show_quiz("05_employee_team")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Write `worst_leaver(skills)`: for one team's skills (employees × tasks), the
# presentation output when the most damaging single employee has left.
# `team.presentation_output(skills, leaver=e)` gives the presentation without employee `e`.

# %%
from helpers.exercises import nb05

worst_leaver = None  # your function here
nb05.check_worst_leaver(worst_leaver)


# %% [markdown]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def worst_leaver(skills):
#     outputs = [team.presentation_output(skills, leaver=e) for e in range(len(skills))]
#     return min(outputs)
#
#
# nb05.check_worst_leaver(worst_leaver)
# ```
#
# Try every employee as the leaver and keep the lowest presentation: the most damaging leaver is the
# one whose tasks nobody else can do. `team.leave_one_out(skills).min()` computes the same for you.
#
# </details>

# %% [markdown] tags=["deep-dive"]
# ## Deep dive: more exercises
#
# **Exercise 2.** Write `remove_units(kernel, units)`: a copy of an output layer's kernel (units ×
# classes) in which the outgoing weights of the hidden units listed in `units` are 0. Do not change the
# kernel you are given.

# %% tags=["deep-dive"]
remove_units = None  # your function here
nb05.check_remove_units(remove_units)


# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# def remove_units(kernel, units):
#     result = kernel.copy()
#     result[list(units)] = 0.0
#     return result
#
#
# nb05.check_remove_units(remove_units)
# ```
#
# The output layer's kernel has one row per hidden unit; zeroing a row cuts that unit off from every
# class, as if it had left. Copying first leaves the trained model untouched.
#
# </details>

# %% [markdown] tags=["deep-dive"]
# **Exercise 3.** Does the headline need forgetting? Rerun the sweep for absence_rate 0 and 0.5 on
# seeds 0–19 with `forgetting_rate=0.0`, and give the mean worst-leaver output at each (0 first).

# %% tags=["deep-dive"]
worst_without_absences, worst_with_absences = None, None  # your two numbers here
nb05.check_no_forgetting(worst_without_absences, worst_with_absences)

# %% [markdown] tags=["deep-dive"]
# <details><summary>Solution (open after you tried)</summary>
#
# ```python
# no_forgetting = team.sweep((0.0, 0.5), range(20), forgetting_rate=0.0)
# worst_without_absences = no_forgetting[0.0]["worst_leaver"].mean()
# worst_with_absences = no_forgetting[0.5]["worst_leaver"].mean()
# nb05.check_no_forgetting(worst_without_absences, worst_with_absences)
# ```
#
# Without forgetting the headline holds: idle colleagues keep only their small starting skills, while
# stand-ins who learned a task on the days its specialist was away never lose it.
#
# </details>

# %% [markdown]
# ## Further reading
#
# - F. Chollet (2017). *Deep Learning with Python*, 1st edition, section 4.4: Hinton's bank story.
# - N. Srivastava et al. (2014). *Dropout: A Simple Way to Prevent Neural Networks from Overfitting.*
#   JMLR 15. Section 2: the motivations; why copies of a unit are a poor way to be robust.
# - A. Morcos et al. (2018). *On the importance of single directions for generalization.* ICLR.
#
# ---
#
# Before you open another notebook, shut this one's kernel down (**Kernel > Shut Down Kernel**):
# every open notebook keeps its own TensorFlow kernel (about 1 GB) running.
#
# Previous: [04 · The paper's experiments](04_paper_experiments.ipynb) · Next: [06 · Dropout among the regularizers](06_dropout_among_regularizers.ipynb)
