"""The repository's scripts: the data subset is reproducible, notebook execution is in place and safe."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import data

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import execute_notebooks  # noqa: E402
import install_kernel  # noqa: E402
import make_data_subset  # noqa: E402


@pytest.mark.skipif(data.find_idx_dir() is None, reason="full IDX files not installed (make system-deps)")
def test_subset_script_reproduces_the_committed_bytes() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_data_subset.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("identical") == 2


def test_subset_draw_is_balanced_seeded_and_without_repeats() -> None:
    import numpy as np

    labels = np.repeat(np.arange(10), 30)
    first = make_data_subset.draw_subset(np.zeros((300, 1)), labels, per_class=5, seed=1)
    again = make_data_subset.draw_subset(np.zeros((300, 1)), labels, per_class=5, seed=1)
    assert first.tolist() == again.tolist()
    assert np.bincount(labels[first]).tolist() == [5] * 10 and np.unique(first).size == 50


def test_npz_bytes_are_reproducible_and_loadable(tmp_path: Path) -> None:
    import numpy as np

    arrays = {"images": np.arange(12, dtype=np.uint8).reshape(3, 4), "labels": np.array([1, 2, 3], np.uint8)}
    payload = make_data_subset.npz_bytes(arrays)
    assert payload == make_data_subset.npz_bytes(arrays)
    (tmp_path / "x.npz").write_bytes(payload)
    with np.load(tmp_path / "x.npz", allow_pickle=False) as archive:
        np.testing.assert_array_equal(archive["images"], arrays["images"])


def test_atomic_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.npz"
    target.write_bytes(b"old")

    with pytest.raises(TypeError):
        make_data_subset.write_atomically(target, object())  # type: ignore[arg-type]
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.npz"]
    make_data_subset.write_atomically(target, b"new")
    assert target.read_bytes() == b"new" and oct(target.stat().st_mode & 0o777) == "0o644"


def test_execute_notebook_runs_a_notebook_in_place_with_clean_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    notebook = new_notebook(cells=[new_code_cell("x = 6 * 7\nprint(x)"), new_code_cell("x + 1")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(notebook, path)
    monkeypatch.setattr(execute_notebooks.os, "environ", dict(execute_notebooks.os.environ))
    execute_notebooks.use_kernel_environment(batch=True)
    execute_notebooks.execute(path, timeout=60)
    stored = json.loads(path.read_text())
    assert [c["execution_count"] for c in stored["cells"]] == [1, 2]
    assert "".join(stored["cells"][0]["outputs"][0]["text"]) == "42\n"
    assert "".join(stored["cells"][1]["outputs"][0]["data"]["text/plain"]) == "43"
    assert "execution" not in stored["metadata"] and "execution" not in stored["cells"][0]["metadata"]


def test_a_failing_notebook_leaves_the_stored_file_untouched(tmp_path: Path) -> None:
    import nbformat
    from nbclient.exceptions import CellExecutionError
    from nbformat.v4 import new_code_cell, new_notebook

    notebook = new_notebook(cells=[new_code_cell("raise RuntimeError('boom')")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, path)
    before = path.read_bytes()
    with pytest.raises(CellExecutionError):
        execute_notebooks.execute(path, timeout=60)
    assert path.read_bytes() == before


def test_kernel_spec_keeps_tensorflow_start_up_lines_out_of_notebooks() -> None:
    argv = install_kernel.KERNEL["argv"]
    assert "--IPKernelApp.capture_fd_output=False" in argv and "{connection_file}" in argv
    assert install_kernel.KERNEL["env"]["TF_CPP_MIN_LOG_LEVEL"] == "3"


def test_the_kernel_environment_is_defined_once_for_batch_runs_and_a_learners_session() -> None:
    base = {"MPLBACKEND": "Agg", "PYTEST_CURRENT_TEST": "x", "DROPOUT_COURSE_BATCH": "1", "HOME": "/h"}
    batch = install_kernel.kernel_environment(base, batch=True)
    learner = install_kernel.kernel_environment(base, batch=False)
    for env in (batch, learner):
        assert env["TF_CPP_MIN_LOG_LEVEL"] == "3" and env["PYTHONHASHSEED"] == "0" and env["HOME"] == "/h"
        assert "MPLBACKEND" not in env and "PYTEST_CURRENT_TEST" not in env
        assert env["JUPYTER_PATH"].split(":")[0] == str(Path(sys.prefix) / "share" / "jupyter")
    assert batch["DROPOUT_COURSE_BATCH"] == "1" and "DROPOUT_COURSE_BATCH" not in learner
    assert install_kernel.KERNEL["env"].items() >= install_kernel.KERNEL_ENV.items()


def test_run_claims_records_every_seed_and_the_runs_that_raise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nbformat
    import run_claims

    parameters = nbformat.v4.new_code_cell("SEED = 0")
    parameters.metadata["tags"] = ["parameters"]
    claim = "from helpers import claims\ncheck = claims.Checker('tiny', seed=SEED)\n"
    claim += (
        "check.that('small', 'the seed is small', SEED < 1, value=SEED)\nif SEED == 2:\n    raise ValueError('boom')"
    )
    nbformat.write(nbformat.v4.new_notebook(cells=[parameters, nbformat.v4.new_code_cell(claim)]), tmp_path / "t.ipynb")
    monkeypatch.setattr(execute_notebooks.os, "environ", dict(execute_notebooks.os.environ))
    execute_notebooks.use_kernel_environment(batch=True)
    entry = run_claims.run_notebook(tmp_path / "t.ipynb", [0, 1, 2], jobs=2, timeout=60)
    assert entry["errors"] == {"2": "CellExecutionError: ValueError: boom"}
    small = entry["claims"]["small"]
    assert (small["seeds"], small["held"], small["held_at"], small["median"]) == (3, 1, [0], 1.0)
    assert "| `small` | 1/3 | 1 | 0 to 2 | the seed is small |" in run_claims.report(
        {"notebooks": {"t": {**entry, "date": "2026-01-01", "versions": {"python": "3"}}}}
    )


@pytest.mark.parametrize("option", ["--seeds", "--jobs"])
@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_run_claims_refuses_counts_below_one_before_running_anything(option, value, capsys) -> None:
    import run_claims

    with pytest.raises(SystemExit) as exit_info:
        run_claims.main(["00", option, value])
    assert exit_info.value.code == 2
    assert f"argument {option}: must be a whole number of at least 1; got '{value}'" in capsys.readouterr().err


def test_the_memory_hook_survives_a_zombie_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import nbformat

    zombie = subprocess.Popen([sys.executable, "-c", "pass"])  # exits at once; not waited for: a zombie
    try:
        zombie_status = Path(f"/proc/{zombie.pid}/status")
        for _ in range(100):
            if "State:\tZ" in zombie_status.read_text():
                break
            time.sleep(0.02)
        assert "State:\tZ" in zombie_status.read_text()  # the case that used to raise TypeError
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
        nbformat.write(notebook, tmp_path / "z.ipynb")
        monkeypatch.setattr(execute_notebooks.os, "environ", dict(execute_notebooks.os.environ))
        execute_notebooks.use_kernel_environment(batch=True)
        _, peak = execute_notebooks.execute(tmp_path / "z.ipynb", timeout=60)
        assert peak > 0
    finally:
        zombie.wait()
