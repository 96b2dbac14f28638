"""The fuzzer's own logic (scripts/fuzz_helpers.py): how an outcome is classified, which calls it makes.

Fast: no worker is started and no helper is fuzzed here.
"""

from __future__ import annotations

import fuzz_helpers as fuzz
import numpy as np
import pytest

from helpers import _checks

CASE = {"spec": "dropout.dropout_forward", "arg": "rate", "label": "nan", "expect": "bad", "kind": "rate"}
CASE |= {"word": "", "others": ["x", "rng", "training"]}
CHECKER = {"spec": "nb03.check_kept_scale", "arg": "kept_scale", "label": "raises", "expect": "bad"}


def raised(exc_type: str, message: str, *, origin: str = "helpers", explicit: bool = True, mro=None) -> dict:
    mro = mro or [exc_type, "Exception", "BaseException"]
    outcome = {"status": "raised", "exc_type": exc_type, "message": message, "origin": origin, "explicit": explicit}
    return outcome | {"mro": mro, "own_error": False}


@pytest.mark.parametrize(
    ("outcome", "category", "detail"),
    [
        (raised("ValueError", "rate must be in [0, 1); got nan"), "clean", ""),
        (
            raised("NotANumberError", "rate must be a number", mro=["NotANumberError", "TypeError", "ValueError"]),
            "clean",
            "",
        ),
        (raised("ValueError", "x must be finite; got nan"), "poorly worded", "blames x"),
        (raised("ValueError", "must be in [0, 1)"), "poorly worded", "does not name the argument"),
        (raised("ValueError", "the separate_rates are wrong"), "poorly worded", "does not name the argument"),
        (raised("TypeError", "rate: bad operand", explicit=False), "poorly worded", "accidental TypeError in helpers"),
        (raised("ValueError", "rate", origin="numpy", explicit=False), "poorly worded", "from numpy: ValueError"),
        (raised("KeyError", "rate"), "poorly worded", "unexpected type KeyError"),
        ({"status": "returned"}, "silently accepted", ""),
        ({"status": "timeout", "message": "no return within 10 s"}, "hang/memory", "timeout: no return within 10 s"),
        ({"status": "memory", "message": "MemoryError"}, "hang/memory", "memory: MemoryError"),
        ({"status": "crash", "message": "worker died"}, "hang/memory", "crash: worker died"),
        ({"status": "setup", "message": "KeyError: 'x'"}, "fuzzer error", "KeyError: 'x'"),
    ],
)
def test_a_bad_argument_is_classified_by_type_origin_and_wording(outcome: dict, category: str, detail: str) -> None:
    assert fuzz.classify(CASE, outcome) == (category, detail)


def test_the_word_to_find_can_differ_from_the_parameter_name() -> None:
    case = CASE | {"arg": "value", "word": "size"}
    assert fuzz.classify(case, raised("ValueError", "size must be an integer"))[0] == "clean"
    assert fuzz.classify(case, raised("ValueError", "value must be an integer"))[0] == "clean"  # its own name
    assert fuzz.classify(case, raised("ValueError", "values must be integers"))[0] == "poorly worded"


def test_a_file_error_from_python_itself_is_clean_for_a_path_argument_only() -> None:
    error = raised("IsADirectoryError", "[Errno 21] Is a directory: '.'", origin="python", explicit=False)
    error["mro"] = ["IsADirectoryError", "OSError", "Exception"]
    path_case = CASE | {"arg": "path", "kind": "path"}
    assert fuzz.classify(path_case, error | {"message": "path . is a directory"}) == ("clean", "")
    assert fuzz.classify(CASE, error)[0] == "poorly worded"


@pytest.mark.parametrize(
    ("outcome", "category"),
    [
        ({"status": "returned", "verdict": "wrong", "message": "Not quite. kept_scale(0.2) raised"}, "clean"),
        ({"status": "returned", "verdict": "missing", "message": "Not yet: replace None"}, "clean"),
        ({"status": "returned", "verdict": "correct", "message": "Correct. ..."}, "false pass"),
        (raised("ValueError", "boom"), "checker raised"),
        (
            {"status": "returned", "verdict": "wrong", "message": "Not quite. The checker could not use your answer"},
            "poorly worded",
        ),
        ({"status": "returned", "verdict": "wrong", "message": "Not quite. \x1b[1m" + "x" * 500}, "poorly worded"),
    ],
)
def test_a_checker_must_say_not_quite_and_never_raise(outcome: dict, category: str) -> None:
    assert fuzz.classify(CHECKER, outcome)[0] == category


