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

## Chromium for the report's browser test (Debian packages)
browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)

## lint, types, every test (the eval floors and the browser test included)
test: install browser-deps lint typecheck
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
