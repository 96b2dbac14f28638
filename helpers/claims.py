"""Checks a learner can read: one line per claim, backed by the seed ledger (``results/claims.json``).

In a notebook::

    check = claims.Checker("04_train_vs_test", seed=SEED)
    check.that("gap_narrows", "dropout narrows the accuracy gap",
               gap_dropout < gap_plain, shown=f"{gap_plain:.3f} → {gap_dropout:.3f}",
               value=gap_plain - gap_dropout)

prints ``✓ dropout narrows the accuracy gap (0.153 → 0.078; ledger: holds in 10 of 10 seeds)``.

* At the notebook's stored seed (:data:`STORED_SEED`, what CI and nbval run) a claim that fails
  raises :class:`ClaimError` with that sentence: the stored notebook must be true.
* At any other seed a failed claim prints ``✗ ...`` with what the ledger says and the notebook
  goes on: a learner who changes the seed sees which claims hold for that seed.
* Under ``make claims`` (``scripts/run_claims.py`` sets :data:`RECORD_ENV`), every claim is
  recorded (id, seed, holds, value) to a JSON-lines file and nothing raises.

The ledger is written by ``make claims``: each claim's value and verdict at every seed it ran.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["LEDGER_PATH", "RECORD_ENV", "STORED_SEED", "Checker", "ClaimError", "ledger_entry", "load_ledger"]

#: The seed every notebook's stored outputs use; at this seed a failed claim is an error.
STORED_SEED = 0
#: Set by ``scripts/run_claims.py``: a JSON-lines file to append each checked claim to.
RECORD_ENV = "DROPOUT_COURSE_CLAIMS_RECORD"
#: The committed ledger.
LEDGER_PATH = Path(__file__).resolve().parent.parent / "results" / "claims.json"


class ClaimError(AssertionError):
    """A claim the notebook's text makes does not hold at the notebook's stored seed."""


def load_ledger(path: Path | None = None) -> dict[str, Any]:
    """The ledger as a dict (empty when the file does not exist yet)."""
    path = LEDGER_PATH if path is None else Path(path)
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def ledger_entry(notebook: str, claim_id: str, ledger: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The ledger's record of one claim: ``{"held": k, "seeds": n, "median": ..., ...}`` or None."""
    ledger = load_ledger() if ledger is None else ledger
    return ledger.get("notebooks", {}).get(notebook, {}).get("claims", {}).get(claim_id)


def _ledger_words(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "not yet in the ledger"
    return f"ledger: holds in {entry['held']} of {entry['seeds']} seeds"


def _as_number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


@dataclass
class Checker:
    """Checks one notebook's claims at one seed; see the module's docstring."""

    notebook: str
    seed: int = STORED_SEED

    def __post_init__(self) -> None:
        self._ledger = load_ledger()
        self._record = os.environ.get(RECORD_ENV) or None
        self._seen: set[str] = set()
        self.failed: list[str] = []

    def that(
        self,
        claim_id: str,
        sentence: str,
        holds: object,
        *,
        shown: str = "",
        value: object = None,
    ) -> None:
        """Check one claim and print one line (``self.failed`` lists the claims that did not hold).

        ``claim_id``: a stable name (the ledger's key); ``sentence``: the claim as the text states it;
        ``holds``: the verdict; ``shown``: the measured numbers, as the learner should read them;
        ``value``: one number to keep in the ledger (for the median and range the text quotes).
        """
        if not isinstance(claim_id, str) or not claim_id.isidentifier():
            raise ValueError(f"claim_id must be a short identifier such as 'gap_narrows'; got {claim_id!r}")
        if claim_id in self._seen:
            raise ValueError(f"claim {claim_id!r} is checked twice in {self.notebook}; give each claim its own id")
        self._seen.add(claim_id)
        verdict = bool(holds)
        entry = ledger_entry(self.notebook, claim_id, self._ledger)
        details = "; ".join(part for part in (shown, _ledger_words(entry)) if part)
        line = f"{'✓' if verdict else '✗'} {sentence} ({details})"
        if self._record:
            record = {
                "notebook": self.notebook,
                "seed": int(self.seed),
                "id": claim_id,
                "sentence": sentence,
                "holds": verdict,
                "value": _as_number(value),
                "shown": shown,
            }
            with open(self._record, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(line)
        if not verdict:
            self.failed.append(claim_id)
            if int(self.seed) == STORED_SEED and not self._record:
                raise ClaimError(f"at the stored seed {STORED_SEED}, this claim of the text does not hold: {line}")
            if int(self.seed) != STORED_SEED:
                print(f"  (at seed {self.seed} this claim does not hold; the text states it as the ledger does)")
        # None, not the verdict: a cell that ends with a check shows the sentence, not a stray "True".
