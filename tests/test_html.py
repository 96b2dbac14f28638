"""`make html`: static pages of every notebook whose scripts all come from the build itself (offline)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import build_html  # noqa: E402

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]*.ipynb"))
OTHER_PAGES = ["index.html", "INSTRUCTOR_GUIDE.html", "data-README.html"]  # the index, rendered Markdown
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)  # http://, https://, //cdn...


class _Scripts(HTMLParser):
    """Collects <script src>, inline script bodies, <link href> and <a href> of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []
        self.inline: list[str] = []
        self.stylesheets: list[str] = []
        self.links: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self._in_script = True
            if values.get("src"):
                self.sources.append(values["src"] or "")
        elif tag == "link" and values.get("rel") == "stylesheet":
            self.stylesheets.append(values.get("href") or "")
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "html"
    build_html.build(output, NOTEBOOKS)
    return output


def _parse(page: Path) -> _Scripts:
    parser = _Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("name", [f"{path.stem}.html" for path in NOTEBOOKS] + OTHER_PAGES)
def test_pages_load_every_script_from_the_build(site: Path, name: str) -> None:
    page = site / name
    parsed = _parse(page)
    assert parsed.sources, f"{page.name} loads no script at all (require.js and MathJax are expected)"
    for source in parsed.sources + parsed.stylesheets:
        assert not EXTERNAL.match(source), f"{page.name} loads {source} from outside the build"
        assert (site / source.split("?")[0]).is_file(), f"{page.name} loads {source}, which the build lacks"
    for body in parsed.inline:
        # an inline script may build a URL (the widget loader does); none may point outside the build
        assert not re.search(r"""["'(]\s*(?:https?:)?//""", body), (
            f"{page.name}: an inline script names an external URL"
        )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_pages_with_widgets_carry_their_state_and_a_local_widget_manager(site: Path, notebook: Path) -> None:
    text = (site / f"{notebook.stem}.html").read_text(encoding="utf-8")
    if WIDGET_VIEW not in text:
        pytest.skip(f"{notebook.name} shows no widget")
    assert 'type="application/vnd.jupyter.widget-state+json"' in text, "widget views without the saved state"
    loader = re.search(r"var widgetRendererSrc = '([^']+)'", text)
    assert loader and loader.group(1) == build_html.WIDGET_MANAGER
    assert (site / loader.group(1)).is_file()


