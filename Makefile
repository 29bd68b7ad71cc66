# Targets match README.md. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: install run test browser-deps lint typecheck eval bench clean

$(BIN)/faultline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev,scale]"
	touch $@

install: $(BIN)/faultline

## the main job on the bundled examples -> out/
run: install
	$(BIN)/faultline analyze --out out

## Chromium for the report's browser tests: an explicit step (apt-get, as root or via sudo).
## `make test` never installs it; without it the browser tests are skipped (failed under CI).
browser-deps:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
	  echo "browser-deps: chromium and chromedriver are installed"; \
	elif ! command -v apt-get >/dev/null; then \
	  echo "browser-deps: no apt-get here; install Chromium and chromedriver by hand" >&2; exit 1; \
	else \
	  sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  echo "browser-deps: apt-get install chromium chromium-driver"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium chromium-driver \
	    >/dev/null; \
	fi

## lint, types, every test. The accuracy floors and seed tests need $$FAULTLINE_EVAL_DIR
## (default ../shared) and the browser tests need `make browser-deps`: without them they are
## skipped with one line each; under CI=true they fail.
test: install lint typecheck
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check faultline tests benchmarks

typecheck: install
	$(BIN)/mypy faultline

## scores of each extractor on ../shared/eval
eval: install
	$(BIN)/faultline eval events
	$(BIN)/faultline eval time
	$(BIN)/faultline eval quotes

## analyze throughput against the bare spaCy parse (2,000 articles)
bench: install
	$(BIN)/python benchmarks/bench_analyze.py --articles 2000 --stage-costs

clean:
	rm -rf out export build *.egg-info .pytest_cache .ruff_cache .mypy_cache
