# %% [markdown]
# # 05 · The employee team: the analogy as a simulation, measured against a real network
#
# The course page explains dropout with a company whose employees stay home at random. Here you turn
# that story into a simulation you can run and change, measure what it predicts, and then check the
# prediction on two trained networks.
#
# **Learning objectives.** After this notebook you can
# - state the simulation's rules in one paragraph and trace one working day by hand;
# - measure, over 20 seeds, what absences during training do to the output while training, to the
#   client presentation with everyone present, and to the damage done when one employee leaves for good;
# - say where the analogy holds and where it breaks (inverted dropout's scaling, per-example masks, ...);
# - remove hidden units from a network trained with and without dropout, and say which degrades more
#   gracefully.
#
# **Run time:** about 35 seconds on a 2-core CPU (six small networks are trained).
# **Prerequisites:** notebooks 01–03 (what dropout does in training and at test time, inverted scaling).

# %% [markdown]
# ## Setup

# %%
# Setup: quiet TensorFlow, seed Python/NumPy/Keras, the course's plot style (helpers/course.py)
from helpers import course

print(course.setup_notebook(seed=42))
import keras
import matplotlib.pyplot as plt
import numpy as np

from helpers import ablation, data, plots, team, training

# %% [markdown]
# ## Turn the analogy into predictions
#
# The course page: *"Imagine a company where projects are handled by teams of employees. [...] each day, a
# random subset of employees doesn't come to work."* It then promises three things:
#
# 1. **Team adaptation.** The people who are present handle tasks they would not usually do.
# 2. **Project robustness.** Success no longer hinges on any single employee; skill sets become more
#    versatile.
# 3. **Full team utilisation.** At the client presentation (the evaluation phase) everyone takes part.
#
# A story cannot be tested; a simulation can. If we write down how a team works and learns, each promise
# becomes a number: how many employees can do each task, how much output is lost when one employee
# leaves for good, how well the full team presents. And the page's implicit cost becomes a number too:
# with people at home, less gets done while training.

# %% [markdown]
# ## Write the rules down
#
# **The simulation in one paragraph.** A team of 10 employees handles 5 task types. Every employee
# starts with a small random skill (between 0 and 0.2) at every task; nobody is an expert and nobody is
# given a speciality. Each day, each employee stays home independently with probability **p** (the
# company's "dropout rate"). The day's project needs every task once. Among the present employees and the
# open tasks, the pair with the highest skill is matched first: the most skilled available person takes
# the work. Each employee does at most one task a day, and a task nobody is free for stays undone. The
# day's **output** is the mean, over the 5 tasks, of the skill of whoever did the task (0 if undone), so
# 1 is a perfect day. Then everybody learns by doing: doing a task raises that skill,
# `s ← s + 0.1·(1 − s)`, and every skill not practised that day fades, `s ← 0.995·s`.
#
# Nothing in these rules says "specialise" or "share the work". Whatever happens below emerges from
# them. First the assignment of one day, written out:

# %%
def assign_one_day(skills, present):
    """Who does which task today, as {task: employee}: the best (employee, task) pair goes first."""
    free = [e for e in range(skills.shape[0]) if present[e]]
    open_tasks = list(range(skills.shape[1]))
    performer = {}
    while free and open_tasks:
        e, k = max(((e, k) for e in free for k in open_tasks), key=lambda pair: skills[pair])
        performer[k] = e
        free.remove(e)  # one task per employee and day
        open_tasks.remove(k)  # each task done once
    return performer


# %% [markdown]
# Try it on a tiny team of 3 employees and 3 tasks before using it in the simulation:

# %%
tiny_skills = np.array(
    [
        [0.9, 0.8, 0.0],  # employee 0: best at task 0, nearly as good at task 1
        [0.1, 0.7, 0.0],  # employee 1
        [0.2, 0.1, 0.3],  # employee 2
    ]
)
everyone = np.array([True, True, True])
without_0 = np.array([False, True, True])
print("everyone present:   ", assign_one_day(tiny_skills, everyone))
print("employee 0 at home: ", assign_one_day(tiny_skills, without_0))
print("the tested helper:  ", team.assign_tasks(tiny_skills, everyone), team.assign_tasks(tiny_skills, without_0))
assert assign_one_day(tiny_skills, everyone) == {0: 0, 1: 1, 2: 2}
assert assign_one_day(tiny_skills, without_0) == {1: 1, 2: 2}  # task 0 stays undone


