# The dropout course. Two commands matter: `make lab` and `make test` (see README.md).
# Every target sets up .venv first when it is missing or its requirements file has changed:
# `make lab` needs the learner set (requirements.txt), every other target the developer set too.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.course-installed
DEV_STAMP := $(VENV)/.dev-installed
PORT ?= 8888
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# The course's kernel spec first on Jupyter's path; the kernels' environment is defined once, in
# scripts/install_kernel.py (the spec `make lab` uses; batch runs and conftest.py import it).
export JUPYTER_PATH := $(CURDIR)/$(VENV)/share/jupyter
unexport MPLBACKEND

# Notebook kernels run with the network off (scripts/run_offline.py: a network namespace with loopback only
# where the system permits it, and a socket guard in every kernel), so a notebook that downloads fails.
OFFLINE := $(PY) scripts/run_offline.py --
NBVAL := $(OFFLINE) $(PY) -m pytest --nbval --nbval-current-env --nbval-cell-timeout=300 -n 2 --dist loadfile
BENCH_NOTE ?=

.DEFAULT_GOAL := help
.PHONY: help setup setup-dev lab test unit lint nbval hygiene browser browser-full sync from-ipynb execute data data-check system-deps browser-deps clean
.PHONY: bench bench-check determinism offline html claims fuzz study-time core-path

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) scripts/bootstrap_venv.py $(VENV)

$(STAMP): requirements.txt scripts/install_kernel.py | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) scripts/install_kernel.py
	touch $(STAMP)

$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(DEV_STAMP)

setup: $(STAMP) ## create .venv and install what a learner needs (done by `make lab`)

setup-dev: $(DEV_STAMP) ## also install the developer tools (done by every other target)

lab: $(STAMP) ## open JupyterLab on 127.0.0.1 at the course's start page (PORT=8888 unless you set it)
	@$(PY) scripts/check_port.py $(PORT)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) --ServerApp.port_retries=0 \
		--ServerApp.root_dir=$(CURDIR) $(ROOT_FLAG) notebooks/00_start_here.ipynb

test: $(DEV_STAMP) ## every check: unit tests, lint, notebook hygiene, strict nbval, browser test
	$(MAKE) --no-print-directory unit lint hygiene nbval browser

unit: $(DEV_STAMP) ## unit tests of helpers/ and the repository (not the notebooks)
	$(PY) -m pytest tests --ignore=tests/browser -n 2 -q

lint: $(DEV_STAMP) ## ruff over helpers, tests, scripts and the notebooks
	$(BIN)/ruff check helpers tests scripts notebooks conftest.py
	$(BIN)/ruff format --check helpers tests scripts conftest.py
	$(PY) scripts/sync_notebooks.py --check

hygiene: $(DEV_STAMP) ## stored notebooks: one fresh run, no errors, no machine paths, no TF noise
	$(PY) -m pytest tests/test_notebook_hygiene.py -q

nbval: $(DEV_STAMP) ## re-run every notebook and compare with the stored outputs (strict)
	$(NBVAL) notebooks

browser: $(DEV_STAMP) ## JupyterLab in Debian's Chromium: the stored notebooks, their set-up, quiz and explorer cells run live, checked in light and dark themes; long cells' progress by their nbval times (needs browser-deps; after nbval)
	@if [ -d tests/browser ]; then $(PY) -m pytest tests/browser -p no:randomly -n 2 --dist worksteal -q -rs; else echo "no browser tests yet"; fi

browser-full: $(DEV_STAMP) ## the browser test with Run All in every notebook, every cell watched for progress (slow; now and then)
	BROWSER_FULL=1 $(MAKE) --no-print-directory browser

sync: $(DEV_STAMP) ## write each text source (notebooks/src/*.py) into its .ipynb, keeping unchanged outputs (NB=01 for one)
	$(PY) scripts/sync_notebooks.py $(NB)

