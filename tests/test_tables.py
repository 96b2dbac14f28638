"""helpers.tables: one formatter for results tables, HTML that fits ~700 px and a plain-text fallback."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from helpers import tables

ROWS = [("no dropout", 0.15234, 8000), ("dropout 0.5", np.float32(0.1401), np.int64(123456))]


def test_text_table_aligns_numbers_right_and_rounds_floats() -> None:
    text = str(tables.table(ROWS, ["model", "test error", "images"], title="Test error"))
    assert text.splitlines() == [
        "Test error",
        "model        test error   images",
        "-----------  ----------  -------",
        "no dropout       0.1523    8,000",
        "dropout 0.5      0.1401  123,456",
    ]
    assert repr(tables.table(ROWS, ["model", "test error", "images"])) == "\n".join(text.splitlines()[1:])


def test_html_table_fits_the_projector_and_never_breaks_a_number() -> None:
    page = tables.table(ROWS, ["model", "test error", "images"])._repr_html_()
    assert page.startswith("<table") and "max-width:700px" in page
    numbers = re.findall(r'<td style="([^"]*)">([\d.,]+)</td>', page)
    assert len(numbers) == 4 and all("text-align:right" in s and "nowrap" in s for s, _ in numbers)
    assert re.search(r'<td style="[^"]*text-align:left[^"]*white-space:normal[^"]*">no dropout</td>', page)
    assert all("white-space:normal" in style for style in re.findall(r'<th style="([^"]*)"', page))


def test_dict_rows_html_escaping_nan_bools_and_long_text() -> None:
    long = "a model with a name far too long for one line of a narrow column"
    table = tables.table([{"model": "<b>", "error": math.nan, "ok": True}, {"model": long, "error": 1e-5, "ok": False}])
    assert table.text.splitlines()[0].split() == ["model", "error", "ok"]
    assert "&lt;b&gt;" in table.html and "<b>" not in table.html
    text = table.text.splitlines()
    assert "–" in text[2] and "yes" in text[2] and "1e-05" in text[3]
    assert max(len(line) for line in text) < 50 and len(text) > 4  # the long cell wrapped


def test_large_floats_get_thousands_separators_not_exponents() -> None:
    assert "12,345,679" in str(tables.table([[12345678.9]], ["n"]))


@pytest.mark.parametrize(
    ("rows", "headers", "kwargs", "error", "pattern"),
    [
        ("abc", ["a", "b"], {}, ValueError, r"rows must be a list of rows"),
        (5, ["a", "b"], {}, ValueError, r"rows must be a list of rows"),
        ([5], ["a"], {}, ValueError, r"rows\[0\] must hold 1 cells"),
        ([(1, 2)], ["a"], {}, ValueError, r"rows\[0\] must hold 1 cells"),
        ([(1,)], "a", {}, ValueError, "headers must be"),
        ([(1,)], None, {}, ValueError, "headers must be"),
        ([(1,)], True, {}, ValueError, "headers must be"),  # was "'bool' object is not iterable"
        ([(1,)], [None], {}, ValueError, "headers must be"),
        ([(1,)], ["a"], {"title": True}, TypeError, "title must be a string"),  # was an AttributeError
        ([(1,)], ["a"], {"digits": 10**400}, ValueError, "digits"),
        ([(1,)], ["a"], {"digits": np.int64(3)}, None, None),
        ([(1,)], ["a"], {"digits": 0}, ValueError, "digits must be an integer from 1 to 12"),
        ([(1,)], ["a"], {"digits": True}, TypeError, "digits"),
    ],
)
def test_bad_tables_are_refused_naming_the_argument(rows, headers, kwargs, error, pattern) -> None:
    if error is None:  # a NumPy integer is as valid as a Python one
        assert tables.table(rows, headers, **kwargs).text
        return
    with pytest.raises(error, match=pattern):
        tables.table(rows, headers, **kwargs)


def test_a_columns_floats_share_the_decimals_of_its_largest_value() -> None:
    table = tables.table([["a", 1.201, 2], ["b", 0.75, 30], ["c", 3.0, 4]], ["x", "mean", "n"])
    assert [line.split()[1] for line in str(table).splitlines()[2:]] == ["1.201", "0.750", "3.000"]
    gaps = tables.table([[0.16], [0.155], [0.0906]], ["acc gap"], digits=3)
    assert str(gaps).splitlines()[2:] == ["  0.160", "  0.155", "  0.091"]  # not 0.16 beside 0.0906
    assert str(tables.table([[1234.56], [7.5]], ["s"])).splitlines()[2:] == ["1,235", "    8"]
    rates = tables.table([[0.0], [0.2], [0.75]], ["rate"])  # no float needs more than 2 decimals
    assert str(rates).splitlines()[2:] == ["0.00", "0.20", "0.75"]


def test_decimal_points_line_up_where_a_column_mixes_integers_and_tiny_floats() -> None:
    table = tables.table([["a", 2.5e-7], ["b", 3], ["c", 1.25e-4]], ["x", "error"])
    assert str(table).splitlines()[2:] == ["a   2.5e-07", "b         3", "c  0.000125"]  # significant digits
    mixed = tables.table([["a", 1.5], ["b", 3]], ["x", "v"])
    lines = str(mixed).splitlines()[2:]
    assert lines == ["a  1.5", "b  3"] and lines[0].index(".") == 4  # 3 stands left of the decimal point
    assert "3\u2008\u2007</td>" in mixed._repr_html_()  # a punctuation space for the point, a figure space
    assert "font-variant-numeric:tabular-nums" in mixed._repr_html_()  # figure spaces are one digit wide