# %% [markdown]
# With employee 0 at home, employee 1 takes task 1 (0.7 is the best pair left), employee 2 takes task 2
# (0.3 beats their 0.2 at task 0), and task 0 stays undone: nobody doubles up. (The helper writes the
# same answer as one employee per task, `-1` for undone.)
#
# Now the whole training period for one team. The random numbers are drawn in a fixed order (the
# starting skills, then one number per employee and day), so a seed gives the same team and the same
# draws at every `p`: comparisons between absence rates are paired.

# %%
def simulate_one_team(p, seed, n_employees=10, n_tasks=5, n_days=300,
                      learning_rate=0.1, forgetting_rate=0.005, initial_skill=0.2):
    rng = np.random.default_rng(seed)
    skills = rng.uniform(0.0, initial_skill, size=(n_employees, n_tasks))  # nobody is an expert yet
    absent = rng.random((n_days, n_employees)) < p  # each employee, each day: home with probability p
    outputs = []
    for day in range(n_days):
        performer = assign_one_day(skills, ~absent[day])
        outputs.append(sum(skills[e, k] for k, e in performer.items()) / n_tasks)  # undone tasks add 0
        practised = np.zeros(skills.shape, dtype=bool)
        for k, e in performer.items():
            practised[e, k] = True
        skills = np.where(practised,
                          skills + learning_rate * (1 - skills),  # learning by doing
                          skills * (1 - forgetting_rate))  # fading without practice
    return skills, np.array(outputs), absent


# %% [markdown]
# Check it against the tested, vectorised helper (`team.simulate_team`, which runs many seeds at once)
# on the same seed:

# %%
for p in (0.0, 0.5):
    skills, outputs, absent = simulate_one_team(p, seed=0)
    run = team.simulate_team(p, seeds=0)
    same = (
        np.array_equal(absent, run.absent[0])
        and np.allclose(skills, run.skills[0], rtol=0, atol=1e-12)
        and np.allclose(outputs, run.daily_output[0], rtol=0, atol=1e-12)
    )
    print(f"p = {p}: {absent.mean():.3f} of employee-days absent; skills and daily outputs match the helper: {same}")
    assert same

# %% [markdown]
# ## Watch specialists form without absences
#
# The same team (seed 0) trained twice: once with everybody always at work, once with each employee at
# home on half the days.

# %%
runs = {p: team.simulate_team(p, seeds=0) for p in (0.0, 0.5)}

# extra code – the two teams' skills side by side
fig, axes = plt.subplots(1, 2, figsize=(10, 4.4), layout="constrained")
for ax, (p, run) in zip(axes, runs.items(), strict=True):
    team.plot_skills(run.skills[0], ax=ax, title=f"p = {p}: skills after 300 days")
plt.show()

# %%
for p, run in runs.items():
    practice = run.practice[0]  # days each employee did each task
    print(f"p = {p}: days on which the most frequent doer did each task:", practice.max(axis=0).tolist(),
          f"| employees who never worked: {(practice.sum(axis=1) == 0).sum()}",
          f"| employees with skill ≥ {team.SKILLED} per task:", team.skill_spread(run.skills[0]).tolist())
assert (runs[0.0].practice[0].max(axis=0) == 300).all()  # p = 0: one person did each task every day
assert (team.skill_spread(runs[0.0].skills[0]) == 1).all()
assert (team.skill_spread(runs[0.5].skills[0]) >= 2).all()

# %% [markdown]
# **What to notice.** Without absences, each task was done by the same person on all 300 days: whoever
# happened to start a little better did the task, got better at it, and the others' skill faded. Five
# specialists carry the team and five colleagues never work. With absences, the stand-ins practise too,
# and every task ends with at least two skilled employees. Same starting team, same rules: only the
# absences differ.

# %% [markdown]
# ## Measure the team across absence rates
#
# One team is an anecdote. `team.sweep` trains 20 teams (seeds 0–19) at each `p` and measures each one:
# the mean output while training; the **presentation** with everyone present and no learning (the
# analogue of test time); the presentation after one employee has **left for good**, for the most
# damaging leaver (worst case) and on average over who leaves; and the **skill spread**, the number of
# employees per task with a skill of at least 0.5. The whole sweep takes well under a second.

