# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Both create the environment (.venv from requirements.lock, node_modules from package-lock.json).

SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
WHEELS_STAMP := .cache/pyodide-wheels/.installed
PIP_TOOLS := pip-tools==7.6.2
SITE_DIR := site
ADDR ?= 127.0.0.1:8000

.PHONY: help env serve build test bench lint lock clean

help:
	@echo "make serve   build the site and serve it at http://$(ADDR) with live reload"
	@echo "make test    run every test (builds the site first)"
	@echo "make build   strict build into $(SITE_DIR)/"
	@echo "make bench   run the benchmarks"
	@echo "make lint    ruff check and format check"
	@echo "make lock    re-resolve requirements.in into requirements.lock"

$(PY_STAMP): requirements.lock
	@base=$$(tools/find-python) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV); echo "Creating $(VENV) with $$base"; "$$base" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to install MathJax (apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The wheels /check/ installs into Pyodide in the browser (requirements-browser.txt, hashes pinned).
$(WHEELS_STAMP): requirements-browser.txt $(PY_STAMP)
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
		--require-hashes -r requirements-browser.txt -d $(@D)
	@touch $@

env: $(PY_STAMP) $(NODE_STAMP) $(WHEELS_STAMP)

serve: env
	$(PY) -m mkdocs serve --strict --dev-addr $(ADDR)

build: env
	$(PY) -m mkdocs build --strict --clean --site-dir $(SITE_DIR)

# Two workers: the browser tests on one (tests/conftest.py groups them), the rest on the other.
test: build
	SITE_DIR=$(SITE_DIR) $(PY) -m pytest -n 2

bench: env
	$(PY) bench/run.py

lint: env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# pip-compile keeps the versions already in requirements.lock unless requirements.in asks for
# others; `make lock UPGRADE=--upgrade` takes the newest the pins in requirements.in allow.
lock:
	@base=$$(tools/find-python) || exit 1; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	"$$base" -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/pip" install --quiet --disable-pip-version-check $(PIP_TOOLS); \
	CUSTOM_COMPILE_COMMAND="make lock" "$$tmp/venv/bin/pip-compile" --quiet --generate-hashes \
		--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
		$(UPGRADE) --output-file requirements.lock requirements.in

clean:
	rm -rf $(SITE_DIR) .cache .pytest_cache
