"""The claims of notebook 05 (the employee team, and a network's hidden units removed), one function per
section.

A team's measures are ``team.sweep``'s: ``results[absence_rate][measure]`` holds one value per team. The
networks' measures are keyed by ``(name, seed)`` with names ``"no dropout"`` and ``"dropout 0.5"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from helpers import team
from helpers.claims import Claim

__all__ = ["ablation", "breaks", "capable", "network_training", "one_team", "removal", "sparsity", "sweep"]

PLAIN, DROPOUT = "no dropout", "dropout 0.5"


def _seeds(measured: Mapping[tuple[str, int], object]) -> list[int]:
    return sorted({seed for _, seed in measured})


def _joined(values: Sequence[float], separator: str = ", ", digits: int = 3) -> str:
    return separator.join(f"{value:.{digits}f}" for value in values)


def one_team(runs: Mapping[float, tuple[np.ndarray, np.ndarray, np.ndarray]]) -> list[Claim]:
    """One team trained at absence_rate 0 and 0.5: ``runs[rate] = (skills, daily outputs, practice)``,
    practice being the days each employee did each task."""
    (skills_none, outputs, practice), (skills_half, _, _) = runs[0.0], runs[0.5]
    alone = practice.max(axis=0)  # days the most frequent doer did each task
    spread_none, spread_half = team.skill_spread(skills_none), team.skill_spread(skills_half)
    return [
        Claim(
            "specialists",
            "absence_rate 0: one doer per task every day, one skilled per task (value: skilled)",
            bool((alone == len(outputs)).all() and (spread_none == 1).all()),
            f"days of the most frequent doer: {alone.min()}–{alone.max()}",
            float(spread_none.mean()),
        ),
        Claim(
            "spread_one_team",
            "absence_rate 0.5: 2 or more skilled employees per task (value: fewest)",
            bool((spread_half >= 2).all()),
            f"{spread_half.tolist()}",
            float(spread_half.min()),
        ),
    ]


def sweep(results: Mapping[float, Mapping[str, np.ndarray]]) -> list[Claim]:
    """The same teams at absence rates 0, 0.2, 0.3, 0.5 and 0.7 (and any others), rule "best"."""
    rates = sorted(results)
    mean = {rate: {name: float(np.mean(v)) for name, v in results[rate].items()} for rate in rates}
    training = [mean[rate]["training"] for rate in rates]
    present = [mean[rate]["presentation"] for rate in (0.0, 0.2, 0.5)]
    gains = {
        measure: [results[rate][measure] - results[0.0][measure] for rate in (0.2, 0.5)]
        for measure in ("worst_leaver", "mean_leaver")
    }
    worst, average = gains["worst_leaver"], gains["mean_leaver"]
    spread = results[0.0]["spread"]
    drop = mean[0.3]["worst_leaver"] - mean[0.7]["worst_leaver"]
    return [
        Claim(
            "training_cost",
            "absences cost output while training, more at each rate (value: cost at 0.5)",
            bool(all(np.diff(training) < 0)),
            _joined(training, " > "),
            mean[0.0]["training"] - mean[0.5]["training"],
        ),
        Claim(
            "presentation_kept",
            "presentation: perfect without absences, lower with (0.2, 0.5; value: at 0.5)",
            bool(present[0] > 0.999 and present[0] > present[1] > present[2]),
            _joined(present, " > "),
            present[2],
        ),
        Claim(
            "headline_worst",
            "with absences (0.2, 0.5), every team keeps more output without its worst leaver than "
            "at absence_rate 0 (value: smaller mean gain)",
            bool(all((gain > 0).all() for gain in worst)),
            f"mean gain {worst[0].mean():.3f} at 0.2, {worst[1].mean():.3f} at 0.5",
            min(float(gain.mean()) for gain in worst),
        ),
        Claim(
            "headline_average",
            "with absences (0.2, 0.5), every team keeps more output on average over leavers than "
            "at absence_rate 0 (value: smaller mean gain)",
            bool(all((gain > 0).all() for gain in average)),
            f"smallest gain {min(gain.min() for gain in average):.3f}",
            min(float(gain.mean()) for gain in average),
        ),
        Claim(
            "one_specialist",
            "absence_rate 0: one skilled employee per task in every team; > 2 at 0.5 (value: at 0.5)",
            bool((spread == 1).all() and mean[0.5]["spread"] > 2),
            f"{mean[0.0]['spread']:.2f} and {mean[0.5]['spread']:.2f}",
            mean[0.5]["spread"],
        ),
        Claim(
            "too_many",
            "the output without the worst leaver is lower at absence_rate 0.7 than at 0.3 (value: drop)",
            bool(drop > 0),
            f"{mean[0.3]['worst_leaver']:.3f} → {mean[0.7]['worst_leaver']:.3f}",
            drop,
        ),
    ]


def breaks(dropped: np.ndarray, late: float, presentation: float) -> list[Claim]:
    """Keras's ``Dropout(0.5)`` on 10,000 ones in training; the team's mean output over its last 100
    training days at absence_rate 0.5, and its presentation."""
    values = sorted(set(np.asarray(dropped).ravel().tolist()))
    mean = float(np.mean(dropped))
    return [
        Claim(
            "keras_scales",
            "Dropout(0.5) in training: kept units ×2, mean near 1 (value: mean)",
            bool(values == [0.0, 2.0] and abs(mean - 1) < 0.04),  # 4 standard deviations of the mean
            f"values {values}, mean {mean:.3f}",
            mean,
        ),
        Claim(
            "team_no_scaling",
            "the team at 0.5 produces far less on a training day than at its presentation (value: the shortfall)",
            bool(late < presentation - 0.1),
            f"last 100 days {late:.3f}, presentation {presentation:.3f}",
            presentation - late,
        ),
    ]


def capable(results: Mapping[float, Mapping[str, np.ndarray]]) -> list[Claim]:
    """The same teams under the rule "capable" (a random capable employee first)."""
    gains = [results[rate]["worst_leaver"] - results[0.0]["worst_leaver"] for rate in (0.2, 0.5)]
    losing = sum(int((gain < 0).sum()) for gain in gains)
    return [
        Claim(
            "capable_specialists",
            "rule 'capable', absence_rate 0: again one skilled employee per task in every team",
            bool((results[0.0]["spread"] == 1).all()),
            f"mean {results[0.0]['spread'].mean():.2f}",
            float(results[0.0]["spread"].mean()),
        ),
        Claim(
            "capable_headline",
            "rule 'capable': absences (0.2, 0.5) raise the worst-leaver output on average",
            bool(all(gain.mean() > 0 for gain in gains)),
            ", ".join(f"+{gain.mean():.3f}" for gain in gains) + f"; teams that lose: {losing} of {2 * len(gains[0])}",
            min(float(gain.mean()) for gain in gains),
        ),
    ]


def network_training(fit_accuracy: Mapping[tuple[str, int], float]) -> list[Claim]:
    """``fit``'s accuracy in the last epoch (dropout on) of each network."""
    costs = [fit_accuracy[PLAIN, seed] - fit_accuracy[DROPOUT, seed] for seed in _seeds(fit_accuracy)]
    return [
        Claim(
            "fit_cost",
            "while training (dropout on), the dropout network scores lower (value: smallest gap)",
            bool(min(costs) > 0),
            "differences " + _joined(costs),
            min(costs),
        )
    ]


