"""The claims of notebook 09 (why dropout works, and its family), one function per section."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from helpers.claims import Claim

__all__ = [
    "drop_path",
    "dropblock",
    "dropconnect",
    "ngm_mlp",
    "penalty",
    "ridge_weights",
    "single_layer_ngm",
    "word_dropout",
]

#: Test errors closer than this (3 points on 1,000 test images) count as "within 3 points". A per-seed
#: threshold: it cannot see a steady gain smaller than this (the ledger's median and range across seeds can).
SAME_ERROR = 0.03


def _no_gain(claim_id: str, sentence: str, errors: Mapping[str, float], first: str, second: str) -> Claim:
    """A two-sided claim that the test errors of ``first`` and ``second`` are within SAME_ERROR of each
    other (neither wins by that much); its value is the signed difference, ``first`` minus ``second``."""
    difference = float(errors[first] - errors[second])
    return Claim(
        claim_id,
        sentence,
        abs(difference) < SAME_ERROR,
        f"{errors[first]:.3f} vs {errors[second]:.3f}",
        difference,
    )


def penalty(mc_mean: float, mc_se: float, closed_form: float) -> list[Claim]:
    """The Monte-Carlo mean of the dropout loss over many masks (and its standard error) against
    least squares plus the data-dependent ridge penalty."""
    z = (mc_mean - closed_form) / mc_se
    relative = mc_mean / closed_form - 1
    return [
        Claim(
            "penalty_matches",
            "the average dropout loss over the masks equals the closed form (within 3 standard errors)",
            bool(abs(z) < 3),
            f"off by {relative:+.3%} ({z:+.2f} standard errors)",
            relative,
        )
    ]


def ridge_weights(w_sgd: np.ndarray, w_dropout_ridge: np.ndarray, w_least_squares: np.ndarray) -> list[Claim]:
    """The weights dropout SGD reached against the dropout-ridge closed form, measured in units of the
    distance between that closed form and least squares."""
    scale = float(np.linalg.norm(w_dropout_ridge - w_least_squares))
    to_ridge = float(np.linalg.norm(w_sgd - w_dropout_ridge)) / scale
    to_ls = float(np.linalg.norm(w_sgd - w_least_squares)) / scale
    return [
        Claim(
            "sgd_reaches_ridge",
            "dropout SGD ends within 5% of the way to least squares from the dropout-ridge solution",
            to_ridge < 0.05,
            f"distance to dropout ridge {to_ridge:.3f}, to least squares {to_ls:.3f}",
            to_ridge,
        )
    ]


def single_layer_ngm(ngm_gap: float, am_gap: float) -> list[Claim]:
    """Largest difference between the weight-scaled softmax and the exact normalized geometric mean
    (``ngm_gap``) and arithmetic mean (``am_gap``) over all thinned networks of one softmax layer."""
    return [
        Claim(
            "single_layer_exact",
            "one softmax layer: weight scaling equals the geometric mean exactly (to 1e-9)",
            ngm_gap < 1e-9,
            f"{ngm_gap:.1e}".replace("-", "−"),  # a minus sign: the line never breaks at it
            ngm_gap,
        ),
        Claim(
            "single_layer_not_am",
            "…but not the arithmetic mean (differs by more than 1e-3)",
            am_gap > 1e-3,
            f"{am_gap:.4f}",
            am_gap,
        ),
    ]


def ngm_mlp(tv_ngm: float, tv_am: float, tv_halves: float, errors: Mapping[str, float]) -> list[Claim]:
    """Mean total-variation distances of the weight-scaled output to the Monte-Carlo geometric mean
    (``tv_ngm``) and arithmetic mean (``tv_am``), between the geometric means of the two halves of
    the passes (``tv_halves``), and the test error of each predictor. Two independent half-size
    estimates differ by about twice the Monte-Carlo noise of the full estimate, so ``tv_halves / 2``
    estimates that noise."""
    spread = max(errors.values()) - min(errors.values())
    return [
        Claim(
            "closer_to_ngm",
            "the weight-scaled output is at least twice as close to the geometric as to the arithmetic mean",
            tv_ngm < 0.5 * tv_am,
            f"TV {tv_ngm:.4f} vs {tv_am:.4f}",
            tv_ngm / tv_am,
        ),
        Claim(
            "ngm_small",
            "the weight-scaled output is within TV 0.02 of the geometric mean",
            tv_ngm < 0.02,
            f"TV {tv_ngm:.4f}",
            tv_ngm,
        ),
        Claim(
            "gap_beyond_noise",
            "that distance exceeds its Monte-Carlo noise (half the distance between the two halves' "
            "geometric means); value: distance over noise",
            tv_ngm > tv_halves / 2,
            f"TV {tv_ngm:.4f}, noise {tv_halves / 2:.4f}",
            tv_ngm / (tv_halves / 2),
        ),
        Claim(
            "same_error",
            "the three predictors' test errors on 100 images are within 3 points",
            spread < SAME_ERROR,
            ", ".join(f"{v:.3f}" for v in errors.values()),
            spread,
        ),
    ]


def dropconnect(kept_share: float, keep: float, inference_gap: float, errors: Mapping[str, float]) -> list[Claim]:
    """``kept_share``: the share of kernel entries one training mask keeps (``keep`` expected);
    ``inference_gap``: largest difference between the layer at inference and a plain Dense with its
    weights; ``errors``: test error of the Dropout and DropConnect networks."""
    return [
        Claim(
            "dropconnect_mask",
            "DropConnect keeps a share p of the weights (within 0.01); at inference it is the plain layer",
            abs(kept_share - keep) < 0.01 and inference_gap < 1e-5,
            f"{kept_share:.4f}; gap {inference_gap:.1e}".replace("-", "−"),
            kept_share,
        ),
        Claim(
            "dropconnect_behind_dropout",
            "DropConnect (one mask per batch) ends with a higher test error than Dropout",
            errors["DropConnect"] > errors["Dropout"],
            f"{errors['DropConnect']:.3f} vs {errors['Dropout']:.3f}",
            float(errors["DropConnect"] - errors["Dropout"]),
        ),
    ]


def dropblock(
    dropped_share: Mapping[str, float], neighbour_dropped: Mapping[str, float], errors: Mapping[str, float]
) -> list[Claim]:
    """For each layer on a tensor of ones: the share of values dropped and, among dropped values, the
    share whose right-hand neighbour in the same map is dropped too; and each CNN's test error."""
    block, element = neighbour_dropped["DropBlock"], neighbour_dropped["Dropout"]
    share = dropped_share["DropBlock"]
    return [
        Claim(
            "dropblock_contiguous",
            "DropBlock drops contiguous regions: most dropped values have a dropped neighbour (> 0.5)",
            block > 0.5 and element < 0.35,
            f"{block:.2f} vs Dropout {element:.2f}",
            block,
        ),
        Claim(
            "dropblock_rate",
            "DropBlock drops about the rate's share of values (between 0.5 and 1.5 times the rate)",
            0.5 * dropped_share["rate"] < share < 1.5 * dropped_share["rate"],
            f"{share:.3f} at rate {dropped_share['rate']:.2f}",
            share,
        ),
        _no_gain(
            "dropblock_vs_dropout",
            "DropBlock and Dropout: test errors within 3 points (value: DropBlock minus Dropout)",
            errors,
            "DropBlock",
            "Dropout",
        ),
        _no_gain(
            "spatial_vs_dropout",
            "SpatialDropout2D and Dropout: test errors within 3 points (value: SpatialDropout2D minus Dropout)",
            errors,
            "SpatialDropout2D",
            "Dropout",
        ),
    ]


