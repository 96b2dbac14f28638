"""The bad arguments of issue 20's fuzz for dropout, layers, ablation, data, course and experiments, kept as tests.

Each call that was silently accepted, hung, filled memory or was wrongly refused is here with what it
must do now: a ValueError/TypeError naming the argument (and the limit), refused before any work, or
accepted when the value is valid (NumPy integers and bools, integer arrays as shapes).
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import keras
import numpy as np
import pytest

from helpers import ablation, course, data, dropout, experiments
from helpers._checks import check_choice
from helpers.layers import ScratchDropout


class Hung(Exception):  # not an OSError, as TimeoutError is
    pass


@contextlib.contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging) when the block takes longer than ``seconds``."""

    def _timeout(*_: object) -> None:
        raise Hung(f"the call did not return within {seconds} s")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def rng() -> np.random.Generator:
    return np.random.default_rng(0)


# --- strings read as booleans -------------------------------------------------------------------

NOT_BOOLS = ["False", "no", "", 0, 1, 0.0, None, np.array([True])]


@pytest.mark.parametrize("bad", NOT_BOOLS)
@pytest.mark.parametrize("function", [dropout.dropout_forward, dropout.classic_dropout_forward])
def test_training_must_be_a_bool_in_the_numpy_dropout(function, bad: object) -> None:
    with pytest.raises(TypeError, match=r"^training must be True or False; got "):
        function(np.ones((2, 3)), 0.5, rng=rng(), training=bad)


def test_numpy_bools_are_bools() -> None:
    x = np.ones((4, 5))
    out, mask = dropout.dropout_forward(x, 0.5, rng=rng(), training=np.bool_(False))
    assert out is x and mask is None  # inference: the identity
    assert dropout.dropout_forward(x, 0.5, rng=rng(), training=np.bool_(True))[1].shape == (4, 5)
    out = keras.ops.convert_to_numpy(ScratchDropout(0.5, seed=0)(x, training=np.bool_(True)))
    assert set(np.unique(out)) == {0.0, 2.0}


@pytest.mark.parametrize("bad", ["no", "False", 1, 0.0])
def test_scratch_dropout_refuses_a_training_flag_that_is_not_a_bool(bad: object) -> None:
    x = np.ones((4, 5), dtype="float32")
    with pytest.raises(TypeError, match=rf"training must be True or False or None; got {type(bad).__name__} "):
        ScratchDropout(0.5)(x, training=bad)  # Keras wraps the message: "Exception encountered when calling..."
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(ScratchDropout(0.5)(x, training=None)), x)


@pytest.mark.parametrize("argument", ["tensorflow", "style"])
@pytest.mark.parametrize("bad", ["False", "no", 0, None])
def test_setup_notebook_flags_must_be_bools(argument: str, bad: object) -> None:
    flags = {"tensorflow": False, "style": False, argument: bad}
    with pytest.raises(TypeError, match=rf"^{argument} must be True or False; got "):
        course.setup_notebook(0, **flags)


def test_setup_notebook_with_tensorflow_false_as_a_string_does_not_import_it() -> None:
    """Run where TensorFlow is not imported yet: the refusal comes before the import."""
    code = (
        "import sys\nfrom helpers import course\ntry:\n    course.setup_notebook(0, tensorflow='False', style=False)\n"
        "except TypeError:\n    pass\nprint('tensorflow' in sys.modules)"
    )
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent
    )
    assert result.stdout.strip() == "False"


# --- wrong results for bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n": 100, "p": 0.5, "z": -1}, "z"),
        ({"n": 100, "p": 0.5, "z": math.nan}, "z"),
        ({"n": 100, "p": 0.5, "z": math.inf}, "z"),
        ({"n": math.nan, "p": 0.5}, "n"),
        ({"n": 0, "p": 0.5}, "n"),
        ({"n": 100.0, "p": 0.5}, "n"),
        ({"n": 100, "p": 1.5}, "p"),
        ({"n": 100, "p": math.nan}, "p"),
        ({"n": 100, "p": "0.5"}, "p"),
    ],
)
def test_binomial_interval_refuses_what_would_invert_or_blank_the_interval(kwargs: dict, name: str) -> None:
    n, p = kwargs.pop("n"), kwargs.pop("p")
    with pytest.raises(ValueError, match=rf"^{name} must be "):
        dropout.binomial_interval(n, p, **kwargs)


