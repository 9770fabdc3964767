# Two entry points: `make run` and `make test`. Both create .venv and install on first use.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: run test lint bench clean constraints

# PIP_CONSTRAINT, unlike -c, also reaches the isolated environment that builds sojourn itself
# (hatchling), so every package installed is the version constraints.txt names.
PINNED  := PIP_CONSTRAINT=$(CURDIR)/constraints.txt

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PINNED) $(BIN)/python -m pip install --quiet --upgrade pip
	$(PINNED) $(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sojourn report examples/relocant.yaml --on 2023-01-05

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/batch.py --stays 1000000

# The newest releases within pyproject.toml's ranges, pinned: a throwaway venv installs sojourn
# unpinned (with the build backend, whose versions the file pins too), and its versions replace
# the pins under constraints.txt's header. Then `make test` installs and tests them.
constraints:
	rm -rf .constraints-venv
	$(PY) -m venv .constraints-venv
	env -u PIP_CONSTRAINT .constraints-venv/bin/python -m pip install --quiet --upgrade pip
	env -u PIP_CONSTRAINT .constraints-venv/bin/python -m pip install --quiet hatchling -e '.[dev]'
	{ grep '^#' constraints.txt; .constraints-venv/bin/python -m pip freeze --all --exclude-editable \
	  | grep -v '^setuptools==' | sort -f; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf .constraints-venv

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
