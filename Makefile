# Salon Matchmaker — the two quick-start commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export FLASK_APP := matchmaker

.PHONY: install run serve test lint format bench bench-web clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Install, create/upgrade the SQLite database, load demo data on first run, serve on :5000.
run: $(STAMP)
	$(BIN)/flask init-config
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/flask run --host 127.0.0.1 --port 5000

## Production server: gunicorn with gunicorn.conf.py (sync workers, 2 x cores + 1) on :8000.
serve: $(STAMP)
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn -c gunicorn.conf.py

## Run the whole suite (SQLite always; PostgreSQL too when MATCHMAKER_TEST_DATABASE_URL is set).
test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m solver bench

## Web load benchmark on MATCHMAKER_DATABASE_URL (seeds a 2,000-company fair if empty).
## Extra options: make bench-web BENCH_ARGS="--seconds 20 --only agenda".
bench-web: $(STAMP)
	$(BIN)/flask bench-web $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
