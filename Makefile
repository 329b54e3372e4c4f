# Salon Matchmaker — the two quick-start commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export FLASK_APP := matchmaker

.PHONY: install run serve test lint format bench bench-web clean i18n-extract i18n-update i18n-compile i18n-init

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Install into .venv and compile the message catalogues (the .mo files are build artefacts).
install: $(STAMP) i18n-compile

# --- Languages (see matchmaker/translations/README.md) ---
I18N := $(BIN)/python -m matchmaker.languages

## Collect every marked string of the code and templates into matchmaker/translations/messages.pot.
i18n-extract: $(STAMP)
	$(I18N) extract

## Re-extract, then add new strings to every catalogue (untranslated) and drop removed ones.
i18n-update: i18n-extract
	$(I18N) update

## Compile each messages.po into the messages.mo the app reads.
i18n-compile: $(STAMP)
	$(I18N) compile

## Start the catalogue of a new language: make i18n-init LOCALE=de
i18n-init: i18n-extract
	$(I18N) init $(LOCALE)

## Install, create/upgrade the SQLite database, load demo data on first run, serve on :5000.
run: install
	$(BIN)/flask init-config
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/flask run --host 127.0.0.1 --port 5000

## Production server: gunicorn with gunicorn.conf.py (sync workers, 2 x cores + 1) on :8000.
serve: $(STAMP)
	$(BIN)/flask init-config
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn -c gunicorn.conf.py

## Run the whole suite (SQLite always; PostgreSQL too when MATCHMAKER_TEST_DATABASE_URL is set).
test: install
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m solver bench

## Web load benchmark on MATCHMAKER_DATABASE_URL (seeds a 2,000-company fair if empty).
## Extra options: make bench-web BENCH_ARGS="--seconds 20 --only agenda".
bench-web: $(STAMP)
	$(BIN)/flask init-config
	$(BIN)/flask bench-web $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
