# NewsPrism — two commands: `make run` and `make test`. Everything else is set up on demand.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
NP := $(VENV)/bin/newsprism
CORPUS ?= ../shared/data/articles/baly2020/articles-2018-2020.jsonl.gz
DEMO_LIMIT ?= 3000
DEMO_SINCE ?=
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test lint demo bench setup browser clean

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first, exactly this version: the CPU wheel on disk (anything else pulls CUDA)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

# Debian's chromium for the browser tests; installed when we are root and it is missing.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
	  || echo "could not install chromium: browser tests will be skipped"; fi

run: setup
	$(NP) init
	$(NP) run

demo: setup
	bash bench/demo.sh "$(CORPUS)" "$(DEMO_LIMIT)" "$(DEMO_SINCE)"

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy --strict src/

test: setup browser lint
	$(VENV)/bin/pytest -q -p no:cacheprovider --durations=30

# `make bench` prints the ratios of issue 20 first (pipeline, web app alone, web try_files), then runs every bench;
# `make bench BENCH=ratios` only the ratios, `make bench BENCH=pipeline` one script.
bench: setup
	$(PY) -m bench $(BENCH)

clean:
	rm -rf $(VENV) data .mypy_cache .ruff_cache .pytest_cache
