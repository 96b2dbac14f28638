"""Data safety: the loader never writes into data/, damaged files are refused, the subset script writes atomically.

Writes are observed with a Python audit hook (``sys.addaudithook``): every ``open`` for writing,
rename, removal, chmod, truncate or directory change that any code makes while a test watches is
recorded, so "never writes" is checked directly rather than by comparing timestamps alone (which
the tests also do). This matters here because the tests may run as root, for whom a read-only
``chmod`` on data/ would prove nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import data

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import make_data_subset  # noqa: E402

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_CHANGE_EVENTS = {
    "os.rename",
    "os.remove",
    "os.rmdir",
    "os.mkdir",
    "os.chmod",
    "os.chown",
    "os.utime",
    "os.truncate",
    "os.link",
    "os.symlink",
    "shutil.copyfile",
    "shutil.move",
    "shutil.rmtree",
}
_WATCHING: list[list[tuple[str, tuple]]] = []


def _audit(event: str, args: tuple) -> None:
    if not _WATCHING:
        return
    if event == "open":
        _, mode, flags = (*tuple(args), None, None, None)[:3]
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writes:
            _WATCHING[-1].append((event, tuple(args)))
    elif event in _CHANGE_EVENTS:
        _WATCHING[-1].append((event, tuple(args)))


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one only records while a test watches


@contextmanager
def file_changes():
    """Collect every file-changing event made inside the block (by any code in this process)."""
    events: list[tuple[str, tuple]] = []
    _WATCHING.append(events)
    try:
        yield events
    finally:
        _WATCHING.pop()


def _touches(events: list[tuple[str, tuple]], folder: Path) -> list[tuple[str, tuple]]:
    folder = folder.resolve()
    hits = []
    for event, args in events:
        paths = [Path(os.fsdecode(arg)) for arg in args if isinstance(arg, (str, bytes, os.PathLike))]
        if any(path.is_absolute() and (path == folder or folder in path.resolve().parents) for path in paths):
            hits.append((event, args))
    return hits


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file in ``folder`` (hidden ones too): size, modification time (ns) and SHA-256."""
    return {
        path.name: (path.stat().st_size, path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
        for path in sorted(folder.iterdir())
    }


# ----------------------------------------------------------------- the hook itself ----


def test_the_audit_hook_sees_writes_renames_and_removals(tmp_path: Path) -> None:
    """Without this, 'no events' below could mean a blind hook rather than no writes."""
    with file_changes() as events:
        (tmp_path / "a").write_bytes(b"x")
        os.replace(tmp_path / "a", tmp_path / "b")
        fd = os.open(tmp_path / "c", os.O_WRONLY | os.O_CREAT)
        os.close(fd)
        (tmp_path / "b").unlink()
        (tmp_path / "c").read_bytes()  # a read is not a change
    kinds = [event for event, _ in _touches(events, tmp_path)]
    assert kinds == ["open", "os.rename", "open", "os.remove"]


# ---------------------------------------------------------- the loader never writes ----


def test_loading_and_verifying_never_write_into_data() -> None:
    before = snapshot(data.DATA_DIR)
    with file_changes() as events:
        for split in data.SPLITS:
            data.load_fashion_mnist(split)
        data.verify_subset_files()
        data.split_off_validation(data.load_fashion_mnist("test"), 1000)
    assert _touches(events, data.DATA_DIR) == []
    assert [event for event in events if event[0] == "open"] == []  # nothing opened for writing anywhere
    assert snapshot(data.DATA_DIR) == before


def test_refusing_a_damaged_file_leaves_it_and_its_folder_alone(tmp_path: Path) -> None:
    for name in data.SUBSET_FILES.values():
        shutil.copy(data.DATA_DIR / name, tmp_path / name)
    target = tmp_path / data.SUBSET_FILES["train"]
    target.write_bytes(target.read_bytes()[:-1000])
    before = snapshot(tmp_path)
    with file_changes() as events, pytest.raises(data.DataIntegrityError):
        data.load_fashion_mnist("train", data_dir=tmp_path)
    assert _touches(events, tmp_path) == []
    assert snapshot(tmp_path) == before  # no repair, no deletion, no temporary file


def test_a_missing_file_is_not_created(tmp_path: Path) -> None:
    with file_changes() as events, pytest.raises(FileNotFoundError, match="git checkout -- data/"):
        data.verify_subset_files(tmp_path)
    assert _touches(events, tmp_path) == [] and list(tmp_path.iterdir()) == []


# ------------------------------------------------- damaged copies are refused ----

_REFUSAL = (
    r"fashion-mnist-subset-test\.npz failed its checksum \(corrupted, truncated or replaced\): "
    r"SHA-256 is [0-9a-f]{64}, expected " + data.SUBSET_SHA256["fashion-mnist-subset-test.npz"] + r"\. "
    r"Restore the committed file with `git checkout -- data/`, or rebuild it .* `make data`"
)


@pytest.fixture(scope="module")
def test_split_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("data-copy")
    original = (data.DATA_DIR / data.SUBSET_FILES["test"]).read_bytes()
    return folder, original


def _refused(folder: Path, payload: bytes) -> None:
    (folder / data.SUBSET_FILES["test"]).write_bytes(payload)
    with pytest.raises(data.DataIntegrityError, match=_REFUSAL):
        data.load_fashion_mnist("test", data_dir=folder)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.floats(0, 1, exclude_max=True), xor=st.integers(1, 255))
