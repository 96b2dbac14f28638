"""The course's one table formatter: results as an HTML table that fits a projector, text as a fallback.

    tables.table([("no dropout", 0.1523, 8000), ("dropout 0.5", 0.1401, 8000)],
                 ["model", "test error", "images"], title="Test error after 20 epochs")

The returned :class:`Table` shows itself as HTML in JupyterLab (at most ~700 px wide: headers and
text cells wrap, numbers are right-aligned and never broken) and as aligned plain text elsewhere
(``print(t)``, ``repr(t)``, ``text/plain``). Floats are rounded to ``digits`` significant digits,
integers get thousands separators, NaN shows as a dash.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Mapping, Sequence

import numpy as np

from helpers._checks import check_int

__all__ = ["Table", "table"]

MAX_WIDTH_PX = 700
_TEXT_COLUMN_CHARS = 28  # a text cell wider than this wraps in the plain-text table
_CELL = "padding:3px 8px;border-bottom:1px solid #ddd;vertical-align:top;line-height:1.3"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _format(value: object, digits: int) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return "–"
        return f"{number:,.0f}" if abs(number) >= 10**digits else f"{number:.{digits}g}"
    return str(value)


class Table:
    """Rows of cells under short headers; ``_repr_html_`` for notebooks, ``str`` for plain text."""

    def __init__(self, rows: list[list[object]], headers: list[str], *, digits: int, title: str | None) -> None:
        self.headers, self.title, self.digits = headers, title, digits
        self.cells = [[_format(value, digits) for value in row] for row in rows]
        columns = list(zip(*rows, strict=True)) or [() for _ in headers]
        # a column is numeric when every value in it is a number (NaN included)
        self.numeric = [bool(column) and all(_is_number(value) for value in column) for column in columns]
        self._align_decimal_points()

    def _align_decimal_points(self) -> None:
        """Pad numbers on the right so that a column's decimal points line up (figure spaces in HTML)."""
        self.padded = [list(row) for row in self.cells]  # the plain-text cells, padded with spaces
        self.html_cells = [list(row) for row in self.cells]  # padded with figure and punctuation spaces
        for j, numeric in enumerate(self.numeric):
            cells = [row[j] for row in self.cells]
            if not numeric or any("e" in c for c in cells):
                continue
            fraction = [len(c.partition(".")[2]) for c in cells]
            widest = max(fraction)
            for i, (text, digits) in enumerate(zip(cells, fraction, strict=True)):
                dot = 1 if widest and "." not in text else 0
                self.padded[i][j] = text + " " * (dot + widest - digits)
                self.html_cells[i][j] = text + "\u2008" * dot + "\u2007" * (widest - digits)

    def to_html(self) -> str:
        """An HTML table at most ~700 px wide: headers and text wrap, numbers right-aligned, unbroken."""

        def cell(tag: str, text: str, numeric: bool) -> str:
            align = "text-align:right" if numeric else "text-align:left"
            wrap = "white-space:nowrap" if numeric and tag == "td" else "white-space:normal;overflow-wrap:break-word"
            return f'<{tag} style="{_CELL};{align};{wrap}">{html.escape(text)}</{tag}>'

        head = "".join(cell("th", h, n) for h, n in zip(self.headers, self.numeric, strict=True))
        body = "".join(
            "<tr>" + "".join(cell("td", c, n) for c, n in zip(row, self.numeric, strict=True)) + "</tr>"
            for row in self.html_cells
        )
        caption = (
            f'<caption style="caption-side:top;text-align:left;font-weight:bold;padding:2px 0">'
            f"{html.escape(self.title)}</caption>"
            if self.title
            else ""
        )
        return (
            f'<table class="course-table" style="max-width:{MAX_WIDTH_PX}px;table-layout:auto;'
            f'border-collapse:collapse;margin-left:0;font-size:13px;font-variant-numeric:tabular-nums">{caption}'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def to_text(self) -> str:
        """Aligned plain text: numbers right-aligned, long text cells wrapped onto more lines."""
        wrapped = [
            [[text] if numeric else textwrap.wrap(text, _TEXT_COLUMN_CHARS) or [""] for text, numeric in zip(
                row, self.numeric, strict=True)]
            for row in [self.headers, *self.padded]
        ]  # fmt: skip
        widths = [max(len(line) for row in wrapped for line in row[i]) for i in range(len(self.headers))]
        lines = [self.title] if self.title else []
        for number, row in enumerate(wrapped):
            for k in range(max(len(parts) for parts in row)):
                parts = [
                    (cell[k] if k < len(cell) else "", n, w)
                    for cell, n, w in zip(row, self.numeric, widths, strict=True)
                ]
                lines.append("  ".join(p.rjust(w) if n else p.ljust(w) for p, n, w in parts).rstrip())
            if number == 0:
                lines.append("  ".join("-" * width for width in widths))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text()

    __repr__ = __str__


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
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, (Sequence, np.ndarray)):
        raise TypeError(f"rows must be a list of rows (lists or dicts); got {type(rows).__name__}")
    if check_int(len(rows), "the number of rows", low=0, high=500) and isinstance(rows[0], Mapping):
        headers = list(rows[0]) if headers is None else headers
        rows = [[row.get(header, "") for header in headers] if isinstance(row, Mapping) else row for row in rows]
    if isinstance(headers, (str, bytes)) or not isinstance(headers, Sequence) or not 0 < len(headers) <= 12:
        raise ValueError(f"headers must be a list of 1 to 12 column names; got {headers!r}")
    checked = []
    for number, row in enumerate(rows):
        if (
            isinstance(row, (str, bytes, Mapping))
            or not isinstance(row, (Sequence, np.ndarray))
            or len(row) != len(headers)
        ):
            raise ValueError(f"rows[{number}] must hold {len(headers)} cells, one per header; got {row!r}")
        checked.append(list(row))
    return Table(checked, [str(header) for header in headers], digits=digits, title=title)