# %%
PS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7)
SEEDS = range(20)
results = team.sweep(PS, SEEDS)
print(team.format_sweep(results))

# %% tags=["nbval-ignore-output"]
# extra code – how long the sweep takes on this machine (120 teams of 300 days)
import time

start = time.perf_counter()
team.sweep(PS, SEEDS)
print(f"sweep of {len(PS)} absence rates × {len(SEEDS)} seeds: {time.perf_counter() - start:.2f} s")

# %%
# extra code – the team's "learning curves" and the measures against p
fig, (left, middle, right) = plt.subplots(1, 3, figsize=(16, 4.6), layout="constrained")
window = 10
for p, color in zip((0.0, 0.2, 0.5), (plots.PALETTE[6], plots.PALETTE[4], plots.PALETTE[5]), strict=True):
    daily = team.simulate_team(p, SEEDS).daily_output  # (seeds, days)
    smooth = np.array([np.convolve(row, np.ones(window) / window, mode="valid") for row in daily])
    days = np.arange(window, daily.shape[1] + 1)  # each point: the mean of the last 10 days
    left.plot(days, smooth.mean(axis=0), color=color, label=f"p = {p}")
    left.fill_between(days, smooth.min(axis=0), smooth.max(axis=0), color=color, alpha=0.2, linewidth=0)
left.set_xlabel("training day")
left.set_ylabel("output (fraction of a perfect day)")
left.set_title("Output while training (10-day mean; range of 20 seeds)", fontsize=12)
left.legend(loc="lower right")
team.plot_sweep(results, ax=middle, title="After training (mean, range of 20 seeds)")
team.plot_sweep(results, ("spread",), ax=right, title="Skill spread (mean, range of 20 seeds)")
right.set_ylim(0, None)
plt.show()

# %% [markdown]
# Every sentence below is checked by the next cell, in the mean over the 20 seeds and, where it says so,
# in every seed (the comparisons are paired: the same seed is the same team at every `p`). The same
# checks hold for seeds 100–119, 1000–1019 and 5000–5019, tried outside the notebook.
#
# - Absences cost output while training, the more the higher `p` (like the higher training loss of a
#   network trained with dropout).
# - The presentation with everyone present is perfect at `p = 0` and slightly lower with absences
#   (above 0.97 at `p = 0.2`, above 0.93 at `p = 0.5`): experts practise less often and forget a little.
# - **The headline.** When one employee leaves for good, the team trained with absences keeps more
#   output than the team trained without, in the worst case (by more than 0.05) and on average over who
#   leaves (by more than 0.02), at `p = 0.2` and at `p = 0.5`, in every one of the 20 seeds; after the
#   worst leaver it still produces more than 0.9 of a perfect day, against 0.805 at `p = 0`.
# - Skills spread: exactly one skilled employee per task at `p = 0` in every seed, more than two on
#   average at `p = 0.5`.
# - Too many absences hurt: at `p = 0.7` the worst-leaver output is lower than at `p = 0.3` (by more than 0.04).

# %%
mean = {p: {measure: values.mean() for measure, values in results[p].items()} for p in PS}
training_means = [mean[p]["training"] for p in PS]
print("output while training:", " > ".join(f"{value:.3f}" for value in training_means))
assert all(np.diff(training_means) < 0)
assert training_means[0] > 0.96 and mean[0.5]["training"] < 0.72

print(f"presentation: p = 0 {mean[0.0]['presentation']:.3f}, p = 0.2 {mean[0.2]['presentation']:.3f}, "
      f"p = 0.5 {mean[0.5]['presentation']:.3f}")
assert mean[0.0]["presentation"] > 0.999 and mean[0.2]["presentation"] > 0.97 and mean[0.5]["presentation"] > 0.93