def test_a_valid_value_must_be_accepted() -> None:
    ok, checker_ok = CASE | {"expect": "ok"}, CHECKER | {"expect": "ok"}
    assert fuzz.classify(ok, {"status": "returned"})[0] == "valid accepted"
    assert fuzz.classify(ok, raised("ValueError", "rate"))[0] == "valid refused"
    assert fuzz.classify(checker_ok, {"status": "returned", "verdict": "correct", "message": ""})[0] == "valid accepted"
    assert (
        fuzz.classify(checker_ok, {"status": "returned", "verdict": "wrong", "message": "Not quite."})[0]
        == "valid refused"
    )


def test_origin_tells_a_raise_statement_in_helpers_from_a_library_error() -> None:
    with pytest.raises(ValueError) as explicit:
        _checks.check_int("5", "n")
    assert fuzz._origin(explicit.value) == ("helpers", True)
    with pytest.raises(ValueError) as library:
        np.linspace(0, 1, -1)
    assert fuzz._origin(library.value) == ("numpy", False)


def test_every_public_callable_has_a_spec_or_a_reason() -> None:
    names = fuzz.public_callables()
    assert "dropout.dropout_forward" in names and "nb03.check_dropout_placement" in names
    assert [name for name in names if name not in fuzz.SPECS and name not in fuzz.NOT_FUZZED] == []


def test_cases_change_one_argument_and_honour_skip_and_drop() -> None:
    calls = fuzz.cases("dropout.dropout_forward,layers.ScratchDropout.__call__")
    assert {c["spec"] for c in calls if c["label"] == "baseline"} == {
        "dropout.dropout_forward",
        "layers.ScratchDropout.__call__",
    }
    rate = {(c["label"], c["expect"]) for c in calls if c["spec"] == "dropout.dropout_forward" and c["arg"] == "rate"}
    assert ("nan", "bad") in rate and ("np.float32", "ok") in rate and ("0.5", "bad") not in rate
    inputs = {c["label"] for c in calls if c["arg"] == "inputs"}
    assert "list" not in inputs and "int" not in inputs  # dropped
    layer = [c for c in calls if c["spec"] == "layers.ScratchDropout.__call__"]
    training = {(c["label"], c["expect"]) for c in layer if c["arg"] == "training"}
    assert ("None", "ok") in training and ("None", "bad") not in training  # skipped: tried as valid
    assert len(calls) == len({(c["spec"], c["arg"], c["label"]) for c in calls})


def test_a_path_error_naming_the_file_given_is_clean_and_a_value_refused_when_built_is_clean() -> None:
    error = raised("FileNotFoundError", "The course data file subset.npz is missing from tmpab12/", explicit=True)
    error |= {"mro": ["FileNotFoundError", "OSError", "Exception"], "value": "'/tmp/s/tmpab12'"}
    case = CASE | {"arg": "data_dir", "kind": "dir"}
    assert fuzz.classify(case, error) == ("clean", "")
    assert fuzz.classify(case, error | {"value": "'/tmp/s/other'"}) == ("poorly worded", "does not name the argument")
    built = {"status": "refused when built", "message": "ValueError: a Dataset needs one label per image"}
    assert fuzz.classify(CASE, built) == ("clean", "refused when built")
    assert fuzz.classify(CASE | {"expect": "ok"}, built)[0] == "valid refused"


def test_every_exercise_module_is_judged_as_a_checker() -> None:
    correct = {"status": "returned", "verdict": "correct", "message": "Correct."}
    for spec in ("nb03.check_kept_scale", "nb10.check_forward"):
        assert fuzz.classify(CHECKER | {"spec": spec}, correct)[0] == "false pass"