def test_the_index_links_every_notebook_with_its_title(site: Path) -> None:
    links = [href for href in _parse(site / "index.html").links if not href.startswith("#")]
    assert links == [f"{path.stem}.html" for path in NOTEBOOKS]
    index = (site / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f">{path.name[:2]} · " in index, f"the index lacks the title of {path.name}"


@pytest.mark.parametrize("name", [f"{path.stem}.html" for path in NOTEBOOKS] + OTHER_PAGES)
def test_every_link_of_a_page_resolves_in_the_build(site: Path, name: str) -> None:
    page = site / name
    text = page.read_text(encoding="utf-8")
    for href in _parse(page).links:
        if EXTERNAL.match(href) or href.startswith(("mailto:", "#")):
            continue
        target, _, anchor = href.partition("#")
        assert not target.endswith((".ipynb", ".md")), f"{page.name} links to {href}: not a page"
        assert (site / target).is_file(), f"{page.name} links to {href}, which the build lacks"
        if anchor and target.endswith(".html"):
            assert f'id="{anchor}"' in (site / target).read_text(encoding="utf-8"), f"{page.name}: {href}"
    assert '.ipynb"' not in text.split("<body", 1)[1].split('type="application/vnd.jupyter.widget-state')[0]
    assert ".md" not in "".join(_parse(page).links), f"{page.name} links to a Markdown file, not its page"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_a_page_is_titled_by_its_notebook_and_notes_each_widget_output(site: Path, notebook: Path) -> None:
    import nbformat

    stored = nbformat.read(notebook, as_version=4)
    title, _ = build_html.notebook_title(stored)
    text = (site / f"{notebook.stem}.html").read_text(encoding="utf-8")
    assert re.search(r"<title>(.*?)</title>", text).group(1) == build_html.plain_title(title)
    assert "`" not in build_html.plain_title(title)
    widgets = sum(WIDGET_VIEW in output.get("data", {}) for cell in stored.cells for output in cell.get("outputs", []))
    assert text.count('class="course-static-note"') == widgets


def test_links_to_notebooks_and_repository_markdown_become_pages(site: Path) -> None:
    docs: dict[Path, str] = {}
    body = (
        '<a href="01_why_dropout.ipynb#Setup">01</a> <a href="./02_dropout_from_scratch.ipynb">02</a> '
        '<a href="../INSTRUCTOR_GUIDE.md#plan">guide</a> <a href="https://example.org/a.md">web</a> '
        '<a href="../no_such_file.md">missing</a>'
    )
    rewritten = build_html._rewrite_links(body, REPO / "notebooks", docs)
    assert 'href="01_why_dropout.html#Setup"' in rewritten and 'href="02_dropout_from_scratch.html"' in rewritten
    assert 'href="INSTRUCTOR_GUIDE.html#plan"' in rewritten and 'href="https://example.org/a.md"' in rewritten
    assert 'href="../no_such_file.md"' in rewritten  # left for the link check to report
    assert docs == {REPO / "INSTRUCTOR_GUIDE.md": "INSTRUCTOR_GUIDE.html"}
    page = (site / "INSTRUCTOR_GUIDE.html").read_text(encoding="utf-8")
    assert "<title>Instructor guide" in page and 'href="index.html"' in page


def test_the_index_renders_markdown_and_mathjax_uses_its_shipped_font(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8").split("<main>")[1]
    assert "`" not in index and "**" not in index and "](" not in index, "raw Markdown in the index"
    page = (site / f"{NOTEBOOKS[0].stem}.html").read_text(encoding="utf-8")
    assert 'webFont: "STIX-Web"' in page
    fonts = site / "_static" / "mathjax" / "fonts" / "HTML-CSS" / "STIX-Web" / "woff"
    assert any(fonts.glob("*.woff")), "MathJax's STIX-Web fonts are not in the build"


def test_the_static_files_are_the_vendored_ones(site: Path) -> None:
    vendored = build_html.verified_vendor_files()
    assert {path.name for path in vendored} >= {"require.js", "embed-amd.js", "embed.js.LICENSE.txt"}
    for path in vendored:
        assert (site / "_static" / path.relative_to(build_html.VENDOR)).read_bytes() == path.read_bytes()
    assert (site / "_static" / "mathjax" / "MathJax.js").is_file()


def test_a_tampered_vendor_file_is_refused(tmp_path: Path) -> None:
    vendor = tmp_path / "vendor"
    shutil.copytree(build_html.VENDOR, vendor)
    assert len(build_html.verified_vendor_files(vendor)) == len((vendor / "SHA256SUMS").read_text().splitlines())
    target = vendor / "requirejs-2.3.7" / "require.js"
    target.write_bytes(target.read_bytes() + b"\n// changed")
    with pytest.raises(ValueError, match=r"require\.js is missing or is not the pinned file .*git checkout -- vendor/"):
        build_html.verified_vendor_files(vendor)
    target.unlink()
    with pytest.raises(ValueError, match=r"require\.js is missing"):
        build_html.verified_vendor_files(vendor)


def test_a_failed_build_keeps_the_previous_pages(tmp_path: Path) -> None:
    output = tmp_path / "html"
    build_html.build(output, NOTEBOOKS[:1])
    before = sorted(p.name for p in output.iterdir())
    broken = tmp_path / "99_broken.ipynb"
    broken.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', encoding="utf-8")
    with pytest.raises(ValueError, match="no '# ' title"):
        build_html.build(output, [NOTEBOOKS[0], broken])
    assert sorted(p.name for p in output.iterdir()) == before
    assert not (tmp_path / "html.partial").exists(), "the half-built folder was left behind"


def test_build_needs_notebooks(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="notebooks must name at least one"):
        build_html.build(tmp_path / "html", [])


def test_the_widget_fonts_the_widget_manager_asks_for_are_served_where_it_looks(site: Path) -> None:
    # The widget modules look for their Font Awesome files beside their own URL (./@jupyter-widgets/... unless
    # require.js maps the names); the icons were empty boxes while nothing was there.
    manager = site / build_html.WIDGET_MANAGER
    wanted = set(re.findall(r'"([0-9a-f]{20}\.woff2)"', manager.read_text(encoding="utf-8")))
    assert len(wanted) == 3, wanted  # Font Awesome 5: solid, regular, brands
    assert all((manager.parent / name).is_file() for name in wanted), sorted(wanted)
    folder = Path(build_html.WIDGET_MANAGER).parent.as_posix()
    page = (site / f"{NOTEBOOKS[0].stem}.html").read_text(encoding="utf-8")
    mapping = re.search(r"require\.config\(\{paths: (\{.*?\})\}\)", page)
    assert mapping, "the page does not map the widget modules to the vendored folder"
    assert json.loads(mapping[1]) == {"@jupyter-widgets": folder, "@jupyter-widgets/html-manager/dist": folder}
    assert ".jupyter-widgets { font-family: var(--jp-ui-font-family); }" in page