def drop_path(
    whole_rows: bool, kept_shares: Mapping[float, float], dropped: np.ndarray, errors: Mapping[str, float]
) -> list[Claim]:
    """``whole_rows``: every example's branch came out either all zero or all scaled by 1/p;
    ``kept_shares[rate]``: the share of examples whose branch a DropPath(rate) kept; ``dropped``:
    (block, example) booleans, whether each block dropped each example's branch; ``errors``: test
    error of the residual networks."""
    worst = max(abs(share - (1 - rate)) for rate, share in kept_shares.items())
    dropped = np.asarray(dropped, dtype=bool)
    shares = dropped.mean(axis=1)
    pairs = [(a, b) for a in range(len(dropped)) for b in range(a + 1, len(dropped))]
    # how far P(both dropped) is from P(a) P(b), the product independence predicts (largest over pairs)
    dependence = max((abs(float((dropped[a] & dropped[b]).mean() - shares[a] * shares[b])) for a, b in pairs),
                     default=0.0)  # fmt: skip
    return [
        Claim(
            "drop_path_whole_branch",
            "DropPath keeps or drops an example's whole branch, each block with its own survival share",
            bool(whole_rows) and worst < 0.05,
            f"largest share error {worst:.3f}",
            worst,
        ),
        Claim(
            "drop_path_independent",
            "the blocks drop independently: P(both dropped) within 0.02 of P(a)·P(b) for every pair of blocks",
            dependence < 0.02,
            f"largest |P(both) − P(a)P(b)| {dependence:.4f}",
            dependence,
        ),
        _no_gain(
            "drop_path_vs_dropout",
            "DropPath and Dropout in the branches: test errors within 3 points (value: DropPath minus Dropout)",
            errors,
            "DropPath",
            "Dropout",
        ),
    ]


def word_dropout(same_word_together: bool, spatial_whole_channels: bool, errors: Mapping[str, float]) -> list[Claim]:
    """``same_word_together``: in every sequence all copies of a word were dropped or kept together;
    ``spatial_whole_channels``: SpatialDropout1D's zeros fill whole embedding channels of a sequence;
    ``errors``: test error of each model on the synthetic task."""
    return [
        Claim(
            "word_dropout_drops_words",
            "word dropout removes every copy of a word; SpatialDropout1D removes channels, not words",
            bool(same_word_together) and bool(spatial_whole_channels),
            "both hold" if same_word_together and spatial_whole_channels else "does not hold",
            None,
        ),
        _no_gain(
            "word_vs_spatial",
            "word dropout and SpatialDropout1D: test errors within 3 points (value: word minus spatial)",
            errors,
            "word dropout",
            "SpatialDropout1D",
        ),
    ]
