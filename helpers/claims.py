"""Checks a learner can read: one line per claim, backed by the seed ledger (``results/claims.json``).

    check = claims.Checker("04_paper_experiments", seed=SEED)
    check.that("gap_narrows", "dropout narrows the accuracy gap",
               gap_dropout < gap_plain, shown=f"{gap_plain:.3f} → {gap_dropout:.3f}",
               value=gap_plain - gap_dropout)

prints ``✓ dropout narrows the accuracy gap (0.153 → 0.078; ledger: holds in 10 of 10 seeds)``. At the
stored seed (what CI and nbval run) a failed claim raises :class:`ClaimError`: the stored notebook must
be true. At another seed it prints ``✗ ...`` and the notebook goes on, so a learner who changes the
seed sees which claims hold for it. Under ``make claims`` (``scripts/run_claims.py`` sets
:data:`RECORD_ENV`) every claim is appended to a JSON-lines file and nothing raises.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

__all__ = ["LEDGER_PATH", "RECORD_ENV", "STORED_SEED", "Checker", "ClaimError", "ledger_entry", "load_ledger"]

#: The seed every notebook's stored outputs use; at this seed a failed claim is an error.
STORED_SEED = 0
#: Set by ``scripts/run_claims.py``: a JSON-lines file to append each checked claim to.
RECORD_ENV = "DROPOUT_COURSE_CLAIMS_RECORD"
#: The committed ledger, written by ``make claims``: each claim's value and verdict at every seed.
LEDGER_PATH = Path(__file__).resolve().parent.parent / "results" / "claims.json"


class ClaimError(AssertionError):
    """A claim the notebook's text makes does not hold at the notebook's stored seed."""


def load_ledger() -> dict[str, Any]:
    """The ledger as a dict (empty when the file does not exist yet)."""
    return json.loads(LEDGER_PATH.read_text(encoding="utf-8")) if LEDGER_PATH.exists() else {}


def ledger_entry(notebook: str, claim_id: str, ledger: dict[str, Any]) -> dict[str, Any] | None:
    """The ledger's record of one claim: ``{"held": k, "seeds": n, "median": ..., ...}`` or None."""
    return ledger.get("notebooks", {}).get(notebook, {}).get("claims", {}).get(claim_id)


class Checker:
    """Checks one notebook's claims at one seed; ``failed`` lists the claims that did not hold."""

    def __init__(self, notebook: str, seed: int = STORED_SEED) -> None:
        self.notebook, self.seed = notebook, int(seed)
        self.ledger = load_ledger()
        self.record = os.environ.get(RECORD_ENV)  # a file to record into (make claims), or None
        self.failed: list[str] = []
        self._seen: set[str] = set()

    def that(self, claim_id: str, sentence: str, holds: object, *, shown: str = "", value: object = None) -> None:
        """Check one claim and print one line.

        ``claim_id``: a stable name (the ledger's key); ``sentence``: the claim as the text states it;
        ``holds``: the verdict; ``shown``: the measured numbers, as the learner should read them;
        ``value``: one number to keep in the ledger (for the median and range the text quotes).
        """
        if claim_id in self._seen:
            raise ValueError(f"claim {claim_id!r} is checked twice in {self.notebook}; give each claim its own id")
        self._seen.add(claim_id)
        verdict = bool(holds)
        entry = ledger_entry(self.notebook, claim_id, self.ledger)
        ledger = (
            "not yet in the ledger" if entry is None else f"ledger: holds in {entry['held']} of {entry['seeds']} seeds"
        )
        line = f"{'✓' if verdict else '✗'} {sentence} ({'; '.join(part for part in (shown, ledger) if part)})"
        if self.record:
            try:
                number = float(value)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                number = math.nan
            record = {"notebook": self.notebook, "seed": self.seed, "id": claim_id, "sentence": sentence}
            record |= {"holds": verdict, "value": number if math.isfinite(number) else None, "shown": shown}
            with open(self.record, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(line)
        if not verdict:
            self.failed.append(claim_id)
            if self.seed == STORED_SEED and not self.record:
                raise ClaimError(f"at the stored seed {STORED_SEED}, this claim of the text does not hold: {line}")
            if self.seed != STORED_SEED:
                print(f"  (at seed {self.seed} this claim does not hold; the text states it as the ledger does)")
        # None, not the verdict: a cell that ends with a check shows the sentence, not a stray "True".
