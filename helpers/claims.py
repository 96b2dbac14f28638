"""The claims a notebook's text makes, checked in this run and shown as one compact table per section.

A section's claims (sentence and condition) live in ``helpers/findings/nbNN.py``, out of the learner's
way; the notebook passes its measurements once, where the section's results are shown::

    check = claims.Checker("04_paper_experiments", seed=SEED)
    check.section("overfitting", gap_plain=gap_plain, gap_dropout=gap_dropout)

shows a table: each claim, what this run measured, the one number the ledger keeps for it (its value),
how often the claim held across the seeds of the ledger (``results/claims.json``, written by ``make
claims``), and the median and range of the value over those seeds. The mark in front of a claim:

- ``✓`` it holds in this run, and in at least 9 of 10 seeds of the ledger;
- ``~`` it holds in this run, but across seeds only often or sometimes ("often: 7 of 10 seeds");
- ``✗`` it does not hold in this run;
- ``?`` it holds in this run and the ledger has no record of it yet.

In a batch run (``DROPOUT_COURSE_BATCH=1``: nbval, ``make execute``, CI) a claim that does not hold is
an error (:class:`ClaimError`): the stored notebook must be true at the seed its ``parameters`` cell
sets, which is the only place the stored seed is written. In a learner's session nothing raises: a
learner who changes ``SEED`` sees ``✗`` for the claims that do not hold at that seed. Under ``make
claims`` (``scripts/run_claims.py`` sets :data:`RECORD_ENV`) every claim is recorded and nothing raises.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from helpers import tables
from helpers._checks import check_seed, is_real_number

__all__ = ["LEDGER_PATH", "RECORD_ENV", "STRONG", "Checker", "Claim", "ClaimError", "ledger_entry", "load_ledger"]

#: Set by ``scripts/run_claims.py``: a JSON-lines file to append each checked claim to.
RECORD_ENV = "DROPOUT_COURSE_CLAIMS_RECORD"
#: Set by every batch run (scripts/install_kernel.py): failed claims raise there.
BATCH_ENV = "DROPOUT_COURSE_BATCH"
#: The committed ledger, written by ``make claims``: each claim's value and verdict at every seed.
LEDGER_PATH = Path(__file__).resolve().parent.parent / "results" / "claims.json"
_NAME = re.compile(r"[A-Za-z0-9_]+")
#: The share of the ledger's seeds at which a claim must hold to earn a ✓ (9 of 10).
STRONG = 0.9


class ClaimError(AssertionError):
    """A claim the notebook's text makes does not hold in a batch run of the stored notebook."""


class Claim(NamedTuple):
    """One claim of the text as measured in this run: its stable id (the ledger's key), the sentence,
    the verdict (a bool), the numbers as the learner should read them, and one number for the ledger's
    median and range (None: no number)."""

    id: str
    sentence: str
    holds: object
    shown: str = ""
    value: object = None


def load_ledger() -> dict[str, Any]:
    """The ledger as a dict (empty when the file does not exist yet)."""
    return json.loads(LEDGER_PATH.read_text(encoding="utf-8")) if LEDGER_PATH.exists() else {}


def _name(value: object, name: str, example: str) -> str:
    if not isinstance(value, str) or not _NAME.fullmatch(value):
        raise TypeError(f"{name} must be a name of letters, digits and _ such as {example!r}; got {value!r:.60}")
    return value


def ledger_entry(notebook: str, claim_id: str, ledger: dict[str, Any]) -> dict[str, Any] | None:
    """The ledger's record of one claim: ``{"held": k, "seeds": n, "median": ..., ...}`` or None."""
    _name(notebook, "notebook", "04_paper_experiments")
    _name(claim_id, "claim_id", "gap_narrows")
    notebooks = ledger.get("notebooks", {}) if isinstance(ledger, dict) else None
    if not isinstance(notebooks, dict) or (ledger and "notebooks" not in ledger):
        raise TypeError(
            f"ledger must be the dict that load_ledger() returns ({{'notebooks': ...}}); got {ledger!r:.60}"
        )
    return notebooks.get(notebook, {}).get("claims", {}).get(claim_id)


def _how_often(entry: dict[str, Any] | None) -> tuple[str, bool | None]:
    """Words for the ledger's count ("always: 10 of 10") and whether it is strong (None: no record)."""
    if entry is None:
        return "not measured yet", None
    held, seeds = entry["held"], entry["seeds"]
    share = held / seeds if seeds else 0.0
    word = "always" if held == seeds else "usually" if share >= STRONG else "often" if share >= 0.6 else "sometimes"
    return f"{word}: {held} of {seeds}", share >= STRONG