for p in (0.2, 0.5):
    worst_gain = results[p]["worst_leaver"] - results[0.0]["worst_leaver"]  # per seed: same team, other p
    mean_gain = results[p]["mean_leaver"] - results[0.0]["mean_leaver"]
    print(f"p = {p} against p = 0: worst leaver +{worst_gain.mean():.3f} "
          f"(smallest of 20 seeds +{worst_gain.min():.3f}), "
          f"average leaver +{mean_gain.mean():.3f} (smallest +{mean_gain.min():.3f})")
    assert worst_gain.mean() > 0.05 and (worst_gain > 0).all() and mean[p]["worst_leaver"] > 0.9
    assert mean_gain.mean() > 0.02 and (mean_gain > 0).all()

print(f"worst leaver at p = 0: {mean[0.0]['worst_leaver']:.3f} (one of 5 tasks left to an idle colleague)")
assert abs(mean[0.0]["worst_leaver"] - 0.805) < 0.01

print(f"skill spread: p = 0 {mean[0.0]['spread']:.2f}, p = 0.5 {mean[0.5]['spread']:.2f}")
assert (results[0.0]["spread"] == 1).all() and mean[0.5]["spread"] > 2

print(f"worst leaver: p = 0.3 {mean[0.3]['worst_leaver']:.3f}, p = 0.7 {mean[0.7]['worst_leaver']:.3f}")
assert mean[0.7]["worst_leaver"] < mean[0.3]["worst_leaver"] - 0.04

# %% [markdown]
# **What to notice.** Absences trade output while training (0.97 → 0.69 at `p = 0.5`) and a little
# presentation quality for robustness: without absences, losing the wrong person costs a fifth of the
# work (0.805), because that task has nobody else who can do it. The robustness measured here is about
# losing an employee; the course page's "akin to overfitting" is a different matter, which the network
# below does not settle either.

# %% [markdown]
# ## Explore it yourself
#
# Move the slider (it reruns five teams of 10 for 300 days when you release it). Look at the skill map
# at `p = 0`, then at `p = 0.3` and `p = 0.8`: where does robustness to the worst leaver peak? The
# figures above are the stored result; the explorer needs a running kernel.

# %%
team.team_explorer(p=0.0)

# %% [markdown]
# ## Where the analogy holds, and where it breaks
#
# | | the team | a network with `Dropout(rate)` in Keras | holds? |
# |---|---|---|---|
# | who is missing | each employee, independently, with probability `p`, for a whole day | each unit, independently, with probability `rate`, for **one example in one training step**: a new mask for every image and every batch | the idea holds; the scale differs: one epoch here draws 8,000 masks per unit, the team gets 300 days |
# | what the others do | they work as usual; **nobody doubles their output** | inverted dropout **multiplies the kept units by `1/(1 − rate)`** in training, so the expected signal stays the same | **breaks** (checked below) |
# | test time | the presentation: everyone present, nobody learns | `predict`: every unit present, no mask, no scaling, no learning | holds |
# | how they learn | each employee from their own practice only | every weight by gradients of one shared loss, through all the units that were kept | breaks: units learn together, employees alone |
# | what "co-adaptation" means | single points of failure: one specialist per task | in the paper, units that rely on specific other units to fix their mistakes | partly: the simulation shows the first, not the second |
# | how the team's output is combined | one person per task (the best one present) | every unit contributes to every output (a weighted sum); the full network approximates an average of the thinned networks | breaks |
# | the cost | less output while training | higher training loss, slower training | holds |
# | too much of it | at `p = 0.7` experts practise too rarely | too high a rate underfits | holds |
# | "akin to overfitting" | robustness to a leaver; nothing here is about new clients | dropout's purpose: better accuracy on unseen data | the analogy is about robustness, not generalisation |
#
# The first "breaks" row, checked: a Keras `Dropout(0.5)` layer in training multiplies each kept unit by 2,
# so the mean of many units stays at its value without dropout. The team at `p = 0.5` produces far less
# on a training day than at its presentation, because nobody makes up for an absent colleague.

# %%
layer = keras.layers.Dropout(0.5, seed=0)
ones = np.ones((1, 10_000), dtype="float32")
dropped = np.asarray(layer(ones, training=True))
print(f"Keras Dropout(0.5), training: values {sorted(set(dropped.ravel().tolist()))}, mean {dropped.mean():.3f} "
      f"(without dropout: 1.000)")
assert set(dropped.ravel().tolist()) == {0.0, 2.0} and abs(dropped.mean() - 1) < 0.04  # 4 standard deviations

