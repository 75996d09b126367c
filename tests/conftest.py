"""Shared fixtures: the graph is built once per test session."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from kg.graph.build import BuildResult
from tests import builds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # bench/synth.py, the benchmark's corpus generator, is not in the package
STATEMENTS = ROOT / "statements"


SEED = "kidd-21"


@pytest.fixture(scope="session")
def built() -> BuildResult:
    """The seed statement alone (the 21st KIDD): tests with exact expectations use this."""
    return builds.alone(SEED)


@pytest.fixture(scope="session")
def corpus() -> BuildResult:
    """Every bundled statement: tests of the whole series use this."""
    return builds.whole()


@pytest.fixture(scope="session")
def facts(built):
    return built.union(("facts",))


@pytest.fixture(scope="session")
def prov(built):
    return built.union(("provenance",))


def _serving(result):
    from kg.serve import start

    # The pages' tests are not about the time limit (tests/test_serve*.py are): on a loaded machine a
    # slow page must not become a 503 (and the client's penalty 503s for the pages after it).
    srv = start(result, workers=1, timeout=120, wait=60)
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture(scope="module")
def seed_server(built):
    """`kg serve` on the seed, one per test module (its caches start empty), stopped after it."""
    yield from _serving(built)


@pytest.fixture(scope="module")
def corpus_server(corpus):
    """`kg serve` on every bundled statement, one per test module, stopped after it."""
    yield from _serving(corpus)


@pytest.fixture()
def statement_copy(tmp_path) -> Path:
    """A writable copy of the statements folder holding only kidd-21, for bad-input tests."""
    dst = tmp_path / "statements"
    shutil.copytree(STATEMENTS / "kidd-21", dst / "kidd-21")
    return dst
