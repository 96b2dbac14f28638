"""scripts/bench.py: summaries, budgets and report on synthetic data; run_copy's memory on a real kernel."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import bench  # noqa: E402
import execute_notebooks  # noqa: E402

GB = 1_000_000_000


def entry(name: str = "01_x.ipynb", seconds: float = 20.0, peak: int = GB // 2, sha: str = "abc") -> dict:
    return bench.summarise(name, sha, [(seconds + 1, peak - 5), (seconds, peak), (seconds - 1, peak - 9)])


def report(*entries: dict) -> dict:
    notebooks = list(entries) or [entry()]
    machine = {"cpus": 2, "cpu_model": "CPU", "platform": "Linux", "versions": "Python 3.11", "load": 0.5}
    return {"created": "2026-01-01 00:00 UTC", "machine": machine, "repeats": 3, "notebooks": notebooks,
            "course": bench.course_summary(notebooks)}  # fmt: skip


def test_summaries_take_the_median_the_largest_peak_and_the_sum() -> None:
    one = entry(seconds=20.0, peak=GB)
    assert (one["median_seconds"], one["max_peak_rss_bytes"], one["wall_seconds"]) == (20.0, GB, [21.0, 20.0, 19.0])
    failed = bench.summarise("02.ipynb", "x", [], error="boom")
    assert failed == {"notebook": "02.ipynb", "code_sha256": "x", "error": "boom"}  # what bench.json stores
    assert bench.course_summary([one, entry(seconds=5.0), failed]) == {
        "median_seconds": 25.0, "part_two_median_seconds": 0, "max_peak_rss_bytes": GB, "failed": 1}  # fmt: skip


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([entry(seconds=45.0)], []),
        ([entry(seconds=45.01)], ["01_x.ipynb: median 45.0 s > 45 s"]),
        ([entry(peak=2 * GB + 1)], ["01_x.ipynb: peak kernel RSS 2,000 MB > 2,000 MB"]),
        ([entry(f"0{i}.ipynb", 44.0) for i in range(7)], ["course (00-07): 308.0 s > 300 s"]),
        ([entry(f"0{i}.ipynb", 40.0) for i in range(7)] + [entry(f"{i:02d}.ipynb", 40.0) for i in (8, 9)], []),
        ([{"notebook": "02.ipynb", "error": "CellExecutionError: x"}], ["02.ipynb: failed during the bench: Cell"]),
    ],
)
def test_budgets_45_s_a_notebook_300_s_the_course_2_gb_a_kernel(entries: list, expected: list) -> None:
    violations = bench.check_budgets(report(*entries))
    assert len(violations) == len(expected) and all(v.startswith(e) for v, e in zip(violations, expected, strict=True))


def test_changed_and_unmeasured_notebooks_fail() -> None:
    current = {"01_x.ipynb": "new", "02_y.ipynb": "abc"}
    assert bench.check_budgets(report(entry("01_x.ipynb")), current) == [
        "01_x.ipynb: code changed since it was measured", "02_y.ipynb: never measured"]  # fmt: skip


def test_code_fingerprint_follows_code_not_outputs_or_markdown(tmp_path: Path) -> None:
    path = tmp_path / "a.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("text"), new_code_cell("x = 1")]), path)
    first = bench.code_fingerprint(path)
    nbformat.write(new_notebook(cells=[new_markdown_cell("other"), new_code_cell("x = 1", outputs=[])]), path)
    assert bench.code_fingerprint(path) == first
    nbformat.write(new_notebook(cells=[new_code_cell("x = 2")]), path)
    assert bench.code_fingerprint(path) != first


def test_markdown_report_has_a_row_per_notebook_and_the_verdicts() -> None:
    text = bench.render_markdown(report(entry("01_a.ipynb", 12.0), entry("02_b.ipynb", 75.0)))
    assert "| 01_a.ipynb | 12.0 | 13.0, 12.0, 11.0 | 500 | yes |" in text
    assert "| 02_b.ipynb | 75.0 |" in text and "**no**" in text and "| **course** (00-07, sum) | **87.0** |" in text


@pytest.mark.parametrize(("seconds", "status"), [(1.0, 0), (46.0, 1)])
def test_check_exit_status_follows_the_budgets(tmp_path: Path, capsys, seconds: float, status: int) -> None:
    notebooks = execute_notebooks.discover_notebooks()
    current = report(*(entry(p.name, seconds, sha=bench.code_fingerprint(p)) for p in notebooks))
    (tmp_path / "bench.json").write_text(json.dumps(current), encoding="utf-8")
    assert bench.main(["--check", "--results", str(tmp_path)]) == status
    assert ("FAIL" in capsys.readouterr().out) == bool(status)


def test_check_refuses_a_missing_or_corrupt_report(tmp_path: Path) -> None:
    assert bench.main(["--check", "--results", str(tmp_path)]) == 2
    (tmp_path / "bench.json").write_text("[]", encoding="utf-8")
    assert bench.main(["--check", "--results", str(tmp_path)]) == 2


def test_discover_notebooks_in_order_and_refuses_missing(tmp_path: Path) -> None:
    found = execute_notebooks.discover_notebooks()
    assert found and found[0].name == "00_start_here.ipynb" and found == sorted(found)
    with pytest.raises(SystemExit, match="no such notebook"):
        execute_notebooks.discover_notebooks([tmp_path / "missing.ipynb"])


def test_run_copy_measures_the_kernels_memory_and_leaves_the_notebook_alone(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(execute_notebooks.os, "environ", dict(execute_notebooks.os.environ))
    execute_notebooks.use_kernel_environment(batch=True)
    path = tmp_path / "big.ipynb"
    allocate = "block = bytearray(300_000_000)\nblock[::4096] = b'x' * len(block[::4096])\nprint(len(block))"
    nbformat.write(new_notebook(cells=[new_code_cell(allocate)]), path)
    before = path.read_bytes()
    copy, wall, peak = execute_notebooks.run_copy(path, tmp_path / "runs", timeout=60)
    assert path.read_bytes() == before and copy.parent == tmp_path / "runs"
    assert "300000000" in "".join(nbformat.read(copy, as_version=4).cells[0].outputs[0].text)
    assert peak >= 300_000_000 and 0 < wall < 60


def test_merge_replaces_only_the_measured_notebooks_and_recomputes_the_course() -> None:
    old = report(entry("00_a.ipynb", 10.0), entry("01_b.ipynb", 20.0))
    new = report(entry("01_b.ipynb", 30.0), entry("08_c.ipynb", 40.0))
    merged = bench.merge(old, new)
    assert [e["notebook"] for e in merged["notebooks"]] == ["00_a.ipynb", "01_b.ipynb", "08_c.ipynb"]
    assert [e["median_seconds"] for e in merged["notebooks"]] == [10.0, 30.0, 40.0]
    assert merged["notebooks"][1]["measured"] == new["created"] and "measured" not in merged["notebooks"][0]
    assert merged["course"]["median_seconds"] == 40.0 and merged["course"]["part_two_median_seconds"] == 40.0
    assert "01_b.ipynb, 08_c.ipynb measured" in merged["note"]
