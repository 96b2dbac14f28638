"""Notebook 04's claims (helpers/findings/nb04.py): each holds on measurements shaped like the paper's
figures and fails when its own condition is broken."""

from __future__ import annotations

import pytest

from helpers.findings import nb04


def _run(train: float, test: float, loss: float = 0.5) -> dict[str, float]:
    return {"train": train, "test": test, "loss": loss}


RATES = {0.0: _run(0.04, 0.20), 0.2: _run(0.04, 0.17), 0.5: _run(0.09, 0.17), 0.8: _run(0.25, 0.30)}
SIZES = (250, 2000, 8000)
BY_SIZE = {
    (250, 0.0): _run(0.0, 0.230, 1.10),
    (250, 0.5): _run(0.0, 0.235, 1.08),
    (2000, 0.0): _run(0.04, 0.200, 0.75),
    (2000, 0.5): _run(0.09, 0.170, 0.50),
    (8000, 0.0): _run(0.12, 0.167, 0.45),
    (8000, 0.5): _run(0.14, 0.160, 0.46),
}
KS = [1, 2, 5, 10, 20, 50, 100]
MC_ERROR = [0.19, 0.17, 0.17, 0.165, 0.156, 0.156, 0.16]
DISTANCE = {
    "to the deterministic network": [0.021, 0.016, 0.013, 0.012, 0.011, 0.0106, 0.0105],
    "to the ensemble mean": [0.022, 0.017, 0.012, 0.009, 0.007, 0.005, 0.0045],
}


def _verdicts(claims: list) -> dict[str, bool]:
    return {claim.id: bool(claim.holds) for claim in claims}


def test_every_claim_holds_on_measurements_like_the_papers() -> None:
    found = {
        **_verdicts(nb04.rate_sweep(RATES)),
        **_verdicts(nb04.data_size(SIZES, BY_SIZE)),
        **_verdicts(nb04.mc_averaging(KS, MC_ERROR, 0.153)),
        **_verdicts(nb04.mc_distance(KS, DISTANCE)),
    }
    assert found == dict.fromkeys(found, True)
    assert len(found) == 13


@pytest.mark.parametrize(
    ("rate", "run", "failing"),
    [
        (0.8, _run(0.08, 0.30), "train_error_rises"),
        (0.8, _run(0.25, 0.19), "rate08_worst_test"),
        (0.8, _run(0.31, 0.30), "gap_smallest_at_08"),
        (0.5, _run(0.09, 0.21), "half_beats_none"),
    ],
)
def test_each_rate_sweep_claim_can_fail(rate, run, failing) -> None:
    verdicts = _verdicts(nb04.rate_sweep({**RATES, rate: run}))
    assert not verdicts.pop(failing)


@pytest.mark.parametrize(
    ("key", "run", "failing"),
    [
        ((250, 0.0), _run(0.0, 0.20, 1.10), "more_data_helps"),
        ((250, 0.5), _run(0.02, 0.235, 1.08), "small_set_memorised"),
        ((8000, 0.5), _run(0.14, 0.160, 0.10), "loss_gain_middle"),
        ((250, 0.5), _run(0.0, 0.26, 1.08), "no_gain_smallest"),
        ((8000, 0.5), _run(0.14, 0.120, 0.46), "error_gain_middle"),
    ],
)
def test_each_data_size_claim_can_fail(key, run, failing) -> None:
    verdicts = _verdicts(nb04.data_size(SIZES, {**BY_SIZE, key: run}))
    assert not verdicts[failing]


def test_the_monte_carlo_claims_can_fail() -> None:
    assert not any(_verdicts(nb04.mc_averaging(KS, [0.155, *MC_ERROR[1:5], 0.17, 0.156], 0.153)).values())
    flat_to_det = {**DISTANCE, "to the deterministic network": [0.021, *[0.003] * 6]}
    assert not any(_verdicts(nb04.mc_distance(KS, flat_to_det)).values())
