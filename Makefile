# KIDD-KG — build, check and query the knowledge graph of joint statements.
# `make run` and `make test` work on a fresh clone with only Python 3.11+ and make.

PYTHON  ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
KG      := $(BIN)/kg
OUT     ?= build
STAMP   := $(VENV)/.installed

.PHONY: help install run build query stats docs bench test clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## create the virtualenv and install the project (editable) with test tools

run: build query ## the main job: build, reason, validate, then answer every stored query

build: $(STAMP) ## build the graph, reason (OWL 2 RL), validate (SHACL), write build/
	$(KG) build --dumps --out $(OUT)

query: $(STAMP) ## answer every stored query in a table
	$(KG) query --all

docs: $(STAMP) ## ontology HTML (pyLODE) and the model diagram, from ontology/kidd.ttl
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	$(KG) docs --out $(OUT)/docs --diagrams docs

stats: $(STAMP) ## entities per class, facts, acts per kind and agent
	$(KG) stats

bench: $(STAMP) ## benchmark: seed and 10/20/100/1,000 synthetic statements, reference vs fast engines, and the server load run (build/bench/)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py
	$(BIN)/python bench/incremental.py
	$(BIN)/python bench/load.py

test: $(STAMP) ## run the test suite
	$(BIN)/python -m pytest -q

clean: ## remove build outputs (keeps the virtualenv)
	rm -rf $(OUT) .pytest_cache
