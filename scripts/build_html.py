"""Build ``build/html/``: static pages of the executed notebooks that work without internet.

Every page is nbconvert's JupyterLab-style HTML of the stored notebook (the outputs nbval checks, with the
widget state saved by ``make execute``, so sliders and quizzes render). The scripts that nbconvert would
load from CDNs (require.js, the Jupyter widget manager, MathJax) are served from ``build/html/_static/``:
the widget manager and require.js from ``vendor/`` (checked against their SHA-256 first), MathJax from
the pinned ``jupyter-server-mathjax`` package, whose only web font is STIX-Web (configured, so formulas
never fall back to a serif system font). The folder is built beside the old one and swapped in at
the end, so a failed build leaves the previous pages in place.

What differs from the notebook in JupyterLab: links to other notebooks (``01_why_dropout.ipynb``) point
at their pages; links to the repository's Markdown files (``../INSTRUCTOR_GUIDE.md``) point at a page
rendered from them; every widget output is preceded by a note that it needs a running kernel; a page's
title is the notebook's ``# `` heading.
"""

from __future__ import annotations

import argparse
import copy
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


#: the note shown above every widget in a static page
WIDGET_NOTE = (
    '<div class="course-static-note" role="note"><b>Needs a running kernel.</b> This widget shows the state it '
    "had when the notebook was last run; its buttons and sliders do nothing on this page. To use it, run the "
    "notebook in JupyterLab (<code>make lab</code>) or Colab.</div>"
)
WIDGET_NOTE_CSS = """<style>
.course-static-note { border-left: 4px solid #E69F00; background: #fff7e6; color: #1a1a1a; padding: 0.5em 0.8em;
  margin: 0.3em 0 0.5em; font-size: 0.95em; line-height: 1.4; }
</style>"""
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# a notebook (NN_name.ipynb, optionally with a folder and an #anchor) or a repository Markdown file
NOTEBOOK_LINK = re.compile(r'href="(?:\./)?(?P<name>\d\d_[\w-]+)\.ipynb(?P<anchor>#[^"]*)?"')
MARKDOWN_LINK = re.compile(r'href="(?P<path>(?!\w+:|#|/)[^"#]+\.md)(?P<anchor>#[^"]*)?"')
ANCHOR = re.compile(r'<a\s[^>]*href="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.DOTALL)


def plain_title(markdown: str) -> str:
    """A heading without its Markdown: ``03 · Keras `Dropout(0.5)` `` -> ``03 · Keras Dropout(0.5)``."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[`*_]", "", text).strip()


def _with_widget_notes(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` with the kernel note before the first widget output of each cell."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        outputs = cell.get("outputs", [])
        for index, output in enumerate(outputs):
            if WIDGET_VIEW in output.get("data", {}):
                note = nbformat.v4.new_output("display_data", data={"text/html": WIDGET_NOTE})
                outputs.insert(index, note)
                break
    return notebook


def _doc_page_name(path: Path) -> str:
    """The page of a repository Markdown file: ``INSTRUCTOR_GUIDE.md`` -> ``INSTRUCTOR_GUIDE.html``."""
    return "-".join(path.relative_to(REPO).with_suffix(".html").parts)


def _rewrite_links(body: str, folder: Path, docs: dict[Path, str]) -> str:
    """Point notebook links at their pages and Markdown links at rendered pages (collected in ``docs``)."""
    body = NOTEBOOK_LINK.sub(lambda m: f'href="{m["name"]}.html{m["anchor"] or ""}"', body)

    def markdown(match: re.Match) -> str:
        target = (folder / html.unescape(match["path"])).resolve()
        if not target.is_file() or not target.is_relative_to(REPO):
            return match[0]  # left as it is: the link check names it
        docs.setdefault(target, _doc_page_name(target))
        return f'href="{docs[target]}{match["anchor"] or ""}"'

    return MARKDOWN_LINK.sub(markdown, body)


def _doc_page(path: Path, docs: dict[Path, str]) -> str:
    """A repository Markdown file as a page; its links to files that are not pages become plain text."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    text = path.read_text(encoding="utf-8")
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.name)
    body = _rewrite_links(markdown2html_mistune(text), path.parent, docs)

    def keep(match: re.Match) -> str:
        href = match["href"]
        if re.match(r"\w+:|#", href) or href.split("#")[0] in docs.values() or href.split("#")[0].endswith(".html"):
            return match[0]
        return match["text"]  # a file of the repository (a script, a folder): not part of the pages

    return _page(html.escape(plain_title(title)), ANCHOR.sub(keep, body))


def _page(title: str, body: str, *, back: bool = True) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
  li {{ margin-bottom: 0.6rem; }} a {{ font-weight: 600; }} code {{ background: #f3f3f3; padding: 0 0.2em; }}
  table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 0.2em 0.5em; }}
  pre {{ background: #f6f6f6; padding: 0.6em; overflow-x: auto; }}
</style>
</head>
<body>
{'<p><a href="index.html">All notebooks</a></p>' if back else ""}
{body}
</body>
</html>
"""


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
        f'  <li><a href="{html.escape(page)}">{_inline_markdown(title)}</a><br>'
        f"<span>{_inline_markdown(blurb)}</span></li>"
        for page, title, blurb in entries
    )
    intro = (
        "<h1>Dropout, hands-on</h1>\n<p>The course's notebooks as static pages, with the outputs of their last "
        "checked run. The sliders and quizzes show their last state but do not work here (they need a running "
        "kernel): for that, run the notebooks (<code>make lab</code>). These pages need no internet.</p>"
    )
    return _page("Dropout, hands-on: the course notebooks", f"{intro}\n<ol>\n{items}\n</ol>", back=False)


def _inline_markdown(text: str) -> str:
    """One line of Markdown as inline HTML (code, emphasis, links to notebooks made page links)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    rendered = markdown2html_mistune(text).strip()
    rendered = re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.DOTALL)
    rendered = NOTEBOOK_LINK.sub(lambda m: f'href="{m["name"]}.html{m["anchor"] or ""}"', rendered)
    return ANCHOR.sub(lambda m: m["text"], rendered) if "<a " in rendered else rendered


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
    docs: dict[Path, str] = {}
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        if not notebook.metadata.get("widgets"):
            print(f"note: {path.name} stores no widget state; run `make execute` to store it", file=sys.stderr)
        title, blurb = notebook_title(notebook)
        body, _ = exporter.from_notebook_node(
            _with_widget_notes(notebook), resources={"metadata": {"name": plain_title(title)}}
        )
        body = body.replace("</head>", WIDGET_NOTE_CSS + "\n</head>", 1)
        page = staging / f"{path.stem}.html"
        page.write_text(_rewrite_links(body, path.parent, docs), encoding="utf-8")
        entries.append((page.name, title, blurb))
        pages.append(output / page.name)
    written: set[Path] = set()
    while set(docs) - written:  # a rendered Markdown file may link to another one
        for doc in sorted(set(docs) - written):
            (staging / docs[doc]).write_text(_doc_page(doc, docs), encoding="utf-8")
            written.add(doc)
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
