"""The claims of notebook 04 (the paper's Figures 9-11 at laptop scale), one function per section.

``measured[rate]`` and ``by_size[n, rate]`` hold one run's ``{"train": error on its own training
images, "test": test error, "loss": test loss}``, all measured with dropout off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helpers.claims import Claim

__all__ = ["data_size", "mc_averaging", "mc_distance", "rate_sweep"]


def _labelled(labels: Sequence[str], values: Sequence[float], sign: str = "") -> str:
    """Each value after its label: "rate 0: 0.087, 0.2: 0.052"."""
    pairs = (f"{label}: {value:{sign}.3f}" for label, value in zip(labels, values, strict=True))
    return ", ".join(pairs).replace("-", "−")


def _by_rate(values: Mapping[float, float]) -> str:
    """Each value after its rate: "rate 0: 0.087, 0.2: 0.052, ..."."""
    return "rate " + _labelled([f"{rate:g}" for rate in values], list(values.values()))


def rate_sweep(measured: Mapping[float, Mapping[str, float]]) -> list[Claim]:
    """Figure 9a: rates 0, 0.2, 0.5 and 0.8, the network and the data fixed."""
    train = {rate: m["train"] for rate, m in measured.items()}
    test = {rate: m["test"] for rate, m in measured.items()}
    gap = {rate: test[rate] - train[rate] for rate in measured}
    return [
        Claim(
            "train_error_rises",
            "the training error grows with the rate from 0.2 on",
            bool(train[0.2] <= train[0.5] < train[0.8]),
            _by_rate(train),
            train[0.8] - train[0.2],
        ),
        Claim(
            "rate08_worst_test",
            "rate 0.8 has the highest test error",
            bool(test[0.8] == max(test.values())),
            _by_rate(test),
            test[0.8] - min(test.values()),
        ),
        Claim(
            "gap_smallest_at_08",
            "the gap (test minus training error) is smallest at 0.8, and positive",
            bool(gap[0.8] == min(gap.values()) and gap[0.8] > 0),
            _by_rate(gap),
            gap[0.8],
        ),
        Claim(
            "half_beats_none",
            "rate 0.5's test error is below rate 0's (no early stopping)",
            bool(test[0.5] < test[0.0]),
            f"rate 0: {test[0.0]:.3f}, 0.5: {test[0.5]:.3f}",
            test[0.0] - test[0.5],
        ),
    ]


def data_size(sizes: Sequence[int], by_size: Mapping[tuple[int, float], Mapping[str, float]]) -> list[Claim]:
    """Figure 10: rates 0 and 0.5 on training sets of ``sizes`` images, the same number of updates."""
    small, large = min(sizes), max(sizes)
    gain = {key: [by_size[n, 0.0][key] - by_size[n, 0.5][key] for n in sizes] for key in ("test", "loss")}
    middle = next(i for i, n in enumerate(sizes) if n not in (small, large))
    ends = max(gain["loss"][0], gain["loss"][-1])
    more_data = min(by_size[small, r]["test"] - by_size[large, r]["test"] for r in (0.0, 0.5))
    sizes_labels = [f"{n:,}" + " images" * (i == 0) for i, n in enumerate(sizes)]
    memorised = max(by_size[small, r]["train"] for r in (0.0, 0.5))
    return [
        Claim(
            "more_data_helps",
            f"{large:,} images beat {small}, with and without dropout",
            bool(more_data > 0.05),
            f"by at least {more_data:.3f} in test error",
            more_data,
        ),
        Claim(
            "small_set_memorised",
            f"with {small} images both networks fit their set",
            bool(memorised < 0.01),
            f"training error at most {memorised:.3f}",
            memorised,
        ),
        Claim(
            "loss_gain_middle",
            f"the test-loss gain from dropout is largest at {sizes[middle]:,} images",
            bool(gain["loss"][middle] > ends),
            _labelled(sizes_labels, gain["loss"], sign="+"),
            gain["loss"][middle] - ends,
        ),
        Claim(
            "no_gain_smallest",
            f"with {small} images dropout moves the test error by under 0.02",
            bool(abs(gain["test"][0]) < 0.02),
            f"{small} images: {gain['test'][0]:+.3f}".replace("-", "−"),
            gain["test"][0],
        ),
        Claim(
            "error_gain_middle",
            f"the test-error gain from dropout is largest at {sizes[middle]:,} images",
            bool(gain["test"][middle] > max(gain["test"][0], gain["test"][-1])),
            _labelled(sizes_labels, gain["test"], sign="+"),
            gain["test"][middle] - max(gain["test"][0], gain["test"][-1]),
        ),
    ]


def mc_averaging(ks: Sequence[int], mc_error: Sequence[float], det_error: float) -> list[Claim]:
    """Figure 11: the test error of the average of k passes with dropout on (``mc_error[i]`` for
    ``ks[i]``, which must include 1, 20, 50 and 100) against the deterministic network's."""
    error = dict(zip(ks, mc_error, strict=True))
    few_dozen = max(abs(error[k] - det_error) for k in (20, 50, 100))
    return [
        Claim(
            "one_pass_worse",
            "one pass with dropout on is a worse classifier than the network",
            bool(error[1] > det_error + 0.01),
            f"1 pass: {error[1]:.3f}, network: {det_error:.3f}",
            error[1] - det_error,
        ),
        Claim(
            "few_dozen",
            "from k = 20 on, the error is within 0.01 of the deterministic one",
            bool(few_dozen < 0.01),
            f"largest difference {few_dozen:.3f}",
            few_dozen,
        ),
    ]


def mc_distance(ks: Sequence[int], distance: Mapping[str, Sequence[float]]) -> list[Claim]:
    """The deep dive after Figure 11: the mean absolute distance of the k-pass average to the
    deterministic network (the first entry of ``distance``) and to an independent estimate of the
    ensemble mean (the second); ``ks`` must include 1, 50 and 100."""
    to_det, to_mc = (dict(zip(ks, values, strict=True)) for values in distance.values())
    return [
        Claim(
            "levels_off",
            "the distance to the deterministic network levels off",
            bool(to_det[100] > 0.35 * to_det[1] and to_det[50] - to_det[100] < 0.001),
            f"{to_det[1]:.4f} at k = 1, {to_det[100]:.4f} at k = 100",
            float(to_det[100] / to_det[1]),
        ),
        Claim(
            "approaches_mc_mean",
            "at k = 100 the average is nearer the ensemble mean than the network",
            bool(to_mc[100] < to_det[100]),
            f"{to_mc[100]:.4f} vs {to_det[100]:.4f}",
            float(to_det[100] / to_mc[100]),
        ),
    ]
