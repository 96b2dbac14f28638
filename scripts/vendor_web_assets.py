"""The web assets of the offline HTML export (``vendor/``): pinned npm tarballs and each file's SHA-256.

``python scripts/vendor_web_assets.py`` refreshes ``vendor/`` from the npm registry (network needed;
tarballs checked against npm's integrity hash); ``--check`` verifies the files on disk, offline.
``scripts/build_html.py`` calls :func:`verify` before it copies them into ``build/html/``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "vendor"
NPM = "https://registry.npmjs.org"

#: folder in vendor/ -> (npm tarball, npm's integrity hash, {file in the tarball's dist: its SHA-256})
PACKAGES = {
    "jupyter-widgets-html-manager-1.0.15": (
        f"{NPM}/@jupyter-widgets/html-manager/-/html-manager-1.0.15.tgz",
        "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",
        {
            "dist/embed-amd.js": "ca87dff57c70ffb2658794fde0eab0e27e5f5472a1f5df7ab2b08e1039fc4b72",
            "dist/embed.js.LICENSE.txt": "aed2008aae8123157c4ae564883166b1af7bab928d504a1fa7de1f67aec11268",
            "dist/1551f4f60c37af51121f.woff2": "9834b82ad26e2a37583d22676a12dd2eb0fe7c80356a2114d0db1aa8b3899537",
            "dist/7a3337626410ca2f4071.woff2": "e42a88444448ac3d60549cc7c1ff2c8a9cac721034c073d80a14a44e79730cca",
            "dist/d878b0a6a1144760244f.woff2": "8ea8791754915a898a3100e63e32978a6d1763be6df8e73a39d3a90d691cdeef",
        },
    ),
    "requirejs-2.3.7": (
        f"{NPM}/requirejs/-/requirejs-2.3.7.tgz",
        "sha512-DouTG8T1WanGok6Qjg2SXuCMzszOo0eHeH9hDZ5Y4x8Je+9JB38HdTLT4/VA8OaUhBa0JPVHJ0pyBkM1z+pDsw==",
        {"require.js": "8215b90000b571bd241d28512c83f59855cecc3158db94b79b2d974c9923b5d2"},
    ),
}
#: SHA-256 of every vendored file, by its path relative to vendor/.
SHA256 = {f"{folder}/{Path(m).name}": sha for folder, (_, _, files) in PACKAGES.items() for m, sha in files.items()}


class VendorError(RuntimeError):
    """A vendored file is missing or is not the file that was pinned."""


def verify(vendor: Path = VENDOR) -> list[Path]:
    """Check every vendored file against its SHA-256; return their paths, or raise VendorError."""
    for relative, expected in SHA256.items():
        if not (vendor / relative).is_file():
            raise VendorError(f"vendor/{relative} is missing; restore it with `git checkout -- vendor/`")
        actual = hashlib.sha256((vendor / relative).read_bytes()).hexdigest()
        if actual != expected:
            raise VendorError(
                f"vendor/{relative} has SHA-256 {actual}, expected {expected}; restore it with "
                "`git checkout -- vendor/` (or refresh with scripts/vendor_web_assets.py)"
            )
    return [vendor / relative for relative in SHA256]


def refresh(vendor: Path = VENDOR) -> None:
    """Download the pinned tarballs and write their files into ``vendor/`` (the maintainer's refresh)."""
    for folder, (url, integrity, files) in PACKAGES.items():
        with urllib.request.urlopen(url, timeout=60) as response:
            payload = response.read()
        algorithm, _, digest = integrity.partition("-")
        if base64.b64encode(hashlib.new(algorithm, payload).digest()).decode() != digest:
            raise VendorError(f"{url} does not match the pinned integrity {integrity}")
        with tarfile.open(fileobj=io.BytesIO(payload), mode="r:gz") as archive:
            for member in files:
                target = vendor / folder / Path(member).name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.extractfile(f"package/{member}").read())


if __name__ == "__main__":
    try:
        if "--check" not in sys.argv[1:]:
            refresh()
        print(f"vendor/: {len(verify())} files verified")
    except VendorError as error:
        sys.exit(f"error: {error}")
