# `make demo` and `make test` do all the set-up: virtualenv, the project, a Chromium.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test bench browser docs clean accuracy calibrate lint test-fast screenshots

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

# ruff and mypy, configured in pyproject.toml (which also lists the modules not linted yet). No browser needed.
lint: $(INSTALLED)
	$(BIN)/ruff check auditor checks scripts tests
	$(BIN)/mypy auditor checks scripts tests

# The quick loop: every test not marked browser, slow or corpus (markers in pyproject.toml, applied in tests/conftest.py).
test-fast: $(INSTALLED)
	$(BIN)/python -m pytest -q -m "not browser and not slow and not corpus"

# Speed and memory on synthetic docs sites of 100, 300 and 1,000 pages (medians of 3 runs, cold and warm cache),
# then adversarial sites (no topic, 1-5 MB pages, 50,000-deep nesting, thousands of links, non-English, a 3 MB
# description) and linkinator 6 on the same 1,000-page site (from npm, when there is npm), then batch throughput on
# 200 synthetic listings: 1 and 2 local workers and a 2-worker local Dask cluster.
# BATCH_FLAGS=--no-browser (the default here) keeps the 200-listing batch to minutes; BATCH_FLAGS= renders every
# listing. A second batch of 20 listings renders each one, for the browser batch's target, alternately with the code
# of the day that target was set; that code knows no headless shell, so a full Chromium is added for it first.
BATCH_FLAGS ?= --no-browser
# The audit's modules are byte-compiled first, as a pip install does, and its report templates as its first run
# does: where PYTHONDONTWRITEBYTECODE is set every process would otherwise compile them from source, inside the
# timed span for those imported lazily and for every template.
bench: browser
	$(BIN)/python -m compileall -q auditor checks
	$(BIN)/python -c "from auditor.report.templates import precompile; precompile()"
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_batch.py $(BATCH_FLAGS)
	$(BIN)/python scripts/ensure_browser.py --full
	$(BIN)/python scripts/bench_batch.py --listings 20 --no-dask --against

clean:
	rm -rf $(VENV) demo-report listing-audit-report .pytest_cache

# The README's pictures: the demo's report (strong and weak, light and a dark phone), a portfolio and a comparison
# of the fixtures, each page's first screen at 1280 x 900 as a PNG in docs/img/; then the dashboard (`serve`): its
# portfolio, a listing's history after it degraded, and an audit in progress.
screenshots: browser
	$(BIN)/python scripts/screenshots.py
	$(BIN)/python scripts/dashboard_screenshots.py

# The rule reference is generated from the checks' metadata (a test keeps it in sync).
docs: $(INSTALLED)
	$(BIN)/listing-audit checks --format markdown > docs/rules.md

# Fields read right on the real pages of ../shared/corpus (third-party pages, read where they lie), per store and
# field, with the store adapters on and off. ACCURACY_FLAGS=--show-misses lists every field read wrong.
accuracy: browser
	$(BIN)/python scripts/accuracy.py $(ACCURACY_FLAGS)

# The verdicts on the real listings of ../shared/corpus/real against a careful reader's labels (judgements.csv):
# per check, verdicts labelled wrong that are still fail/warn and those labelled correct that are not.
calibrate: browser
	$(BIN)/python scripts/calibrate.py $(CALIBRATE_FLAGS)
