"""Builds of the bundled statements, made once per test process and shared by every test module.

A statement's test module, the coding tests and the session fixtures of conftest.py all read the
same few builds (the corpus, the seed, each statement alone); building each once per process instead
of once per module is most of what a test run spent on setup. The results are read, never changed:
a test that breaks a graph makes its own build (``kg.pipeline.build``).
"""

from __future__ import annotations

from functools import lru_cache

from kg.graph.build import BuildResult
from kg.pipeline import build


@lru_cache(maxsize=None)
def whole() -> BuildResult:
    """Every bundled statement."""
    return build()


@lru_cache(maxsize=None)
def alone(statement_id: str) -> BuildResult:
    """One bundled statement built alone."""
    return build(only=statement_id)


@lru_cache(maxsize=None)
def facts(statement_id: str):
    """The facts of one bundled statement built alone (one rdflib Graph, read only)."""
    return alone(statement_id).union(("facts",))
