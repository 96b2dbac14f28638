"""The web assets of the offline HTML export (``vendor/``): their pinned versions and SHA-256 sums.

``python scripts/vendor_web_assets.py`` refreshes ``vendor/`` from the npm registry (network needed; the
tarballs are checked against npm's integrity hash). ``--check`` verifies the files on disk, offline;
``scripts/build_html.py`` calls :func:`verify` before it copies them into ``build/html/``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENDOR = REPO / "vendor"

#: npm tarball, npm's integrity hash, and the files taken from it (path in the tarball -> path in vendor/).
PACKAGES = {
    "jupyter-widgets-html-manager-1.0.15": (
        "https://registry.npmjs.org/@jupyter-widgets/html-manager/-/html-manager-1.0.15.tgz",
        "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",
        (
            "dist/embed-amd.js",
            "dist/embed.js.LICENSE.txt",
            "dist/1551f4f60c37af51121f.woff2",
            "dist/7a3337626410ca2f4071.woff2",
            "dist/d878b0a6a1144760244f.woff2",
        ),
    ),
    "requirejs-2.3.7": (
        "https://registry.npmjs.org/requirejs/-/requirejs-2.3.7.tgz",
        "sha512-DouTG8T1WanGok6Qjg2SXuCMzszOo0eHeH9hDZ5Y4x8Je+9JB38HdTLT4/VA8OaUhBa0JPVHJ0pyBkM1z+pDsw==",
        ("require.js",),
    ),
}

#: SHA-256 of every vendored file, relative to vendor/.
SHA256 = {
    "jupyter-widgets-html-manager-1.0.15/1551f4f60c37af51121f.woff2": (
        "9834b82ad26e2a37583d22676a12dd2eb0fe7c80356a2114d0db1aa8b3899537"
    ),
    "jupyter-widgets-html-manager-1.0.15/7a3337626410ca2f4071.woff2": (
        "e42a88444448ac3d60549cc7c1ff2c8a9cac721034c073d80a14a44e79730cca"
    ),
    "jupyter-widgets-html-manager-1.0.15/d878b0a6a1144760244f.woff2": (
        "8ea8791754915a898a3100e63e32978a6d1763be6df8e73a39d3a90d691cdeef"
    ),
    "jupyter-widgets-html-manager-1.0.15/embed-amd.js": (
        "ca87dff57c70ffb2658794fde0eab0e27e5f5472a1f5df7ab2b08e1039fc4b72"
    ),
    "jupyter-widgets-html-manager-1.0.15/embed.js.LICENSE.txt": (
        "aed2008aae8123157c4ae564883166b1af7bab928d504a1fa7de1f67aec11268"
    ),
    "requirejs-2.3.7/require.js": "8215b90000b571bd241d28512c83f59855cecc3158db94b79b2d974c9923b5d2",
}


class VendorError(RuntimeError):
    """A vendored file is missing or is not the file that was pinned."""


def verify(vendor: Path = VENDOR) -> list[Path]:
    """Check every vendored file against its SHA-256; return their paths, or raise VendorError."""
    paths = []
    for relative, expected in SHA256.items():
        path = vendor / relative
        if not path.is_file():
            raise VendorError(f"vendor/{relative} is missing; restore it with `git checkout -- vendor/`")
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != expected:
            raise VendorError(
                f"vendor/{relative} has SHA-256 {actual}, expected {expected}; "
                "restore it with `git checkout -- vendor/` (or refresh with scripts/vendor_web_assets.py)"
            )
        paths.append(path)
    return paths


def _download(url: str, integrity: str) -> bytes:
    algorithm, _, digest = integrity.partition("-")
    with urllib.request.urlopen(url, timeout=60) as response:  # the maintainer's refresh, never at run time
        payload = response.read()
    actual = base64.b64encode(hashlib.new(algorithm, payload).digest()).decode()
    if actual != digest:
        raise VendorError(f"{url}: integrity {algorithm}-{actual} does not match the pinned {integrity}")
    return payload


def refresh(vendor: Path = VENDOR) -> None:
    """Download the pinned tarballs and write their files into ``vendor/`` (atomically, file by file)."""
    for folder, (url, integrity, members) in PACKAGES.items():
        payload = _download(url, integrity)
        with tarfile.open(fileobj=io.BytesIO(payload), mode="r:gz") as archive:
            for member in members:
                extracted = archive.extractfile(f"package/{member}")
                if extracted is None:
                    raise VendorError(f"{url} has no file package/{member}")
                target = vendor / folder / Path(member).name
                target.parent.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as temporary:
                    temporary.write(extracted.read())
                Path(temporary.name).replace(target)
                print(f"vendor/{folder}/{target.name}: {hashlib.sha256(target.read_bytes()).hexdigest()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify vendor/ against the pinned SHA-256 (offline)")
    args = parser.parse_args(argv)
    try:
        if not args.check:
            refresh()
        print(f"vendor/: {len(verify())} files verified")
    except VendorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
