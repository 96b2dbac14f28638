"""The committed data subset and its loader."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import numpy as np
import pytest

from helpers import data


@pytest.mark.parametrize(("split", "size"), [("train", 10_000), ("test", 5_000)])
def test_subset_loads_as_float_images_in_unit_range(split: str, size: int) -> None:
    dataset = data.load_fashion_mnist(split)
    assert len(dataset) == size
    assert dataset.images.shape == (size, 28, 28)
    assert dataset.images.dtype == np.float32
    assert 0.0 <= dataset.images.min() and dataset.images.max() <= 1.0
    assert dataset.labels.dtype == np.int64
    assert dataset.class_names == data.CLASS_NAMES and len(data.CLASS_NAMES) == 10


@pytest.mark.parametrize(("split", "per_class"), [("train", 1000), ("test", 500)])
def test_subset_is_class_balanced(split: str, per_class: int) -> None:
    counts = np.bincount(data.load_fashion_mnist(split).labels, minlength=10)
    assert counts.tolist() == [per_class] * 10


def test_subset_files_match_the_checksums_in_the_data_readme() -> None:
    readme = (data.DATA_DIR / "README.md").read_text(encoding="utf-8")
    for name, digest in data.SUBSET_SHA256.items():
        assert data.sha256_of(data.DATA_DIR / name) == digest
        assert name in readme and digest in readme
    assert set(data.verify_subset_files().values()) == {"ok"}


def test_archives_hold_no_pickles_and_record_their_source_rows() -> None:
    for name in data.SUBSET_FILES.values():
        with np.load(data.DATA_DIR / name, allow_pickle=False) as archive:
            assert sorted(archive.files) == ["images", "labels", "source_index"]
            assert archive["images"].dtype == np.uint8
            indices = archive["source_index"]
            assert np.unique(indices).size == indices.size  # drawn without replacement


def test_train_and_test_subsets_are_different_images() -> None:
    train = data.load_fashion_mnist("train").images.reshape(10_000, -1)
    test = data.load_fashion_mnist("test").images.reshape(5_000, -1)
    train_rows = {row.tobytes() for row in train[:2000]}
    assert not any(row.tobytes() in train_rows for row in test)


def test_unknown_split_names_the_allowed_values() -> None:
    with pytest.raises(ValueError, match=r"split must be one of 'train', 'test'; got 'validation'"):
        data.load_fashion_mnist("validation")


def test_missing_file_says_how_to_restore_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"missing.*git checkout -- data/.*make data"):
        data.load_fashion_mnist("test", data_dir=tmp_path)


@pytest.mark.parametrize("damage", ["truncate", "flip_byte", "substitute"])
def test_damaged_file_is_refused_with_the_checksum_mismatch(tmp_path: Path, damage: str) -> None:
    for name in data.SUBSET_FILES.values():
        shutil.copy(data.DATA_DIR / name, tmp_path / name)
    target = tmp_path / data.SUBSET_FILES["test"]
    payload = bytearray(target.read_bytes())
    if damage == "truncate":
        payload = payload[: len(payload) // 2]
    elif damage == "flip_byte":
        payload[len(payload) // 3] ^= 0xFF
    else:  # a valid archive, but not the course's file
        train_copy = (tmp_path / data.SUBSET_FILES["train"]).read_bytes()
        payload = bytearray(train_copy)
    target.write_bytes(bytes(payload))
    with pytest.raises(data.DataIntegrityError, match=r"failed its checksum.*expected.*git checkout -- data/"):
        data.load_fashion_mnist("test", data_dir=tmp_path)


def test_split_off_validation_takes_the_last_rows() -> None:
    full = data.load_fashion_mnist("test")
    train, validation = data.split_off_validation(full, 1000)
    assert (len(train), len(validation)) == (4000, 1000)
    np.testing.assert_array_equal(validation.labels, full.labels[-1000:])
    counts = np.bincount(validation.labels, minlength=10)
    assert counts.min() >= 70  # a fair sample of a shuffled, balanced file (expected 100 per class)


@pytest.mark.parametrize("bad", [0, 5000, -1, 2.5, True, "10"])
def test_split_off_validation_rejects_bad_sizes(bad: object) -> None:
    full = data.load_fashion_mnist("test")
    with pytest.raises((ValueError, TypeError), match="n_validation"):
        data.split_off_validation(full, bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["yes", "False", 1, None])
def test_full_flag_must_be_a_bool(bad: object) -> None:
    with pytest.raises(TypeError, match=rf"^full must be True or False; got {type(bad).__name__} "):
        data.load_fashion_mnist("test", full=bad)  # type: ignore[arg-type]
    assert len(data.load_fashion_mnist("test", full=np.bool_(False))) == 5000  # NumPy's bool is a bool


@pytest.mark.skipif(data.find_idx_dir() is None, reason="full IDX files not installed (make system-deps)")
def test_full_set_loads_from_the_idx_files() -> None:
    full = data.load_fashion_mnist("test", full=True)
    assert full.images.shape == (10_000, 28, 28)
    assert np.bincount(full.labels).tolist() == [1000] * 10


def test_full_set_missing_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "find_idx_dir", lambda: None)
    with pytest.raises(FileNotFoundError, match="make system-deps"):
        data.load_fashion_mnist("train", full=True)


def _write_idx(
    folder: Path, *, shape: tuple[int, ...] = (5, 28, 28), extra: int = 0, labels: bytes | None = None
) -> None:
    """Test-split IDX files: images with the header ``shape`` (data for at most 5 images), 5 labels."""
    header = bytes([0, 0, 8, len(shape)]) + b"".join(n.to_bytes(4, "big") for n in shape)
    n_bytes = min(int(np.prod(shape)), 5 * 28 * 28) + extra
    with gzip.open(folder / "t10k-images-idx3-ubyte.gz", "wb") as stream:
        stream.write(header + bytes(n_bytes))
    with gzip.open(folder / "t10k-labels-idx1-ubyte.gz", "wb") as stream:
        stream.write(bytes([0, 0, 8, 1]) + (5).to_bytes(4, "big") + (bytes(5) if labels is None else labels))


def test_a_good_idx_pair_is_read(tmp_path: Path) -> None:
    _write_idx(tmp_path, labels=bytes([0, 1, 2, 9, 3]))
    images, labels = data.read_idx_pair(tmp_path, "test")
    assert images.shape == (5, 28, 28) and labels.tolist() == [0, 1, 2, 9, 3]


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"shape": (100, 28, 28)}, "is truncated"),
        ({"extra": 1}, "holds more data than its header promises"),
        ({"shape": (5, 32, 32)}, r"header says shape \(5, 32, 32\), expected n x 28 x 28"),
        ({"shape": (0, 28, 28)}, r"header says shape \(0, 28, 28\)"),
        ({"shape": (10**9, 28, 28)}, r"with 1 <= n <= 60000"),  # refused from the header, nothing allocated
        ({"shape": (5, 784)}, "not an IDX file of unsigned bytes with 3 dimensions"),
        ({"labels": bytes([0, 1, 2, 10, 3])}, "labels outside 0-9"),
        ({"labels": bytes(3)}, "is truncated"),
    ],
)
def test_a_corrupt_idx_file_is_refused_and_named(tmp_path: Path, kwargs: dict, problem: str) -> None:
    _write_idx(tmp_path, **kwargs)
    with pytest.raises(data.DataIntegrityError, match=problem) as caught:
        data.read_idx_pair(tmp_path, "test")
    assert str(tmp_path / "t10k-") in str(caught.value)  # the message names the file


def test_a_file_that_is_not_gzip_is_refused_and_named(tmp_path: Path) -> None:
    _write_idx(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(b"not gzip at all")
    with pytest.raises(data.DataIntegrityError, match=r"t10k-images-idx3-ubyte.gz is not a readable gzip file"):
        data.read_idx_pair(tmp_path, "test")


def test_a_missing_idx_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"t10k-images-idx3-ubyte\.gz"):
        data.read_idx_pair(tmp_path, "test")


def test_a_fashion_mnist_dir_without_the_files_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_idx(tmp_path)  # the test split only: the training files are missing
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError, match=r"FASHION_MNIST_DIR=.* does not hold .*train-images-idx3-ubyte.gz"):
        data.load_fashion_mnist("test", full=True)


@pytest.mark.parametrize("bad", [0, None, 3.5, b"x"[0]])
def test_sha256_of_takes_only_paths_never_standard_input(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^path must be a file-system path \(str or pathlib.Path\); got "):
        data.sha256_of(bad)  # type: ignore[arg-type]


def test_the_env_variable_points_the_loader_at_other_idx_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for names in data._IDX_NAMES.values():
        for name in names:
            (tmp_path / name).write_bytes(b"")
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path))
    assert data.find_idx_dir() == tmp_path
