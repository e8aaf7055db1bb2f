# Two entry points, each doing all set-up on a fresh machine with Python 3.11:
#   make        rebuild processed data, execute the notebooks, write the figures
#   make test   run the whole test suite (unit tests, doctests, notebooks under nbval)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: all build test bench clean-venv

all: build

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[notebooks,test]"
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/housing-research build

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[bench]"
	$(BIN)/python bench/run.py
	$(BIN)/python bench/bench_cleaning.py

clean-venv:
	rm -rf $(VENV)
