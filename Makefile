# `make demo` and `make test` do all the set-up: virtualenv, the project, a Chromium.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test bench browser docs clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# Re-checked on every run (cheap when a browser is there): a machine can lose its Chromium.
browser: $(INSTALLED)
	$(BIN)/python scripts/ensure_browser.py

demo: browser
	$(BIN)/listing-audit demo --out demo-report

test: browser
	$(BIN)/python -m pytest -q

# Speed and memory on synthetic docs sites of 100, 300 and 1,000 pages (medians of 3 runs; a few minutes).
bench: browser
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) demo-report listing-audit-report .pytest_cache

# The rule reference is generated from the checks' metadata (a test keeps it in sync).
docs: $(INSTALLED)
	$(BIN)/listing-audit checks --format markdown > docs/rules.md
