"""The claims of notebook 06 (dropout among the regularizers, the price in epochs, the choice of rate),
one function per section.

``results[name]`` holds one run's ``{"train_loss", "val_loss", "loss_gap"}``: cross-entropies measured
with dropout off and without the L2 penalty. ``val_loss[rate]`` is the validation cross-entropy of the
model ``EarlyStopping(restore_best_weights=True)`` leaves at that rate (rate 0: early stopping alone).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from helpers.claims import Claim

__all__ = [
    "dropout_wins",
    "dropout_wins_noisy",
    "epoch_price",
    "max_norm",
    "paper_defaults",
    "rate_choice",
    "regularizers",
]

#: The 25-epoch runs that dropout is compared with (early stopping is compared in rate_choice).
FULL_RUNS = ("none", "L2", "L2 + dropout")


def regularizers(
    results: Mapping[str, Mapping[str, float]], histories: Mapping[str, Mapping[str, Sequence[float]]], epochs: int
) -> list[Claim]:
    """None, L2, dropout, L2 + dropout (``epochs`` epochs each) and early stopping (cut where it stops)."""
    r, none_val = results, histories["none"]["val_loss"]
    stopped = len(histories["early stopping"]["val_loss"])
    rise = none_val[-1] - min(none_val)
    lead = min(r[name]["val_loss"] for name in FULL_RUNS) - r["dropout"]["val_loss"]
    both_minus = r["L2 + dropout"]["val_loss"] - r["dropout"]["val_loss"]
    stopped_loss = r["early stopping"]["val_loss"]
    return [
        Claim(
            "none_overfits",
            "without regularization the val loss climbs back up",
            rise > 0.1,
            f"+{rise:.3f} from its best",
            rise,
        ),
        Claim(
            "l2_narrows_gap",
            "L2 narrows the loss gap",
            r["L2"]["loss_gap"] < r["none"]["loss_gap"],
            f"{r['none']['loss_gap']:.3f} → {r['L2']['loss_gap']:.3f}",
            r["none"]["loss_gap"] - r["L2"]["loss_gap"],
        ),
        Claim(
            "dropout_narrows_gap",
            "dropout narrows the loss gap more than L2",
            r["dropout"]["loss_gap"] < r["L2"]["loss_gap"],
            f"{r['L2']['loss_gap']:.3f} vs {r['dropout']['loss_gap']:.3f}",
            r["L2"]["loss_gap"] - r["dropout"]["loss_gap"],
        ),
        Claim(
            "dropout_beats_l2",
            "dropout ends with a lower val loss than L2",
            r["dropout"]["val_loss"] < r["L2"]["val_loss"],
            f"L2 {r['L2']['val_loss']:.3f}, dropout {r['dropout']['val_loss']:.3f}",
            r["L2"]["val_loss"] - r["dropout"]["val_loss"],
        ),
        Claim(
            "dropout_lowest_full",
            f"dropout: the lowest val loss of the {epochs}-epoch runs (none, L2, L2 + dropout)",
            lead > 0,
            f"ahead of the next by {lead:.3f}",
            lead,
        ),
        Claim(
            "l2_adds_nothing",
            "L2 on top of dropout gains less than 0.01",
            both_minus > -0.01,
            f"{both_minus:+.3f}",
            both_minus,
        ),
        Claim(
            "early_stopping_stops",
            "early stopping stops early, below none's last loss",
            stopped < epochs and stopped_loss < r["none"]["val_loss"],
            f"epoch {stopped}, {stopped_loss:.3f}",
            stopped,
        ),
    ]


def epoch_price(histories: Mapping[str, Mapping[str, Sequence[float]]]) -> list[Claim]:
    """The epoch of the lowest validation loss (counted from 1) and that loss, without and with dropout."""
    none_val, dropout_val = histories["none"]["val_loss"], histories["dropout"]["val_loss"]
    epoch = {name: int(np.argmin(val)) + 1 for name, val in (("none", none_val), ("dropout", dropout_val))}
    best_minus = min(dropout_val) - min(none_val)
    return [
        Claim(
            "dropout_slower",
            "dropout reaches its best val loss later",
            epoch["dropout"] > epoch["none"],
            f"epoch {epoch['none']} → {epoch['dropout']}",
            epoch["dropout"] / epoch["none"],
        ),
        Claim(
            "best_losses_close",
            "the two best val losses differ by < 0.05",
            abs(best_minus) < 0.05,
            f"{min(none_val):.3f} vs {min(dropout_val):.3f}",
            best_minus,
        ),
    ]


def rate_choice(val_loss: Mapping[float, float]) -> list[Claim]:
    """Rates 0 (early stopping alone), 0.2, 0.5 and 0.75, each early-stopped on the validation loss."""
    best_dropout = min((rate for rate in val_loss if rate > 0), key=val_loss.get)
    es_minus = val_loss[0.0] - val_loss[best_dropout]
    worst_minus = val_loss[0.75] - max(loss for rate, loss in val_loss.items() if rate != 0.75)
    return [
        Claim(
            "es_matches_dropout",
            "rate 0 is within 0.02 of the best dropout rate",
            abs(es_minus) < 0.02,
            f"{val_loss[0.0]:.3f} vs {val_loss[best_dropout]:.3f}",
            es_minus,
        ),
        Claim(
            "rate_075_worst",
            "rate 0.75 is the worst candidate",
            worst_minus > 0,
            f"{worst_minus:+.3f} on the next worst",
            worst_minus,
        ),
    ]


def max_norm(norms: np.ndarray, results: Mapping[str, Mapping[str, float]]) -> list[Claim]:
    """``norms``: every hidden unit's incoming weight norm after training with MaxNorm(3), whose run is
    ``results["max-norm + dropout"]``."""
    at_cap = float(np.mean(norms > 2.99))
    minus = results["max-norm + dropout"]["val_loss"] - results["dropout"]["val_loss"]
    return [
        Claim(
            "max_norm_holds",
            "every unit's weight norm stays at most 3",
            norms.max() <= 3.0 + 1e-4,
            f"largest {norms.max():.3f}",
            float(norms.max()),
        ),
        Claim(
            "max_norm_rarely_binds",
            "fewer than 5% of the units reach the cap",
            at_cap < 0.05,
            f"{at_cap:.1%} at the cap",
            at_cap,
        ),
        Claim(
            "max_norm_no_gain",
            "max-norm at 3x the learning rate is worse than plain dropout",
            minus > 0,
            f"val loss {minus:+.3f}",
            minus,
        ),
    ]


def paper_defaults(val_loss: Mapping[float, float], variant_loss: Mapping[str, float]) -> list[Claim]:
    """``variant_loss``: "input 0.2", input dropout 0.2 on the rate-0.5 network."""
    input_minus = variant_loss["input 0.2"] - val_loss[0.5]
    return [
        Claim(
            "input_dropout_small",
            "input dropout 0.2 changes the val loss < 0.03",
            abs(input_minus) < 0.03,
            f"{input_minus:+.3f}",
            input_minus,
        ),
    ]


def _restored(val_loss: Sequence[float], patience: int, epochs: int | None = None) -> int:
    """The epoch (from 0) EarlyStopping(patience, restore_best_weights=True) would restore."""
    values, best = list(val_loss[:epochs]), 0
    for epoch in range(1, len(values)):
        if values[epoch] < values[best]:
            best = epoch
        elif epoch - best >= patience:
            break
    return best


def _lead(curve: Mapping, patience: int, epochs: int | None = None) -> float:
    """Early-stopped plain minus early-stopped dropout test error, from the stored per-epoch curves."""
    plain, drop = curve["plain"], curve["dropout"]
    restored = _restored(plain["val_loss"], patience, epochs), _restored(drop["val_loss"], patience, epochs)
    return plain["test_error"][restored[0]] - drop["test_error"][restored[1]]


def dropout_wins(winner: Mapping, fresh: Sequence[Mapping], seed: int) -> list[Claim]:
    """The stored winning setting (``results/winning_setting.json``) at ``seed``: the test error of the plain
    network after all its epochs ("plain") and early-stopped ("plain_es_loss"), of the early-stopped dropout
    network ("dropout_es_loss"), the epochs EarlyStopping restored ("*_epoch"), the per-epoch curves; and
    ``fresh``: the same setting run at seeds 10-19, never looked at while the setting was chosen."""
    row = next((r for r in winner["rows"] if r["seed"] == seed), None)
    curve = next((c for c in winner["curves"] if c["seed"] == seed), None)
    if row is None or curve is None:
        missing = f"no stored run at seed {seed} (stored: 0-9)"
        return [Claim("dropout_beats_both", "dropout: a lower test error than plain, stopped or not", False, missing)]
    best_plain = min(row["plain"], row["plain_es_loss"])
    drop = row["dropout_es_loss"]
    epochs = row["plain_es_loss_epoch"], row["dropout_es_loss_epoch"]
    leads = _lead(curve, 10), _lead(curve, 5), _lead(curve, 10, 25)

    def wins(runs: Sequence[Mapping]) -> int:
        return sum(r["dropout_es_loss"] < min(r["plain"], r["plain_es_loss"]) for r in runs)

    fresh_wins, search_wins = wins(fresh), wins(winner["rows"])
    fresh_margins = sorted(min(r["plain"], r["plain_es_loss"]) - r["dropout_es_loss"] for r in fresh)
    return [
        Claim(
            "dropout_beats_both",
            "dropout (early-stopped): a lower test error than plain, stopped or not",
            drop < best_plain,
            f"plain {row['plain']:.3f}, stopped {row['plain_es_loss']:.3f}, dropout {drop:.3f}",
            best_plain - drop,
        ),
        Claim(
            "win_restores_later",
            "dropout's restored epoch comes later",
            epochs[1] > epochs[0],
            f"plain epoch {epochs[0]}, dropout epoch {epochs[1]}",
            epochs[1] / epochs[0],
        ),
        Claim(
            "fresh_seeds_win",
            "at 10 fresh seeds (10-19) dropout wins less often than at the search's: choosing flattered it",
            bool(len(fresh) == 10 and fresh_wins < search_wins),
            f"fresh {fresh_wins} of {len(fresh)}, searched {search_wins} of {len(winner['rows'])}",
            float(np.median(fresh_margins)) if fresh else None,
        ),
        Claim(
            "lead_patience_5",
            "with patience 5 on both sides, dropout's lead is no larger",
            bool(leads[1] <= leads[0]),
            f"lead {leads[0]:+.3f} at patience 10, {leads[1]:+.3f} at 5",
            leads[1],
        ),
        Claim(
            "lead_needs_epochs",
            "cut at 25 epochs, dropout's lead shrinks",
            bool(leads[2] < leads[0]),
            f"lead {leads[0]:+.3f} at 60 epochs, {leads[2]:+.3f} at 25",
            leads[2],
        ),
    ]


def _margin(row: Mapping, dropout: str = "dropout_es_loss") -> float:
    """How much lower the dropout network's test error (early-stopped, or ``dropout_last``: after every
    epoch) is than the better plain one (after every epoch, or early-stopped)."""
    return min(row["plain"], row["plain_es_loss"]) - row[dropout]


def dropout_wins_noisy(noisy: Mapping, fresh: Mapping, confirm: Mapping, seed: int) -> list[Claim]:
    """The label-noise setting at ``seed``, rows as in :func:`dropout_wins`: ``noisy`` (seeds 0-9,
    ``results/winning_setting_noise.json``) and ``fresh`` (seeds 10-19), neither seen by the search (seeds
    100-102); ``confirm`` (seeds 20-29), run after the dropout network trained to the end was seen to beat
    both plain ones at seeds 0-7 and 10-17, to confirm that observation on seeds nobody had looked at."""
    row = next((r for r in noisy["rows"] if r["seed"] == seed), None)
    if row is None:
        missing = f"no stored run at seed {seed} (stored: 0-9)"
        return [Claim("noisy_beats_both", "wrong labels: dropout beats plain, stopped or not", False, missing)]
    stopped, last = _margin(row), _margin(row, "dropout_last")
    memorised = row["plain"] - row["plain_es_loss"]
    seen = [*noisy["rows"], *fresh["rows"]]  # seeds 0-19
    seen_stopped = sum(_margin(r) > 0 for r in seen)
    seen_last = sum(_margin(r, "dropout_last") > 0 for r in seen)
    confirmed = [_margin(r, "dropout_last") for r in confirm["rows"]]
    wins = sum(m > 0 for m in confirmed)
    median = float(np.median(confirmed)) if confirmed else float("nan")
    return [
        Claim(
            "noisy_plain_memorises",
            "plain, run to the end, is worse than stopped: it learns the wrong labels (value: the difference)",
            memorised > 0.02,
            f"{row['plain']:.3f} at the end, {row['plain_es_loss']:.3f} at epoch {row['plain_es_loss_epoch']}",
            memorised,
        ),
        Claim(
            "noisy_beats_both",
            "dropout, early-stopped, beats the better plain one (value: the margin)",
            stopped > 0,
            f"{min(row['plain'], row['plain_es_loss']):.3f} vs {row['dropout_es_loss']:.3f} "
            f"(epoch {row['dropout_es_loss_epoch']}); seeds 0-19: {seen_stopped} of {len(seen)}",
            stopped,
        ),
        Claim(
            "noisy_last_beats_both",
            "dropout run to the end, without stopping, beats it too (value: the margin)",
            last > 0,
            f"{min(row['plain'], row['plain_es_loss']):.3f} vs {row['dropout_last']:.3f}; "
            f"seeds 0-19: {seen_last} of {len(seen)}",
            last,
        ),
        Claim(
            "noisy_confirmed",
            "confirmed at seeds 20-29: dropout run to the end wins in at least 8 of 10 (value: wins)",
            bool(len(confirmed) == 10 and wins >= 8),
            f"{wins} of {len(confirmed)}, median margin {median:+.3f}",
            float(wins),
        ),
    ]
