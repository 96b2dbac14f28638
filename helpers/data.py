"""Load the course's Fashion-MNIST data: the committed subset, or the full set when present.

The subset in ``data/`` (1,000 training and 500 test images per class) is verified against its SHA-256
before every load; the full set's IDX files are checked for shape, size and labels before they are
read. Nothing here downloads anything or writes into ``data/``.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from helpers._checks import check_bool, check_choice, check_int

__all__ = [
    "CLASS_NAMES",
    "DATA_DIR",
    "MAX_FILE_BYTES",
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
_IDX_FILES = tuple(name for pair in _IDX_NAMES.values() for name in pair)
#: The largest file this module reads or hashes (the biggest course file, the gzipped full training
#: images, is 26 MB): a larger one is refused before a byte is read.
MAX_FILE_BYTES = 64 * 2**20
_MAX_IDX_IMAGES = 60_000  # the full training set; a header promising more is refused before reading
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

    def __post_init__(self) -> None:
        """Refuse, at construction, what no helper could use: each helper taking a Dataset relies on this.

        Two passes over the images (min and max; NaN fails both comparisons): under 0.1 s for 60,000.
        """
        images, labels = self.images, self.labels
        if not (isinstance(images, np.ndarray) and images.dtype.kind == "f" and images.shape[1:] == (28, 28)):
            got = f"{images.dtype} {images.shape}" if isinstance(images, np.ndarray) else type(images).__name__
            raise ValueError(f"Dataset images must be a float array of shape (n, 28, 28); got {got}")
        if not (isinstance(labels, np.ndarray) and labels.dtype.kind in "iu" and labels.shape == images.shape[:1]):
            got = f"{labels.dtype} {labels.shape}" if isinstance(labels, np.ndarray) else type(labels).__name__
            raise ValueError(f"Dataset labels must be integers, one label per image ({len(images)}); got {got}")
        if not len(images):
            raise ValueError("a Dataset needs at least one image; got 0")
        low, high = images.min(), images.max()
        if not (low >= 0 and high <= 1 and 0 <= labels.min() <= labels.max() <= 9):
            raise ValueError(
                "a Dataset needs finite pixels in [0, 1] and labels 0-9; "
                f"got pixels {low} to {high}, labels {labels.min()} to {labels.max()}"
            )

    def __len__(self) -> int:
        return int(self.labels.shape[0])


def _as_path(value: object, name: str) -> Path:
    """``value`` as a Path if it is a str or path-like (never a file descriptor such as 0 = stdin)."""
    if not isinstance(value, (str, os.PathLike)):
        kind = type(value).__name__
        raise TypeError(f"{name} must be a file-system path (str or pathlib.Path); got {kind} {value!r:.60}")
    if "\0" in os.fsdecode(value):  # the operating system's own error names no argument
        raise ValueError(f"{name} must be a file-system path without NUL characters; got {value!r:.60}")
    return Path(value)


def _open_regular_file(path: str | os.PathLike) -> io.BufferedReader:
    """``path`` opened for reading if it is a regular file of at most MAX_FILE_BYTES; checked before reading.

    Opened without blocking, then checked on the open file: a FIFO, a device (/dev/zero) or a
    directory is refused at once, and a huge (or sparse) file before any of it is read.
    """
    descriptor = os.open(_as_path(path, "path"), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
        os.close(descriptor)
        problem = "is not a regular file" if not stat.S_ISREG(info.st_mode) else f"holds {info.st_size:,} bytes"
        raise DataIntegrityError(
            f"{path} {problem}: the course reads only regular files of at most "
            f"helpers.data.MAX_FILE_BYTES = {MAX_FILE_BYTES:,} bytes (its largest data file is 26 MB)"
        )
    return os.fdopen(descriptor, "rb")


def sha256_of(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a regular file of at most MAX_FILE_BYTES (a path, never a file descriptor such as 0)."""
    with _open_regular_file(path) as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _verified_subset_path(split: str, data_dir: Path) -> Path:
    name = SUBSET_FILES[split]
    path = data_dir / name
    if not path.is_file():
        raise FileNotFoundError(f"The course data file {name} is missing from {data_dir.name}/. {_RESTORE_HINT}")
    actual, expected = sha256_of(path), SUBSET_SHA256[name]
    if actual != expected:
        raise DataIntegrityError(
            f"{name} failed its checksum (corrupted, truncated or replaced): "
            f"SHA-256 is {actual}, expected {expected}. {_RESTORE_HINT}"
        )
    return path


def verify_subset_files(data_dir: Path | None = None) -> dict[str, str]:
    """Check every subset file against its SHA-256; return {file name: 'ok'} or raise."""
    data_dir = DATA_DIR if data_dir is None else _as_path(data_dir, "data_dir")
    return {SUBSET_FILES[split]: "ok" for split in SPLITS if _verified_subset_path(split, data_dir)}