late_output = team.simulate_team(0.5, SEEDS).daily_output[:, -100:].mean()
print(f"team at p = 0.5: output on the last 100 training days {late_output:.3f}, "
      f"presentation with everyone {mean[0.5]['presentation']:.3f}")
assert late_output < mean[0.5]["presentation"] - 0.1

# %% [markdown]
# ## Hold it against a real network
#
# In a network, an employee who leaves for good is a hidden unit whose output is set to zero for good:
# its outgoing weights (its row of the output layer's kernel) become 0. We train the same MLP, one hidden
# layer of 128 ReLU units, with and without `Dropout(0.5)` after it: 20 epochs on 8,000 training
# images, for seeds 0, 1 and 2 (`build_mlp(..., seed=s)` resets Keras's random state before each network). Then we remove
# units and measure the accuracy on the 5,000 test images.

# %%
train, validation = data.split_off_validation(data.load_fashion_mnist("train"), 2_000)
test = data.load_fashion_mnist("test")
NETWORK_SEEDS = (0, 1, 2)
RATES = {"no dropout": 0.0, "dropout 0.5": 0.5}

networks, final_training_accuracy = {}, {}
for seed in NETWORK_SEEDS:
    for name, rate in RATES.items():
        model = training.build_mlp((128,), rate, seed=seed, name=f"{name.replace(' ', '_')}_{seed}".replace(".", ""))
        history = training.train_model(model, train, epochs=20)
        networks[name, seed] = model
        final_training_accuracy[name, seed] = history["accuracy"][-1]
        print(f"seed {seed}, {name:<11}: training accuracy in the last epoch {history['accuracy'][-1]:.3f}")
for seed in NETWORK_SEEDS:  # the cost while training, as in the team (Keras measures it with dropout active)
    assert final_training_accuracy["dropout 0.5", seed] < final_training_accuracy["no dropout", seed] - 0.02

# %% [markdown]
# Removing units, written out: compute the hidden activations once, multiply the removed units by 0,
# and finish the forward pass by hand. The cell checks this against Keras itself (zeroed weights in the
# model, then `evaluate`), and the helper `ablation.accuracy_without_units` against both.

# %%
model = networks["dropout 0.5", 0]
W1, b1 = model.get_layer("hidden_1").get_weights()
kernel, bias = model.get_layer("output").get_weights()
hidden = np.maximum(test.images.reshape(len(test), -1) @ W1 + b1, 0)  # ReLU; dropout is off at test time
assert np.allclose(hidden, ablation.last_hidden_activations(model, test.images), atol=1e-4)

removed_units = [3, 14, 15, 92]
keep = np.ones(128, dtype="float32")
keep[removed_units] = 0.0
logits = (hidden * keep) @ kernel + bias  # the output layer without the removed units (softmax keeps the argmax)
by_hand = float((logits.argmax(axis=1) == test.labels).mean())

zeroed = kernel.copy()
zeroed[removed_units] = 0.0  # the removed units' outgoing weights
model.get_layer("output").set_weights([zeroed, bias])
in_keras = training.evaluate(model, test)["accuracy"]
model.get_layer("output").set_weights([kernel, bias])  # the units come back

removed = ~keep.astype(bool)
with_helper = ablation.accuracy_without_units(hidden, kernel, bias, test.labels, removed)
print(f"accuracy without units {removed_units}: by hand {by_hand:.4f}, Keras {in_keras:.4f}, helper {with_helper:.4f}")
assert abs(by_hand - in_keras) <= 2 / len(test) and by_hand == with_helper

# %% [markdown]
# Now the experiment: for each network, remove `k` units chosen at random (20 random draws per `k`),
# and, separately, each unit alone, to find the single most important one.

# %%
COUNTS = (0, 8, 16, 32, 48, 64, 80, 96, 112)
random_curves, single_unit = {}, {}
for (name, seed), model in networks.items():
    hidden = ablation.last_hidden_activations(model, test.images)
    kernel, bias = ablation.output_weights(model)
    rng = np.random.default_rng(seed)
    random_curves[name, seed] = ablation.random_removal(
        hidden, kernel, bias, test.labels, COUNTS, n_draws=20, rng=rng
    ).mean(axis=1)  # mean over the draws
    single_unit[name, seed] = ablation.single_unit_removal(hidden, kernel, bias, test.labels)

