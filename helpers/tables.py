"""The course's one table formatter: results as an HTML table that fits a projector, text as a fallback.

    tables.table([("no dropout", 0.1523, 8000), ("dropout 0.5", 0.1401, 8000)],
                 ["model", "test error", "images"], title="Test error after 20 epochs")

shows as HTML in JupyterLab (at most ~700 px wide: headers and text cells wrap, numbers are
right-aligned and never broken) and as aligned plain text elsewhere (``print``, ``repr``). The floats of
a column share one number of decimals, enough for ``digits`` significant digits of its largest value
(0.2 stays 0.2 when no float needs more; a column below 0.001 or from ``10**digits`` up keeps ``digits``
significant digits per value);
integers get thousands separators, NaN shows as a dash.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from helpers._checks import check_int, is_real_number

__all__ = ["Table", "table"]

MAX_WIDTH_PX = 700
_TEXT_COLUMN_CHARS = 28  # a text cell wider than this wraps in the plain-text table
_NUMBER_GAP = re.compile(r"(?<=[\d,;%)]) (?=[→−+\-(]?\s?\d)|(?<=\d) (?=[→])|(?<=→) (?=[−+\-]?\d)")
_CELL = "padding:3px 8px;border-bottom:1px solid #ddd;vertical-align:top;line-height:1.3"


class Table:
    """A formatted table: ``_repr_html_`` for notebooks, aligned text for ``print`` and ``repr``."""

    def __init__(self, html: str, text: str) -> None:
        self.html, self.text = html, text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def _decimals(column: list, digits: int) -> int | None:
    """The decimals that give the column's largest float ``digits`` significant digits (fewer where every
    float needs fewer: 0.2 stays 0.2), or None for a column without floats, very large or very small."""
    floats = [abs(float(v)) for v in column if isinstance(v, (float, np.floating)) and math.isfinite(v)]
    largest = max(floats, default=0.0)
    if not 1e-3 <= largest < 10**digits:
        return None
    needed = max(len(f"{v:.{digits}g}".partition(".")[2]) if v == 0 or v >= 1e-4 else digits + 4 for v in floats)
    return min(digits - 1 - math.floor(math.log10(largest)), needed)


def _format(value: object, digits: int, decimals: int | None = None) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return "–"
        if decimals is not None:
            return f"{number:,.{decimals}f}"
        return f"{number:,.0f}" if abs(number) >= 10**digits else f"{number:.{digits}g}"
    return str(value)


def _html(headers: list[str], rows: list[list[str]], numeric: list[bool], title: str | None) -> str:
    def cell(tag: str, text: str, numeric: bool) -> str:
        align = "text-align:right" if numeric else "text-align:left"
        wrap = (
            "white-space:nowrap"
            if numeric and tag == "td"
            else "white-space:normal;word-break:normal;overflow-wrap:normal"
        )
        # a run of numbers ("1.1998, 1.2000", "0.075 → 0.042") stays on one line; words still wrap
        glued = _NUMBER_GAP.sub("\u00a0", html.escape(text))
        return f'<{tag} style="{_CELL};{align};{wrap}">{glued}</{tag}>'

    head = "".join(cell("th", h, n) for h, n in zip(headers, numeric, strict=True))
    body = "".join(
        "<tr>" + "".join(cell("td", c, n) for c, n in zip(row, numeric, strict=True)) + "</tr>" for row in rows
    )
    style = "caption-side:top;text-align:left;font-weight:bold;padding:2px 0"
    caption = f'<caption style="{style}">{html.escape(title)}</caption>' if title else ""
    return (
        f'<table class="course-table" style="max-width:{MAX_WIDTH_PX}px;table-layout:auto;'
        f'border-collapse:collapse;margin-left:0;font-size:13px;font-variant-numeric:tabular-nums">{caption}'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _text(headers: list[str], rows: list[list[str]], numeric: list[bool], title: str | None) -> str:
    """Numbers right-aligned, long text cells wrapped onto more lines, a rule under the headers."""
    wrapped = [
        [[text] if n else textwrap.wrap(text, _TEXT_COLUMN_CHARS) or [""] for text, n in zip(row, numeric, strict=True)]
        for row in [headers, *rows]
    ]
    widths = [max(len(line) for row in wrapped for line in row[i]) for i in range(len(headers))]
    lines = [title] if title else []
    for number, row in enumerate(wrapped):
        for k in range(max(len(parts) for parts in row)):
            parts = [(cell[k] if k < len(cell) else "", n, w) for cell, n, w in zip(row, numeric, widths, strict=True)]
            lines.append("  ".join(p.rjust(w) if n else p.ljust(w) for p, n, w in parts).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def table(
    rows: Sequence[Sequence[object]] | Sequence[Mapping[str, object]],
    headers: Sequence[str] | None = None,
    *,
    digits: int = 4,
    title: str | None = None,
) -> Table:
    """A results table from rows of cells (with ``headers``) or from dicts (their keys are the headers).

    Keep headers short (a word or two, units in brackets): the table must fit about 700 px.
    """
    digits = check_int(digits, "digits", low=1, high=12, meaning="significant digits of floats")
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, Iterable):
        raise ValueError(f"rows must be a list of rows (lists or dicts), one per table row; got {rows!r:.60}")
    rows = list(rows)
    if rows and isinstance(rows[0], Mapping):
        headers = list(rows[0]) if headers is None else headers
        rows = [[row.get(header, "") for header in headers] if isinstance(row, Mapping) else row for row in rows]
    if not isinstance(headers, (list, tuple)) or not headers or not all(isinstance(h, str) for h in headers):
        raise ValueError(f"headers must be a list of column names (strings); got {headers!r:.60}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None; got {type(title).__name__} {title!r:.40}")
    headers = list(headers)
    for number, row in enumerate(rows):
        if (
            isinstance(row, (str, bytes, Mapping))
            or not isinstance(row, (Sequence, np.ndarray))
            or len(row) != len(headers)
        ):
            raise ValueError(f"rows[{number}] must hold {len(headers)} cells, one per header; got {row!r}")
    # a column is numeric when every value in it is a number (NaN included)
    numeric = [bool(rows) and all(is_real_number(row[j]) for row in rows) for j in range(len(headers))]
    decimals = [_decimals([row[j] for row in rows], digits) for j in range(len(headers))]
    cells = [[_format(value, digits, decimals[j]) for j, value in enumerate(row)] for row in rows]
    # numbers padded on the right so that a column's decimal points line up (figure spaces in HTML)
    text_cells, html_cells = [list(row) for row in cells], [list(row) for row in cells]
    for j in [j for j, n in enumerate(numeric) if n and not any("e" in row[j] for row in cells)]:
        fraction = [len(row[j].partition(".")[2]) for row in cells]
        widest = max(fraction)
        for i, digits_after in enumerate(fraction):
            dot = 1 if widest and "." not in cells[i][j] else 0
            text_cells[i][j] += " " * (dot + widest - digits_after)
            html_cells[i][j] += "\u2008" * dot + "\u2007" * (widest - digits_after)
    return Table(_html(headers, html_cells, numeric, title), _text(headers, text_cells, numeric, title))