def find_idx_dir() -> Path | None:
    """The directory holding the full IDX files: $FASHION_MNIST_DIR if set, else Debian's or Keras's.

    Raises FileNotFoundError when ``FASHION_MNIST_DIR`` is set but does not hold the four files.
    """
    chosen = os.environ.get("FASHION_MNIST_DIR")
    if chosen:
        directory = Path(chosen).expanduser()
        missing = [name for name in _IDX_FILES if not (directory / name).is_file()]
        if missing:
            raise FileNotFoundError(
                f"FASHION_MNIST_DIR={chosen} does not hold the Fashion-MNIST IDX files (missing: "
                f"{', '.join(missing)}); point it at a folder with all four, or unset it."
            )
        return directory
    found = [d for d in (_DEBIAN_IDX_DIR, _KERAS_IDX_DIR) if all((d / name).is_file() for name in _IDX_FILES)]
    return found[0] if found else None


def _read_idx(path: Path, item_shape: tuple[int, ...]) -> np.ndarray:
    """A gzipped IDX file of unsigned bytes, its header checked before the data is read."""
    ndim = 1 + len(item_shape)
    try:
        with _open_regular_file(path) as raw, gzip.GzipFile(fileobj=raw) as stream:
            header = stream.read(4 + 4 * ndim)
            if len(header) < 4 + 4 * ndim or header[:3] != b"\x00\x00\x08" or header[3] != ndim:
                raise DataIntegrityError(f"{path} is not an IDX file of unsigned bytes with {ndim} dimensions")
            shape = tuple(int.from_bytes(header[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
            if shape[1:] != item_shape or not 0 < shape[0] <= _MAX_IDX_IMAGES:
                wanted = " x ".join(map(str, ("n", *item_shape)))
                raise DataIntegrityError(f"{path}: header says shape {shape}, expected {wanted} with 1 <= n <= 60000")
            size = int(np.prod(shape))
            body = stream.read(size + 1)  # one byte more than promised: a longer file is refused too
    except FileNotFoundError:
        raise
    except (OSError, EOFError) as error:  # not gzip, or a damaged gzip stream
        raise DataIntegrityError(f"{path} is not a readable gzip file: {error}") from error
    if len(body) != size:
        problem = "is truncated" if len(body) < size else "holds more data than its header promises"
        raise DataIntegrityError(f"{path} {problem}: header promises shape {shape} ({size:,} bytes)")
    return np.frombuffer(body, dtype=np.uint8).reshape(shape)


def read_idx_pair(idx_dir: Path, split: str) -> tuple[np.ndarray, np.ndarray]:
    """Read the original images (uint8, n x 28 x 28) and labels (uint8, 0-9) of one split."""
    idx_dir = _as_path(idx_dir, "idx_dir")
    image_path, label_path = (idx_dir / name for name in _IDX_NAMES[check_choice(split, "split", SPLITS)])
    images, labels = _read_idx(image_path, (28, 28)), _read_idx(label_path, ())
    if images.shape[0] != labels.shape[0]:
        raise DataIntegrityError(f"{image_path} has {images.shape[0]} images but {label_path} {labels.shape[0]} labels")
    if labels.max() > 9:
        raise DataIntegrityError(f"{label_path} holds labels outside 0-9 (largest {labels.max()})")
    return images, labels


def load_fashion_mnist(split: str = "train", *, full: bool = False, data_dir: Path | None = None) -> Dataset:
    """One split of Fashion-MNIST as float32 images in [0, 1] and int64 labels.

    ``split``: ``"train"`` (10,000 images in the subset) or ``"test"`` (5,000); ``full=True``: the full
    60,000/10,000 from the IDX files; ``data_dir``: where the subset lives (``data/``).
    """
    split = check_choice(split, "split", SPLITS)
    if check_bool(full, "full"):
        idx_dir = find_idx_dir()
        if idx_dir is None:
            raise FileNotFoundError(
                f"The full Fashion-MNIST IDX files were not found in {_DEBIAN_IDX_DIR} or {_KERAS_IDX_DIR}. "
                "Install them with `make system-deps` (Debian package dataset-fashion-mnist), set "
                "FASHION_MNIST_DIR to a folder that holds them, or use the committed subset (full=False)."
            )
        images, labels = read_idx_pair(idx_dir, split)
    else:
        path = _verified_subset_path(split, DATA_DIR if data_dir is None else _as_path(data_dir, "data_dir"))
        with np.load(path, allow_pickle=False) as archive:
            images, labels = archive["images"], archive["labels"]
    return Dataset(images=images.astype(np.float32) / 255.0, labels=labels.astype(np.int64))


def split_off_validation(dataset: Dataset, n_validation: int) -> tuple[Dataset, Dataset]:
    """Split the last ``n_validation`` examples off as a validation set (at least one is left to train on).

    The subset is stored in a seeded random order, so the last rows are a fair sample.
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a helpers.data.Dataset; got {type(dataset).__name__}")
    if len(dataset) < 2:
        raise ValueError(f"dataset must hold at least 2 examples (to train on and to validate); got {len(dataset)}")
    supply = f"the dataset has {len(dataset):,} examples and keeps at least one to train on"
    cut = len(dataset) - check_int(n_validation, "n_validation", low=1, high=len(dataset) - 1, meaning=supply)
    return (
        Dataset(dataset.images[:cut], dataset.labels[:cut], dataset.class_names),
        Dataset(dataset.images[cut:], dataset.labels[cut:], dataset.class_names),
    )
