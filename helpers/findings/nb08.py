"""The claims of notebook 08 (uncertainty from dropout), one function per section."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from helpers.claims import Claim

__all__ = ["batchnorm", "calibration", "gap", "masks", "scores", "shift"]

#: The four methods of the calibration and shift sections, in the notebook's order.
METHODS = ("plain", "temperature", "MC dropout", "ensemble of 5")


def batchnorm(moved: float, untouched: float) -> list[Claim]:
    """The largest change of BatchNorm's moving mean over 30 passes with ``training=True`` (``moved``)
    and with the always-on dropout layer (``untouched``)."""
    return [
        Claim(
            "training_true_moves_bn",
            "model(x, training=True) rewrites BatchNorm's moving mean; MCDropout leaves it",
            moved > 0.01 and untouched == 0,
            f"moved by {moved:.3f} vs {untouched:.3f}",
            moved,
        )
    ]


def scores(aurocs: Mapping[str, tuple[float, float]]) -> list[Claim]:
    """``aurocs[score]``: (AUROC of its own predictor's mistakes against its correct answers, AUROC of
    shuffled against real images), for "softmax entropy", "1 − max probability", "MC entropy" and
    "mutual information"."""
    mc, softmax, mi = aurocs["MC entropy"], aurocs["softmax entropy"], aurocs["mutual information"]
    gain = mc[0] - softmax[0]
    lowest = min(value[0] for value in aurocs.values())
    mi_lead = mi[1] - max(value[1] for name, value in aurocs.items() if name != "mutual information")
    return [
        Claim(
            "all_flag_mistakes",
            "every score ranks its predictor's mistakes above its correct answers (AUROC > 0.75)",
            lowest > 0.75,
            f"lowest AUROC {lowest:.3f}",
            lowest,
        ),
        Claim(
            "mc_close_to_softmax",
            "for mistakes, MC entropy is within 0.05 AUROC of the softmax entropy",
            abs(gain) < 0.05,
            f"{softmax[0]:.3f} → {mc[0]:.3f}",
            gain,
        ),
        Claim(
            "mi_best_for_shuffled",
            "mutual information ranks shuffled images above real ones best of the four",
            mi_lead > 0,
            f"lead {mi_lead:+.3f}",
            mi_lead,
        ),
    ]


def calibration(metrics: Mapping[str, Mapping[str, float]], temperature: float) -> list[Claim]:
    """``metrics[method]``: accuracy, NLL, Brier and ECE on the test images, for :data:`METHODS`;
    ``temperature``: T fitted on validation data."""
    nll = {name: float(metrics[name]["NLL"]) for name in METHODS}
    temp_gain = nll["plain"] - nll["temperature"]
    ens_gain = nll["MC dropout"] - nll["ensemble of 5"]
    mc_gain = nll["plain"] - nll["MC dropout"]
    return [
        Claim(
            "temperature_helps",
            "temperature scaling lowers the plain network's test NLL",
            temp_gain > 0,
            f"{nll['plain']:.3f} → {nll['temperature']:.3f} (T = {temperature:.2f})",
            temp_gain,
        ),
        Claim(
            "mc_beats_plain",
            "MC dropout's test NLL is below the plain network's",
            mc_gain > 0,
            f"{nll['plain']:.3f} → {nll['MC dropout']:.3f}",
            mc_gain,
        ),
        Claim(
            "mc_below_ensemble",
            "MC dropout's test NLL is below the ensemble's",
            ens_gain < 0,
            f"{nll['MC dropout']:.3f} vs {nll['ensemble of 5']:.3f}",
            -ens_gain,
        ),
    ]


def _mean_over(shift: Mapping[tuple, Sequence[float]], kinds, severities, method: str, column: int) -> float:
    return float(np.mean([shift[kind, s, method][column] for kind in kinds for s in severities]))


def shift(shift: Mapping[tuple, Sequence[float]], severities: Sequence[int], kinds: Sequence[str]) -> list[Claim]:
    """``shift[kind, severity, method]``: (accuracy, NLL, ECE) on corrupted images."""
    first, last = severities[0], severities[-1]
    falls = all(shift[k, last, m][0] < shift[k, first, m][0] for k in kinds for m in METHODS)
    rises = all(shift[k, last, m][1] > shift[k, first, m][1] for k in kinds for m in METHODS)
    nll = {m: _mean_over(shift, kinds, severities, m, 1) for m in METHODS}
    mc_lead, mc_gain = nll["ensemble of 5"] - nll["MC dropout"], nll["plain"] - nll["MC dropout"]
    return [
        Claim(
            "shift_degrades_all",
            "from the mildest to the worst severity, accuracy falls and NLL rises for every method",
            falls and rises,
            "falls and rises" if falls and rises else "not everywhere",
            None,
        ),
        Claim(
            "ensemble_below_mc_under_shift",
            "mean NLL over all corrupted sets: the ensemble below MC dropout",
            mc_lead < 0,
            f"{nll['MC dropout']:.3f} vs {nll['ensemble of 5']:.3f}",
            -mc_lead,
        ),
        Claim(
            "temperature_best_under_shift",
            "mean NLL over all corrupted sets: temperature scaling lowest of the four",
            min(nll, key=nll.get) == "temperature",
            " / ".join(f"{nll[m]:.3f}" for m in METHODS),
            min(v for m, v in nll.items() if m != "temperature") - nll["temperature"],
        ),
        Claim(
            "mc_beats_plain_under_shift",
            "mean NLL over all corrupted sets: MC dropout below the plain network",
            mc_gain > 0,
            f"{nll['plain']:.3f} vs {nll['MC dropout']:.3f}",
            mc_gain,
        ),
    ]


def masks(pass_accuracy: Mapping[str, np.ndarray], mean_gap: float) -> list[Claim]:
    """``pass_accuracy[kind]``: the accuracy of each pass with masks "per example" and "per pass";
    ``mean_gap``: mean |Δq| between the two kinds' averaged distributions."""
    spread = {name: float(np.std(values)) for name, values in pass_accuracy.items()}
    ratio = spread["per pass"] / max(spread["per example"], 1e-12)
    return [
        Claim(
            "averages_agree",
            "the averages of the two kinds of passes agree (mean |Δq| < 0.01)",
            mean_gap < 0.01,
            f"mean |Δq| = {mean_gap:.4f}",
            mean_gap,
        ),
        Claim(
            "shared_masks_spread_more",
            "one pass's accuracy varies more with one mask per pass than with one per example",
            ratio > 1,
            f"sd {spread['per example']:.4f} → {spread['per pass']:.4f}",
            ratio,
        ),
    ]


def gap(grid: np.ndarray, bands: Mapping[str, np.ndarray]) -> list[Claim]:
    """``bands[method]``: predictions of shape (samples, len(grid)) for "ensemble of 5" and "MC dropout";
    the training points lie at 1 <= |x| <= 2."""
    grid = np.asarray(grid)
    middle, clusters = np.abs(grid) < 0.3, (np.abs(grid) >= 1) & (np.abs(grid) <= 2)
    ratio = {}
    for name, lines in bands.items():
        sd = np.asarray(lines).std(axis=0)
        ratio[name] = float(sd[middle].mean() / max(sd[clusters].mean(), 1e-12))
    lead = ratio["ensemble of 5"] / max(ratio["MC dropout"], 1e-12)
    return [
        Claim(
            "ensemble_gap_wider",
            "spread in the gap over spread on the clusters: larger for the ensemble than MC dropout",
            lead > 1,
            f"{ratio['MC dropout']:.2f} vs {ratio['ensemble of 5']:.2f}",
            lead,
        )
    ]
