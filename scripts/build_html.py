"""Build ``build/html/``: static pages of the executed notebooks that work without internet.

Every page is nbconvert's JupyterLab-style HTML of the stored notebook (the outputs nbval checks, with the
widget state saved by ``make execute``, so sliders and quizzes render). nbconvert is told to load its scripts
from ``build/html/_static/`` instead of CDNs: require.js and the widget manager from ``vendor/`` (each file
checked against ``vendor/SHA256SUMS`` first), MathJax from the pinned ``jupyter-server-mathjax`` package. The
template ``html_template/course`` adds MathJax's font and a "needs a running kernel" note above each widget.
Links to notebooks point at their pages; links to the repository's Markdown files (``../INSTRUCTOR_GUIDE.md``)
at pages rendered from them; ``index.html`` lists the notebooks. The folder is built beside the old one and
swapped in at the end, so a failed build leaves the previous pages in place.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import shutil
import sys
from pathlib import Path

import jupyter_server_mathjax
import nbformat
from nbconvert import HTMLExporter
from nbformat.v4 import new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
VENDOR = REPO / "vendor"
MATHJAX = Path(jupyter_server_mathjax.__file__).resolve().parent / "static"
STATIC = "_static"
WIDGET_MANAGER = f"{STATIC}/jupyter-widgets-html-manager-1.0.15/embed-amd.js"
# a relative link to a notebook or a Markdown file, with an optional #anchor
LINK = re.compile(r'href="(?P<path>(?!\w+:|#|/)[^"#]+\.(?:ipynb|md))(?P<anchor>#[^"]*)?"')
INDEX_INTRO = """# Dropout, hands-on

The course's notebooks as static pages, with the outputs of their last checked run. The sliders and quizzes
show their last state but do not work here (they need a running kernel): for that, run the notebooks
(`make lab`). These pages need no internet.
"""


def notebook_title(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """The first ``# `` heading of a notebook and the paragraph after it (for the index page)."""
    for cell in notebook.cells:
        lines = cell.source.splitlines() if cell.cell_type == "markdown" else []
        if lines and lines[0].startswith("# "):
            paragraphs = "\n".join(lines[1:]).strip().split("\n\n")
            return lines[0][2:].strip(), " ".join(paragraphs[0].split())
    raise ValueError(f"{notebook.metadata.get('name', 'notebook')} has no '# ' title in a markdown cell")


def plain_title(markdown: str) -> str:
    """A heading without its Markdown: ``03 · Keras `Dropout(0.5)` `` -> ``03 · Keras Dropout(0.5)``."""
    return re.sub(r"[`*_]", "", without_links(markdown)).strip()


def without_links(markdown: str) -> str:
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)


def verified_vendor_files(vendor: Path = VENDOR) -> list[Path]:
    """The files listed in ``vendor/SHA256SUMS``, each checked against its SHA-256."""
    paths = []
    for line in (vendor / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        expected, name = line.split(maxsplit=1)
        path = vendor / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            raise ValueError(
                f"vendor/{name} is missing or is not the pinned file (SHA-256 {expected}); "
                "restore it with `git checkout -- vendor/` (vendor/README.md says how to update it)"
            )
        paths.append(path)
    return paths


def _rewrite_links(body: str, folder: Path, docs: dict[Path, str]) -> str:
    """Point notebook links at their pages and Markdown links at rendered pages (collected in ``docs``)."""

    def page(match: re.Match) -> str:
        target = (folder / html.unescape(match["path"])).resolve()
        if target.suffix == ".ipynb":
            name = f"{target.stem}.html"
        elif target.is_file() and target.is_relative_to(REPO):
            name = docs.setdefault(target, "-".join(target.relative_to(REPO).with_suffix(".html").parts))
        else:
            return match[0]  # left as it is: the link check names it
        return f'href="{name}{match["anchor"] or ""}"'

    return LINK.sub(page, body)


def _write_pages(staging: Path, notebooks: list[Path]) -> None:
    for path in verified_vendor_files():
        target = staging / STATIC / path.relative_to(VENDOR)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    shutil.copytree(MATHJAX, staging / STATIC / "mathjax")
    exporter = HTMLExporter(
        template_name="course",
        extra_template_basedirs=[str(Path(__file__).resolve().parent / "html_template")],
        require_js_url=f"{STATIC}/requirejs-2.3.7/require.js",
        widget_renderer_url=WIDGET_MANAGER,
        mathjax_url=f"{STATIC}/mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe",
    )
    docs: dict[Path, str] = {}

    def write(page: str, notebook: nbformat.NotebookNode, title: str, folder: Path) -> None:
        body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": plain_title(title)}})
        (staging / page).write_text(_rewrite_links(body, folder, docs), encoding="utf-8")

    index = [INDEX_INTRO]
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        title, blurb = notebook_title(notebook)
        write(f"{path.stem}.html", notebook, title, path.parent)
        index.append(f"1. **[{without_links(title)}]({path.stem}.html)**<br>\n   {without_links(blurb)}")
    home = new_notebook(cells=[new_markdown_cell("\n".join(index))])
    write("index.html", home, "Dropout, hands-on: the course notebooks", NOTEBOOKS)
    written: set[Path] = set()
    while pending := sorted(set(docs) - written):  # a rendered Markdown file may link to another one
        text = pending[0].read_text(encoding="utf-8")
        title = next((line[2:] for line in text.splitlines() if line.startswith("# ")), pending[0].name)
        page = new_notebook(cells=[new_markdown_cell(f"[All notebooks](index.html)\n\n{text}")])
        write(docs[pending[0]], page, title, pending[0].parent)
        written.add(pending[0])


def build(output: Path, notebooks: list[Path]) -> list[Path]:
    """Write the pages of ``notebooks`` and an index into ``output``; return the pages written."""
    if not notebooks:
        raise ValueError("notebooks must name at least one .ipynb file")
    staging = output.with_name(output.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _write_pages(staging, notebooks)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a failed build leaves the previous pages as they were
        raise
    old = output.with_name(output.name + ".old")  # the old pages stay in place until the new ones are
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.replace(old)
    staging.replace(output)
    shutil.rmtree(old, ignore_errors=True)
    return [output / f"{path.stem}.html" for path in notebooks]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb")
    parser.add_argument("--output", type=Path, default=REPO / "build" / "html")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(NOTEBOOKS.glob("[0-9][0-9]*.ipynb"))
    try:
        pages = build(args.output.resolve(), [path.resolve() for path in notebooks])
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    shown = args.output.resolve()
    shown = shown.relative_to(REPO) if shown.is_relative_to(REPO) else shown
    print(f"wrote {len(pages)} pages and index.html to {shown}/ (open {shown}/index.html; works offline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