print("accuracy on the 5,000 test images (mean of 20 random draws per k)")
print(f"{'network':<22}" + "".join(f"{k:>7}" for k in COUNTS) + "   most important unit removed")
for (name, seed), curve in random_curves.items():
    worst = single_unit[name, seed].min()
    print(f"{name + ', seed ' + str(seed):<22}" + "".join(f"{a:7.3f}" for a in curve) + f"   {worst:.3f}")

# %%
# extra code – accuracy against units removed, and how much each single unit matters
fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.8), layout="constrained")
for name in RATES:
    color = plots.color_for(name)
    curves = np.array([random_curves[name, seed] for seed in NETWORK_SEEDS])
    for curve in curves:
        left.plot(COUNTS, curve, color=color, alpha=0.35, linewidth=1)
    left.plot(COUNTS, curves.mean(axis=0), color=color, marker="o", label=f"{name} (mean of 3 seeds)")
    # accuracy lost when each unit alone is removed, largest first
    drops = np.array([np.sort(random_curves[name, s][0] - single_unit[name, s])[::-1] for s in NETWORK_SEEDS])
    right.plot(np.arange(1, 21), drops[:, :20].mean(axis=0), color=color, marker="o", label=name)
left.set_xlabel("hidden units removed at random (of 128)")
left.set_ylabel("test accuracy (fraction correct)")
left.set_title("Removing k random units")
left.legend(loc="lower left")
right.set_xlabel("unit, ranked by importance (1 = most important)")
right.set_ylabel("accuracy lost (fraction of test images)")
right.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
right.set_title("Removing one unit: the 20 most important (mean of 3 seeds)", fontsize=12)
right.legend()
plt.show()

# %% [markdown]
# The claims, checked for each of the three seeds (and holding in all of seeds 0–9, tried outside the
# notebook with the same settings):
#
# - Both networks are about equally accurate when intact (within 0.015).
# - At every `k` from 8 to 112, the network trained with dropout loses less accuracy than the one without.
# - With half the units (64) removed at random, the network without dropout loses more than 0.08 accuracy,
#   the one with dropout less than 0.05.
# - The single most important unit costs the network without dropout at least twice as much accuracy as
#   the most important unit of the dropout network.

# %%
for seed in NETWORK_SEEDS:
    plain, dropout = random_curves["no dropout", seed], random_curves["dropout 0.5", seed]
    plain_loss, dropout_loss = plain[0] - plain, dropout[0] - dropout  # accuracy lost at each k
    plain_unit = plain[0] - single_unit["no dropout", seed].min()
    dropout_unit = dropout[0] - single_unit["dropout 0.5", seed].min()
    half = COUNTS.index(64)
    print(f"seed {seed}: intact {plain[0]:.3f} vs {dropout[0]:.3f}; 64 units removed: loses {plain_loss[half]:.3f} "
          f"vs {dropout_loss[half]:.3f}; most important unit: loses {plain_unit:.4f} vs {dropout_unit:.4f} "
          "(no dropout vs dropout)")
    assert abs(plain[0] - dropout[0]) < 0.015
    assert (dropout_loss[1:] < plain_loss[1:]).all()
    assert plain_loss[half] > 0.08 and dropout_loss[half] < 0.05
    assert plain_unit >= 2 * dropout_unit

# %% [markdown]
# **What to notice.** The network trained with dropout degrades gracefully: like the team trained with
# absences, it learned to work with a random part of itself missing, so no single unit is indispensable.
# Without dropout, accuracy falls steeply as units go, and its most important unit matters at least twice
# as much. The analogy predicted the direction; the network adds what the team cannot show: this
# robustness came at about the same test accuracy, not a lower one.

# %% [markdown]
# ### Optional: sparser activations (the paper's Figure 8)
#
# Srivastava et al. (2014, Figure 8) saw that dropout makes hidden activations sparse: on each input,
# fewer units are active. Count, for each test image, the fraction of the 128 hidden units with a
# positive output.

# %%
active = {}
for (name, seed), model in networks.items():
    active[name, seed] = (ablation.last_hidden_activations(model, test.images) > 0).mean(axis=1)  # per image
