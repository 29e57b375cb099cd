# make run: set up .venv and serve the dashboard. make test: set up and run the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help run test fast lint check bench sysdeps clean

help: ## list the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(PY):
	@echo "Creating $(VENV) with $(PYTHON)…"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(PY)
	@echo "Installing the dashboard's packages into $(VENV) (first run only; about 2 minutes)…"
	$(PY) -m pip install -q --disable-pip-version-check --progress-bar off -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed ## serve the dashboard on the bundled data (PORT=8502 for another port)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

sysdeps: ## install Debian's chromium and nginx (browser and proxy tests) when missing
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

lint: $(VENV)/.test-installed ## ruff (lint and format) and the mypy type checker
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

check: $(VENV)/.run-installed ## validate the data: every problem as one line with file, line, field and fix
	$(VENV)/bin/nktracker check

test: $(VENV)/.test-installed sysdeps lint ## lint, check the data, then every test (unit, AppTest, browser)
	$(VENV)/bin/nktracker check
	$(VENV)/bin/pytest -n 2 --dist loadfile

fast: $(VENV)/.test-installed ## the inner loop: tests that need no browser and take no seconds
	$(VENV)/bin/pytest -q -m "not browser and not slow"

bench: $(VENV)/.test-installed sysdeps ## every speed target, measured and judged in one run (BENCH_ARGS=--huge adds 1000x)
	$(PY) benchmarks/bench_load.py
	$(PY) benchmarks/targets.py --write $(BENCH_ARGS)

.PHONY: fuzz
fuzz: $(VENV)/.test-installed ## fuzz the loader: 10,000 fresh examples per test (NKTRACKER_FUZZ_EXAMPLES=N)
	NKTRACKER_FUZZ_EXAMPLES=$(or $(NKTRACKER_FUZZ_EXAMPLES),10000) \
		$(VENV)/bin/pytest -q -p no:cacheprovider tests/test_fuzz.py

.PHONY: load
load: $(VENV)/.run-installed ## load test: 30 sessions on the bundled data/, real app against a bare one
	$(PY) benchmarks/load.py --sessions 30 --compare

clean: ## remove the virtual environment and test artifacts
	rm -rf $(VENV) test-artifacts .pytest_cache .ruff_cache .mypy_cache
