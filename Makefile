# The two commands of the README are `make run` and `make test`; the rest serve them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test lint test-sqlite test-postgres messages vendor clean bench bench-web eval screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml hatch_build.py $(wildcard src/jalin/locale/*/LC_MESSAGES/*.po) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## Start jalin on SQLite, with the demo network when the database is empty.
run: $(STAMP)
	$(BIN)/jalin demo --if-empty
	$(BIN)/jalin serve --host $(HOST) --port $(PORT)

## The whole suite: lint, the layering contract, tests on SQLite and (when reachable) PostgreSQL.
test: $(TEST_STAMP)
	$(MAKE) --no-print-directory lint test-sqlite test-postgres

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/lint-imports

test-sqlite: $(TEST_STAMP)
	$(BIN)/python -m pytest

# The database tests again on PostgreSQL. Outside CI an unreachable server is a visible skip.
test-postgres: $(TEST_STAMP)
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/python -m pytest -m "db or browser"

## Refresh the Indonesian catalogue from the source (needs GNU gettext), then edit the .po.
messages: $(STAMP)
	cd src/jalin && ../../$(BIN)/django-admin makemessages -l id --no-obsolete --settings=jalin.settings

## Copy the pinned front-end packages into the static files.
vendor:
	scripts/vendor_static.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

## Time the imports on the benchmark generator's data (PRESET=small|medium|large).
PRESET ?= medium
bench: $(TEST_STAMP)
	$(BIN)/python scripts/bench.py --preset $(PRESET)

## The main pages under load: 20 clients through `jalin serve` (needs Debian's wrk).
bench-web: $(TEST_STAMP)
	$(BIN)/python scripts/bench_web.py --preset $(PRESET)

## Score the benchmark's contacts with the relationship model against its hidden labels.
eval: $(TEST_STAMP)
	$(BIN)/python scripts/evaluate.py --preset $(PRESET)

## Screenshots of every main page (English and Indonesian, desktop and phone) in docs/screenshots.
screenshots: $(TEST_STAMP)
	$(BIN)/python scripts/screenshots.py
