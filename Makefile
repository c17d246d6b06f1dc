# Growth Tracker — the two commands people need are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint bench dist clean translations

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(STAMP)

translations: $(STAMP)
	@if [ -x scripts/build-translations.sh ]; then scripts/build-translations.sh $(PY); fi

run: $(STAMP) translations
	$(VENV)/bin/growth-tracker

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: $(TEST_STAMP) translations
	bash scripts/install-system-deps.sh
	$(MAKE) lint
	$(PY) -m pytest -q

bench: $(TEST_STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) build dist test-artifacts
