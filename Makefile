# Deskside: `make run` starts the app, `make test` runs the whole suite. Both make .venv when needed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-fast lint bench demo screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/deskside

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run_all

demo: $(STAMP)
	$(VENV)/bin/deskside demo --tickets 5000 --seed 1

screenshots: $(STAMP)
	sh docs/make_screenshots.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
