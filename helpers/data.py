"""Load the course's Fashion-MNIST data: the committed subset, or the full set when present.

The subset in ``data/`` (10,000 training and 5,000 test images, 1,000 and 500 per class) is
verified against its SHA-256 sum before every load. Nothing here downloads anything and nothing
here writes into ``data/``.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "CLASS_NAMES",
    "DATA_DIR",
    "SPLITS",
    "SUBSET_FILES",
    "SUBSET_SHA256",
    "DataIntegrityError",
    "Dataset",
    "find_idx_dir",
    "load_fashion_mnist",
    "read_idx_pair",
    "sha256_of",
    "split_off_validation",
    "verify_subset_files",
]

#: The repository's data folder, found from this file, never from the working directory.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

CLASS_NAMES: tuple[str, ...] = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)  # fmt: skip

SPLITS: tuple[str, ...] = ("train", "test")

SUBSET_FILES: dict[str, str] = {
    "train": "fashion-mnist-subset-train.npz",
    "test": "fashion-mnist-subset-test.npz",
}

#: SHA-256 of each committed subset file; ``data/README.md`` lists the same sums.
SUBSET_SHA256: dict[str, str] = {
    "fashion-mnist-subset-train.npz": "76ae0bfbedbd905d5cc51b1f4fcca875b4e894cf2546dee5c06cd19cbe40bfd3",
    "fashion-mnist-subset-test.npz": "931e5de7a25a17b3006e0429f2f117be67c16c0ce3a348bfb98b74cf678d9367",
}

_IDX_NAMES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}
_DEBIAN_IDX_DIR = Path("/usr/share/datasets/fashion-mnist")
_KERAS_IDX_DIR = Path("~/.keras/datasets/fashion-mnist").expanduser()
_RESTORE_HINT = (
    "Restore the committed file with `git checkout -- data/`, or rebuild it from the IDX files with "
    "`make data` (needs Debian's dataset-fashion-mnist: `make system-deps`)."
)


class DataIntegrityError(ValueError):
    """A data file exists but is not the file the course was written for."""


@dataclass(frozen=True)
class Dataset:
    """Images as float32 in [0, 1] with shape (n, 28, 28), integer labels, and the class names."""

    images: np.ndarray
    labels: np.ndarray
    class_names: tuple[str, ...] = CLASS_NAMES

    def __len__(self) -> int:
        return int(self.labels.shape[0])


def _check_split(split: object) -> str:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(map(repr, SPLITS))}; got {split!r}")
    return str(split)


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _verified_subset_path(split: str, data_dir: Path) -> Path:
    name = SUBSET_FILES[split]
    path = data_dir / name
    if not path.is_file():
        raise FileNotFoundError(f"The course data file {name} is missing from {data_dir.name}/. {_RESTORE_HINT}")
    actual = sha256_of(path)
    expected = SUBSET_SHA256[name]
    if actual != expected:
        raise DataIntegrityError(
            f"{name} failed its checksum (corrupted, truncated or replaced): "
            f"SHA-256 is {actual}, expected {expected}. {_RESTORE_HINT}"
        )
    return path


def verify_subset_files(data_dir: Path | None = None) -> dict[str, str]:
    """Check every subset file against its SHA-256; return {file name: 'ok'} or raise."""
    data_dir = DATA_DIR if data_dir is None else Path(data_dir)
    return {SUBSET_FILES[split]: "ok" for split in SPLITS if _verified_subset_path(split, data_dir)}


def find_idx_dir() -> Path | None:
    """The first directory holding the full IDX files: $FASHION_MNIST_DIR, Debian's, or Keras's cache."""
    candidates = []
    if os.environ.get("FASHION_MNIST_DIR"):
        candidates.append(Path(os.environ["FASHION_MNIST_DIR"]).expanduser())
    candidates += [_DEBIAN_IDX_DIR, _KERAS_IDX_DIR]
    for directory in candidates:
        if all((directory / name).is_file() for pair in _IDX_NAMES.values() for name in pair):
            return directory
    return None


def _read_idx(path: Path, expected_dims: int) -> np.ndarray:
    with gzip.open(path, "rb") as stream:
        raw = stream.read()
    if len(raw) < 4 or raw[:2] != b"\x00\x00" or raw[2] != 0x08 or raw[3] != expected_dims:
        raise DataIntegrityError(f"{path.name} is not an IDX file of unsigned bytes with {expected_dims} dimensions")
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(expected_dims))
    body = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * expected_dims)
    if body.size != int(np.prod(shape)):
        raise DataIntegrityError(f"{path.name} is truncated: {body.size} bytes of data for shape {shape}")
    return body.reshape(shape)


def read_idx_pair(idx_dir: Path, split: str) -> tuple[np.ndarray, np.ndarray]:
    """Read the original images (uint8, n x 28 x 28) and labels (uint8) of one split."""
    split = _check_split(split)
    image_name, label_name = _IDX_NAMES[split]
    images = _read_idx(Path(idx_dir) / image_name, 3)
    labels = _read_idx(Path(idx_dir) / label_name, 1)
    if images.shape[0] != labels.shape[0]:
        raise DataIntegrityError(f"{image_name} has {images.shape[0]} images but {label_name} {labels.shape[0]} labels")
    return images, labels


def load_fashion_mnist(split: str = "train", *, full: bool = False, data_dir: Path | None = None) -> Dataset:
    """Load one split of Fashion-MNIST as float32 images in [0, 1] and int64 labels.

    Args:
        split: ``"train"`` (10,000 images in the subset) or ``"test"`` (5,000).
        full: load the full 60,000/10,000 set from the IDX files instead of the committed subset
            (looked up in ``$FASHION_MNIST_DIR``, Debian's package path, then Keras's cache).
        data_dir: where the subset lives; the repository's ``data/`` by default.

    Raises:
        ValueError: unknown split.
        FileNotFoundError: the file is missing (the message says how to restore it).
        DataIntegrityError: the file fails its SHA-256 check.
    """
    split = _check_split(split)
    if not isinstance(full, bool):
        raise TypeError(f"full must be True or False; got {full!r}")
    if full:
        idx_dir = find_idx_dir()
        if idx_dir is None:
            raise FileNotFoundError(
                "The full Fashion-MNIST IDX files were not found in $FASHION_MNIST_DIR, "
                f"{_DEBIAN_IDX_DIR} or {_KERAS_IDX_DIR}. Install them with `make system-deps` "
                "(Debian package dataset-fashion-mnist), or use the committed subset (full=False)."
            )
        images, labels = read_idx_pair(idx_dir, split)
    else:
        path = _verified_subset_path(split, DATA_DIR if data_dir is None else Path(data_dir))
        with np.load(path, allow_pickle=False) as archive:
            images, labels = archive["images"], archive["labels"]
    return Dataset(images=images.astype(np.float32) / 255.0, labels=labels.astype(np.int64))


def split_off_validation(dataset: Dataset, n_validation: int) -> tuple[Dataset, Dataset]:
    """Split the last ``n_validation`` examples off as a validation set.

    The subset is stored in a seeded random order, so the last rows are a fair sample.
    """
    if isinstance(n_validation, bool) or not isinstance(n_validation, (int, np.integer)):
        raise TypeError(f"n_validation must be an integer; got {n_validation!r}")
    if not 0 < n_validation < len(dataset):
        raise ValueError(f"n_validation must be between 1 and {len(dataset) - 1}; got {n_validation}")
    cut = len(dataset) - int(n_validation)
    return (
        Dataset(dataset.images[:cut], dataset.labels[:cut], dataset.class_names),
        Dataset(dataset.images[cut:], dataset.labels[cut:], dataset.class_names),
    )
