#!/usr/bin/env python3
"""Make the course's class-balanced Fashion-MNIST subset (data/*.npz) from the original IDX files.

    python scripts/make_data_subset.py [--check]    # write data/ (atomically), or compare a fresh build

The IDX files come from Debian's ``dataset-fashion-mnist`` or the directory in ``$FASHION_MNIST_DIR``.
A seeded draw and fixed timestamps in the archive: the same IDX files give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import zipfile
from pathlib import Path

import numpy as np
from execute_notebooks import REPO, write_atomically

sys.path.insert(0, str(REPO))
from helpers.data import DATA_DIR, SUBSET_FILES, find_idx_dir, read_idx_pair

SEED = 2014  # the year of Srivastava et al.; any fixed value would do
PER_CLASS = {"train": 1000, "test": 500}  # 10,000 training and 5,000 test images


def draw_subset(images: np.ndarray, labels: np.ndarray, per_class: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    chosen = [rng.choice(np.flatnonzero(labels == label), size=per_class, replace=False) for label in range(10)]
    indices = np.concatenate(chosen)
    return indices[rng.permutation(indices.size)]


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """A compressed .npz archive with fixed timestamps (np.savez_compressed stamps the current time)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, member.getvalue(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare a fresh build with data/ instead of writing")
    parser.add_argument("--idx-dir", type=Path, default=None, help="directory with the four IDX .gz files")
    args = parser.parse_args(argv)
    try:
        idx_dir = args.idx_dir or find_idx_dir()
        if idx_dir is None:
            raise FileNotFoundError("the Fashion-MNIST IDX files were not found")
    except FileNotFoundError as error:  # none found, or FASHION_MNIST_DIR set but without the four files
        hint = "Install them with `make system-deps` (dataset-fashion-mnist) or set FASHION_MNIST_DIR."
        raise SystemExit(f"make_data_subset: {str(error).rstrip('.')}. {hint}") from None
    status = 0
    for split, per_class in PER_CLASS.items():
        images, labels = read_idx_pair(idx_dir, split)
        indices = draw_subset(images, labels, per_class, seed=SEED + (split == "test"))
        # source_index: each image's row in the original IDX file
        arrays = {"images": images[indices], "labels": labels[indices], "source_index": indices.astype(np.int32)}
        payload, target = npz_bytes(arrays), DATA_DIR / SUBSET_FILES[split]
        digest = hashlib.sha256(payload).hexdigest()
        if args.check:
            same = target.exists() and target.read_bytes() == payload
            print(f"{target.name}: {'identical' if same else 'DIFFERS'} (sha256 {digest})")
            status |= 0 if same else 1
        else:
            write_atomically(target, payload)
            print(f"wrote {target.name}: {len(payload):,} bytes, sha256 {digest}")
    return status


if __name__ == "__main__":
    sys.exit(main())
