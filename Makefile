# KIDD-KG — build, check and query the knowledge graph of joint statements.
# `make run` and `make test` work on a fresh clone with only Python 3.11+ and make.

PYTHON  ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
KG      := $(BIN)/kg
OUT     ?= build
STAMP   := $(VENV)/.installed
# `make test` skips the tests marked slow (long engine and package comparisons) except in CI
# (CI=true), which runs everything, as `make test-all` does. Both spread the files over the cores.
JOBS    ?= auto
SKIP    := $(if $(filter true 1 yes,$(CI)),,-m "not slow")
# The forked background writer is tested in a process without threads (a parallel worker has them).
FORKED  := $(BIN)/python -m pytest -q -p no:xdist -p no:cacheprovider tests/test_background.py

.PHONY: help install run build query stats docs release bench test test-all eval-draft clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-11s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## create the virtualenv and install the project (editable) with test tools

run: build query ## the main job: build, reason, validate, then answer every stored query

build: $(STAMP) ## build the graph, reason (OWL 2 RL), validate (SHACL), write build/
	$(KG) build --out $(OUT)

query: $(STAMP) ## answer every stored query: a summary here, the full answers in build/answers/ (NAME.txt)
	$(KG) query --all --out-dir $(OUT)/answers

docs: $(STAMP) ## ontology HTML (pyLODE) and the model diagram, from ontology/kidd.ttl
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	$(KG) docs --out $(OUT)/docs --diagrams docs

release: $(STAMP) ## a release people fetch and cite: dist/kidd-kg-<version>/ (gzipped dumps, ontology, SSSOM, VoID, SHA256SUMS, CITATION.cff, notes)
	$(KG) release --out dist

stats: $(STAMP) ## entities per class, facts, acts per kind and agent
	$(KG) stats

bench: $(STAMP) ## benchmark: seed and 10/20/100/1,000 synthetic statements, reference vs fast engines, and the server load run (build/bench/)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py
	$(BIN)/python bench/incremental.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/load.py --mixed

eval-draft: $(STAMP) ## measure kg draft on the reviewed statements, leave-one-out (table; JSON in build/eval/)
	$(KG) draft --evaluate --out $(OUT)/eval

test: $(STAMP) ## run the test suite, in parallel (the slow engine comparisons too when CI=true)
	$(FORKED)
	$(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile $(SKIP)

test-all: $(STAMP) ## run every test, the slow ones included (what CI runs)
	$(FORKED)
	$(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile

clean: ## remove build outputs (keeps the virtualenv)
	rm -rf $(OUT) .pytest_cache
