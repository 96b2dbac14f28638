"""The checks a learner reads (helpers/claims.py) and the seed ledger behind the notebooks' text.

Text convention: in a markdown cell, ``<!-- ledger: CLAIM_ID -->`` placed right before a sentence ties
the numbers that follow it, up to the end of that paragraph or list item, to the ledger entry of the
notebook's claim CLAIM_ID: "in K of N seeds" must be the ledger's count, "median X" and "range A–B"
its median, minimum and maximum at the precision written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from helpers import claims

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
ANCHOR = re.compile(r"<!--\s*ledger:\s*([A-Za-z_][A-Za-z0-9_]*)\s*-->")
NUMBER = r"(−?-?\d+(?:\.\d+)?)"


def _markdown_cells(path: Path) -> list[str]:
    import jupytext

    notebook = jupytext.read(path, fmt="py:percent")
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]


def _anchored_passages(text: str) -> list[tuple[str, str]]:
    """(claim id, the text after its anchor up to the end of the paragraph or list item)."""
    found = []
    for match in ANCHOR.finditer(text):
        rest = text[match.end() :]
        end = re.search(r"\n\s*\n|\n\s*[-*] |\n\s*\d+\. |<!--", rest)
        found.append((match.group(1), rest[: end.start()] if end else rest))
    return found


def _float(text: str) -> float:
    return float(text.replace("−", "-"))


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _ledger_problems(notebook: str, claim_id: str, passage: str, ledger: dict) -> list[str]:
    entry = claims.ledger_entry(notebook, claim_id, ledger)
    if entry is None:
        return [f"{notebook}: the text cites ledger claim {claim_id!r}, which the ledger does not have (make claims)"]
    problems = []
    for held, seeds in re.findall(r"in (\d+) of (\d+) seeds", passage):
        if (int(held), int(seeds)) != (entry["held"], entry["seeds"]):
            ledger_count = f"{entry['held']} of {entry['seeds']}"
            problems.append(f"{notebook}/{claim_id}: text says in {held} of {seeds} seeds, ledger {ledger_count}")
    for written in re.findall(rf"median {NUMBER}", passage):
        if "median" not in entry or round(entry["median"], _decimals(written)) != round(
            _float(written), _decimals(written)
        ):
            problems.append(f"{notebook}/{claim_id}: text says median {written}, ledger {entry.get('median')}")
    for low, high in re.findall(rf"range {NUMBER}\s*(?:–|-|to)\s*{NUMBER}", passage):
        for written, key in ((low, "min"), (high, "max")):
            if key not in entry or round(entry[key], _decimals(written)) != round(_float(written), _decimals(written)):
                problems.append(f"{notebook}/{claim_id}: text says {key} {written}, ledger {entry.get(key)}")
    return problems


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_numbers_the_text_takes_from_the_ledger_agree_with_it(source: Path) -> None:
    ledger = claims.load_ledger()
    problems = []
    for cell in _markdown_cells(source):
        for claim_id, passage in _anchored_passages(cell):
            problems += _ledger_problems(source.stem, claim_id, passage, ledger)
        unanchored = ANCHOR.sub("", cell)
        for paragraph in re.split(r"\n\s*\n", unanchored):
            if re.search(r"\bin \d+ of \d+ seeds\b", paragraph) and not ANCHOR.search(cell):
                problems.append(f"{source.stem}: a cross-seed count without a ledger anchor: {paragraph[:80]!r}")
    assert not problems, "\n".join(problems)


def test_every_ledger_claim_records_its_seeds_consistently() -> None:
    ledger = claims.load_ledger()
    for name, entry in ledger.get("notebooks", {}).items():
        for claim_id, claim in entry["claims"].items():
            assert claim["seeds"] == len(claim["per_seed"]), f"{name}/{claim_id}"
            assert claim["held"] == sum(result["holds"] for result in claim["per_seed"].values()), f"{name}/{claim_id}"


def test_every_notebook_ran_to_the_end_at_every_ledger_seed() -> None:
    ledger = claims.load_ledger()
    raised = {name: entry["errors"] for name, entry in ledger.get("notebooks", {}).items() if entry.get("errors")}
    assert not raised, f"notebooks that raised at some seed (they must not): {raised}"


def test_every_notebook_with_a_ledger_entry_checks_claims_at_ten_seeds_or_more() -> None:
    for name, entry in claims.load_ledger().get("notebooks", {}).items():
        assert len(entry["seeds"]) >= 10, f"{name}: the ledger ran {len(entry['seeds'])} seeds; at least 10"


def test_a_passage_that_disagrees_with_the_ledger_is_reported() -> None:
    ledger = {
        "notebooks": {"nb": {"claims": {"gap": {"held": 9, "seeds": 10, "median": 0.041, "min": 0.02, "max": 0.063}}}}
    }
    text = "<!-- ledger: gap --> Dropout narrows the gap in 10 of 10 seeds (median 0.041, range 0.020–0.063)."
    ((claim_id, passage),) = _anchored_passages(text)
    problems = _ledger_problems("nb", claim_id, passage, ledger)
    assert problems == ["nb/gap: text says in 10 of 10 seeds, ledger 9 of 10"]
    right = text.replace("10 of 10", "9 of 10")
    assert _ledger_problems("nb", "gap", _anchored_passages(right)[0][1], ledger) == []
    wrong_median = right.replace("0.041", "0.05")
    assert len(_ledger_problems("nb", "gap", _anchored_passages(wrong_median)[0][1], ledger)) == 1
    assert _ledger_problems("nb", "missing", "", ledger)[0].endswith("(make claims)")


def _shown(capsys) -> str:
    return capsys.readouterr().out


def test_checker_shows_a_table_and_raises_only_in_a_batch_run(capsys, monkeypatch) -> None:
    monkeypatch.delenv(claims.RECORD_ENV, raising=False)
    monkeypatch.setenv(claims.BATCH_ENV, "1")
    check = claims.Checker("no_such_notebook", seed=0)
    assert check.that("small", "two is more than one", 2 > 1, shown="2 > 1") is None  # no stray "True"
    out = _shown(capsys)
    assert "two is more than one" in out and "2 > 1" in out and "not measured yet" in out
    assert out.splitlines()[3].startswith("?")  # holds here, no ledger record
    with pytest.raises(claims.ClaimError, match="one is more than two"):
        check.that("wrong", "one is more than two", 1 > 2)
    monkeypatch.delenv(claims.BATCH_ENV)  # a learner's session, at any seed: a table, no exception
    learner = claims.Checker("no_such_notebook", seed=7)
    learner.that("wrong", "one is more than two", 1 > 2)
    out = _shown(capsys)
    assert out.splitlines()[3].startswith("✗") and "do not hold at seed 7" in out
    assert learner.failed == ["wrong"]


@pytest.mark.parametrize(
    ("held", "seeds", "mark", "words"),
    [
        (10, 10, "✓", "always: 10 of 10"),
        (9, 10, "✓", "usually: 9 of 10"),
        (7, 10, "~", "often: 7 of 10"),
        (4, 10, "~", "sometimes: 4 of 10"),
    ],
)
def test_the_mark_says_how_often_a_claim_holds(held, seeds, mark, words, capsys, monkeypatch) -> None:
    monkeypatch.delenv(claims.BATCH_ENV, raising=False)
    check = claims.Checker("nb", seed=0)
    entry = {"held": held, "seeds": seeds, "median": 0.041, "min": 0.02, "max": 0.063}
    check.ledger = {"notebooks": {"nb": {"claims": {"gap": entry}}}}
    check.that("gap", "dropout narrows the gap", True, value=0.05)
    row = _shown(capsys).splitlines()[3]
    assert row.startswith(mark) and words in row and "0.041" in row and "0.02 to 0.063" in row
    check.that("gap2", "never held here", False)
    assert _shown(capsys).splitlines()[3].startswith("✗")


@pytest.mark.parametrize("holds", [float("nan"), "False", "True", 1, 0.0, None, [True], np.array([True, False])])
def test_a_verdict_must_be_a_bool(holds, monkeypatch) -> None:
    monkeypatch.delenv(claims.BATCH_ENV, raising=False)
    with pytest.raises(TypeError, match="holds must be a bool"):
        claims.Checker("nb", seed=3).that("claim", "a claim", holds)


def test_numpy_bools_are_verdicts(capsys, monkeypatch) -> None:
    monkeypatch.delenv(claims.BATCH_ENV, raising=False)
    check = claims.Checker("nb", seed=np.int64(3))
    check.that("a", "numpy true", np.bool_(True))
    check.that("b", "numpy false", np.float64(1) > 2)
    assert check.failed == ["b"] and check.seed == 3


@pytest.mark.parametrize(("notebook", "seed"), [(None, 0), ("", 0), ("nb", 2.5), ("nb", -1), ("nb", "0"), ("nb", True)])
def test_checker_refuses_a_bad_notebook_or_seed(notebook, seed) -> None:
    with pytest.raises((TypeError, ValueError), match=r"notebook|seed"):
        claims.Checker(notebook, seed=seed)


def test_a_section_checks_the_claims_its_findings_module_defines(capsys, monkeypatch) -> None:
    monkeypatch.setenv(claims.BATCH_ENV, "1")
    monkeypatch.delenv(claims.RECORD_ENV, raising=False)
    check = claims.Checker("03_keras_dropout", seed=0)
    check.section("layer_weights", dropout_params=[0, 0], total=5, expected=5)
    assert "5 parameters" in _shown(capsys)
    with pytest.raises(claims.ClaimError, match="03_keras_dropout"):
        claims.Checker("03_keras_dropout", seed=0).section("layer_weights", dropout_params=[1, 0], total=5, expected=5)
    with pytest.raises(ValueError, match="section must be one of"):
        check.section("no_such_section")


def test_every_findings_module_names_real_sections_and_claims_with_stable_ids() -> None:
    import importlib

    for module in sorted((REPO / "helpers" / "findings").glob("nb*.py")):
        found = importlib.import_module(f"helpers.findings.{module.stem}")
        assert found.__all__, module
        for name in found.__all__:
            assert callable(getattr(found, name)), f"{module.stem}.{name}"
        used = "".join(path.read_text(encoding="utf-8") for path in SOURCES if path.name[:2] == module.stem[2:])
        for name in found.__all__:
            assert f'check.section("{name}"' in used, f"{module.stem}.{name} is shown by no notebook"


def test_checker_refuses_a_claim_checked_twice() -> None:
    check = claims.Checker("nb", seed=3)
    check.that("once", "x", True)
    with pytest.raises(ValueError, match="twice"):
        check.that("once", "x", True)


def test_checker_records_every_claim_and_never_raises_under_make_claims(tmp_path, monkeypatch) -> None:
    record = tmp_path / "record.jsonl"
    monkeypatch.setenv(claims.RECORD_ENV, str(record))
    check = claims.Checker("nb", seed=0)
    check.that("a", "holds", True, value=0.5)
    check.that("b", "fails", False, value=float("nan"))  # recorded, not raised
    rows = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    assert [(row["id"], row["holds"], row["value"]) for row in rows] == [("a", True, 0.5), ("b", False, None)]


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("sentence", 5),
        ("sentence", None),
        ("shown", b"x"),
        ("shown", ["a"]),
        ("value", "5"),
        ("value", True),
        ("value", 1j),
        ("value", [5]),
        ("value", "nan"),
    ],
)
def test_a_claim_s_text_and_value_have_their_types(field, bad, monkeypatch) -> None:
    monkeypatch.delenv(claims.BATCH_ENV, raising=False)
    arguments = {"sentence": "a claim", "shown": "", "value": None} | {field: bad}
    with pytest.raises(TypeError, match=field):
        claims.Checker("nb", seed=0).that(
            "claim", arguments["sentence"], True, shown=arguments["shown"], value=arguments["value"]
        )


@pytest.mark.parametrize("notebook", [" nb", "../x", "nb\x00", 5, b"nb"])
def test_a_notebook_name_is_letters_digits_and_underscores(notebook) -> None:
    with pytest.raises(TypeError, match="notebook"):
        claims.Checker(notebook, seed=0)
    with pytest.raises(TypeError, match="notebook"):
        claims.ledger_entry(notebook, "gap", {})


@pytest.mark.parametrize(
    ("claim_id", "ledger"),
    [(None, {}), ([1], {}), ("gap", None), ("gap", []), ("gap", "x"), ("gap", {1: 2}), ("gap", {"notebooks": 5})],
)
def test_ledger_entry_names_its_bad_argument(claim_id, ledger) -> None:
    with pytest.raises(TypeError, match=r"claim_id|ledger"):
        claims.ledger_entry("nb", claim_id, ledger)


def test_a_value_too_large_for_the_ledger_is_refused(monkeypatch) -> None:
    monkeypatch.delenv(claims.BATCH_ENV, raising=False)
    with pytest.raises(ValueError, match="value"):
        claims.Checker("nb", seed=0).that("huge", "a claim", True, value=10**400)


def test_a_float32_value_is_stored_without_a_warning(monkeypatch, recwarn) -> None:
    monkeypatch.delenv(claims.BATCH_ENV, raising=False)
    claims.Checker("nb", seed=0).that("f32", "a claim", True, value=np.float32(0.25))
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
