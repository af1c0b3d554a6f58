# The two commands: `make run` (the app on embedded defaults) and `make test` (the suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
# uv installs the pinned set several times faster than pip (parallel downloads, its own cache).
UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv pip install --quiet --python $(VENV)/bin/python -c requirements.lock

.PHONY: install install-dev run test lint clean

$(VENV)/bin/uv:
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed-app: pyproject.toml requirements.lock | $(VENV)/bin/uv
	$(UV) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml requirements.lock | $(VENV)/bin/uv
	$(UV) -e '.[dev]'
	touch $@ $(VENV)/.installed-app

# var/ holds the embedded defaults' SQLite database, filesystem queue and beat schedule
# (FACTCHECK_VAR_DIR elsewhere); settings create no folder when imported.
install: $(VENV)/.installed-app
	mkdir -p var

install-dev: $(VENV)/.installed-dev
	mkdir -p var

# `make run PORT=8100` serves on another port (SITE_URL and the printed address follow).
PORT ?= 8000

run: install
	PORT=$(PORT) bash scripts/run

test: install-dev
	bash scripts/test

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

clean:
	rm -rf var/celery var/celerybeat-schedule*
