# Tandem — see README.md. Every target installs what it needs first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: demo run test test-sqlite test-postgres lint typecheck bench install system-deps clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $$(scripts/find-python) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(VENV)/bin/uvicorn tandem.asgi:application --host 127.0.0.1 --port 8000 --app-dir src

run: install
	$(PY) manage.py migrate --noinput
	$(VENV)/bin/uvicorn tandem.asgi:application --host 127.0.0.1 --port 8000 --app-dir src

system-deps:
	@scripts/ensure-system-deps

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

typecheck: install
	$(VENV)/bin/mypy

test-sqlite: install system-deps node_modules/.installed
	$(PY) -m pytest -n $(WORKERS) $(PYTEST_ARGS)

test-postgres: install system-deps node_modules/.installed
	scripts/with-postgres $(PY) -m pytest -n $(WORKERS) $(PYTEST_ARGS)

test: lint typecheck test-sqlite test-postgres

bench: install system-deps
	@mkdir -p bench/results
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) bench/run.py --json bench/results/sqlite.json
	scripts/with-postgres $(PY) bench/run.py --json bench/results/postgresql.json
	$(PY) bench/matching/run.py --json bench/results/matching.json
	$(PY) bench/mentoring/run.py --json bench/results/mentoring-sqlite.json
	scripts/with-postgres $(PY) bench/mentoring/run.py --seconds 120 --json bench/results/mentoring-postgresql.json
	$(PY) bench/realtime/run.py --json bench/results/realtime-sqlite.json
	scripts/with-postgres $(PY) bench/realtime/run.py --json bench/results/realtime-postgresql.json
	$(PY) bench/community/run.py --json bench/results/community-sqlite.json
	scripts/with-postgres $(PY) bench/community/run.py --json bench/results/community-postgresql.json

clean:
	rm -rf $(VENV) node_modules db.sqlite3* media
