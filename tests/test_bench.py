"""scripts/bench.py: its parsing, summaries, budget logic and report, on synthetic data (no timing tests)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import bench  # noqa: E402
import notebook_runs  # noqa: E402

GB = 1_000_000_000


def entry(name: str = "01_x.ipynb", seconds: float = 20.0, peak: int = GB // 2, sha: str = "abc") -> dict:
    return bench.summarise_notebook(name, [seconds, seconds + 1, seconds - 1], [peak, peak - 5, peak - 9], sha)


def report(*entries: dict, **extra: object) -> dict:
    notebooks = list(entries) or [entry()]
    value = {
        "schema": bench.SCHEMA,
        "created": "2026-01-01 00:00 UTC",
        "machine": {"cpu_count": 2, "load_average_start": [0.1, 0.1, 0.1], "load_average_end": [0.2, 0.1, 0.1]},
        "packages": {"python": "3.11.7", "tensorflow": "2.21.0"},
        "repeats": 3,
        "budgets": {},
        "notebooks": notebooks,
        "course": bench.course_summary(notebooks),
        "mask_throughput": None,
    }
    value.update(extra)
    return value


# ------------------------------------------------------------------ summaries ----


def test_median_and_its_empty_input() -> None:
    assert bench.median([3.0, 1.0, 2.0]) == 2.0
    assert bench.median([1.0, 2.0]) == 1.5
    with pytest.raises(ValueError, match="values"):
        bench.median([])


def test_summarise_notebook_takes_the_median_wall_and_the_largest_peak() -> None:
    summary = bench.summarise_notebook("02_y.ipynb", [9.0, 30.0, 10.0], [5, 700, 6], "f" * 64)
    assert summary["median_seconds"] == 10.0
    assert summary["max_peak_rss_bytes"] == 700
    assert summary["wall_seconds"] == [9.0, 30.0, 10.0] and summary["error"] is None
    with pytest.raises(ValueError, match="walls and peaks"):
        bench.summarise_notebook("x", [1.0], [1, 2], "")
    with pytest.raises(ValueError, match="walls and peaks"):
        bench.summarise_notebook("x", [], [], "")


def test_course_summary_sums_medians_and_counts_failures() -> None:
    notebooks = [entry("a", 10.0, 100), entry("b", 20.0, 300), {"notebook": "c", "code_sha256": "", "error": "boom"}]
    course = bench.course_summary(notebooks)
    assert course == {"median_seconds": 30.0, "max_peak_rss_bytes": 300, "notebooks": 3, "failed": 1}


def test_code_fingerprint_follows_code_not_outputs_or_markdown(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# title"), nbformat.v4.new_code_cell("x = 1")]
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook, path)
    original = bench.code_fingerprint(path)
    notebook.cells[0].source = "# another title"
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    nbformat.write(notebook, path)
    assert bench.code_fingerprint(path) == original
    notebook.cells[1].source = "x = 2"
    nbformat.write(notebook, path)
    assert bench.code_fingerprint(path) != original


# ---------------------------------------------------------------------- budgets ----


def test_a_report_within_every_budget_passes_with_a_note_about_make_test() -> None:
    violations, warnings = bench.check_budgets(report(entry("a", 30.0), entry("b", 40.0)))
    assert violations == []
    assert any("make test" in warning for warning in warnings)


def test_a_notebook_at_its_budget_passes_and_just_over_fails() -> None:
    at, over = entry("at.ipynb", 60.0), entry("over.ipynb", 60.5)
    violations, _ = bench.check_budgets(report(at, over))
    assert violations == ["over.ipynb: median 60.5 s > 60 s"]


def test_the_course_budget_is_the_sum_of_the_medians() -> None:
    notebooks = [entry(f"{i:02d}.ipynb", 55.0) for i in range(6)]  # each fine, 330 s together
    violations, _ = bench.check_budgets(report(*notebooks))
    assert violations == ["course: 330.0 s > 300 s"]


def test_kernel_memory_over_2_gb_fails() -> None:
    fine, heavy = entry("fine.ipynb", peak=2 * GB), entry("heavy.ipynb", peak=2 * GB + 10)
    heavy["max_peak_rss_bytes"] = 2 * GB + 1
    violations, _ = bench.check_budgets(report(fine, heavy))
    assert len(violations) == 1 and violations[0].startswith("heavy.ipynb: peak kernel RSS 2,000 MB > 2,000 MB")


def test_a_failed_notebook_is_a_violation() -> None:
    failed = {"notebook": "bad.ipynb", "code_sha256": "", "error": "CellExecutionError: boom"}
    violations, _ = bench.check_budgets(report(entry(), failed))
    assert violations == ["bad.ipynb: failed during the bench: CellExecutionError: boom"]


@pytest.mark.parametrize(
    ("make_test", "expected"),
    [
        ({"seconds": 590.0, "returncode": 0}, []),
        ({"seconds": 601.0, "returncode": 0}, ["make test (clean clone): 601 s > 600 s"]),
        ({"seconds": 100.0, "returncode": 2}, ["make test (clean clone) failed with exit status 2"]),
    ],
)
def test_make_test_budget_when_it_was_timed(make_test: dict, expected: list[str]) -> None:
    violations, warnings = bench.check_budgets(report(make_test=make_test))
    assert violations == expected
    assert not any("make test" in warning for warning in warnings)


def test_custom_budgets_are_honoured() -> None:
    strict = bench.Budgets(notebook_seconds=10, course_seconds=15, kernel_rss_bytes=100, make_test_seconds=1)
    violations, _ = bench.check_budgets(report(entry("a", 12.0, 50)), strict)
    assert violations == ["a: median 12.0 s > 10 s"]


def test_stale_and_missing_notebooks_fail_unless_allowed() -> None:
    measured = report(entry("00.ipynb", sha="old"), entry("gone.ipynb", sha="x"))
    current = {"00.ipynb": "new", "01.ipynb": "whatever"}
    violations, warnings = bench.check_budgets(measured, current=current)
    assert violations == [
        "00.ipynb: code changed since it was measured (run `make bench`)",
        "01.ipynb: not in the bench report (run `make bench`)",
    ]
    assert "gone.ipynb: measured but no longer in notebooks/" in warnings
    violations, warnings = bench.check_budgets(measured, current=current, allow_stale=True)
    assert violations == [] and len(warnings) == 5  # + "the dropout-mask throughput was not measured"


# ------------------------------------------------------------- report parsing ----


def test_validate_report_accepts_a_bench_report() -> None:
    assert bench.validate_report(report()) == report()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r.pop("notebooks"), "missing key 'notebooks'"),
        (lambda r: r.update(repeats="3"), "'repeats' must be int"),
        (lambda r: r.update(repeats=True), "'repeats' must be int"),
        (lambda r: r.update(schema=99), "schema 99"),
        (lambda r: r["notebooks"].append("x"), r"notebooks\[1\] must be an object"),
        (lambda r: r["notebooks"][0].update(median_seconds=-1.0), "negative"),
        (lambda r: r["notebooks"][0].update(median_seconds="1"), "median_seconds"),
        (lambda r: r["notebooks"][0].pop("max_peak_rss_bytes"), "max_peak_rss_bytes"),
    ],
)
def test_validate_report_names_the_problem(mutate, message: str) -> None:
    broken = report()
    mutate(broken)
    with pytest.raises(ValueError, match=message):
        bench.validate_report(broken)


def test_validate_report_refuses_non_objects() -> None:
    with pytest.raises(ValueError, match="JSON object"):
        bench.validate_report([1, 2])


def test_load_report_explains_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "bench.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not valid JSON.*make bench"):
        bench.load_report(path)
    path.write_text(json.dumps(report()), encoding="utf-8")
    assert bench.load_report(path)["repeats"] == 3


# ------------------------------------------------------------ mask throughput ----


def timings(**seconds: float) -> list[dict]:
    return [{"method": m.replace("_", "."), "n_elements": 1024, "seconds": s} for m, s in seconds.items()]


def test_mask_ratios_divide_the_slower_time_by_the_faster() -> None:
    ratios = bench.mask_ratios(timings(copy=1.0, numpy=8.0, fast=2.0, tf_nn_dropout=4.0))
    table = {(r["faster"], r["slower"]): r["ratio"] for r in ratios}
    assert table[("fast", "numpy")] == 4.0
    assert table[("fast", "tf.nn.dropout")] == 2.0
    assert table[("copy", "numpy")] == 8.0
    assert ("fast", "keras") not in table  # keras was not measured
    assert all(r["n_elements"] == 1024 for r in ratios)


def test_mask_ratios_skip_a_zero_time() -> None:
    assert bench.mask_ratios(timings(fast=0.0, numpy=1.0), (("fast", "numpy"),)) == []


def test_mask_ratios_read_helpers_mask_speed_timings() -> None:
    """The contract with helpers.mask_speed: Timing.as_dict() rows feed the ratios."""
    mask_speed = pytest.importorskip("helpers.mask_speed")
    rows = [
        mask_speed.Timing(method=m, n_elements=2**20, seconds=s, repeats=3, calls_per_sample=1).as_dict()
        for m, s in (("copy", 0.001), ("numpy", 0.004), ("fast", 0.002))
    ]
    assert set(mask_speed.METHODS) >= {"copy", "numpy", "fast", "tf.nn.dropout", "keras"}
    table = {(r["faster"], r["slower"]): r["ratio"] for r in bench.mask_ratios(rows)}
    assert table[("fast", "numpy")] == 2.0 and table[("copy", "fast")] == 2.0


def test_measure_masks_parses_the_probe_and_reports_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = timings(copy=1.0, fast=2.0)
    outputs = {
        "good": subprocess.CompletedProcess(
            [], 0, "noise\nMASK-SPEED-JSON " + json.dumps({"timings": rows, "labels": {"copy": "c"}}) + "\n", ""
        ),
        "bad": subprocess.CompletedProcess([], 1, "", "Traceback...\nModuleNotFoundError: helpers.mask_speed\n"),
    }
    for case, completed in outputs.items():
        monkeypatch.setattr(bench.subprocess, "run", lambda *a, completed=completed, **k: completed)
        result = bench.measure_masks(repeats=3, sizes=[1024])
        if case == "good":
            assert result["timings"] == rows and result["ratios"][0]["ratio"] == 2.0
        else:
            assert result == {"error": "helpers.mask_speed failed (exit 1): ModuleNotFoundError: helpers.mask_speed"}


# ------------------------------------------------------------------ rendering ----


def test_markdown_report_shows_the_table_the_verdicts_and_the_packages() -> None:
    masks = {
        "timings": timings(copy=0.001, numpy=0.008),
        "labels": {"copy": "plain copy", "numpy": "NumPy mask"},
        "ratios": bench.mask_ratios(timings(copy=0.001, numpy=0.008)),
        "repeats": 7,
        "rate": 0.5,
    }
    text = bench.render_markdown(report(entry("01_a.ipynb", 12.0), entry("02_b.ipynb", 75.0), mask_throughput=masks))
    assert "| 01_a.ipynb | 12.0 | 12.0, 13.0, 11.0 | 500 | yes |" in text
    assert "| 02_b.ipynb | 75.0 |" in text and "| **no** |" in text
    assert "**course** (sum of medians) | **87.0**" in text
    assert "| 1 K | 1 | 0 |" in text  # million elements per second: 1024 / 0.001 s and 1024 / 0.008 s
    assert "| 1 K | 8.00 |" in text  # copy vs numpy
    assert "| tensorflow | 2.21.0 |" in text


def test_markdown_report_says_when_masks_were_not_measured() -> None:
    assert "Not available: not measured" in bench.render_markdown(report())
    assert "Not available: boom" in bench.render_markdown(report(mask_throughput={"error": "boom"}))


# ---------------------------------------------------------------- --check CLI ----


def _current_report(seconds: float) -> dict:
    notebooks = [
        entry(path.name, seconds, sha=bench.code_fingerprint(path)) for path in notebook_runs.discover_notebooks()
    ]
    return report(*notebooks)


@pytest.mark.parametrize(("seconds", "status"), [(1.0, 0), (61.0, 1)])
def test_check_exit_status_follows_the_budgets(tmp_path: Path, capsys, seconds: float, status: int) -> None:
    (tmp_path / "bench.json").write_text(json.dumps(_current_report(seconds)), encoding="utf-8")
    assert bench.main(["--check", "--results", str(tmp_path)]) == status
    out = capsys.readouterr().out
    assert ("OVER BUDGET" in out) == bool(status)


def test_check_refuses_a_corrupt_report(tmp_path: Path) -> None:
    (tmp_path / "bench.json").write_text("[]", encoding="utf-8")
    assert bench.main(["--check", "--results", str(tmp_path)]) == 2


# ----------------------------------------------------------- memory sampling ----


def test_tree_memory_monitor_sees_a_child_allocate() -> None:
    child = textwrap.dedent(
        """
        import time
        block = bytearray(300_000_000)
        block[::4096] = b"x" * len(block[::4096])  # touch every page: resident
        print("ready", flush=True)
        time.sleep(0.5)
        """
    )
    with notebook_runs.TreeMemoryMonitor(interval=0.02) as monitor:
        process = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "ready"
        time.sleep(0.1)
        process.wait(timeout=30)
    assert monitor.processes_seen >= 1
    assert monitor.peak_bytes >= 300_000_000


def test_tree_memory_monitor_validates_its_interval() -> None:
    for bad in (0, -1, 11, "1", True):
        with pytest.raises(ValueError, match="interval"):
            notebook_runs.TreeMemoryMonitor(interval=bad)


def test_discover_notebooks_in_order_and_refuses_missing(tmp_path: Path) -> None:
    found = notebook_runs.discover_notebooks()
    assert found and found[0].name == "00_start_here.ipynb" and found == sorted(found)
    with pytest.raises(FileNotFoundError, match="no such notebook"):
        notebook_runs.discover_notebooks([tmp_path / "missing.ipynb"])


@pytest.mark.parametrize(("tf_seconds", "violated"), [(2.0, False), (1.99, True)])
def test_the_fast_mask_must_reach_twice_tf_nn_dropout_at_4m(tf_seconds: float, violated: bool) -> None:
    at_4m = [
        {"method": "fast", "n_elements": 2**22, "seconds": 1.0},
        {"method": "tf.nn.dropout", "n_elements": 2**22, "seconds": tf_seconds},
    ]
    masks = {"timings": at_4m, "ratios": bench.mask_ratios(at_4m)}
    violations, _ = bench.check_budgets(report(entry("01.ipynb", 10.0), mask_throughput=masks))
    assert any("fast mask" in v and "2x target" in v for v in violations) is violated


def test_a_table_without_the_4m_comparison_only_warns() -> None:
    masks = {"timings": timings(copy=1.0, fast=2.0), "ratios": bench.mask_ratios(timings(copy=1.0, fast=2.0))}
    violations, warnings = bench.check_budgets(report(entry("01.ipynb", 10.0), mask_throughput=masks))
    assert not violations and "the fast mask was not compared with tf.nn.dropout at 4 M elements" in warnings