def test_binomial_interval_accepts_numpy_numbers_and_the_edges() -> None:
    low, high = dropout.binomial_interval(np.int64(100), np.float32(0.5), z=np.float64(2.0))
    assert (low, high) == pytest.approx((0.4, 0.6))
    assert dropout.binomial_interval(100, 1.0) == (1.0, 1.0)  # rate 0 keeps everything


@pytest.mark.parametrize(
    "mask", [np.ones(5, dtype=bool), np.ones((1, 5), dtype=bool), np.ones((4, 5)), np.ones((4, 5), dtype=int)]
)
def test_dropout_backward_needs_a_boolean_mask_of_the_gradient_s_shape(mask: np.ndarray) -> None:
    with pytest.raises(ValueError, match=r"^keep_mask must be a boolean array of grad_out's shape \(4, 5\)"):
        dropout.dropout_backward(np.ones((4, 5)), mask, 0.5)


@pytest.mark.parametrize("function", [dropout.fast_keep_mask, dropout.bernoulli_keep_mask])
@pytest.mark.parametrize("shape", [-1, (3, -1), (2.0, 3), "3", None, (True, 2), np.array([1.5])])
def test_masks_refuse_negative_and_non_integer_shapes(function, shape: object) -> None:
    with pytest.raises(ValueError, match=r"^shape must be an array shape"):
        function(shape, 0.5, rng=rng())


def test_accuracy_without_units_refuses_unit_indices() -> None:
    hidden = np.abs(rng().normal(size=(20, 8))).astype(np.float32)
    kernel, bias, labels = rng().normal(size=(8, 3)), np.zeros(3), np.arange(20) % 3
    for removed in (np.arange(8), np.array([3, 5]), np.zeros(7, dtype=bool), np.zeros((2, 2, 8), dtype=bool)):
        with pytest.raises(ValueError, match=r"^removed must be a boolean mask of shape \(8,\) or \(removals, 8\)"):
            ablation.accuracy_without_units(hidden, kernel, bias, labels, removed)
    by_indices = np.isin(np.arange(8), [3, 5])  # what the message recommends
    assert 0.0 <= ablation.accuracy_without_units(hidden, kernel, bias, labels, by_indices) <= 1.0
    with pytest.raises(ValueError, match=r"^hidden, kernel, bias and labels must have shapes"):
        ablation.accuracy_without_units(hidden, kernel, bias, labels[:-1], by_indices)
    with pytest.raises(ValueError, match=r"^n_draws must be an integer from 1 to 10,000"):
        ablation.random_removal(hidden, kernel, bias, labels, [1], n_draws=10**9, rng=rng())
    with pytest.raises(ValueError, match=r"^each of counts must be an integer from 0 to 8"):
        ablation.random_removal(hidden, kernel, bias, labels, [9], rng=rng())


def test_a_dataset_refuses_what_no_helper_could_use() -> None:
    images, labels = np.zeros((9, 28, 28), np.float32), np.zeros(9, int)
    with pytest.raises(
        ValueError, match=r"^Dataset labels must be integers, one label per image \(9\); got int64 \(8,\)"
    ):
        data.Dataset(images, labels[:8])
    with pytest.raises(ValueError, match=r"^Dataset images must be a float array of shape \(n, 28, 28\); got float32"):
        data.Dataset(np.float32(0), labels)
    bad = {
        "NaN images": (images * np.nan, labels),
        "labels + 0.5": (images, labels + 0.5),
        "labels + 10": (images, labels + 10),
        "labels -1": (images, labels - 1),
        "labels 2-D": (images, labels[:, None]),
        "flat images": (images.reshape(9, -1), labels),
        "string labels": (images, labels.astype(str)),
        "pixels 0-255": (images + 255, labels),
        "no image": (images[:0], labels[:0]),
        "a list": (images.tolist(), labels),
    }
    for what, arrays in bad.items():
        with pytest.raises(ValueError, match="Dataset"):
            data.Dataset(*arrays)
            pytest.fail(what)


