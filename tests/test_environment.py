"""The repository's set-up files agree with each other and with the README's promises."""

from __future__ import annotations

import re
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent


def _requirements(name: str = "requirements.txt") -> list[Requirement]:
    lines = (REPO / name).read_text(encoding="utf-8").splitlines()
    return [Requirement(line) for line in lines if line.strip() and not line.lstrip().startswith(("#", "-r"))]


#: Tools a learner does not need: they belong in requirements-dev.txt only.
DEVELOPER_TOOLS = {"pytest", "pytest-xdist", "hypothesis", "ruff", "playwright", "nbval", "jupytext", "psutil"}


def _environment_pins() -> dict[str, str]:
    text = (REPO / "environment.yml").read_text(encoding="utf-8")
    pip_block = text.split("- pip:", 1)[1]
    pins = re.findall(r"^\s+- ([A-Za-z0-9_.\-]+)==([^\s#]+)\s*$", pip_block, flags=re.MULTILINE)
    return {name.lower(): version for name, version in pins}


def test_every_requirement_is_pinned_exactly() -> None:
    for requirement in [*_requirements(), *_requirements("requirements-dev.txt")]:
        specifiers = list(requirement.specifier)
        assert len(specifiers) == 1 and specifiers[0].operator == "==", f"{requirement} is not an exact pin"


def test_environment_yml_has_the_same_pins_as_requirements_for_its_python() -> None:
    text = (REPO / "environment.yml").read_text(encoding="utf-8")
    python = re.search(r"^\s+- python=(\d+\.\d+)\s*$", text, flags=re.MULTILINE)
    assert python, "environment.yml must pin the Python version"
    environment = {"python_version": python.group(1), "python_full_version": python.group(1) + ".0"}
    expected = {
        requirement.name.lower(): next(iter(requirement.specifier)).version
        for requirement in _requirements()
        if requirement.marker is None or requirement.marker.evaluate(environment)
    }
    assert _environment_pins() == expected


def test_the_course_promises_its_core_packages() -> None:
    learner = {requirement.name.lower() for requirement in _requirements()}
    developer = {requirement.name.lower() for requirement in _requirements("requirements-dev.txt")}
    assert {"tensorflow", "keras", "jupyterlab", "matplotlib", "ipywidgets"} <= learner
    assert {"nbval", "pytest", "jupytext", "playwright", "ruff"} <= developer
    everything = [*_requirements(), *_requirements("requirements-dev.txt")]
    versions = {r.name.lower(): next(iter(r.specifier)).version for r in everything if r.marker is None}
    assert versions["tensorflow"].startswith("2.21.") and versions["nbval"].startswith("0.11.")


def test_learners_install_no_test_tools_and_the_developer_file_builds_on_theirs() -> None:
    learner = {requirement.name.lower() for requirement in _requirements()}
    developer = {requirement.name.lower() for requirement in _requirements("requirements-dev.txt")}
    assert not learner & DEVELOPER_TOOLS, f"test tools in requirements.txt: {sorted(learner & DEVELOPER_TOOLS)}"
    assert not learner & developer, f"pinned in both files: {sorted(learner & developer)}"
    first = (REPO / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements.txt" in first, "requirements-dev.txt must include the learner set"


def test_readme_first_screen_gives_exactly_the_two_commands() -> None:
    first_screen = "\n".join((REPO / "README.md").read_text(encoding="utf-8").splitlines()[:25])
    commands = re.findall(r"^make (\w+)", first_screen, flags=re.MULTILINE)
    assert commands == ["lab", "test"]


def test_ci_runs_make_test_after_the_system_packages() -> None:
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    steps = [line.strip() for line in run.splitlines() if line.strip().startswith("make ")]
    assert steps[0] == "make system-deps" and "make test" in steps
    assert "pip install" not in run and "apt-get" not in run  # everything goes through make targets


def test_makefile_targets_named_in_the_readme_exist() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`make ([a-z][a-z-]*)", readme))
    assert named <= targets, f"README names targets the Makefile lacks: {sorted(named - targets)}"


def test_lab_binds_to_loopback_and_opens_the_start_page() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    lab = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "--ServerApp.ip=127.0.0.1" in lab and "notebooks/00_start_here.ipynb" in lab
