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
            "model(x, training=True) rewrites BatchNorm's moving mean; MCDropout leaves it (value: the largest change)",
            moved > 0.01 and untouched == 0,
            f"training=True {moved:.3f}, MCDropout {untouched:.3f}",
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
            "every score ranks its predictor's mistakes above its correct answers: AUROC > 0.75 (value: the lowest)",
            lowest > 0.75,
            f"lowest AUROC {lowest:.3f}",
            lowest,
        ),
        Claim(
            "mc_close_to_softmax",
            "mistakes: MC entropy's AUROC within 0.05 of softmax entropy's (value: MC minus softmax)",
            abs(gain) < 0.05,
            f"softmax {softmax[0]:.3f}, MC {mc[0]:.3f}",
            gain,
        ),
        Claim(
            "mi_best_for_shuffled",
            "shuffled vs real images: mutual information's AUROC highest of the four (value: its lead)",
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
    ece = {name: float(metrics[name]["ECE"]) for name in METHODS}
    return [
        Claim(
            "temperature_helps",
            "temperature scaling lowers the plain network's test NLL (value: plain minus temperature)",
            temp_gain > 0,
            f"plain {nll['plain']:.3f}, temperature {nll['temperature']:.3f} (T = {temperature:.2f})",
            temp_gain,
        ),
        Claim(
            "mc_beats_plain",
            "MC dropout's test NLL is below the plain network's (value: plain minus MC)",
            mc_gain > 0,
            f"MC {nll['MC dropout']:.3f}, plain {nll['plain']:.3f}",
            mc_gain,
        ),
        Claim(
            "mc_below_ensemble",
            "MC dropout's test NLL is below the ensemble's (value: MC minus ensemble)",
            ens_gain < 0,
            f"MC {nll['MC dropout']:.3f}, ensemble {nll['ensemble of 5']:.3f}",
            ens_gain,
        ),
        Claim(
            "mc_ece_below_ensemble",
            "MC dropout's test ECE is below the ensemble's (value: ensemble minus MC)",
            ece["MC dropout"] < ece["ensemble of 5"],
            f"MC {ece['MC dropout']:.4f}, ensemble {ece['ensemble of 5']:.4f}",
            ece["ensemble of 5"] - ece["MC dropout"],
        ),
    ]


def _mean_over(shift: Mapping[tuple, Sequence[float]], keys: Sequence[tuple], method: str, column: int) -> float:
    return float(np.mean([shift[(*key, method)][column] for key in keys]))


def shift(
    shift: Mapping[tuple, Sequence[float]],
    severities: Sequence[int],
    kinds: Sequence[str],
    severe: Mapping[tuple, Sequence[float]],
) -> list[Claim]:
    """``shift[kind, severity, method]``: (accuracy, NLL, ECE) on the mildly corrupted images;
    ``severe[degrees, method]``: the same on the severely rotated ones."""
    first, last = severities[0], severities[-1]
    falls = all(shift[k, last, m][0] < shift[k, first, m][0] for k in kinds for m in METHODS)
    rises = all(shift[k, last, m][1] > shift[k, first, m][1] for k in kinds for m in METHODS)
    mild_sets = [(kind, s) for kind in kinds for s in severities]
    nll = {m: _mean_over(shift, mild_sets, m, 1) for m in METHODS}
    ece = {m: _mean_over(shift, mild_sets, m, 2) for m in METHODS}
    severe_sets = sorted({(key[0],) for key in severe})
    hard = {m: _mean_over(severe, severe_sets, m, 1) for m in METHODS}
    hard_accuracy = max(_mean_over(severe, severe_sets, m, 0) for m in METHODS)
    mc_lead, mc_gain = nll["MC dropout"] - nll["ensemble of 5"], nll["plain"] - nll["MC dropout"]
    ece_lead = ece["MC dropout"] - ece["ensemble of 5"]
    hard_lead = hard["ensemble of 5"] - hard["MC dropout"]

    def lowest(means: Mapping[str, float]) -> str:
        return min(means, key=means.get)

    def others(means: Mapping[str, float]) -> float:
        return min(v for m, v in means.items() if m != "temperature") - means["temperature"]

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
            "mild sets, mean NLL: the ensemble below MC dropout (value: MC minus ensemble)",
            mc_lead > 0,
            f"ensemble {nll['ensemble of 5']:.3f}, MC {nll['MC dropout']:.3f}",
            mc_lead,
        ),
        Claim(
            "mc_ece_below_ensemble_under_shift",
            "mild sets, mean ECE: MC dropout below the ensemble (value: ensemble minus MC)",
            ece_lead < 0,
            f"MC {ece['MC dropout']:.3f}, ensemble {ece['ensemble of 5']:.3f}",
            -ece_lead,
        ),
        Claim(
            "temperature_best_under_shift",
            "mild sets, mean NLL: temperature scaling lowest of the four (value: its lead)",
            lowest(nll) == "temperature",
            f"temperature {nll['temperature']:.3f}, next {min(v for m, v in nll.items() if m != 'temperature'):.3f}",
            others(nll),
        ),
        Claim(
            "mc_beats_plain_under_shift",
            "mild sets, mean NLL: MC dropout below the plain network (value: plain minus MC)",
            mc_gain > 0,
            f"MC {nll['MC dropout']:.3f}, plain {nll['plain']:.3f}",
            mc_gain,
        ),
        Claim(
            "severe_near_chance",
            "severe rotations: every method's mean accuracy below 0.3, chance 0.1 (value: the best)",
            hard_accuracy < 0.3,
            f"best mean accuracy {hard_accuracy:.3f}",
            hard_accuracy,
        ),
        Claim(
            "severe_mc_below_ensemble",
            "severe rotations, mean NLL: MC dropout below the ensemble (value: ensemble minus MC)",
            hard_lead > 0,
            f"MC {hard['MC dropout']:.3f}, ensemble {hard['ensemble of 5']:.3f}",
            hard_lead,
        ),
        Claim(
            "severe_temperature_best",
            "severe rotations, mean NLL: temperature scaling lowest of the four (value: its lead)",
            lowest(hard) == "temperature",
            f"temperature {hard['temperature']:.3f}, next {min(v for m, v in hard.items() if m != 'temperature'):.3f}",
            others(hard),
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
            "the averages of the two kinds of passes agree: mean |Δq| < 0.01 (value: mean |Δq|)",
            mean_gap < 0.01,
            f"mean |Δq| = {mean_gap:.4f}",
            mean_gap,
        ),
        Claim(
            "shared_masks_spread_more",
            "one pass's accuracy varies more with one mask per pass than per example (value: sd ratio)",
            ratio > 1,
            f"sd per example {spread['per example']:.4f}, per pass {spread['per pass']:.4f}",
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
            "gap sd over cluster sd: larger for the ensemble than MC dropout (value: ensemble's over MC's)",
            lead > 1,
            f"ensemble {ratio['ensemble of 5']:.2f}, MC {ratio['MC dropout']:.2f}",
            lead,
        )
    ]