def test_split_off_validation_says_what_the_dataset_can_supply() -> None:
    nine = data.Dataset(np.zeros((9, 28, 28)), np.zeros(9, int))
    with pytest.raises(ValueError) as caught:
        data.split_off_validation(nine, 9)
    assert str(caught.value) == (
        "n_validation must be an integer from 1 to 8 "
        "(the dataset has 9 examples and keeps at least one to train on); got 9"
    )
    with pytest.raises(ValueError, match=r"^dataset must hold at least 2 examples .*; got 1$"):
        data.split_off_validation(data.Dataset(np.zeros((1, 28, 28)), np.zeros(1, int)), 1)
    with pytest.raises(TypeError, match=r"^dataset must be a helpers.data.Dataset; got tuple"):
        data.split_off_validation((np.zeros((9, 28, 28)), np.zeros(9)), 1)  # type: ignore[arg-type]
    train, validation = data.split_off_validation(nine, np.int64(2))
    assert (len(train), len(validation)) == (7, 2)


# --- hangs and memory ---------------------------------------------------------------------------


def _special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sparse = tmp_path / "sparse"
    with sparse.open("wb") as stream:
        stream.truncate(6 * 2**30)  # 6 GiB that take no disk space: reading them took minutes
    return {
        "fifo": fifo,
        "sparse": sparse,
        "/dev/zero": Path("/dev/zero"),
        "/dev/urandom": Path("/dev/urandom"),
        "directory": tmp_path,
    }


@pytest.mark.parametrize("kind", ["fifo", "sparse", "/dev/zero", "/dev/urandom", "directory"])
def test_sha256_of_refuses_anything_but_a_small_regular_file_before_reading(tmp_path: Path, kind: str) -> None:
    path = _special_files(tmp_path)[kind]
    problem = "holds 6,442,450,944 bytes" if kind == "sparse" else "is not a regular file"
    with within(5), pytest.raises(data.DataIntegrityError, match=f"{problem}: the course reads only regular files"):
        data.sha256_of(path)


def test_sha256_of_a_file_at_the_limit_and_of_an_empty_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert data.sha256_of(empty) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    at_limit = tmp_path / "at_limit"
    with at_limit.open("wb") as stream:
        stream.truncate(data.MAX_FILE_BYTES)
    assert len(data.sha256_of(at_limit)) == 64
    with at_limit.open("ab") as stream:
        stream.write(b"\0")
    with pytest.raises(data.DataIntegrityError, match=f"holds {data.MAX_FILE_BYTES + 1:,} bytes"):
        data.sha256_of(at_limit)


def test_the_subset_loader_refuses_a_huge_file_before_reading_it(tmp_path: Path) -> None:
    with (tmp_path / data.SUBSET_FILES["test"]).open("wb") as stream:
        stream.truncate(6 * 2**30)
    with within(5), pytest.raises(data.DataIntegrityError, match="holds 6,442,450,944 bytes"):
        data.load_fashion_mnist("test", data_dir=tmp_path)


@pytest.mark.parametrize("kind", ["fifo", "directory"])
def test_read_idx_pair_refuses_a_fifo_or_a_folder_instead_of_blocking(tmp_path: Path, kind: str) -> None:
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        os.mkfifo(tmp_path / name) if kind == "fifo" else (tmp_path / name).mkdir()
    with within(5), pytest.raises(data.DataIntegrityError, match="is not a regular file"):
        data.read_idx_pair(tmp_path, "test")


TOO_MANY = f"at most helpers.dropout.MAX_UNITS = {dropout.MAX_UNITS:,} values"


@pytest.mark.parametrize("function", [dropout.bernoulli_keep_mask, dropout.fast_keep_mask])
@pytest.mark.parametrize("shape", [10**9, (10**5, 10**5), dropout.MAX_UNITS + 1])
def test_masks_larger_than_the_limit_are_refused_before_drawing(function, shape: object) -> None:
    with within(5), pytest.raises(ValueError, match=rf"^shape must be an array shape .*{TOO_MANY}"):
        function(shape, 0.5, rng=rng())


