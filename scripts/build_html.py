"""Build ``build/html/``: static pages of the executed notebooks that work without internet.

Every page is nbconvert's JupyterLab-style HTML of the stored notebook (the outputs nbval checks, with the
widget state saved by ``make execute``, so sliders and quizzes render). The scripts that nbconvert would
load from CDNs (require.js, the Jupyter widget manager, MathJax) are served from ``build/html/_static/``:
the widget manager and require.js from ``vendor/`` (checked against their SHA-256 first), MathJax from
the pinned ``jupyter-server-mathjax`` package. The folder is built beside the old one and swapped in at
the end, so a failed build leaves the previous pages in place.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

import jupyter_server_mathjax
import nbformat
from nbconvert import HTMLExporter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vendor_web_assets  # the sibling script, imported as a module

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "html_template"
STATIC = "_static"
WIDGET_MANAGER = "jupyter-widgets-html-manager-1.0.15"
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"


def notebook_title(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """The first ``# `` heading of a notebook and the paragraph after it (for the index page)."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        if lines and lines[0].startswith("# "):
            paragraphs = "\n".join(lines[1:]).strip().split("\n\n")
            return lines[0][2:].strip(), " ".join(paragraphs[0].split()) if paragraphs else ""
    raise ValueError(f"{notebook.metadata.get('name', 'notebook')} has no '# ' title in a markdown cell")


def _exporter() -> HTMLExporter:
    return HTMLExporter(
        template_name="course",
        extra_template_basedirs=[str(TEMPLATES)],
        require_js_url=f"{STATIC}/require.js",
        widget_renderer_url=f"{STATIC}/{WIDGET_MANAGER}/embed-amd.js",
        mathjax_url=f"{STATIC}/mathjax/MathJax.js?config={MATHJAX_CONFIG}",
    )


def _copy_static(target: Path) -> None:
    static = target / STATIC
    for path in vendor_web_assets.verify():
        relative = path.relative_to(vendor_web_assets.VENDOR)
        destination = static / (relative.name if relative.parts[0].startswith("requirejs") else relative)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    mathjax = Path(jupyter_server_mathjax.__file__).resolve().parent / "static"
    shutil.copytree(mathjax, static / "mathjax")


def _index_page(entries: list[tuple[str, str, str]]) -> str:
    items = "\n".join(
        f'  <li><a href="{html.escape(page)}">{html.escape(title)}</a><br><span>{_inline_markdown(blurb)}</span></li>'
        for page, title, blurb in entries
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Dropout, hands-on: the course notebooks</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
  li {{ margin-bottom: 1rem; }} a {{ font-weight: 600; }} span {{ color: #444; }}
</style>
</head>
<body>
<h1>Dropout, hands-on</h1>
<p>The course's notebooks as static pages, with the outputs of their last checked run. The sliders and quizzes
render but do not recompute here: for that, run the notebooks (<code>make lab</code>). These pages need no internet.</p>
<ol>
{items}
</ol>
</body>
</html>
"""


def _inline_markdown(text: str) -> str:
    escaped = html.escape(text)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", escaped)


def build(output: Path, notebooks: list[Path]) -> list[Path]:
    """Write the pages of ``notebooks`` and an index into ``output``; return the pages written."""
    if not notebooks:
        raise ValueError("notebooks must name at least one .ipynb file")
    staging = output.with_name(output.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        pages = _write_pages(staging, output, notebooks)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a failed build leaves the previous pages as they were
        raise
    if output.exists():
        old = output.with_name(output.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        output.replace(old)
        staging.replace(output)
        shutil.rmtree(old)
    else:
        staging.replace(output)
    return pages


def _write_pages(staging: Path, output: Path, notebooks: list[Path]) -> list[Path]:
    exporter = _exporter()
    entries, pages = [], []
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        if not notebook.metadata.get("widgets"):
            print(f"note: {path.name} stores no widget state; run `make execute` to store it", file=sys.stderr)
        body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
        page = staging / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        title, blurb = notebook_title(notebook)
        entries.append((page.name, title, blurb))
        pages.append(output / page.name)
    (staging / "index.html").write_text(_index_page(entries), encoding="utf-8")
    _copy_static(staging)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb")
    parser.add_argument("--output", type=Path, default=REPO / "build" / "html")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(NOTEBOOKS.glob("[0-9][0-9]*.ipynb"))
    try:
        pages = build(args.output.resolve(), [path.resolve() for path in notebooks])
    except (ValueError, vendor_web_assets.VendorError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    shown = args.output.resolve()
    shown = shown.relative_to(REPO) if shown.is_relative_to(REPO) else shown
    print(f"wrote {len(pages)} pages and index.html to {shown}/ (open {shown}/index.html; works offline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