def removal(by_hand: float, in_keras: float, n_images: int) -> list[Claim]:
    """Test accuracy with the same units removed, computed by hand and by Keras's ``evaluate``."""
    return [
        Claim(
            "removal_written_out",
            "removal by hand and in Keras (zeroed weights) agree",
            bool(abs(by_hand - in_keras) <= 2 / n_images),  # float32 sums may flip an image or two
            f"{by_hand:.4f}, {in_keras:.4f}",
        )
    ]


def ablation(
    random_curves: Mapping[tuple[str, int], np.ndarray],
    single_unit: Mapping[tuple[str, int], np.ndarray],
    counts: Sequence[int],
) -> list[Claim]:
    """``random_curves[key]``: test accuracy with ``counts[i]`` random units removed (``counts[0] == 0``:
    intact); ``single_unit[key]``: the test accuracy without each unit alone."""
    half = list(counts).index(64)
    intact, less_lost, ratio_half, ratio_unit = [], [], [], []
    for seed in _seeds(random_curves):
        plain, dropout = np.asarray(random_curves[PLAIN, seed]), np.asarray(random_curves[DROPOUT, seed])
        plain_loss, dropout_loss = plain[0] - plain, dropout[0] - dropout  # lost at each count
        intact.append(abs(plain[0] - dropout[0]))
        less_lost.append(bool((dropout_loss[1:] < plain_loss[1:]).all()))
        ratio_half.append(plain_loss[half] / dropout_loss[half])
        plain_unit = plain[0] - np.min(single_unit[PLAIN, seed])
        ratio_unit.append(plain_unit / (dropout[0] - np.min(single_unit[DROPOUT, seed])))
    return [
        Claim(
            "intact_alike",
            "intact, both networks are about equally accurate (within 0.015; value: gap)",
            bool(max(intact) < 0.015),
            f"largest difference {max(intact):.3f}",
            max(intact),
        ),
        Claim(
            "graceful",
            "at every k, the dropout network loses less accuracy",
            all(less_lost),
            f"{sum(less_lost)} of {len(less_lost)} pairs",
        ),
        Claim(
            "half_removed",
            "64 units removed: without dropout at least twice the loss (value: smallest ratio)",
            bool(min(ratio_half) >= 2),
            "ratios " + _joined(ratio_half, digits=1),
            min(ratio_half),
        ),
        Claim(
            "single_unit",
            "the most important unit costs at least twice as much without dropout (value: smallest ratio)",
            bool(min(ratio_unit) >= 2),
            "ratios " + _joined(ratio_unit, digits=1),
            min(ratio_unit),
        ),
    ]


def sparsity(active: Mapping[tuple[str, int], np.ndarray]) -> list[Claim]:
    """``active[key]``: for each test image, the fraction of hidden units with a positive output."""
    fewer = [float(np.mean(active[PLAIN, seed]) - np.mean(active[DROPOUT, seed])) for seed in _seeds(active)]
    return [
        Claim(
            "sparser",
            "with dropout, fewer hidden units are active per image (value: fewer by)",
            bool(min(fewer) > 0),
            "fewer by " + _joined(fewer),
            min(fewer),
        )
    ]