for seed in NETWORK_SEEDS:
    plain, dropout = active["no dropout", seed].mean(), active["dropout 0.5", seed].mean()
    print(f"seed {seed}: fraction of hidden units active per test image: no dropout {plain:.3f}, dropout {dropout:.3f}")
    assert dropout < plain - 0.15

# extra code – histogram for seed 0
fig, ax = plt.subplots()
bins = np.linspace(0, 1, 41)
for name in RATES:
    ax.hist(active[name, 0], bins=bins, color=plots.color_for(name), alpha=0.6, label=name)
ax.set_xlabel("fraction of the 128 hidden units active (output > 0)")
ax.set_ylabel("test images")
ax.set_title("Activation sparsity, seed 0")
ax.legend()
plt.show()

# %% [markdown]
# **What to notice.** With dropout, each image switches on fewer units, and yet the network loses less
# when units are removed: what it knows is spread over many units rather than concentrated in a few.

# %% [markdown]
# ## Recap
#
# - The course page's company, written down as rules (absences with probability `p`, the most skilled
#   available person works first, learning by doing, fading), produces specialists without absences and
#   spread skills with them. Nobody had to write either into the rules.
# - Over 20 seeds, absences cost output while training and a little at the presentation, and buy
#   robustness: after the worst single leaver, teams trained at `p = 0.2` or `0.5` still produce more than
#   0.9 of a perfect day, against 0.805 without absences. Too many absences (`p = 0.7`) hurt again.
# - The analogy breaks on scaling (Keras's inverted dropout multiplies kept units by `1/(1 − rate)`;
#   nobody doubles their output), on how often masks change (per example and step, not per day), on how
#   learning works (a shared loss, not private practice) and on what it explains (robustness, not
#   generalisation).
# - A real MLP agrees with the simulation's direction: trained with `Dropout(0.5)`, it loses far less
#   accuracy when hidden units are removed, at the same intact accuracy, and its activations are sparser.

# %% [markdown]
# ## Self-check
#
# Pick an answer and press **Check**: you see whether it is right, and why. Under the quiz, a folded
# block lists every answer with its explanation, for when you have tried.

# %%
from helpers import quiz

quiz.show_quiz("05_employee_team")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Write `worst_leaver(skills)`: for one team's skills (employees × tasks), the
# presentation output when the most damaging single employee has left. Use
# `team.presentation_output(skills, leaver=e)`, which gives the presentation without employee `e`.

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

# %% [markdown]
# **Exercise 2.** Write `remove_units(kernel, units)`: a copy of an output layer's kernel (units ×
# classes) in which the outgoing weights of the hidden units listed in `units` are 0. Do not change the
# kernel you are given.

# %%
remove_units = None  # your function here
nb05.check_remove_units(remove_units)


# %% [markdown]
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

# %% [markdown]
# **Exercise 3.** Does the headline need forgetting? Rerun the sweep for `p = 0` and `p = 0.5` on seeds
# 0–19 with `forgetting_rate=0.0`, and give the mean worst-leaver output at each (p = 0 first).

# %%
worst_without_absences, worst_with_absences = None, None  # your two numbers here
nb05.check_no_forgetting(worst_without_absences, worst_with_absences)

# %% [markdown]
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
# - N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov (2014). *Dropout: A Simple
#   Way to Prevent Neural Networks from Overfitting.* JMLR 15: 1929–1958. Section 2 (the motivation
#   from sexual reproduction, another analogy), Section 7.1 (features and sparsity, Figures 7 and 8).
# - G. Hinton et al. (2012). *Improving neural networks by preventing co-adaptation of feature
#   detectors.* arXiv:1207.0580. Where "co-adaptation" comes from.
# - A. Morcos, D. Barrett, N. Rabinowitz, M. Botvinick (2018). *On the importance of single directions
#   for generalization.* ICLR 2018. Removing units from trained networks, with and without dropout, at
#   a much larger scale.
# - Y. Gal, Z. Ghahramani (2016). *Dropout as a Bayesian Approximation.* ICML 2016. Another reading of
#   what the full network at test time computes.
#
# ---
#
# Previous: [04 · Training versus test](04_train_vs_test.ipynb) · Back to the start: [00 · Start here](00_start_here.ipynb)