@pytest.mark.parametrize(
    "function",
    [
        dropout.dropout_forward,
        dropout.classic_dropout_forward,
        dropout.fast_dropout_forward,
        lambda x, rate, rng: dropout.dropout_backward(x, np.ones(x.shape, dtype=bool), rate),
    ],
)
def test_inputs_larger_than_the_limit_are_refused_before_drawing(function) -> None:
    huge = np.broadcast_to(np.float32(1), (dropout.MAX_UNITS + 1,))  # no memory: a view of one number
    with within(5), pytest.raises(ValueError, match=rf"size must be an integer from 0 to .*{TOO_MANY}"):
        function(huge, 0.5, rng=rng())


@pytest.mark.parametrize("x", [np.array(["a", "b"]), np.array([1 + 2j]), np.array([True, False]), [None], "x"])
def test_inputs_that_are_not_real_numbers_are_refused(x: object) -> None:
    with pytest.raises(TypeError, match=r"^x must be an array of real numbers \(integers or floats\); got "):
        dropout.dropout_forward(x, 0.5, rng=rng())


# --- valid input that was refused ---------------------------------------------------------------


@pytest.mark.parametrize("shape", [np.int64(12), np.array([3, 4]), [np.int32(3), 4], (3, np.uint8(4))])
@pytest.mark.parametrize("function", [dropout.fast_keep_mask, dropout.bernoulli_keep_mask])
def test_numpy_integers_and_integer_arrays_are_shapes(function, shape: object) -> None:
    mask = function(shape, 0.5, rng=rng())
    assert mask.dtype == bool and mask.size == 12


def test_fast_dropout_forward_takes_integer_arrays_as_dropout_forward_does() -> None:
    x = np.arange(1, 1001).reshape(10, 100)
    out, mask = dropout.fast_dropout_forward(x, 0.5, rng=rng())
    assert out.dtype == np.float64 and dropout.dropout_forward(x, 0.5, rng=rng())[0].dtype == np.float64
    np.testing.assert_array_equal(out, np.where(mask, x / dropout.fast_keep_probability(0.5), 0.0))


def test_numpy_integers_as_seeds_and_sizes() -> None:
    assert course.setup_notebook(np.int64(5), tensorflow=False, style=False).endswith("; seed 5")
    subset = experiments.balanced_subset(data.load_fashion_mnist("test"), np.int64(20), seed=np.uint32(3))
    assert len(subset) == 20
    assert experiments.shuffle_pixels(np.ones((2, 3, 3)), seed=np.int16(1)).shape == (2, 3, 3)