def _number(value: object) -> str:
    return "–" if value is None or not math.isfinite(value) else f"{value:.3g}".replace("-", "−")


class Checker:
    """Checks one notebook's claims in one run; ``failed`` lists the claims that did not hold."""

    def __init__(self, notebook: str, seed: int) -> None:
        self.notebook, self.seed = _name(notebook, "notebook", "04_paper_experiments"), check_seed(seed)
        self.ledger = load_ledger()
        self.record = os.environ.get(RECORD_ENV)  # a file to record into (make claims), or None
        self.strict = os.environ.get(BATCH_ENV) == "1" and not self.record
        self.failed: list[str] = []
        self._seen: set[str] = set()

    def _check(self, claim_id: str, sentence: str, holds: object, shown: str, value: object) -> tuple[str, ...]:
        """Record one verdict; return the table row: mark, claim, what this run shows, this run's value, how
        often the claim held across the ledger's seeds, and the median and range of the value there."""
        if not isinstance(claim_id, str) or not claim_id.isidentifier():
            raise ValueError(f"claim_id must be a name such as 'gap_narrows'; got {claim_id!r}")
        if claim_id in self._seen:
            raise ValueError(f"claim {claim_id!r} is checked twice in {self.notebook}; give each claim its own id")
        if not isinstance(holds, (bool, np.bool_)):
            raise TypeError(f"claim {claim_id!r}: holds must be a bool (the verdict); got {holds!r:.60}")
        for text, name in ((sentence, "sentence"), (shown, "shown")):
            if not isinstance(text, str):
                raise TypeError(f"claim {claim_id!r}: {name} must be a string; got {type(text).__name__}")
        if value is not None and not is_real_number(value):
            raise TypeError(f"claim {claim_id!r}: value must be a real number or None; got {value!r:.60}")
        try:
            number = math.nan if value is None else float(value)  # type: ignore[arg-type]
        except OverflowError:
            raise ValueError(f"claim {claim_id!r}: value must fit in a float; got {value!r:.60}") from None
        self._seen.add(claim_id)
        verdict = bool(holds)
        if self.record:
            record = {"notebook": self.notebook, "seed": self.seed, "id": claim_id, "sentence": sentence}
            record |= {"holds": verdict, "value": number if math.isfinite(number) else None, "shown": shown}
            with open(self.record, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        entry = ledger_entry(self.notebook, claim_id, self.ledger)
        often, strong = _how_often(entry)
        if not verdict:
            self.failed.append(claim_id)
        mark = "✗" if not verdict else "?" if strong is None else "✓" if strong else "~"
        here = shown or ("holds" if verdict else "does not hold")
        low, high = (None, None) if entry is None else (entry.get("min"), entry.get("max"))
        spread = "–" if low is None else _number(low) if low == high else f"{_number(low)} to {_number(high)}"
        median = None if entry is None else entry.get("median")
        mine = "–" if math.isnan(number) else _number(number)
        return mark, sentence, here, mine, often, _number(median), spread

    def _finish(self, rows: list[tuple[str, ...]], title: str) -> None:
        failed = [row[1] for row in rows if row[0] == "✗"]
        shown = tables.table(rows, ["", "claim", "this run", "value", "across seeds", "median", "range"], title=title)
        try:
            from IPython.display import display

            display(shown)
        except ImportError:  # pragma: no cover - IPython is in the course's requirements
            print(shown)
        if failed and self.strict:
            raise ClaimError(
                f"{self.notebook} at seed {self.seed}: the text claims what this run does not show: {failed}"
            )
        if failed:
            print(
                f"✗ {len(failed)} claim(s) of the text do not hold at seed {self.seed}; "
                "the text says how often each held across seeds."
            )

    def section(self, name: str, **measured: object) -> None:
        """Check the claims of section ``name`` on this run's measurements and show them as one table.

        ``helpers/findings/nbNN.py`` defines ``name(**measured) -> list[Claim]``."""
        module = f"helpers.findings.nb{self.notebook[:2]}"
        sections = getattr(importlib.import_module(module), "__all__", [])
        if name not in sections:
            raise ValueError(f"section must be one of {sections} ({module}); got {name!r}")
        found = getattr(importlib.import_module(module), name)(**measured)
        rows = [self._check(c.id, c.sentence, c.holds, c.shown, c.value) for c in found]
        self._finish(rows, f"What this run shows (seed {self.seed})")

    def that(self, claim_id: str, sentence: str, holds: object, *, shown: str = "", value: object = None) -> None:
        """Check one claim written out in place and show it as a one-row table (prefer :meth:`section`)."""
        self._finish([self._check(claim_id, sentence, holds, shown, value)], f"Checked in this run (seed {self.seed})")
