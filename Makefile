# rankfile: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test setup system-deps lint typecheck test-sqlite test-postgres messages clean

$(BIN)/rankfile: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/rankfile

setup: $(BIN)/rankfile

run: setup
	$(BIN)/rankfile demo --if-empty --url http://127.0.0.1:$(PORT)
	$(BIN)/rankfile serve --host 127.0.0.1 --port $(PORT)

system-deps:
	bash scripts/install-system-deps

test: setup system-deps
	bash scripts/test
