"""The engine stack: one engine per stage, chosen once (``--engine`` or ``kg.build(stack=)``)
and handed down to every stage that needs one.

* ``fast`` (the default): the ``reasonable`` OWL 2 RL reasoner, ``kg.checks.fast`` for SHACL, and
  Oxigraph for SPARQL tables and CSV;
* ``reference``: owlrl, pySHACL and rdflib's SPARQL, the stack the project is specified on.

They give the same answers (tests/test_engines.py, tests/test_shacl.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from kg.errors import KGError
from kg.reasoning import Reasoner

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from kg.checks.validate import Report
    from kg.graph.build import BuildResult
    from kg.sparql.engines import QueryEngine


@dataclass(frozen=True)
class Stack:
    """The OWL 2 RL reasoner, the SHACL engine and the SPARQL engine of one run."""

    name: str
    reasoner: Reasoner
    shacl: str  # kg.checks.validate.ENGINES
    sparql: str  # kg.sparql.engines.QUERY_ENGINES

    def validate(self, graph: "Graph", shapes: "Graph | None" = None) -> "Report":
        """SHACL on a materialised graph with this stack's SHACL engine."""
        from kg.checks.validate import validate

        return validate(graph, shapes, engine=self.shacl)

    def validate_build(self, result: "BuildResult") -> "Report":
        """A build as ``kg build`` checks it: its closure consistent, the shapes on the checked
        graph (:func:`kg.checks.validate.validate_build`), with this stack's SHACL engine."""
        from kg.checks.validate import validate_build

        return validate_build(result, engine=self.shacl)

    def validate_files(self, paths: Iterable[Path]) -> "Report":
        """RDF files as ``kg build`` checks what it writes: the closure by this stack's reasoner
        consistent, the shapes on the checked graph (:func:`kg.checks.validate.validate_files`)."""
        from kg.checks.validate import validate_files

        return validate_files(paths, engine=self.shacl, reasoner=self.reasoner)

    def query_engine(self, graph: "Graph") -> "QueryEngine":
        """This stack's SPARQL engine over ``graph``."""
        from kg.sparql.engines import engine

        return engine(self.sparql, graph)


STACKS = {
    "fast": Stack("fast", reasoner=Reasoner("reasonable"), shacl="fast", sparql="oxigraph"),
    "reference": Stack("reference", reasoner=Reasoner("owlrl"), shacl="reference", sparql="rdflib"),
}
DEFAULT_STACK = "fast"


def stack(name: "str | Stack | None" = None) -> Stack:
    """The stack called ``name`` (default: :data:`DEFAULT_STACK`); a Stack is returned as is."""
    if isinstance(name, Stack):
        return name
    try:
        return STACKS[name or DEFAULT_STACK]
    except KeyError:
        raise KGError(f"unknown engine `{name}`; use one of: {', '.join(STACKS)}.") from None
