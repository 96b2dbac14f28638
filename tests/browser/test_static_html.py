"""The offline HTML export in a real browser: every page's widgets render with the network blocked.

The pages are built into a temporary folder with ``scripts/build_html.py`` (what ``make html`` runs; once per
run, shared by the pytest-xdist workers: the ``site`` fixture in conftest.py) and opened as ``file://`` URLs
(each notebook's page, the index and the rendered Markdown files); every request that is not a local file is
aborted and recorded. A page that stores widgets must show them (sliders, quiz buttons), no "Error displaying
widget", widget text in a sans-serif UI font (not the browser's serif default) and icons in the vendored Font
Awesome; every page must render its formulas with MathJax in its STIX-Web font (not a serif fallback), load
every image, show no ``**`` or backtick in rendered prose, have every link resolve to a file of the build,
show the "needs a running kernel" note where a widget is, and request nothing from outside. Screenshots go to
build/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from .conftest import SCREENSHOTS, notebooks_to_test
from .layout import JS_MARKDOWN_LITERALS

NOTEBOOKS = notebooks_to_test()
# every notebook's page, the index and the pages rendered from the repository's Markdown files
PAGES = [f"{path.stem}.html" for path in NOTEBOOKS] + ["index.html", "INSTRUCTOR_GUIDE.html", "data-README.html"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# the fonts of the rendered widgets' text, whether a widget shows a Font Awesome icon, and whether that font loaded
JS_WIDGET_FONTS = """async () => {
  await document.fonts.ready;
  const text = document.querySelectorAll('.widget-label, .widget-readout, .widget-html-content, .widget-button');
  return {families: Array.from(new Set(Array.from(text).map(e => getComputedStyle(e).fontFamily))),
          icons: document.querySelectorAll('.jupyter-widgets .fa').length,
          awesome: Array.from(document.fonts).some(f => f.family.includes('Font Awesome') && f.status === 'loaded')};
}"""


@pytest.mark.parametrize("name", PAGES)
def test_static_page_renders_offline(name: str, site: Path, playwright_browser) -> None:
    context = playwright_browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    def offline(route) -> None:
        if route.request.url.startswith(("file://", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", offline)
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    path = site / name
    try:
        page.goto(path.as_uri(), wait_until="load")
        views = path.read_text(encoding="utf-8").count(f'type="{WIDGET_VIEW}"')
        if views:
            # the widget manager replaces each view's script tag by the rendered widget
            page.wait_for_selector(".jupyter-widgets", timeout=60_000)
            page.wait_for_function(
                f"document.querySelectorAll('.widget-slider, .widget-button, .widget-html').length > 0 "
                f"&& document.querySelectorAll('script[type=\"{WIDGET_VIEW}\"]').length <= {views}",
                timeout=60_000,
            )
            assert "Error displaying widget" not in page.inner_text("body")
            # widget text in JupyterLab's UI font (not the browser's serif default), icons in Font Awesome
            fonts = page.evaluate(JS_WIDGET_FONTS)
            serif = sorted({f for f in fonts["families"] if not re.search(r"sans-serif|monospace", f)})
            assert not serif, f"{path.name}: widget text falls back to a serif font: {serif}"
            assert not fonts["icons"] or fonts["awesome"], f"{path.name}: Font Awesome did not load: {fonts}"
        page.wait_for_function("window.MathJax !== undefined", timeout=30_000)
        if page.locator(".MathJax, .MathJax_Display, .MathJax_Preview").count() or "$" in page.inner_text("body"):
            # formulas typeset with MathJax's own web font (STIX-Web), not a serif system font
            page.wait_for_function(
                "() => MathJax.Hub && MathJax.Hub.queue && MathJax.Hub.queue.pending === 0 "
                "&& MathJax.OutputJax['HTML-CSS'] && MathJax.OutputJax['HTML-CSS'].fontInUse",
                timeout=60_000,
            )
            font = page.evaluate("() => MathJax.OutputJax['HTML-CSS'].fontInUse")
            assert font == "STIX-Web", f"{path.name}: MathJax typeset with {font!r}, not its web font"
        literal = [f"cell {m['cell']}: {m['text']!r}" for m in page.evaluate(JS_MARKDOWN_LITERALS)]
        assert not literal, f"{path.name}: Markdown shown literally (** or `):\n" + "\n".join(literal)
        broken = page.evaluate(
            "() => Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length"
        )
        assert not broken, f"{path.name}: {broken} images (figures, explorer images) did not load"
        targets = page.evaluate(
            "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
            ".filter(h => h.startsWith('file://'))"
        )
        missing = sorted({t for t in targets if not Path(unquote(urlparse(t).path)).exists()})
        assert not missing, f"{path.name}: links that do not resolve: {missing}"
        for note in page.locator(".course-static-note").all():
            assert note.is_visible() and "running kernel" in note.inner_text()
        assert not page_errors, f"{path.name}: JavaScript errors: {page_errors[:3]}"
        assert not outside, f"{path.name} requested URLs outside the build: {outside[:5]}"
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(SCREENSHOTS / f"static-{path.stem}.png"), full_page=False)
        finally:
            context.close()