from-ipynb: $(DEV_STAMP) ## write a notebook edited in JupyterLab back to its text source (NB=03; refuses to overwrite uncommitted text)
	@test -n "$(NB)" -a -f "$(firstword $(wildcard notebooks/$(NB)_*.ipynb))" || { echo "make from-ipynb needs NB=NN naming one notebook (e.g. NB=03)" >&2; exit 2; }
	@nb="$(firstword $(wildcard notebooks/$(NB)_*.ipynb))"; text="notebooks/src/$$(basename "$$nb" .ipynb).py"; \
	if ! git diff --quiet -- "$$text" 2>/dev/null; then \
		echo "$$text has uncommitted changes: commit or discard them first (nothing was written)" >&2; exit 1; fi; \
	$(BIN)/jupytext --quiet --to py:percent -o "$$text" "$$nb" && echo "wrote $$text from $$nb (review it with git diff)"

execute: sync ## sync, then re-execute every notebook in a fresh kernel and store the outputs (NB=01 for one)
	$(PY) scripts/execute_notebooks.py $(if $(NB),notebooks/$(NB)_*.ipynb,)

data: $(DEV_STAMP) ## rebuild data/*.npz from the Fashion-MNIST IDX files (needs system-deps)
	$(PY) scripts/make_data_subset.py

data-check: $(DEV_STAMP) ## rebuild the subset in memory and compare with the committed bytes
	$(PY) scripts/make_data_subset.py --check

system-deps: ## optional Debian packages: Chromium (browser test), Fashion-MNIST IDX files, venv
	$(if $(ROOT_FLAG),,sudo) apt-get update -q
	$(if $(ROOT_FLAG),,sudo) apt-get install -y -q chromium dataset-fashion-mnist python3-venv

browser-deps: ## only Debian's Chromium, for the browser test
	$(if $(ROOT_FLAG),,sudo) apt-get update -q
	$(if $(ROOT_FLAG),,sudo) apt-get install -y -q chromium

claims: sync ## the seed ledger (after syncing the text sources): every notebook with a parameters cell at 10+ seeds -> results/claims.* (NB=04 for one; slow)
	$(PY) scripts/run_claims.py $(NB)

bench: $(DEV_STAMP) ## time each notebook (3 fresh kernels, median, peak RSS): results/bench.*, then the docs' run times
	$(PY) scripts/bench.py --note "$(BENCH_NOTE)"
	$(PY) scripts/bench.py --write-docs
	$(PY) scripts/study_time.py
	$(PY) scripts/sync_notebooks.py

bench-check: $(DEV_STAMP) ## exit 1 if results/bench.json has a notebook > 45 s, course > 5 min, kernel > 2 GB
	$(PY) scripts/bench.py --check

study-time: $(DEV_STAMP) ## a learner's study time (core path, whole notebook) into the headers, 00's course map and the guide
	$(PY) scripts/study_time.py
	$(PY) scripts/sync_notebooks.py

core-path: $(DEV_STAMP) ## run every notebook without its deep-dive cells (fresh kernel, offline, a copy): results/core_path.json
	$(OFFLINE) $(PY) scripts/study_time.py --core-path $(if $(NB),notebooks/$(NB)_*.ipynb,)
	$(MAKE) --no-print-directory study-time

determinism: $(DEV_STAMP) ## run every notebook twice in fresh kernels, offline; compare what nbval compares
	$(OFFLINE) $(PY) scripts/execute_notebooks.py --determinism

offline: $(DEV_STAMP) ## the network guard's own tests, then the strict nbval run with the network off
	$(PY) -m pytest tests/test_offline.py -q
	$(MAKE) --no-print-directory nbval

fuzz: $(DEV_STAMP) ## bad arguments to every public helper and checker (10 s, 4 GiB per call; ~7 min): results/fuzz.* (ONLY=ablation,nb03 for some)
	$(PY) scripts/fuzz_helpers.py $(if $(ONLY),--only $(ONLY))

html: $(DEV_STAMP) ## static pages of the executed notebooks in build/html/ that work offline (widgets included)
	$(PY) scripts/build_html.py

clean: ## remove build output (keeps .venv)
	rm -rf build .pytest_cache