@pytest.mark.parametrize("bad", [0, 2.5, b"data", ["data"]])  # None is the default folder
def test_folders_must_be_paths(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^data_dir must be a file-system path \(str or pathlib.Path\); got "):
        data.load_fashion_mnist("test", data_dir=bad)
    with pytest.raises(TypeError, match=r"^data_dir must be a file-system path"):
        data.verify_subset_files(bad)
    with pytest.raises(TypeError, match=r"^idx_dir must be a file-system path"):
        data.read_idx_pair(bad, "test")


@pytest.mark.parametrize(
    "call",
    [
        lambda: dropout.check_rate(10**400),
        lambda: dropout.binomial_interval(10, 10**400),
        lambda: dropout.binomial_interval(10**400, 0.5),
        lambda: dropout.binomial_interval(10, 0.5, z=10**400),
        lambda: dropout.binomial_interval(10, 0.5, z=-(10**400)),
    ],
)
def test_huge_integers_are_refused_as_values_not_overflow_errors(call) -> None:
    with pytest.raises(ValueError, match=r"must be (in|a finite number|an integer from)") as caught:
        call()
    assert len(str(caught.value)) < 160  # the 401-digit number is cut short


def test_ablation_refuses_a_bad_rng_and_a_hidden_that_is_not_two_dimensional() -> None:
    hidden, kernel = np.ones((5, 4)), np.ones((4, 3))
    with pytest.raises(TypeError, match=r"^rng must be a numpy.random.Generator"):
        ablation.random_removal(hidden, kernel, np.zeros(3), np.zeros(5, int), [1], rng=0)
    for bad in (None, 3, np.ones(4)):
        with pytest.raises(ValueError, match=r"^hidden must be an array of real numbers \(examples, units\); got"):
            ablation.single_unit_removal(bad, kernel, np.zeros(3), np.zeros(5, int))


ABLATION = {"hidden": np.ones((5, 4)), "kernel": np.ones((4, 3)), "bias": np.zeros(3), "labels": np.arange(5) % 3}
NOT_NUMBERS = {"ragged": [[1.0], [1.0, 2.0]], "strings": ["a", "b"], "objects": np.array([1, None]), "complex": [1j]}


@pytest.mark.parametrize("function", ["accuracy_without_units", "random_removal", "single_unit_removal"])
@pytest.mark.parametrize(
    ("name", "bad"),
    [(name, bad) for name in ("hidden", "kernel", "bias", "labels") for bad in NOT_NUMBERS.values()]
    + [("labels", bad) for bad in ([0.5, 1, 2, 0, 1], [np.nan] * 5, [-1, 1, 2, 0, 1], [3, 1, 2, 0, 1])]
    + [("hidden", None), ("hidden", "x"), ("hidden", {}), ("hidden", {1}), ("kernel", 5j)],
)
def test_ablation_names_each_bad_array(function: str, name: str, bad: object) -> None:
    extra = {"accuracy_without_units": (np.zeros(4, bool),), "random_removal": ([1],)}.get(function, ())
    arrays = list({**ABLATION, name: bad}.values())
    with pytest.raises(ValueError, match=f"^{name} must be"):
        getattr(ablation, function)(*arrays, *extra, **({"rng": rng()} if function == "random_removal" else {}))


@pytest.mark.parametrize("counts", [None, 5, [], {}, {1}, "12"])
def test_random_removal_names_bad_counts(counts: object) -> None:
    with pytest.raises(TypeError, match=r"^counts must be a list of 1 to 1,000 numbers of units to remove"):
        ablation.random_removal(*ABLATION.values(), counts, rng=rng())
    assert ablation.random_removal(*ABLATION.values(), np.array([0, 4]), n_draws=2, rng=rng()).shape == (2, 2)
    whole_floats = {**ABLATION, "labels": ABLATION["labels"].astype(np.float32)}  # as Keras takes them
    assert ablation.single_unit_removal(*whole_floats.values()).shape == (4,)


RAGGED = [[1.0], [1.0, 2.0]]


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda: dropout.dropout_forward(RAGGED, 0.5, rng=rng()), "x"),
        (lambda: dropout.classic_dropout_forward(RAGGED, 0.5, rng=rng()), "x"),
        (lambda: dropout.fast_dropout_forward(RAGGED, 0.5, rng=rng()), "x"),
        (lambda: dropout.dropout_backward(RAGGED, None, 0.5), "grad_out"),
        (lambda: dropout.dropout_backward(np.ones(2), [[True], [True, False]], 0.5), "keep_mask"),
        (lambda: experiments.shuffle_pixels([[[1.0]], [[1.0, 2.0]]]), "images"),
    ],
)
def test_ragged_lists_are_refused_by_name(call, named: str) -> None:
    with pytest.raises(TypeError, match=f"^{named} must be an array of (real )?numbers|^{named} must be a boolean"):
        call()


def test_numpy_strings_are_valid_choices_and_paths_with_nul_are_refused_by_name() -> None:
    assert data.load_fashion_mnist(np.str_("test")).images.shape == (5000, 28, 28)
    assert type(check_choice(np.str_("train"), "split", data.SPLITS)) is str
    assert check_choice(np.True_, "flag", (True, False)) is True
    for name, call in {
        "path": lambda: data.sha256_of("data/x\0y"),
        "data_dir": lambda: data.load_fashion_mnist("test", data_dir="a\0b"),
        "data_dir ": lambda: data.verify_subset_files("a\0b"),
        "idx_dir": lambda: data.read_idx_pair(Path("a\0b"), "test"),
    }.items():
        with pytest.raises(ValueError, match=f"^{name.strip()} must be a file-system path without NUL characters"):
            call()
