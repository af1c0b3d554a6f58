# The two commands: `make run` (the app on embedded defaults) and `make test` (the suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
INSTALLED := $(VENV)/.installed

.PHONY: install run test lint bench clean

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

run: install
	bash scripts/run

test: install
	bash scripts/test

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf var/celery var/celerybeat-schedule*
