# Deskside: `make run` starts the app, `make test` runs the whole suite. Both make .venv when needed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint ruff typecheck bench demo screenshots clean soak

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The desk's own modules byte-compiled first (quick when nothing changed): an editable install has no bytecode
# of them, and with PYTHONDONTWRITEBYTECODE set every start would compile ~200 modules from source (~0.3 s).
run: $(STAMP)
	$(PY) -m compileall -q app core
	$(VENV)/bin/deskside

# pytest-xdist: one worker per CPU (PYTEST_XDIST_AUTO_NUM_WORKERS overrides); TEST_WORKERS=0 runs everything in
# one process. A module is one unit of work (loadscope), so its module-scoped desk is made once; units go out in
# collection order: the long integration and server modules first, the many short UI and unit ones filling in
# until every worker is done.
TEST_WORKERS ?= auto
TEST_PARALLEL := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder)

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider --durations=12 $(TEST_PARALLEL)

# Static checks: ruff (pycodestyle, pyflakes, bugbear, simplify, pyupgrade, isort), then the types
# (typecheck), then the import layers.
lint: $(STAMP) ruff typecheck
	$(VENV)/bin/lint-imports --no-cache

ruff: $(STAMP)
	$(VENV)/bin/ruff check .

# mypy: core/ and server/ at zero errors; app/ may not gain any over mypy-baseline.json
# (packaging/mypy_ratchet.py; after fixing some, `$(PY) packaging/mypy_ratchet.py --update`).
typecheck: $(STAMP)
	$(VENV)/bin/mypy core server
	$(PY) packaging/mypy_ratchet.py

# Long runs (tests marked soak: the sync state machines, the API and push fuzzers, the 100k-row CMDB import),
# each the long twin of a short pass that `make test` keeps; DESKSIDE_SOAK_EXAMPLES sets how many examples.
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -m soak

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run_all

demo: $(STAMP)
	$(VENV)/bin/deskside demo --tickets 5000 --seed 1

screenshots: $(STAMP)
	sh docs/make_screenshots.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# Packaging (packaging/README.md). The bundle is built from its own virtual environment holding only
# the runtime dependencies and PyInstaller, so test tools in .venv are never swept into it.
PACKAGE_VENV ?= build/package-venv
PACKAGE_STAMP := $(PACKAGE_VENV)/.installed-stamp
PYINSTALLER_REQ ?= pyinstaller>=6.10,<7

.PHONY: package package-test translations icons

$(PACKAGE_STAMP): pyproject.toml
	rm -rf $(PACKAGE_VENV)
	$(PYTHON) -m venv $(PACKAGE_VENV)
	$(PACKAGE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PACKAGE_VENV)/bin/python -m pip install --quiet . '$(PYINSTALLER_REQ)'
	touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP)
	sh packaging/build_linux.sh $(PACKAGE_VENV)/bin/pyinstaller

dist/deskside/deskside:
	$(MAKE) package

package-test: dist/deskside/deskside
	sh packaging/smoke_test.sh dist/deskside/deskside

translations: $(STAMP)
	$(PY) packaging/update_translations.py

icons: $(STAMP)
	$(PY) packaging/make_icons.py

# The server alone: a venv with only `pip install ./server` (no desktop stack) serves and passes tests/server.
.PHONY: test-server-alone
test-server-alone:
	sh packaging/server_alone_test.sh