def test_any_changed_byte_is_refused(test_split_copy: tuple[Path, bytes], position: float, xor: int) -> None:
    folder, original = test_split_copy
    payload = bytearray(original)
    payload[int(position * len(payload))] ^= xor
    _refused(folder, bytes(payload))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keep=st.floats(0, 1, exclude_max=True))
def test_any_truncation_is_refused(test_split_copy: tuple[Path, bytes], keep: float) -> None:
    folder, original = test_split_copy
    _refused(folder, original[: int(keep * len(original))])


def test_an_extended_file_is_refused(test_split_copy: tuple[Path, bytes]) -> None:
    folder, original = test_split_copy
    _refused(folder, original + b"\0")


def test_a_plausible_substitute_with_one_label_changed_is_refused(test_split_copy: tuple[Path, bytes]) -> None:
    """A well-formed archive with the right arrays, shapes and dtypes, one label off: refused."""
    folder, _ = test_split_copy
    with np.load(data.DATA_DIR / data.SUBSET_FILES["test"], allow_pickle=False) as archive:
        arrays = {key: archive[key].copy() for key in archive.files}
    arrays["labels"][0] = (arrays["labels"][0] + 1) % 10
    _refused(folder, make_data_subset.npz_bytes(arrays))


def test_a_symlink_to_the_other_split_is_refused(tmp_path: Path) -> None:
    (tmp_path / data.SUBSET_FILES["test"]).symlink_to(data.DATA_DIR / data.SUBSET_FILES["train"])
    with pytest.raises(data.DataIntegrityError, match="failed its checksum"):
        data.load_fashion_mnist("test", data_dir=tmp_path)


# ------------------------------------------------------ the subset script is atomic ----


def test_atomic_write_goes_through_a_temporary_file_and_one_rename(tmp_path: Path) -> None:
    target = tmp_path / "subset.npz"
    target.write_bytes(b"old")
    with file_changes() as events:
        make_data_subset.write_atomically(target, b"new contents")
    opened = [Path(os.fsdecode(args[0])) for event, args in events if event == "open" and isinstance(args[0], str)]
    renames = [(Path(args[0]), Path(args[1])) for event, args in events if event == "os.rename"]
    assert target not in opened  # the target itself is never opened for writing
    assert len(renames) == 1 and renames[0][1] == target
    temporary = renames[0][0]
    assert temporary.parent == tmp_path and temporary.name.startswith(".subset.npz.") and temporary != target
    assert target.read_bytes() == b"new contents" and sorted(p.name for p in tmp_path.iterdir()) == ["subset.npz"]


@pytest.mark.parametrize("failing", ["fsync", "replace", "interrupt"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "subset.npz"
    target.write_bytes(b"old")

    def fail(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt if failing == "interrupt" else OSError(28, "No space left on device")

    monkeypatch.setattr(os, {"fsync": "fsync", "replace": "replace", "interrupt": "fsync"}[failing], fail)
    with pytest.raises(KeyboardInterrupt if failing == "interrupt" else OSError):
        make_data_subset.write_atomically(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["subset.npz"]


def _fake_idx(folder: Path, per_class: dict[str, int]) -> None:
    names = {
        "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
        "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
    }
    for split, (image_name, label_name) in names.items():
        n = 10 * per_class[split] * 2
        labels = np.arange(n, dtype=np.uint8) % 10
        images = (np.arange(n * 784) % 251).astype(np.uint8)
        with gzip.open(folder / image_name, "wb") as stream:
            stream.write(bytes([0, 0, 8, 3]) + n.to_bytes(4, "big") + (28).to_bytes(4, "big") * 2 + images.tobytes())
        with gzip.open(folder / label_name, "wb") as stream:
            stream.write(bytes([0, 0, 8, 1]) + n.to_bytes(4, "big") + labels.tobytes())


def test_the_subset_script_writes_only_through_atomic_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    idx, out = tmp_path / "idx", tmp_path / "data"
    idx.mkdir()
    out.mkdir()
    _fake_idx(idx, {"train": 3, "test": 2})
    monkeypatch.setattr(make_data_subset, "PER_CLASS", {"train": 3, "test": 2})
    monkeypatch.setattr(make_data_subset, "DATA_DIR", out)
    with file_changes() as events:
        assert make_data_subset.main(["--idx-dir", str(idx)]) == 0
    renames = [Path(args[1]) for event, args in events if event == "os.rename"]
    assert sorted(p.name for p in renames) == sorted(data.SUBSET_FILES.values())
    written = [Path(os.fsdecode(args[0])) for event, args in events if event == "open" and not isinstance(args[0], int)]
    assert all(path.name.startswith(".") and path.suffix == ".tmp" for path in written if path.parent == out)
    assert sorted(p.name for p in out.iterdir()) == sorted(data.SUBSET_FILES.values())  # no temporary left
    with np.load(out / data.SUBSET_FILES["train"], allow_pickle=False) as archive:
        assert np.bincount(archive["labels"]).tolist() == [3] * 10
    before = snapshot(out)
    with file_changes() as events:
        assert make_data_subset.main(["--idx-dir", str(idx), "--check"]) == 0  # identical: same seed, same bytes
    assert _touches(events, out) == [] and snapshot(out) == before
