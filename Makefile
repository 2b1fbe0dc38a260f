# Two commands for a new machine with Python 3.11+ and pip: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint eval bench bench-times bench-corpus train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/isnad analyze examples/idlib-flood-relief.txt --published 2024-12-07 --format text
	@rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/isnad corpus add --db demo.db --jsonl examples/corpus-sample.jsonl
	$(BIN)/isnad corpus match --db demo.db
	$(BIN)/isnad corpus events --db demo.db
	$(BIN)/isnad corpus claims --db demo.db --contradictions
	@echo "Browse the sample corpus: $(BIN)/isnad serve --db demo.db  (then open http://127.0.0.1:8000)"

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

test-fast: $(STAMP)  # without the tests marked slow (worker processes, Dask, the browser)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests

eval: $(STAMP)
	@if [ -d $(DATA)/articles-dev ]; then \
	  echo "== dev articles ($(DATA)/articles-dev)"; \
	  $(BIN)/isnad eval articles $(DATA)/articles-dev; \
	else echo "skipped: $(DATA)/articles-dev not found (set DATA=...)"; fi
	@echo "== check articles written and annotated for isnad (tests/fixtures/heldout)"
	@$(BIN)/isnad eval articles tests/fixtures/heldout

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --data $(DATA)

bench-times: $(STAMP)
	$(BIN)/python scripts/bench_times.py --data $(DATA)

# ingest the first ARTICLES of the ANT corpus into a fresh store with 2 workers, then 20 Arabic queries
ARTICLES ?= 5000
bench-corpus: $(STAMP)
	$(BIN)/python scripts/bench_corpus.py --data $(DATA) --articles $(ARTICLES) --workers 2

train: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/isnad train ner --data $(DATA)
	$(BIN)/isnad train subjectivity --data $(DATA)
	$(BIN)/isnad train checkworthiness --data $(DATA)

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
